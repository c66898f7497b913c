/**
 * Access (coordinator): issue a token for a role and its scope (the province picked from the
 * list, the enterprise found by name or id), shown once; the tokens issued, newest first,
 * paged, each revocable.
 */
import { useState } from 'preact/hooks';
import { useTitle, type ViewProps } from '../app';
import { EnterpriseSearch } from '../enterprise-search';
import { fmtTime, t } from '../i18n';
import { PROVINCES, ProvinceName, provinceText } from '../labels';
import type { IssuedToken, Role, Token, TokenList } from '../model';
import { Ent, nameOf, useNames } from '../names';
import { roleName, ROLES } from '../session';
import { ErrorNote, Pager, Show, useLoad } from '../ui';

const PAGE = 20;

export function AccessView({ ctx }: ViewProps) {
  useTitle(t('access.title'));
  const [role, setRole] = useState<Role>('liaison');
  const [province, setProvince] = useState('');
  const [enterprise, setEnterprise] = useState<string | null>(null);
  const [expires, setExpires] = useState('');
  const [issued, setIssued] = useState<{ token: string; record: Token } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [page, setPage] = useState(0);
  const [confirming, setConfirming] = useState<string | null>(null);
  const tokens = useLoad(() => ctx.api.get<TokenList>('/api/tokens').then((r) => [...r.tokens].sort((a, b) => b.createdAt.localeCompare(a.createdAt))), []);
  const shown = tokens.data?.slice(page * PAGE, (page + 1) * PAGE) ?? [];
  useNames(
    ctx.api,
    shown.flatMap((x) => (x.enterprise ? [x.enterprise] : [])),
  );
  const scoped = role === 'lead' || role === 'reporter';

  async function issue(e: Event): Promise<void> {
    e.preventDefault();
    setError(null);
    setIssued(null);
    const body: Record<string, string> = { role };
    if (role === 'liaison') body.province = province;
    if (scoped && enterprise) body.enterprise = enterprise;
    if (expires) body.expiresAt = `${expires}T23:59:59Z`;
    try {
      const out = await ctx.api.post<IssuedToken>('/api/tokens', body);
      setIssued({ token: out.token, record: out });
      ctx.announce(t('access.issued', { role: roleName(role) }));
      void tokens.reload({ quiet: true });
    } catch (err) {
      setError(err);
    }
  }

  async function revoke(id: string): Promise<void> {
    setConfirming(null);
    try {
      await ctx.api.request('DELETE', `/api/tokens/${encodeURIComponent(id)}`);
      ctx.announce(t('access.revoked'));
      void tokens.reload({ quiet: true });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div class="view">
      <div class="view-head">
        <h1>{t('access.title')}</h1>
        <p class="muted">{t('access.intro')}</p>
      </div>
      <div class="report-grid">
        <form class="card" aria-labelledby="access-form-title" onSubmit={issue}>
          <h2 id="access-form-title">{t('access.new')}</h2>
          <div class="field">
            <label for="access-role">{t('access.role')}</label>
            <select id="access-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
              {ROLES.map((r) => (
                <option value={r}>{roleName(r)}</option>
              ))}
            </select>
          </div>
          {role === 'liaison' ? (
            <div class="field">
              <label for="access-province">{t('access.province')}</label>
              <select id="access-province" value={province} required onChange={(e) => setProvince((e.target as HTMLSelectElement).value)}>
                <option value="">{t('whatIf.chooseProvince')}</option>
                {PROVINCES.map((p) => (
                  <option value={p.code}>{provinceText(p.code)}</option>
                ))}
              </select>
            </div>
          ) : null}
          {scoped ? (
            <div class="field">
              <label for="access-enterprise">{role === 'lead' ? t('access.leader') : t('access.enterprise')}</label>
              <EnterpriseSearch
                api={ctx.api}
                id="access-enterprise"
                label={t('report.matches')}
                filters={role === 'lead' ? { role: 'leader' } : {}}
                onPick={(x) => setEnterprise(x.id)}
              />
              {enterprise ? (
                <small class="hint">
                  {t('access.chosen')} <Ent id={enterprise} /> <code>{enterprise}</code>
                </small>
              ) : null}
            </div>
          ) : null}
          <div class="form-grid">
            <div class="field">
              <label for="access-expires">{t('access.expires')}</label>
              <input id="access-expires" type="date" value={expires} onInput={(e) => setExpires((e.target as HTMLInputElement).value)} />
            </div>
          </div>
          {error ? <ErrorNote error={error} /> : null}
          {issued ? (
            <div class="note note-ok" role="status" data-token-id={issued.record.id}>
              <p>{t('access.showOnce')}</p>
              <p>
                <code data-testid="issued-token">{issued.token}</code>{' '}
                <button type="button" class="link-button small" onClick={() => void navigator.clipboard?.writeText(issued.token).catch(() => undefined)}>
                  {t('common.copy')}
                </button>
              </p>
            </div>
          ) : null}
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={scoped && !enterprise}>
              {t('access.submit')}
            </button>
          </div>
        </form>
        <section class="card" aria-labelledby="access-list-title">
          <h2 id="access-list-title">{t('access.list')}</h2>
          <Show load={tokens}>
            {(list) => (
              <>
                <div class="table-wrap">
                  <table class="table table-stack">
                    <thead>
                      <tr>
                        <th scope="col">{t('access.role')}</th>
                        <th scope="col">{t('access.scope')}</th>
                        <th scope="col">{t('access.actor')}</th>
                        <th scope="col">{t('access.created')}</th>
                        <th scope="col">
                          <span class="sr-only">{t('col.action')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((x) => (
                        <tr key={x.id} class={x.revokedAt ? 'muted' : ''} data-token-id={x.id}>
                          <th scope="row">{roleName(x.role)}</th>
                          <td data-label={t('access.scope')}>
                            {x.province ? <ProvinceName code={x.province} /> : x.enterprise ? <Ent id={x.enterprise} /> : t('access.national')}
                          </td>
                          <td data-label={t('access.actor')}>{x.actor}</td>
                          <td data-label={t('access.created')}>
                            {fmtTime(x.createdAt)}
                            {x.expiresAt ? <span class="muted small"> · {t('access.until', { at: fmtTime(x.expiresAt) })}</span> : null}
                          </td>
                          <td>
                            {x.revokedAt ? (
                              <span class="muted small">{t('access.revokedAt', { at: fmtTime(x.revokedAt) })}</span>
                            ) : confirming === x.id ? (
                              <span class="confirm-inline" role="group" aria-label={t('access.revokeConfirm')}>
                                <span class="small">{t('access.revokeConfirm')}</span>{' '}
                                <button type="button" class="btn btn-primary btn-small" onClick={() => void revoke(x.id)}>
                                  {t('access.revoke')}
                                </button>{' '}
                                <button type="button" class="btn btn-quiet btn-small" onClick={() => setConfirming(null)}>
                                  {t('common.cancel')}
                                </button>
                              </span>
                            ) : (
                              <button
                                type="button"
                                class="btn btn-quiet btn-small"
                                onClick={() => setConfirming(x.id)}
                                aria-label={t('access.revokeAria', {
                                  who: `${roleName(x.role)} ${x.enterprise ? nameOf(x.enterprise) : x.province ? provinceText(x.province) : ''} ${x.actor}`,
                                })}
                              >
                                {t('access.revoke')}
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <Pager total={list.length} page={page} size={PAGE} onPage={setPage} label={t('access.pager')} />
              </>
            )}
          </Show>
        </section>
      </div>
    </div>
  );
}
