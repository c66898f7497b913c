/** One enterprise's details and status history, shown beside the chain it was picked from. */
import type { Api } from './api';
import { h, Region } from './dom';
import { AvailabilityBadge, formatTime, humanize, ProvinceName, StatusBadge } from './labels';
import type { Enterprise, StatusReport } from './model';

export class EnterprisePanel {
  readonly el: HTMLElement;
  private readonly region = new Region('div', 'panel-body');
  private readonly heading = <h2 id="enterprise-panel-title" tabindex="-1">Supplier details</h2>;

  constructor(
    private readonly api: Api,
    private readonly onClose: () => void,
  ) {
    this.el = (
      <aside class="card panel" aria-labelledby="enterprise-panel-title" hidden>
        <div class="card-head">
          {this.heading}
          <button type="button" class="btn btn-quiet btn-small" aria-label="Close supplier details" onClick={() => this.close()}>
            Close
          </button>
        </div>
        {this.region.el}
      </aside>
    );
  }

  async show(id: string): Promise<void> {
    this.el.hidden = false;
    this.heading.textContent = id;
    await this.region.load(
      () =>
        Promise.all([
          this.api.get<Enterprise>(`/api/enterprises/${encodeURIComponent(id)}`),
          this.api.get<{ reports: StatusReport[] }>(`/api/enterprises/${encodeURIComponent(id)}/status-history`, { limit: 20 }),
        ]),
      ([e, history]) => details(e, history.reports),
    );
    this.heading.focus({ preventScroll: true });
  }

  close(): void {
    this.el.hidden = true;
    this.onClose();
  }
}

function details(e: Enterprise, reports: StatusReport[]): HTMLElement {
  const status = e.currentStatus ?? e.status;
  const capacity = e.currentCapacityPct ?? e.capacityPct;
  return (
    <div class="enterprise" data-enterprise={e.id}>
      <p class="enterprise-name">{e.name}</p>
      <div class="badges">
        <StatusBadge status={status} />
        {e.availability ? <AvailabilityBadge availability={e.availability} /> : null}
      </div>
      <dl class="facts">
        <dt>Id</dt>
        <dd>
          <code>{e.id}</code>
        </dd>
        <dt>Province</dt>
        <dd>
          <ProvinceName code={e.province} />
          {e.city ? <span lang="zh-CN"> · {e.city}</span> : null}
        </dd>
        <dt>Industry</dt>
        <dd>
          {humanize(e.industry)} · {e.role}
          {e.size ? ` · ${e.size}` : ''}
        </dd>
        <dt>Capacity</dt>
        <dd>{capacity === undefined ? '–' : `${capacity} %`}</dd>
        {e.currentAsOf ? [<dt>Status as of</dt>, <dd>{e.currentAsOf}</dd>] : null}
        {e.contact ? [<dt>Contact</dt>, <dd>{e.contact}</dd>] : null}
      </dl>
      <h3>Status history</h3>
      {reports.length ? (
        <ol class="history">
          {reports.map((r) => (
            <li>
              <span class="history-when">{r.asOf}</span>
              <StatusBadge status={r.status} />
              {r.capacityPct !== undefined ? <span class="muted"> {r.capacityPct} %</span> : null}
              {r.reporter ? <span class="muted small"> · {r.reporter}</span> : null}
              {r.receivedAt ? <span class="muted small"> · received {formatTime(r.receivedAt)}</span> : null}
              {r.note ? <p class="history-note">{r.note}</p> : null}
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">No status reports: its status is the one it was registered with.</p>
      )}
    </div>
  );
}
