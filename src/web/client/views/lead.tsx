/** The lead's view: my chain, what blocks it, and my suppliers tier by tier. */
import { useState } from 'preact/hooks';
import { useTitle, type ViewProps } from '../app';
import { ChainPanel, type ChainData } from '../chain-panel';
import { fmtNum, t, tn } from '../i18n';
import { AvailabilityBadge, partText, ProvinceName, StatusBadge } from '../labels';
import type { UpstreamEnterprise } from '../model';
import { Ent, nameOf } from '../names';
import { Pager } from '../ui';

export function LeadView({ ctx }: ViewProps) {
  useTitle(t('lead.title'));
  const leaderId = ctx.session.enterprise!;
  const [data, setData] = useState<ChainData | null>(null);
  return (
    <div class="view">
      <div class="view-head">
        <h1>{t('lead.title')}</h1>
        <p class="muted">{t('lead.intro', { name: nameOf(leaderId) })}</p>
      </div>
      <ChainPanel api={ctx.api} leaderId={leaderId} canWhatIf={false} onLoaded={setData} />
      {data ? <Tiers data={data} /> : null}
    </div>
  );
}

function Tiers(props: { data: ChainData }) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  return (
    <section class="card" aria-labelledby="tiers-title">
      <div class="card-head">
        <h2 id="tiers-title">{t('lead.tiersTitle')}</h2>
        <label class="check">
          <input id="tiers-problems" type="checkbox" checked={problemsOnly} onChange={(e) => setProblemsOnly((e.target as HTMLInputElement).checked)} /> {t('lead.onlyProblems')}
        </label>
      </div>
      <div class="tiers">
        {props.data.upstream.tiers.map(({ tier, enterprises }) => {
          const problems = enterprises.filter((e) => e.availability !== 'operating');
          const shown = problemsOnly ? problems : enterprises;
          return (
            <details class="tier" open={tier === 1} key={tier}>
              <summary>
                <strong>{t('lead.tier', { n: tier })}</strong>
                <span class="muted">
                  {' '}
                  · {tn('lead.suppliers', enterprises.length)}
                  {tier === 1 ? ` ${t('lead.direct')}` : ''}
                </span>
                {problems.length ? (
                  <span class="text-alert"> · {t('lead.notOperating', { n: fmtNum(problems.length) })}</span>
                ) : (
                  <span class="text-ok"> · {t('lead.allOperating')}</span>
                )}
              </summary>
              {shown.length ? <SupplierTable list={shown} /> : <p class="muted">{t('common.none')}</p>}
            </details>
          );
        })}
      </div>
    </section>
  );
}

/** Rows of one tier shown at once; deeper tiers hold hundreds. */
const TIER_PAGE = 50;

function SupplierTable(props: { list: UpstreamEnterprise[] }) {
  const [wanted, setPage] = useState(0);
  // The filter may shorten the list under the page shown.
  const page = Math.min(wanted, Math.max(0, Math.ceil(props.list.length / TIER_PAGE) - 1));
  const shown = props.list.slice(page * TIER_PAGE, (page + 1) * TIER_PAGE);
  return (
    <>
      <div class="table-wrap">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('col.supplier')}</th>
              <th scope="col">{t('col.province')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{t('col.availability')}</th>
              <th scope="col">{t('col.supplies')}</th>
              <th scope="col">{t('col.to')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id}>
                <th scope="row">
                  <Ent id={e.id} />
                </th>
                <td>
                  <ProvinceName code={e.province} />
                </td>
                <td>
                  <StatusBadge status={e.status} />
                </td>
                <td>
                  <AvailabilityBadge availability={e.availability} />
                </td>
                <td>{e.parts.map(partText).join(t('common.listSep'))}</td>
                <td class="small">
                  {e.customers.map((c, i) => (
                    <>
                      {i ? t('common.listSep') : ''}
                      <Ent id={c} />
                    </>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager total={props.list.length} page={page} size={TIER_PAGE} onPage={setPage} label={t('lead.pager')} />
    </>
  );
}
