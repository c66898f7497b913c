/** Token issuing and revocation, each recorded in the audit trail by the token store, in the same transaction. */
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

/** The token store records `token.create` in the insert's own transaction. */
export async function issueToken(s: AccessServices, request: TokenRequest, actor: string): Promise<{ token: string; record: TokenRecord }> {
  if (request.enterprise !== undefined && s.store) {
    const e = await s.store.getEnterprise(request.enterprise);
    if (!e) throw invalidInput('token scope names an unknown enterprise', [{ path: 'enterprise', message: `unknown enterprise "${request.enterprise}"` }]);
    if (request.role === 'lead' && e.role !== 'leader') {
      throw invalidInput('a lead token is for a leader', [{ path: 'enterprise', message: `"${request.enterprise}" is a ${e.role}, not a leader` }]);
    }
  }
  return createToken(s.tokenStore, request, s.clock, { createdBy: actor });
}

/** The token store records `token.revoke` in the revocation's own transaction (not when it was revoked already). */
export async function revokeToken(s: AccessServices, id: string, actor: string): Promise<TokenRecord> {
  const at = s.clock.now().toISOString();
  if (!(await s.tokenStore.revoke(id, at, actor))) throw notFound('token', id);
  return (await s.tokenStore.list()).find((t) => t.id === id)!;
}
