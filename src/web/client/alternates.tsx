/**
 * Alternate suppliers for a blocked leader (CONTRACT §8): for each lost group in its way,
 * the top candidates that already make the part, what each would clear, and one click to
 * run the what-if with that supply link added. Shown only by servers that offer it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Api } from './api';
import { capabilities } from './capabilities';
import { fmtNum, t, tn } from './i18n';
import { partText, ProvinceName } from './labels';
import type { Alternates as AlternatesAnswer } from './model';
import { Ent, nameOf } from './names';
import { Show, useLoad } from './ui';
import { linksParam } from './views/what-if';

export type AlternateGroup = AlternatesAnswer['groups'][number];
export type Candidate = AlternateGroup['candidates'][number];

const TOP = 3;

export function clearsList(c: Candidate): string[] {
  return c.clears;
}
export function clearsCount(c: Candidate): number {
  return c.clears.length;
}

export function Alternates(props: { api: Api; leaderId: string; canWhatIf: boolean }) {
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    void capabilities(props.api).then((c) => setOffered(c.alternates));
  }, []);
  if (!offered) return null;
  return <AlternatesCard {...props} />;
}

function AlternatesCard(props: { api: Api; leaderId: string; canWhatIf: boolean }) {
  const load = useLoad(() => props.api.get<AlternatesAnswer>(`/api/chains/${encodeURIComponent(props.leaderId)}/alternates`, { limit: TOP }), [props.leaderId]);
  return (
    <section class="card alternates" aria-labelledby="alternates-title">
      <h2 id="alternates-title">{t('alt.title')}</h2>
      <p class="muted small">{t('alt.intro')}</p>
      <Show load={load}>
        {({ groups }) =>
          groups.length ? (
            <ul class="alt-groups">
              {groups.map((g) => (
                <li class="alt-group" key={`${g.customer}:${g.part}`}>
                  <h3>{t('alt.group', { part: partText(g.part), customer: nameOf(g.customer) })}</h3>
                  {g.candidates.length ? (
                    <ol class="alt-candidates">
                      {g.candidates.slice(0, TOP).map((c) => {
                        const cleared = clearsList(c);
                        return (
                          <li key={c.id} data-candidate={c.id}>
                            <div>
                              <Ent id={c.id} name={c.name} class="ent-strong" /> · <ProvinceName code={c.province} />
                              {c.sameProvince ? <span class="badge badge-avail-operating"> {t('alt.sameProvince')}</span> : null}
                              <span class="muted small">
                                {' '}
                                · {c.capacityPct === null ? t('alt.noCapacity') : t('alt.capacity', { pct: t('unit.pct', { v: fmtNum(c.capacityPct) }) })}
                              </span>
                            </div>
                            <div class="small">
                              {clearsCount(c) ? (
                                <strong class="text-ok">
                                  {tn('alt.clears', clearsCount(c))}
                                  {cleared.length ? ` ${cleared.map((id) => (id === props.leaderId ? t('alt.thisChain') : nameOf(id))).join(t('common.listSep'))}` : ''}
                                </strong>
                              ) : (
                                <span class="muted">{t('alt.clearsNone')}</span>
                              )}
                              {props.canWhatIf ? (
                                <>
                                  {' '}
                                  <a
                                    class="btn btn-quiet btn-small"
                                    href={`#/what-if?addLinks=${encodeURIComponent(linksParam([{ supplier: c.id, customer: g.customer, part: g.part }]))}`}
                                    aria-label={t('alt.tryAria', { name: c.name ?? nameOf(c.id), part: partText(g.part) })}
                                  >
                                    {t('alt.try')}
                                  </a>
                                </>
                              ) : null}
                            </div>
                          </li>
                        );
                      })}
                    </ol>
                  ) : (
                    <p class="muted small">{t('alt.noCandidates')}</p>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">{t('alt.none')}</p>
          )
        }
      </Show>
    </section>
  );
}
