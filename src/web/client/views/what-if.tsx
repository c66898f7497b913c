/**
 * What-if: suspend whole provinces, suspend or resume enterprises (found by name or id),
 * optionally add supply links (an alternate supplier), and see which leaders' chains would
 * change. Nothing is stored; the analysis runs on a hypothetical status set.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useTitle, type ViewProps } from '../app';
import { EnterpriseSearch } from '../enterprise-search';
import { t, tn } from '../i18n';
import { ChainBadge, partText, PROVINCES, ProvinceName, provinceText } from '../labels';
import type { Bottlenecks, WhatIf, WhatIfChange } from '../model';
import { nameOf, useNames } from '../names';
import { ErrorNote, useLoad } from '../ui';

/** "S-1, S-2 S-3" → ["S-1", "S-2", "S-3"]. */
export function idList(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

export interface AddLink {
  supplier: string;
  customer: string;
  part: string;
}

/** "S1:C1:part,S2:C2:part" (the hash form of addLinks) → links. */
export function parseLinks(text: string): AddLink[] {
  return text
    .split(',')
    .map((x) => x.split(':'))
    .filter((x) => x.length === 3 && x.every(Boolean))
    .map(([supplier, customer, part]) => ({ supplier, customer, part }));
}

export function linksParam(links: AddLink[]): string {
  return links.map((l) => `${l.supplier}:${l.customer}:${l.part}`).join(',');
}

interface Body {
  resume: string[];
  suspend: string[];
  suspendProvinces: string[];
  addLinks: AddLink[];
}

function IdChips(props: { ids: string[]; label: string; onRemove: (id: string) => void }) {
  if (!props.ids.length) return null;
  return (
    <ul class="chips" aria-label={props.label}>
      {props.ids.map((id) => (
        <li class="chip chip-removable" key={id}>
          <span title={id}>{nameOf(id)}</span>
          <button type="button" class="chip-remove" aria-label={t('common.removeAria', { name: nameOf(id) })} onClick={() => props.onRemove(id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

export function WhatIfView({ ctx, params }: ViewProps) {
  useTitle(t('whatIf.title'));
  const [provinces, setProvinces] = useState<string[]>(idList(params.get('suspendProvinces') ?? ''));
  const [resume, setResume] = useState<string[]>(idList(params.get('resume') ?? ''));
  const [suspend, setSuspend] = useState<string[]>(idList(params.get('suspend') ?? ''));
  const [links, setLinks] = useState<AddLink[]>(parseLinks(params.get('addLinks') ?? ''));
  const [provinceChoice, setProvinceChoice] = useState('');
  const [result, setResult] = useState<{ body: Body; changes?: WhatIfChange[]; error?: unknown; empty?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const bottlenecks = useLoad(() => ctx.api.get<Bottlenecks>('/api/bottlenecks').then((r) => r.bottlenecks), []);
  const form = useRef<HTMLFormElement>(null);

  const add = (list: string[], id: string) => (list.includes(id) ? list : [...list, id]);

  async function run(ev?: Event): Promise<void> {
    ev?.preventDefault();
    const body: Body = { resume, suspend, suspendProvinces: provinces, addLinks: links };
    if (!resume.length && !suspend.length && !provinces.length && !links.length) {
      setResult({ body, empty: true });
      return;
    }
    setBusy(true);
    try {
      const out = await ctx.api.post<WhatIf>('/api/what-if', links.length ? body : { resume, suspend, suspendProvinces: provinces });
      setResult({ body, changes: out.changes });
      ctx.announce(out.changes.length ? tn('whatIf.announce', out.changes.length) : t('whatIf.announceNone'));
    } catch (err) {
      setResult({ body, error: err });
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (resume.length || suspend.length || provinces.length || links.length) void run();
  }, []);

  return (
    <div class="view">
      <div class="view-head">
        <h1>{t('whatIf.title')}</h1>
        <p class="muted">{t('whatIf.intro')}</p>
      </div>
      <div class="whatif">
        <form class="card whatif-form" onSubmit={run} aria-labelledby="whatif-form-title" ref={form}>
          <h2 id="whatif-form-title">{t('whatIf.hypothesis')}</h2>
          <div class="field">
            <label for="whatif-province">{t('whatIf.suspendProvinces')}</label>
            <div class="input-row">
              <select id="whatif-province" value={provinceChoice} onChange={(e) => setProvinceChoice((e.target as HTMLSelectElement).value)}>
                <option value="">{t('whatIf.chooseProvince')}</option>
                {PROVINCES.map((p) => (
                  <option value={p.code}>{provinceText(p.code)}</option>
                ))}
              </select>
              <button
                type="button"
                class="btn btn-quiet"
                aria-describedby="whatif-province-hint"
                onClick={() => {
                  if (provinceChoice) setProvinces(add(provinces, provinceChoice));
                  setProvinceChoice('');
                }}
              >
                {t('whatIf.addProvince')}
              </button>
            </div>
            <small id="whatif-province-hint" class="hint">
              {t('whatIf.provinceHint')}
            </small>
            {provinces.length ? (
              <ul class="chips" aria-label={t('whatIf.provincesChips')}>
                {provinces.map((code) => (
                  <li class="chip chip-removable" key={code}>
                    <ProvinceName code={code} />
                    <button
                      type="button"
                      class="chip-remove"
                      aria-label={t('common.removeAria', { name: provinceText(code) })}
                      onClick={() => setProvinces(provinces.filter((x) => x !== code))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
          <div class="field">
            <label for="whatif-resume">{t('whatIf.resume')}</label>
            <EnterpriseSearch
              api={ctx.api}
              id="whatif-resume"
              label={t('whatIf.matches')}
              describedBy="whatif-resume-hint"
              clearOnPick
              onPick={(e) => setResume(add(resume, e.id))}
            />
            <small id="whatif-resume-hint" class="hint">
              {t('whatIf.searchHint')}
            </small>
            <IdChips ids={resume} label={t('whatIf.resumeChips')} onRemove={(id) => setResume(resume.filter((x) => x !== id))} />
            {bottlenecks.data?.length ? (
              <div class="suggestions">
                <p class="muted small">{t('whatIf.suggestions')}</p>
                <ul class="chips">
                  {bottlenecks.data.slice(0, 6).map((b) => (
                    <li key={b.id}>
                      <button
                        type="button"
                        class="chip chip-button"
                        title={b.id}
                        onClick={() => setResume(add(resume, b.id))}
                        aria-label={t('whatIf.addAria', { name: b.name ?? nameOf(b.id) })}
                      >
                        + {b.name ?? nameOf(b.id)} <span class="muted">({tn('whatIf.blocksLeaders', b.blockedLeaders)})</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </div>
          <div class="field">
            <label for="whatif-suspend">{t('whatIf.suspend')}</label>
            <EnterpriseSearch api={ctx.api} id="whatif-suspend" label={t('whatIf.matches')} clearOnPick onPick={(e) => setSuspend(add(suspend, e.id))} />
            <IdChips ids={suspend} label={t('whatIf.suspendChips')} onRemove={(id) => setSuspend(suspend.filter((x) => x !== id))} />
          </div>
          {links.length ? (
            <div class="field">
              <span class="label">{t('whatIf.addLinks')}</span>
              <ul class="chips" aria-label={t('whatIf.addLinks')}>
                {links.map((l) => (
                  <li class="chip chip-removable" key={`${l.supplier}:${l.customer}:${l.part}`}>
                    <span>{t('whatIf.link', { supplier: nameOf(l.supplier), customer: nameOf(l.customer), part: partText(l.part) })}</span>
                    <button
                      type="button"
                      class="chip-remove"
                      aria-label={t('common.removeAria', { name: nameOf(l.supplier) })}
                      onClick={() => setLinks(links.filter((x) => x !== l))}
                    >
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              {busy ? t('whatIf.running') : t('whatIf.run')}
            </button>
          </div>
        </form>
        {result ? (
          <section class="card" aria-labelledby="whatif-result-title" aria-live="polite" aria-busy={busy}>
            <h2 id="whatif-result-title">{t('whatIf.result')}</h2>
            {result.empty ? (
              <p class="note">{t('whatIf.nothing')}</p>
            ) : result.error ? (
              <ErrorNote error={result.error} />
            ) : (
              <Changes api={ctx.api} list={result.changes!} body={result.body} />
            )}
          </section>
        ) : null}
      </div>
    </div>
  );
}

function Changes(props: { api: ViewProps['ctx']['api']; list: WhatIfChange[]; body: Body }) {
  const { list, body } = props;
  useNames(
    props.api,
    list.map((c) => c.leader),
  );
  const sep = t('common.listSep');
  const parts = [
    body.suspendProvinces.length ? t('whatIf.by.suspendProvinces', { list: body.suspendProvinces.map(provinceText).join(sep) }) : '',
    body.resume.length ? t('whatIf.by.resume', { list: body.resume.map(nameOf).join(sep) }) : '',
    body.suspend.length ? t('whatIf.by.suspend', { list: body.suspend.map(nameOf).join(sep) }) : '',
    body.addLinks.length ? t('whatIf.by.addLinks', { list: body.addLinks.map((l) => nameOf(l.supplier)).join(sep) }) : '',
  ].filter(Boolean);
  const how = parts.join(t('whatIf.and'));
  if (!list.length) return <p class="note">{t('whatIf.noChange', { how })}</p>;
  const cleared = list.filter((c) => c.after === 'clear').length;
  const worse = list.length - cleared;
  return (
    <div>
      <p class="whatif-summary">
        {tn('whatIf.summary', list.length, { how })}
        {cleared ? <span class="text-ok"> · {t('whatIf.cleared', { n: cleared })}</span> : null}
        {worse ? <span class="text-alert"> · {t('whatIf.worse', { n: worse })}</span> : null}
      </p>
      <div class="table-wrap">
        <table class="table" data-testid="whatif-changes">
          <thead>
            <tr>
              <th scope="col">{t('col.leader')}</th>
              <th scope="col">{t('whatIf.now')}</th>
              <th scope="col">
                <span class="sr-only">{t('whatIf.becomes')}</span>
              </th>
              <th scope="col">{t('whatIf.wouldBe')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.leader}>
                <th scope="row" data-id={c.leader}>
                  <a href={`#/chains/${encodeURIComponent(c.leader)}`} title={c.leader}>
                    {nameOf(c.leader)}
                  </a>
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
