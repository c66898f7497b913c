/**
 * One leader's chain: its state, what blocks it (lost parts, root causes and their blocking
 * paths), its upstream network, and the details of whichever supplier is picked. Used by the
 * chain tracer and by the lead's own view.
 */
import type { Api } from './api';
import { h, replace, ErrorNote } from './dom';
import { EnterprisePanel } from './enterprise-panel';
import { AvailabilityBadge, ChainBadge, humanize, plural, ProvinceName, StatusBadge } from './labels';
import type { ChainDetail, Upstream, UpstreamEnterprise } from './model';
import { NetworkView } from './network';

export interface ChainData {
  chain: ChainDetail;
  upstream: Upstream;
}

export class ChainPanel {
  readonly el: HTMLElement;
  private network: NetworkView | null = null;
  private readonly details: EnterprisePanel;
  private disposed = false;

  constructor(
    private readonly api: Api,
    readonly leaderId: string,
    private readonly onLoaded?: (data: ChainData) => void,
  ) {
    this.details = new EnterprisePanel(api, () => this.network?.select(null));
    this.el = (
      <div class="chain" aria-busy="true">
        <p class="muted loading">Loading the chain of {leaderId}…</p>
      </div>
    );
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const id = encodeURIComponent(this.leaderId);
      const [chain, upstream] = await Promise.all([
        this.api.get<ChainDetail>(`/api/chains/${id}`),
        this.api.get<Upstream>(`/api/enterprises/${id}/upstream`),
      ]);
      if (this.disposed) return;
      this.render({ chain, upstream });
      this.onLoaded?.({ chain, upstream });
    } catch (err) {
      if (!this.disposed) replace(this.el, <ErrorNote error={err} />);
    } finally {
      this.el.removeAttribute('aria-busy');
    }
  }

  private pick = (id: string): void => {
    this.network?.select(id);
    void this.details.show(id);
  };

  private render({ chain, upstream }: ChainData): void {
    const byId = new Map<string, UpstreamEnterprise>();
    for (const t of upstream.tiers) for (const e of t.enterprises) byId.set(e.id, e);
    const leader = chain.leader;
    this.network = new NetworkView(
      { leader: { id: leader.id, status: leader.currentStatus ?? leader.status, state: chain.state }, upstream, paths: chain.rootCauses.map((r) => r.path) },
      this.pick,
    );
    replace(
      this.el,
      <section class="card chain-summary" aria-labelledby="chain-title">
        <div class="card-head">
          <div>
            <h2 id="chain-title">{leader.name}</h2>
            <p class="muted">
              <code>{leader.id}</code> · <ProvinceName code={leader.province} /> · {humanize(leader.industry)}
            </p>
          </div>
          <dl class="badges badge-facts">
            <dt>Chain</dt>
            <dd>
              <ChainBadge state={chain.state} />
            </dd>
            <dt>Leader</dt>
            <dd>
              <StatusBadge status={leader.currentStatus ?? leader.status} />
            </dd>
          </dl>
        </div>
        {blockers(chain, byId, this.pick)}
      </section>,
      <div class="chain-body">
        <section class="card network-card" aria-labelledby="network-title">
          <h2 id="network-title">Upstream network</h2>
          {this.network.el}
        </section>
        {this.details.el}
      </div>,
    );
    this.network.mount();
  }

  dispose(): void {
    this.disposed = true;
    this.network?.dispose();
  }
}

/** What blocks the leader: lost parts with their suppliers, root causes with blocking paths. */
function blockers(chain: ChainDetail, byId: Map<string, UpstreamEnterprise>, pick: (id: string) => void): HTMLElement {
  if (chain.state === 'clear') {
    return <p class="note note-ok">Nothing blocks this chain: every critical part has an available supplier.</p>;
  }
  if (chain.state === 'down' && !chain.rootCauses.length) {
    return <p class="note note-error">The leader itself is suspended.</p>;
  }
  return (
    <div class="blockers">
      <div>
        <h3>Lost parts</h3>
        <ul class="lost-parts">
          {chain.lostParts.map((lp) => (
            <li>
              <strong>{humanize(lp.part)}</strong>
              <span class="muted"> · {plural(lp.suppliers.length, 'supplier')}, none available: </span>
              {lp.suppliers.map((s) => (
                <span class="supplier-inline">
                  <button type="button" class="link-button" onClick={() => pick(s.id)}>
                    {s.id}
                  </button>{' '}
                  <AvailabilityBadge availability={s.availability} />
                </span>
              ))}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3>Root causes and blocking paths</h3>
        <ul class="root-causes">
          {chain.rootCauses.map((r) => (
            <li class="root-cause" data-root={r.id}>
              <p>
                <code class="id">{r.id}</code> in <ProvinceName code={r.province} />
                <span class="muted"> · {plural(r.path.length - 1, 'link')} to the leader</span>
              </p>
              <ol class="path" aria-label={`Blocking path from ${r.id} to ${chain.leader.id}`}>
                {r.path.map((id, i) => {
                  const e = byId.get(id);
                  const kind = i === r.path.length - 1 ? 'leader' : (e?.availability ?? 'operating');
                  return (
                    <li>
                      <button type="button" class={`chip chip-${kind}`} onClick={() => pick(id)} aria-label={`${id}${kind === 'leader' ? ', the leader' : `, ${kind}`}: show details`}>
                        {id}
                      </button>
                    </li>
                  );
                })}
              </ol>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
