/**
 * Status reporting: a reporter reports its own enterprise's status; a coordinator finds the
 * enterprise by name or id. The form starts from the enterprise's current status and
 * capacity (a careless click never resumes a suspended plant), and says what that status
 * means for the chains it feeds. Each report is appended to the history (PUT …/status).
 */
import { useEffect, useState } from 'preact/hooks';
import { useTitle, type ViewProps } from '../app';
import { CopyId } from '../enterprise-panel';
import { EnterpriseSearch } from '../enterprise-search';
import { fmtDate, fmtNum, fmtTime, t, tn } from '../i18n';
import { AvailabilityBadge, industryText, ProvinceName, roleText, StatusBadge, statusText } from '../labels';
import type { Enterprise, Status, StatusHistory, StatusReport, StatusReportWritten, WhatIf } from '../model';
import { nameOf, useNames } from '../names';
import { ErrorNote, Loading, Show, useLoad } from '../ui';

const STATUSES: Status[] = ['resumed', 'partial', 'suspended'];
/** Leaders named in the consequence line; the rest are counted. */
const NAMED_LEADERS = 5;

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function ReportView({ ctx, args }: ViewProps) {
  useTitle(t('report.title'));
  const fixed = ctx.session.role === 'reporter' ? ctx.session.enterprise! : null;
  const [id, setId] = useState<string | null>(fixed ?? args[0] ?? null);
  useEffect(() => {
    if (!fixed && id) history.replaceState(null, '', `#/report/${encodeURIComponent(id)}`);
  }, [id]);
  return (
    <div class="view">
      <div class="view-head">
        <h1>{t('report.title')}</h1>
        <p class="muted">{t('report.intro')}</p>
      </div>
      {fixed ? null : (
        <div class="toolbar">
          <div class="field field-inline field-grow">
            <label for="report-enterprise">{t('report.enterprise')}</label>
            <EnterpriseSearch api={ctx.api} id="report-enterprise" label={t('report.matches')} onPick={(e) => setId(e.id)} initial={id ? nameOf(id) : ''} />
          </div>
        </div>
      )}
      {id ? <ReportPanel key={id} ctx={ctx} id={id} /> : <p class="empty">{t('report.pick')}</p>}
    </div>
  );
}

function ReportPanel(props: { ctx: ViewProps['ctx']; id: string }) {
  const { ctx, id } = props;
  const path = `/api/enterprises/${encodeURIComponent(id)}`;
  const enterprise = useLoad(() => ctx.api.get<Enterprise>(path), [id]);
  const history = useLoad(() => ctx.api.get<StatusHistory>(`${path}/status-history`, { limit: 50 }), [id]);
  const reload = () => {
    void enterprise.reload({ quiet: true });
    void history.reload({ quiet: true });
  };
  return (
    <div class="report">
      <section class="card" aria-labelledby="report-enterprise-title">
        <Show load={enterprise}>{(e) => <Summary ctx={ctx} e={e} />}</Show>
      </section>
      <div class="report-grid">
        {enterprise.data ? <ReportForm ctx={ctx} e={enterprise.data} onReported={reload} /> : enterprise.error ? null : <Loading />}
        <section class="card report-history" aria-labelledby="report-history-title">
          <h2 id="report-history-title">{t('report.history')}</h2>
          <Show load={history}>{(r) => <HistoryTable reports={r.reports} />}</Show>
        </section>
      </div>
    </div>
  );
}

function ReportForm(props: { ctx: ViewProps['ctx']; e: Enterprise; onReported: () => void }) {
  const { ctx, e } = props;
  const current = e.currentStatus ?? e.status;
  const [status, setStatus] = useState<Status>(current);
  const [capacity, setCapacity] = useState(String(e.currentCapacityPct ?? e.capacityPct ?? ''));
  const [asOf, setAsOf] = useState(today());
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok?: string; error?: unknown } | null>(null);

  async function onSubmit(ev: Event): Promise<void> {
    ev.preventDefault();
    const body: Record<string, unknown> = { status };
    if (capacity !== '') body.capacityPct = Number(capacity);
    if (asOf) body.asOf = asOf;
    if (note.trim()) body.note = note.trim();
    setBusy(true);
    setOutcome(null);
    try {
      const out = await ctx.api.put<StatusReportWritten>(`/api/enterprises/${encodeURIComponent(e.id)}/status`, body);
      const text =
        out.capacityPct !== undefined
          ? t('report.doneCapacity', { status: statusText(out.status), pct: t('unit.pct', { v: fmtNum(out.capacityPct) }), date: fmtDate(out.asOf) })
          : t('report.done', { status: statusText(out.status), date: fmtDate(out.asOf) });
      setOutcome({ ok: text });
      ctx.announce(text);
      setNote('');
      props.onReported();
    } catch (err) {
      setOutcome({ error: err });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card report-form" aria-labelledby="report-form-title" onSubmit={onSubmit}>
      <h2 id="report-form-title">{t('report.newFor', { name: e.name })}</h2>
      <fieldset class="status-choice">
        <legend>{t('report.status')}</legend>
        {STATUSES.map((s) => (
          <label class={`status-option status-option-${s}`}>
            <input type="radio" name="report-status" value={s} checked={s === status} onChange={() => setStatus(s)} required />
            <span>{statusText(s)}</span>
            {s === current ? <span class="muted small"> {t('report.current')}</span> : null}
          </label>
        ))}
      </fieldset>
      {status !== current ? <p class="note note-warn">{t('report.changing', { from: statusText(current), to: statusText(status) })}</p> : null}
      <div class="form-grid">
        <div class="field">
          <label for="report-capacity">{t('report.capacity')}</label>
          <input
            id="report-capacity"
            name="capacityPct"
            type="number"
            min="0"
            max="100"
            step="1"
            inputMode="numeric"
            value={capacity}
            onInput={(ev) => setCapacity((ev.target as HTMLInputElement).value)}
          />
          <small class="hint">{t('report.capacityHint')}</small>
        </div>
        <div class="field">
          <label for="report-asof">{t('report.asOf')}</label>
          <input id="report-asof" name="asOf" type="date" value={asOf} required onInput={(ev) => setAsOf((ev.target as HTMLInputElement).value)} />
        </div>
      </div>
      <div class="field">
        <label for="report-note">{t('report.note')}</label>
        <textarea
          id="report-note"
          name="note"
          rows={3}
          maxLength={2000}
          placeholder={t('report.notePlaceholder')}
          value={note}
          onInput={(ev) => setNote((ev.target as HTMLTextAreaElement).value)}
        />
      </div>
      <div class="report-feedback" aria-live="polite">
        {outcome?.ok ? <p class="note note-ok">{outcome.ok}</p> : null}
        {outcome?.error ? <ErrorNote error={outcome.error} /> : null}
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('report.submit')}
        </button>
      </div>
    </form>
  );
}

/** Who the enterprise is, its current status, and what that means for the chains it feeds. */
function Summary(props: { ctx: ViewProps['ctx']; e: Enterprise }) {
  const { ctx, e } = props;
  const status = e.currentStatus ?? e.status;
  const down = status === 'suspended';
  // What-if on its status flipped: the leaders it holds up (suspended) or holds (operating).
  // Coordinators and liaisons may run it; a reporter reads the status alone.
  const canWhatIf = ctx.session.role === 'coordinator' || ctx.session.role === 'liaison';
  const effect = useLoad(async () => (canWhatIf ? ctx.api.post<WhatIf>('/api/what-if', down ? { resume: [e.id] } : { suspend: [e.id] }) : null), [e.id, status]);
  const changes = effect.data?.changes ?? [];
  useNames(
    ctx.api,
    changes.slice(0, NAMED_LEADERS).map((c) => c.leader),
  );
  const named = changes
    .slice(0, NAMED_LEADERS)
    .map((c) => nameOf(c.leader))
    .join(t('common.listSep'));
  const more = changes.length > NAMED_LEADERS ? t('common.more', { n: changes.length - NAMED_LEADERS }) : '';
  return (
    <>
      <div class="card-head">
        <div>
          <h2 id="report-enterprise-title">{e.name}</h2>
          <p class="muted">
            <CopyId id={e.id} /> · <ProvinceName code={e.province} /> · {industryText(e.industry)} · {roleText(e.role)}
          </p>
        </div>
        <div class="badges">
          <StatusBadge status={status} />
          {e.availability ? <AvailabilityBadge availability={e.availability} /> : null}
        </div>
      </div>
      <p class={`note ${down ? 'note-error' : e.availability === 'blocked' ? 'note-warn' : 'note-ok'}`} data-testid="status-meaning">
        {e.currentAsOf ? t(`report.meaning.${status}`, { date: fmtDate(e.currentAsOf) }) : t(`report.registered.${status}`)}{' '}
        {e.availability === 'blocked' ? `${t('report.meaning.blocked')} ` : ''}
        {effect.loading && effect.data === undefined
          ? t('common.loading')
          : effect.error || !effect.data
            ? ''
            : down
              ? changes.length
                ? `${tn('report.effect.resume', changes.length)} ${named}${more}`
                : t('report.effect.resumeNone')
              : changes.length
                ? `${tn('report.effect.suspend', changes.length)} ${named}${more}`
                : t('report.effect.suspendNone')}
      </p>
    </>
  );
}

function HistoryTable(props: { reports: StatusReport[] }) {
  if (!props.reports.length) return <p class="muted">{t('report.noReports')}</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">{t('report.asOf')}</th>
            <th scope="col">{t('report.status')}</th>
            <th scope="col" class="num">
              {t('ent.capacity')}
            </th>
            <th scope="col">{t('report.note')}</th>
            <th scope="col">{t('report.by')}</th>
          </tr>
        </thead>
        <tbody>
          {props.reports.map((r) => (
            <tr>
              <td>{fmtDate(r.asOf)}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td class="num">{r.capacityPct === undefined ? '–' : t('unit.pct', { v: fmtNum(r.capacityPct) })}</td>
              <td>{r.note ?? ''}</td>
              <td class="small muted" title={r.receivedAt ? t('ent.received', { at: fmtTime(r.receivedAt) }) : undefined}>
                {r.reporter ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
