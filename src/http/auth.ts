/**
 * Who is calling. A bearer token resolves to a principal; what the principal may do is a
 * policy attached to each route (see routes.ts), checked in one place.
 */
import type { Principal, TokenResolver } from '../access/principal';

export type { Principal, Role, TokenResolver } from '../access/principal';
export { adminTokenResolver } from '../access/admin-token';

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}

const resolved = new WeakMap<object, Promise<Principal | null>>();

/**
 * The principal of a request's bearer token, resolved once per request: the rate limiter
 * (which keys verified tokens by token and everything else by address) and authorization
 * share it. Null without a token or with one that does not resolve.
 */
export function resolvePrincipal(resolver: TokenResolver, req: { headers: { authorization?: string } }): Promise<Principal | null> {
  let out = resolved.get(req);
  if (!out) {
    const token = bearerToken(req.headers.authorization);
    out = token ? resolver.resolve(token) : Promise.resolve(null);
    resolved.set(req, out);
  }
  return out;
}
