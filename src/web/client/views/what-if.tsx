/**
 * What-if: suspend whole provinces, suspend or resume enterprises, and see which leaders'
 * chains would change. Nothing is stored; the analysis runs on a hypothetical status set.
 */
import type { Ctx, View } from '../app';
import { h, newId, replace, ErrorNote } from '../dom';
import { ChainBadge, plural, PROVINCES, ProvinceName, provinceText } from '../labels';
import type { Bottleneck, WhatIfChange } from '../model';

/** "S-1, S-2 S-3" → ["S-1", "S-2", "S-3"]. */
export function idList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

export function whatIfView(ctx: Ctx, _args: string[], params: URLSearchParams): View {
  const provinces: string[] = [];
  const provinceChips = <ul class="chips" aria-label="Provinces to suspend" />;
  const provinceSel = (
    <select id="whatif-province">
      <option value="">Choose a province…</option>
      {PROVINCES.map((p) => (
        <option value={p.code}>{provinceText(p.code)}</option>
      ))}
    </select>
  ) as HTMLSelectElement;
  const resume = <input id="whatif-resume" name="resume" type="text" autocomplete="off" spellcheck="false" list="whatif-bottlenecks" placeholder="e.g. S-007176, S-001354" /> as HTMLInputElement;
  const suspend = <input id="whatif-suspend" name="suspend" type="text" autocomplete="off" spellcheck="false" placeholder="e.g. S-000149" /> as HTMLInputElement;
  const datalist = <datalist id="whatif-bottlenecks" />;
  const suggestions = <div class="suggestions" />;
  const result = <section class="card" aria-labelledby="whatif-result-title" aria-live="polite" hidden />;
  const run = <button type="submit" class="btn btn-primary">Run what-if</button> as HTMLButtonElement;
  resume.value = params.get('resume') ?? '';
  suspend.value = params.get('suspend') ?? '';
  for (const code of (params.get('suspendProvinces') ?? '').split(',').filter(Boolean)) provinces.push(code);

  function renderChips(): void {
    replace(
      provinceChips,
      provinces.map((code) => (
        <li class="chip chip-removable">
          <ProvinceName code={code} />
          <button type="button" class="chip-remove" aria-label={`Remove ${provinceText(code)}`} onClick={() => removeProvince(code)}>
            ×
          </button>
        </li>
      )),
    );
  }

  function addProvince(): void {
    const code = provinceSel.value;
    if (code && !provinces.includes(code)) provinces.push(code);
    provinceSel.value = '';
    renderChips();
  }

  function removeProvince(code: string): void {
    provinces.splice(provinces.indexOf(code), 1);
    renderChips();
  }

  async function onRun(e: Event): Promise<void> {
    e.preventDefault();
    const body = { resume: idList(resume.value), suspend: idList(suspend.value), suspendProvinces: [...provinces] };
    if (!body.resume.length && !body.suspend.length && !body.suspendProvinces.length) {
      result.hidden = false;
      replace(result, <h2 id="whatif-result-title">Result</h2>, <p class="note">Choose at least one province to suspend or one enterprise to resume or suspend.</p>);
      return;
    }
    run.disabled = true;
    run.textContent = 'Running…';
    result.hidden = false;
    result.setAttribute('aria-busy', 'true');
    try {
      const out = await ctx.api.post<{ revision: number; changes: WhatIfChange[] }>('/api/what-if', body);
      replace(result, <h2 id="whatif-result-title">Result</h2>, changes(out.changes, body));
      ctx.announce(out.changes.length ? `What-if: ${plural(out.changes.length, 'leader')} would change.` : 'What-if: no leader would change.');
    } catch (err) {
      replace(result, <h2 id="whatif-result-title">Result</h2>, <ErrorNote error={err} />);
    } finally {
      result.removeAttribute('aria-busy');
      run.disabled = false;
      run.textContent = 'Run what-if';
    }
  }

  const addResume = (id: string) => {
    resume.value = [...idList(resume.value), id].filter((x, i, a) => a.indexOf(x) === i).join(', ');
    resume.focus();
  };

  ctx.api
    .get<{ bottlenecks: Bottleneck[] }>('/api/bottlenecks')
    .then(({ bottlenecks }) => {
      replace(
        datalist,
        bottlenecks.map((b) => <option value={b.id}>{`${provinceText(b.province)} · blocks ${plural(b.blockedLeaders, 'leader')}`}</option>),
      );
      if (!bottlenecks.length) return;
      replace(
        suggestions,
        <p class="muted small">Top bottlenecks (add to “Resume”):</p>,
        <ul class="chips">
          {bottlenecks.slice(0, 6).map((b) => (
            <li>
              <button type="button" class="chip chip-button" onClick={() => addResume(b.id)} aria-label={`Add ${b.id} to the enterprises to resume`}>
                + {b.id} <span class="muted">({plural(b.blockedLeaders, 'leader')})</span>
              </button>
            </li>
          ))}
        </ul>,
      );
    })
    .catch(() => undefined);

  renderChips();
  const provinceHint = newId('hint');
  const form = (
    <form class="card whatif-form" onSubmit={onRun} aria-labelledby="whatif-form-title">
      <h2 id="whatif-form-title">Hypothesis</h2>
      <div class="field">
        <label for="whatif-province">Suspend provinces</label>
        <div class="input-row">
          {provinceSel}
          <button type="button" class="btn btn-quiet" onClick={addProvince} aria-describedby={provinceHint}>
            Add province
          </button>
        </div>
        <small id={provinceHint} class="hint">
          Every enterprise in the province is taken as suspended.
        </small>
        {provinceChips}
      </div>
      <div class="field">
        <label for="whatif-resume">Resume enterprises</label>
        {resume}
        {datalist}
        <small class="hint">Enterprise ids, separated by commas or spaces.</small>
        {suggestions}
      </div>
      <div class="field">
        <label for="whatif-suspend">Suspend enterprises</label>
        {suspend}
      </div>
      <div class="form-actions">{run}</div>
    </form>
  ) as HTMLFormElement;

  if (resume.value || suspend.value || provinces.length) queueMicrotask(() => form.requestSubmit());

  return {
    title: 'What-if',
    el: (
      <div class="view">
        <div class="view-head">
          <h1>What-if</h1>
          <p class="muted">Which leaders' chains would change if these enterprises resumed or suspended? Nothing is saved.</p>
        </div>
        <div class="whatif">
          {form}
          {result}
        </div>
      </div>
    ),
  };
}

function changes(list: WhatIfChange[], body: { resume: string[]; suspend: string[]; suspendProvinces: string[] }): HTMLElement {
  const parts = [
    body.suspendProvinces.length ? `suspending ${body.suspendProvinces.map(provinceText).join(', ')}` : '',
    body.resume.length ? `resuming ${body.resume.join(', ')}` : '',
    body.suspend.length ? `suspending ${body.suspend.join(', ')}` : '',
  ].filter(Boolean);
  if (!list.length) return <p class="note">No leader's chain would change by {parts.join(' and ')}.</p>;
  const cleared = list.filter((c) => c.after === 'clear').length;
  const worse = list.length - cleared;
  return (
    <div>
      <p class="whatif-summary">
        By {parts.join(' and ')}: <strong>{plural(list.length, 'leader')}</strong> would change
        {cleared ? <span class="text-ok"> · {cleared} cleared</span> : null}
        {worse ? <span class="text-alert"> · {worse} blocked or down</span> : null}.
      </p>
      <div class="table-wrap">
        <table class="table" data-testid="whatif-changes">
          <thead>
            <tr>
              <th scope="col">Leader</th>
              <th scope="col">Now</th>
              <th scope="col">
                <span class="sr-only">becomes</span>
              </th>
              <th scope="col">Would be</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`#/chains/${encodeURIComponent(c.leader)}`}>{c.leader}</a>
                </th>
                <td>
                  <ChainBadge state={c.before} />
                </td>
                <td aria-hidden="true" class="arrow">
                  →
                </td>
                <td>
                  <ChainBadge state={c.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
