/**
 * Runway (CONTRACT §7): the leaders that stop soonest, on a timeline from the data date: when
 * each line stops (its stock of the binding part runs out) against when the supplier that
 * binds it expects to resume. A gap (the line stops before the supplier is back) is what
 * coordinators work first.
 */
import { useState } from 'preact/hooks';
import { useTitle, type ViewProps } from '../app';
import { daysBetween, fmtDate, fmtNum, t, tn } from '../i18n';
import { partText } from '../labels';
import type { Bottleneck, Bottlenecks, Runway, RunwayLeader } from '../model';
import { Ent, nameOf, useNames } from '../names';
import { Pager, Show, useLoad } from '../ui';

const WINDOWS = [7, 14, 30, 90];
const PAGE = 15;

export function RunwayView({ ctx, params }: ViewProps) {
  useTitle(t('runway.title'));
  const [within, setWithin] = useState(Number(params.get('within') ?? 30));
  const [page, setPage] = useState(0);
  const load = useLoad(async () => {
    const [r, b] = await Promise.all([ctx.api.get<Runway>('/api/runway', { within }), ctx.api.get<Bottlenecks>('/api/bottlenecks')]);
    const leaders = r.leaders.filter((l) => l.stopsOn);
    leaders.sort((a, b2) => a.stopsOn!.localeCompare(b2.stopsOn!) || a.leader.localeCompare(b2.leader));
    return { date: r.date, leaders, roots: new Map(b.bottlenecks.map((x) => [x.id, x])) };
  }, [within]);
  const shown = load.data?.leaders.slice(page * PAGE, (page + 1) * PAGE) ?? [];
  useNames(
    ctx.api,
    shown.flatMap((l) => [l.leader, ...(l.bindingRoot ? [l.bindingRoot] : [])]),
  );

  return (
    <div class="view">
      <div class="view-head">
        <h1>{t('runway.title')}</h1>
        <p class="muted">{load.data ? t('runway.intro', { date: fmtDate(load.data.date) }) : t('runway.introShort')}</p>
      </div>
      <div class="toolbar">
        <div class="field field-inline">
          <label for="runway-within">{t('runway.within')}</label>
          <select
            id="runway-within"
            value={String(within)}
            onChange={(e) => {
              setWithin(Number((e.target as HTMLSelectElement).value));
              setPage(0);
            }}
          >
            {WINDOWS.map((d) => (
              <option value={String(d)}>{tn('runway.days', d)}</option>
            ))}
          </select>
        </div>
      </div>
      <Show load={load}>
        {(data) =>
          data.leaders.length ? (
            <section class="card" aria-labelledby="runway-list-title">
              <h2 id="runway-list-title">{tn('runway.count', data.leaders.length, { days: within })}</h2>
              <Timeline date={data.date} leaders={shown} roots={data.roots} />
              <Pager total={data.leaders.length} page={page} size={PAGE} onPage={setPage} label={t('runway.pager')} />
            </section>
          ) : (
            <p class="empty">{t('runway.none', { days: within })}</p>
          )
        }
      </Show>
    </div>
  );
}

/** One row per leader: a bar from the data date to its stop date, the binding root's expected return marked. */
function Timeline(props: { date: string; leaders: RunwayLeader[]; roots: Map<string, Bottleneck> }) {
  const { date, leaders, roots } = props;
  const ends = leaders.flatMap((l) => {
    const back = l.bindingRoot ? roots.get(l.bindingRoot)?.expectedResumeOn : null;
    return [l.stopsOn!, ...(back ? [back] : [])];
  });
  const span = Math.max(7, ...ends.map((d) => daysBetween(date, d) + 1));
  const pos = (d: string) => `${Math.max(0, Math.min(100, (daysBetween(date, d) / span) * 100)).toFixed(2)}%`;
  return (
    <div class="table-wrap">
      <table class="table runway table-stack" data-testid="runway">
        <thead>
          <tr>
            <th scope="col">{t('col.leader')}</th>
            <th scope="col">{t('runway.stopsOn')}</th>
            <th scope="col">{t('runway.binding')}</th>
            <th scope="col">{t('runway.back')}</th>
            <th scope="col" class="num">
              <abbr title={t('runway.gapHint')}>{t('runway.gap')}</abbr>
            </th>
            <th scope="col" class="runway-axis">
              {t('runway.timeline', { from: fmtDate(date, { short: true }) })}
            </th>
          </tr>
        </thead>
        <tbody>
          {leaders.map((l) => {
            const root = l.bindingRoot ? roots.get(l.bindingRoot) : undefined;
            const back = root?.expectedResumeOn ?? null;
            const gap = back ? daysBetween(l.stopsOn!, back) : null;
            const late = gap !== null && gap > 0;
            const stopped = (l.daysLeft ?? 1) <= 0;
            return (
              <tr key={l.leader} class={late ? 'row-gap' : ''} data-leader={l.leader}>
                <th scope="row">
                  <a href={`#/chains/${encodeURIComponent(l.leader)}`} title={l.leader}>
                    {l.name ?? nameOf(l.leader)}
                  </a>
                </th>
                <td data-label={t('runway.stopsOn')} class="nowrap">
                  <strong class={stopped ? 'text-alert' : ''}>{fmtDate(l.stopsOn, { short: true })}</strong>{' '}
                  <span class="muted small">{stopped ? t('runway.stopped') : tn('runway.daysLeft', l.daysLeft ?? 0)}</span>
                </td>
                <td data-label={t('runway.binding')}>
                  {l.bindingPart ? partText(l.bindingPart) : '–'}
                  {l.bindingRoot ? (
                    <>
                      {' · '}
                      <Ent id={l.bindingRoot} />
                    </>
                  ) : null}
                </td>
                <td data-label={t('runway.back')} class="nowrap">
                  {back ? fmtDate(back, { short: true }) : <span class="muted">{t('runway.unknown')}</span>}
                </td>
                <td class="num" data-label={t('runway.gap')}>
                  {gap === null ? '–' : late ? <strong class="gap">{t('runway.gapDays', { n: fmtNum(gap) })}</strong> : <span class="text-ok">{t('runway.noGap')}</span>}
                </td>
                <td class="runway-axis" aria-hidden="true">
                  <div class="runway-track">
                    <span class={`runway-bar${stopped ? ' runway-bar-stopped' : ''}`} style={{ width: pos(l.stopsOn!) }} />
                    {late ? <span class="runway-gap" style={{ left: pos(l.stopsOn!), width: `calc(${pos(back!)} - ${pos(l.stopsOn!)})` }} /> : null}
                    {back ? <span class="runway-back" style={{ left: pos(back) }} title={fmtDate(back)} /> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="legend legend-inline muted small">
        <span class="legend-item">
          <span class="swatch swatch-dot runway-key-bar" /> {t('runway.key.bar')}
        </span>
        <span class="legend-item">
          <span class="swatch swatch-dot runway-key-gap" /> {t('runway.key.gap')}
        </span>
        <span class="legend-item">
          <span class="swatch swatch-dot runway-key-back" /> {t('runway.key.back')}
        </span>
      </p>
    </div>
  );
}
