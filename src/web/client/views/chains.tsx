/** The chain tracer: pick a leader, see what blocks it and its upstream network. */
import type { Ctx, View } from '../app';
import { ChainPanel } from '../chain-panel';
import { h, replace, ErrorNote } from '../dom';
import type { ChainSummary } from '../model';

const STATE_ORDER = { down: 0, blocked: 1, clear: 2 } as const;

export function chainsView(ctx: Ctx, args: string[]): View {
  let panel: ChainPanel | null = null;
  let chains: ChainSummary[] = [];
  const picker = <select id="leader-picker" name="leader" disabled /> as HTMLSelectElement;
  const onlyBlocked = <input id="only-blocked" type="checkbox" checked /> as HTMLInputElement;
  const counts = <span class="muted small" aria-live="polite" />;
  const body = <div class="chain-host" />;

  function fillPicker(selected: string | null): void {
    const shown = chains.filter((c) => !onlyBlocked.checked || c.state !== 'clear' || c.leader === selected);
    const group = (label: string, list: ChainSummary[]) =>
      list.length ? (
        <optgroup label={label}>
          {list.map((c) => (
            <option value={c.leader}>
              {c.leader}
              {c.state === 'clear' ? '' : ` — ${c.state}${c.lostParts.length ? `: ${c.lostParts.join(', ')}` : ''}`}
            </option>
          ))}
        </optgroup>
      ) : null;
    replace(picker, group('Blocked or down', shown.filter((c) => c.state !== 'clear')), group('Clear', shown.filter((c) => c.state === 'clear')));
    if (selected) picker.value = selected;
    const blocked = chains.filter((c) => c.state !== 'clear').length;
    counts.textContent = `${blocked} of ${chains.length} leaders blocked or down`;
  }

  function open(id: string): void {
    panel?.dispose();
    panel = new ChainPanel(ctx.api, id);
    replace(body, panel.el);
    picker.value = id;
    history.replaceState(null, '', `#/chains/${encodeURIComponent(id)}`);
  }

  picker.addEventListener('change', () => open(picker.value));
  onlyBlocked.addEventListener('change', () => fillPicker(picker.value || null));

  ctx.api
    .get<{ chains: ChainSummary[] }>('/api/chains')
    .then((r) => {
      chains = [...r.chains].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || a.leader.localeCompare(b.leader));
      const wanted = args[0] && chains.some((c) => c.leader === args[0]) ? args[0] : chains.find((c) => c.state !== 'clear')?.leader ?? chains[0]?.leader;
      fillPicker(wanted ?? null);
      picker.disabled = false;
      if (wanted) open(wanted);
      else replace(body, <p class="empty">There are no leaders yet: import a network first.</p>);
    })
    .catch((err: unknown) => replace(body, <ErrorNote error={err} />));

  return {
    title: 'Chains',
    el: (
      <div class="view">
        <div class="view-head">
          <h1>Chain tracer</h1>
          {counts}
        </div>
        <div class="toolbar">
          <div class="field field-inline">
            <label for="leader-picker">Leader</label>
            {picker}
          </div>
          <label class="check">
            {onlyBlocked} Only blocked leaders
          </label>
        </div>
        {body}
      </div>
    ),
    dispose() {
      panel?.dispose();
    },
  };
}
