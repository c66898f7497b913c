/** Token issuing and revocation, each recorded in the audit trail. */
import type { GraphStore } from '../graph/store';
import type { Clock } from '../shared/clock';
import { invalidInput, notFound } from '../shared/errors';
import type { AuditStore } from './audit';
import { createToken, type TokenRecord, type TokenRequest, type TokenStore } from './tokens';

export interface AccessServices {
  tokenStore: TokenStore;
  audit: AuditStore;
  clock: Clock;
  /** The enterprises a scoped token may name (every entry point passes it; without it the scope is not checked). */
  store?: Pick<GraphStore, 'getEnterprise'>;
}

export async function issueToken(s: AccessServices, request: TokenRequest, actor: string): Promise<{ token: string; record: TokenRecord }> {
  if (request.enterprise !== undefined && s.store) {
    const e = await s.store.getEnterprise(request.enterprise);
    if (!e) throw invalidInput('token scope names an unknown enterprise', [{ path: 'enterprise', message: `unknown enterprise "${request.enterprise}"` }]);
    if (request.role === 'lead' && e.role !== 'leader') {
      throw invalidInput('a lead token is for a leader', [{ path: 'enterprise', message: `"${request.enterprise}" is a ${e.role}, not a leader` }]);
    }
  }
  const out = await createToken(s.tokenStore, request, s.clock);
  await s.audit.append({ at: out.record.createdAt, actor, action: 'token.create', target: out.record.id, revision: null, before: null, after: out.record });
  return out;
}

export async function revokeToken(s: AccessServices, id: string, actor: string): Promise<TokenRecord> {
  const before = (await s.tokenStore.list()).find((t) => t.id === id);
  if (!before) throw notFound('token', id);
  const at = s.clock.now().toISOString();
  await s.tokenStore.revoke(id, at);
  const after = (await s.tokenStore.list()).find((t) => t.id === id)!;
  if (!before.revokedAt) await s.audit.append({ at, actor, action: 'token.revoke', target: id, revision: null, before, after });
  return after;
}
