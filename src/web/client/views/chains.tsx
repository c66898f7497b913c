/**
 * The chain tracer: find a leader by name or id (or pick one of the blocked ones, paged),
 * see what blocks it and its upstream network.
 */
import { useEffect, useState } from 'preact/hooks';
import { useTitle, type ViewProps } from '../app';
import { ChainPanel } from '../chain-panel';
import { EnterpriseSearch } from '../enterprise-search';
import { fmtNum, t } from '../i18n';
import { ChainBadge, partText } from '../labels';
import type { ChainList } from '../model';
import { nameOf, useNames } from '../names';
import { Pager, Show, useLoad } from '../ui';

const STATE_ORDER = { down: 0, blocked: 1, clear: 2 } as const;
const PAGE = 8;

export function ChainsView({ ctx, args }: ViewProps) {
  useTitle(t('chains.title'));
  const [leader, setLeader] = useState<string | null>(args[0] ?? null);
  const [page, setPage] = useState(0);
  const chains = useLoad(
    () =>
      ctx.api
        .get<ChainList>('/api/chains')
        .then((r) =>
          [...r.chains].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || (a.stopsOn ?? '9999').localeCompare(b.stopsOn ?? '9999') || a.leader.localeCompare(b.leader)),
        ),
    [],
  );
  useEffect(() => {
    if (!leader && chains.data?.length) setLeader(chains.data[0].leader);
  }, [chains.data]);
  useEffect(() => {
    if (leader) history.replaceState(null, '', `#/chains/${encodeURIComponent(leader)}`);
  }, [leader]);

  const blocked = chains.data?.filter((c) => c.state !== 'clear') ?? [];
  useNames(
    ctx.api,
    blocked.slice(page * PAGE, (page + 1) * PAGE).map((c) => c.leader),
  );
  return (
    <div class="view">
      <div class="view-head">
        <h1>{t('chains.heading')}</h1>
        {chains.data ? (
          <span class="muted small" aria-live="polite">
            {t('chains.counts', { blocked: fmtNum(blocked.length), total: fmtNum(chains.data.length) })}
          </span>
        ) : null}
      </div>
      <div class="toolbar">
        <div class="field field-inline field-grow">
          <label for="leader-search">{t('chains.leader')}</label>
          <EnterpriseSearch
            api={ctx.api}
            id="leader-search"
            label={t('chains.leaderMatches')}
            filters={{ role: 'leader' }}
            placeholder={t('chains.searchPlaceholder')}
            onPick={(e) => setLeader(e.id)}
            clearOnPick
          />
        </div>
      </div>
      <Show load={chains}>
        {(list) =>
          list.length ? (
            <>
              {blocked.length ? (
                <section class="card blocked-picker" aria-labelledby="blocked-pick-title">
                  <h2 id="blocked-pick-title">{t('chains.blockedList')}</h2>
                  <ul class="pick-list">
                    {blocked.slice(page * PAGE, (page + 1) * PAGE).map((c) => (
                      <li key={c.leader}>
                        <button type="button" class="pick" aria-pressed={c.leader === leader} title={c.leader} onClick={() => setLeader(c.leader)}>
                          <span class="pick-name">{c.name ?? nameOf(c.leader)}</span> <ChainBadge state={c.state} />
                          <span class="muted small"> {c.lostParts.slice(0, 3).map(partText).join(t('common.listSep'))}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  <Pager total={blocked.length} page={page} size={PAGE} onPage={setPage} label={t('chains.pager')} />
                </section>
              ) : null}
              {leader ? <ChainPanel key={leader} api={ctx.api} leaderId={leader} canWhatIf /> : null}
            </>
          ) : (
            <p class="empty">{t('chains.none')}</p>
          )
        }
      </Show>
    </div>
  );
}
