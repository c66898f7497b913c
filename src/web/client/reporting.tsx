/**
 * Reporting completeness (CONTRACT §10) on the dashboard: the share of enterprises that
 * reported on the data date, and the stale reporters (no report for more than the stale
 * window), most leaders served first, paged. The reminder button copies a reminder to send
 * to the enterprise (the API sends the daily reminders itself; it has no per-enterprise
 * "send now").
 */
import { useState } from 'preact/hooks';
import type { Api, Query } from './api';
import { fmtDate, fmtNum, fmtPct, t, tn } from './i18n';
import { ProvinceName } from './labels';
import { Ent, nameOf } from './names';
import type { Reporting } from './model';
import { Show, useLoad } from './ui';

/** One enterprise gone quiet (§10). */
export type StaleReporter = Reporting['stale'][number];

const PAGE = 10;

export function ReportingCard(props: { api: Api; date: string; province?: string }) {
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const [reminded, setReminded] = useState<ReadonlySet<string>>(new Set());
  const cursor = cursors[cursors.length - 1];
  const load = useLoad(() => {
    const q: Query = { date: props.date, limit: PAGE, cursor, province: props.province };
    return props.api.get<Reporting>('/api/stats/reporting', q);
  }, [cursor]);

  function remind(s: StaleReporter): void {
    const text = t('stale.reminderText', { name: s.name ?? nameOf(s.id), date: fmtDate(props.date), last: s.lastReport ? fmtDate(s.lastReport) : t('stale.never') });
    setReminded(new Set([...reminded, s.id]));
    // Not awaited: a browser may hold the promise while it asks for permission.
    void navigator.clipboard?.writeText(text).catch(() => undefined);
  }

  return (
    <section class="card" aria-labelledby="reporting-title">
      <h2 id="reporting-title">{t('stale.title')}</h2>
      <Show load={load}>
        {(r) => (
          <>
            <p>
              <strong class="kpi-inline">{fmtPct(r.rate)}</strong> {t('stale.reported', { reported: fmtNum(r.reported), expected: fmtNum(r.expected), date: fmtDate(r.date) })}{' '}
              <span class={r.staleCount ? 'text-alert' : 'text-ok'}>{tn('stale.count', r.staleCount)}</span>
            </p>
            {r.stale.length ? (
              <div class="table-wrap">
                <table class="table table-stack" data-testid="stale">
                  <thead>
                    <tr>
                      <th scope="col">{t('stale.enterprise')}</th>
                      <th scope="col">{t('col.province')}</th>
                      <th scope="col">{t('stale.last')}</th>
                      <th scope="col" class="num">
                        {t('stale.leadersServed')}
                      </th>
                      <th scope="col">
                        <span class="sr-only">{t('col.action')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.stale.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">
                          <Ent id={s.id} name={s.name} />
                        </th>
                        <td>
                          <ProvinceName code={s.province} />
                        </td>
                        <td data-label={t('stale.last')}>{s.lastReport ? fmtDate(s.lastReport) : <span class="muted">{t('stale.never')}</span>}</td>
                        <td class="num" data-label={t('stale.leadersServed')}>
                          {fmtNum(s.leadersServed)}
                        </td>
                        <td>
                          <button type="button" class="btn btn-quiet btn-small" onClick={() => remind(s)} aria-label={t('stale.remindAria', { name: s.name ?? nameOf(s.id) })}>
                            {reminded.has(s.id) ? t('stale.copied') : t('stale.remind')}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {cursors.length > 1 || r.nextCursor ? (
              <nav class="pager" aria-label={t('stale.pager')}>
                <button type="button" class="btn btn-quiet btn-small" disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
                  {t('pager.prev')}
                </button>
                <button type="button" class="btn btn-quiet btn-small" disabled={!r.nextCursor} onClick={() => setCursors([...cursors, r.nextCursor ?? undefined])}>
                  {t('pager.next')}
                </button>
              </nav>
            ) : null}
          </>
        )}
      </Show>
    </section>
  );
}
