/**
 * Status reporting: a reporter reports its own enterprise's status; a coordinator picks the
 * enterprise. Each report is appended to the enterprise's history (PUT …/status).
 */
import type { Ctx, View } from '../app';
import { h, newId, replace, ErrorNote, Region } from '../dom';
import { AvailabilityBadge, formatTime, humanize, ProvinceName, StatusBadge, statusText } from '../labels';
import type { Enterprise, Status, StatusReport } from '../model';

const STATUSES: Status[] = ['resumed', 'partial', 'suspended'];

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function reportView(ctx: Ctx, args: string[]): View {
  const fixed = ctx.session.role === 'reporter' ? ctx.session.enterprise! : null;
  const host = <div class="report-host" />;
  let current: string | null = null;

  function open(id: string): void {
    current = id;
    if (!fixed) history.replaceState(null, '', `#/report/${encodeURIComponent(id)}`);
    replace(host, reportPanel(ctx, id));
  }

  let picker: HTMLElement | null = null;
  if (!fixed) {
    const input = <input id="report-enterprise" type="text" autocomplete="off" spellcheck="false" placeholder="e.g. S-002191" required /> as HTMLInputElement;
    picker = (
      <form
        class="toolbar"
        onSubmit={(e: Event) => {
          e.preventDefault();
          if (input.value.trim() && input.value.trim() !== current) open(input.value.trim());
        }}
      >
        <div class="field field-inline">
          <label for="report-enterprise">Enterprise id</label>
          {input}
        </div>
        <button type="submit" class="btn btn-quiet">
          Open
        </button>
      </form>
    );
    if (args[0]) input.value = args[0];
  }
  const start = fixed ?? args[0];
  if (start) open(start);
  else replace(host, <p class="empty">Enter the id of the enterprise whose status you report.</p>);

  return {
    title: 'Report status',
    el: (
      <div class="view">
        <div class="view-head">
          <h1>Report status</h1>
          <p class="muted">Reports are added to the enterprise's history; the latest “as of” date is its current status.</p>
        </div>
        {picker}
        {host}
      </div>
    ),
  };
}

function reportPanel(ctx: Ctx, id: string): HTMLElement {
  const summary = new Region('section', 'card');
  const history = new Region('div', 'report-history');
  const loadAll = () => {
    void summary.load(() => ctx.api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}`), enterpriseSummary);
    void history.load(() => ctx.api.get<{ reports: StatusReport[] }>(`/api/enterprises/${encodeURIComponent(id)}/status-history`, { limit: 50 }), (r) => historyTable(r.reports));
  };

  const radios = newId('status');
  const capacity = <input id="report-capacity" name="capacityPct" type="number" min="0" max="100" step="1" inputmode="numeric" /> as HTMLInputElement;
  const asOf = <input id="report-asof" name="asOf" type="date" value={today()} required /> as HTMLInputElement;
  const note = <textarea id="report-note" name="note" rows="3" maxlength="2000" placeholder="e.g. 60 % of staff back; waiting for steel coil from Wuhan" /> as HTMLTextAreaElement;
  const feedback = <div class="report-feedback" aria-live="polite" />;
  const submit = <button type="submit" class="btn btn-primary">Report status</button> as HTMLButtonElement;

  const form = (
    <form class="card report-form" aria-labelledby="report-form-title" onSubmit={onSubmit}>
      <h2 id="report-form-title">New report for {id}</h2>
      <fieldset class="status-choice">
        <legend>Status</legend>
        {STATUSES.map((s, i) => (
          <label class={`status-option status-option-${s}`}>
            <input type="radio" name={radios} value={s} checked={i === 0} required />
            <span>{statusText(s)}</span>
          </label>
        ))}
      </fieldset>
      <div class="form-grid">
        <div class="field">
          <label for="report-capacity">Capacity (%)</label>
          {capacity}
          <small class="hint">Optional, 0–100.</small>
        </div>
        <div class="field">
          <label for="report-asof">As of</label>
          {asOf}
        </div>
      </div>
      <div class="field">
        <label for="report-note">Note</label>
        {note}
      </div>
      {feedback}
      <div class="form-actions">{submit}</div>
    </form>
  );

  async function onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const status = (form.querySelector(`input[name="${radios}"]:checked`) as HTMLInputElement | null)?.value as Status | undefined;
    const body: Record<string, unknown> = { status };
    if (capacity.value !== '') body.capacityPct = Number(capacity.value);
    if (asOf.value) body.asOf = asOf.value;
    if (note.value.trim()) body.note = note.value.trim();
    submit.disabled = true;
    replace(feedback);
    try {
      const out = await ctx.api.put<StatusReport & { revision: number; currentStatus?: Status }>(`/api/enterprises/${encodeURIComponent(id)}/status`, body);
      const text = `Reported ${statusText(out.status).toLowerCase()}${out.capacityPct !== undefined ? ` (${out.capacityPct} %)` : ''} as of ${out.asOf}.`;
      replace(feedback, <p class="note note-ok">{text}</p>);
      ctx.announce(text);
      note.value = '';
      loadAll();
    } catch (err) {
      replace(feedback, <ErrorNote error={err} />);
    } finally {
      submit.disabled = false;
    }
  }

  loadAll();
  return (
    <div class="report">
      {summary.el}
      <div class="report-grid">
        {form}
        <section class="card" aria-labelledby="report-history-title">
          <h2 id="report-history-title">History</h2>
          {history.el}
        </section>
      </div>
    </div>
  );
}

function enterpriseSummary(e: Enterprise): HTMLElement {
  return (
    <div class="card-head">
      <div>
        <h2>{e.name}</h2>
        <p class="muted">
          <code>{e.id}</code> · <ProvinceName code={e.province} /> · {humanize(e.industry)} · {e.role}
        </p>
      </div>
      <div class="badges">
        <StatusBadge status={e.currentStatus ?? e.status} />
        {e.availability ? <AvailabilityBadge availability={e.availability} /> : null}
      </div>
    </div>
  );
}

function historyTable(reports: StatusReport[]): HTMLElement {
  if (!reports.length) return <p class="muted">No reports yet.</p>;
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">As of</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">
              Capacity
            </th>
            <th scope="col">Note</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr>
              <td>{r.asOf}</td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td class="num">{r.capacityPct === undefined ? '–' : `${r.capacityPct} %`}</td>
              <td>{r.note ?? ''}</td>
              <td class="small muted" title={r.receivedAt ? `received ${formatTime(r.receivedAt)}` : undefined}>
                {r.reporter ?? ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
