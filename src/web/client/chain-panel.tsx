/**
 * One leader's chain: its state, what blocks it (lost parts, root causes and their blocking
 * paths), its upstream network, and the details of whichever supplier is picked. Used by the
 * chain tracer and by the lead's own view.
 */
import { useEffect, useState } from 'preact/hooks';
import { Alternates } from './alternates';
import type { Api } from './api';
import { EnterprisePanel, CopyId } from './enterprise-panel';
import { t, tn } from './i18n';
import { AvailabilityBadge, availabilityText, ChainBadge, industryText, partText, ProvinceName, StatusBadge } from './labels';
import type { ChainDetail, Upstream, UpstreamEnterprise } from './model';
import { Ent, nameOf, useNames } from './names';
import { Network } from './network';
import { Show, useLoad } from './ui';

export interface ChainData {
  chain: ChainDetail;
  upstream: Upstream;
}

export function ChainPanel(props: { api: Api; leaderId: string; canWhatIf: boolean; onLoaded?: (data: ChainData) => void }) {
  const { api, leaderId } = props;
  const [picked, setPicked] = useState<string | null>(null);
  const load = useLoad(async () => {
    const id = encodeURIComponent(leaderId);
    const [chain, upstream] = await Promise.all([api.get<ChainDetail>(`/api/chains/${id}`), api.get<Upstream>(`/api/enterprises/${id}/upstream`)]);
    return { chain, upstream };
  }, [leaderId]);
  useEffect(() => {
    if (load.data) props.onLoaded?.(load.data);
  }, [load.data]);
  useEffect(() => setPicked(null), [leaderId]);

  return (
    <div class="chain" aria-busy={load.loading}>
      <Show load={load}>
        {({ chain, upstream }) => {
          const byId = new Map<string, UpstreamEnterprise>();
          for (const tier of upstream.tiers) for (const e of tier.enterprises) byId.set(e.id, e);
          const leader = chain.leader;
          return (
            <>
              <section class="card chain-summary" aria-labelledby="chain-title">
                <div class="card-head">
                  <div>
                    <h2 id="chain-title">{leader.name}</h2>
                    <p class="muted">
                      <CopyId id={leader.id} /> · <ProvinceName code={leader.province} /> · {industryText(leader.industry)}
                    </p>
                  </div>
                  <dl class="badges badge-facts">
                    <dt>{t('chain.chain')}</dt>
                    <dd>
                      <ChainBadge state={chain.state} />
                    </dd>
                    <dt>{t('chain.leader')}</dt>
                    <dd>
                      <StatusBadge status={leader.currentStatus ?? leader.status} />
                    </dd>
                  </dl>
                </div>
                <Blockers api={api} chain={chain} byId={byId} pick={setPicked} />
              </section>
              {chain.state === 'blocked' ? <Alternates api={api} leaderId={leader.id} canWhatIf={props.canWhatIf} /> : null}
              <div class="chain-body">
                <section class="card network-card" aria-labelledby="network-title">
                  <h2 id="network-title">{t('chain.network')}</h2>
                  <Network
                    key={`${chain.leader.id}:${chain.revision}`}
                    input={{ leader: { id: leader.id, status: leader.currentStatus ?? leader.status, state: chain.state }, upstream, paths: chain.rootCauses.map((r) => r.path) }}
                    selected={picked}
                    onSelect={setPicked}
                  />
                </section>
                {picked ? <EnterprisePanel api={api} id={picked} onClose={() => setPicked(null)} /> : null}
              </div>
            </>
          );
        }}
      </Show>
    </div>
  );
}

/** What blocks the leader: lost parts with their suppliers, root causes with blocking paths. */
function Blockers(props: { api: Api; chain: ChainDetail; byId: Map<string, UpstreamEnterprise>; pick: (id: string) => void }) {
  const { chain, byId, pick } = props;
  useNames(props.api, [...chain.rootCauses.flatMap((r) => r.path), ...chain.lostParts.flatMap((lp) => lp.suppliers.map((x) => x.id))]);
  if (chain.state === 'clear') return <p class="note note-ok">{t('chain.clearNote')}</p>;
  if (chain.state === 'down' && !chain.rootCauses.length) return <p class="note note-error">{t('chain.leaderDown')}</p>;
  return (
    <div class="blockers">
      <div>
        <h3>{t('chain.lostParts')}</h3>
        <ul class="lost-parts">
          {chain.lostParts.map((lp) => (
            <li>
              <strong>{partText(lp.part)}</strong>
              <span class="muted"> · {tn('chain.noneAvailable', lp.suppliers.length)} </span>
              {lp.suppliers.map((s) => (
                <span class="supplier-inline">
                  <button type="button" class="link-button" onClick={() => pick(s.id)} title={s.id}>
                    {nameOf(s.id)}
                  </button>{' '}
                  <AvailabilityBadge availability={s.availability} />
                </span>
              ))}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3>{t('chain.rootCauses')}</h3>
        <ul class="root-causes">
          {chain.rootCauses.map((r) => (
            <li class="root-cause" data-root={r.id}>
              <p>
                <Ent id={r.id} class="ent-strong" /> · <ProvinceName code={r.province} />
                <span class="muted"> · {tn('chain.links', r.path.length - 1)}</span>
              </p>
              <ol class="path" aria-label={t('chain.pathAria', { root: nameOf(r.id), leader: nameOf(chain.leader.id) })}>
                {r.path.map((id, i) => {
                  const e = byId.get(id);
                  const kind = i === r.path.length - 1 ? 'leader' : (e?.availability ?? 'operating');
                  const what = kind === 'leader' ? t('chain.theLeader') : availabilityText(kind);
                  return (
                    <li>
                      <button
                        type="button"
                        class={`chip chip-${kind}`}
                        onClick={() => pick(id)}
                        title={id}
                        data-id={id}
                        aria-label={t('chain.chipAria', { name: nameOf(id), what })}
                      >
                        {nameOf(id)}
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
