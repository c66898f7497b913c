/** The lead's view: my chain, what blocks it, and my suppliers tier by tier. */
import type { Ctx, View } from '../app';
import { ChainPanel, type ChainData } from '../chain-panel';
import { h, replace } from '../dom';
import { AvailabilityBadge, humanize, plural, ProvinceName, StatusBadge } from '../labels';
import type { UpstreamEnterprise } from '../model';

export function leadView(ctx: Ctx): View {
  const leaderId = ctx.session.enterprise!;
  const tiers = <section class="card" aria-labelledby="tiers-title" />;
  const panel = new ChainPanel(ctx.api, leaderId, (data) => renderTiers(tiers, data));
  return {
    title: 'My chain',
    el: (
      <div class="view">
        <div class="view-head">
          <h1>My chain</h1>
          <p class="muted">What blocks {leaderId}, and the status of every supplier upstream of it.</p>
        </div>
        {panel.el}
        {tiers}
      </div>
    ),
    dispose() {
      panel.dispose();
    },
  };
}

function renderTiers(section: HTMLElement, { upstream }: ChainData): void {
  const problemsOnly = <input id="tiers-problems" type="checkbox" /> as HTMLInputElement;
  const body = <div class="tiers" />;
  const draw = () =>
    replace(
      body,
      upstream.tiers.map(({ tier, enterprises }) => {
        const problems = enterprises.filter((e) => e.availability !== 'operating');
        const shown = problemsOnly.checked ? problems : enterprises;
        return (
          <details class="tier" open={tier === 1}>
            <summary>
              <strong>Tier {tier}</strong>
              <span class="muted">
                {' '}
                · {plural(enterprises.length, 'supplier')}
                {tier === 1 ? ' (direct)' : ''}
              </span>
              {problems.length ? <span class="text-alert"> · {problems.length} not operating</span> : <span class="text-ok"> · all operating</span>}
            </summary>
            {shown.length ? supplierTable(shown) : <p class="muted">None.</p>}
          </details>
        );
      }),
    );
  problemsOnly.addEventListener('change', draw);
  draw();
  replace(
    section,
    <div class="card-head">
      <h2 id="tiers-title">My suppliers by tier</h2>
      <label class="check">{problemsOnly} Only those not operating</label>
    </div>,
    body,
  );
}

function supplierTable(list: UpstreamEnterprise[]): HTMLElement {
  return (
    <div class="table-wrap">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Supplier</th>
            <th scope="col">Province</th>
            <th scope="col">Status</th>
            <th scope="col">Availability</th>
            <th scope="col">Supplies</th>
            <th scope="col">To</th>
          </tr>
        </thead>
        <tbody>
          {list.map((e) => (
            <tr>
              <th scope="row">
                <code class="id">{e.id}</code>
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
              <td>{e.parts.map(humanize).join(', ')}</td>
              <td class="small">{e.customers.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
