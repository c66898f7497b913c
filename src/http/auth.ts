/**
 * Who is calling. A bearer token resolves to a principal; what the principal may do is a
 * policy attached to each route (see routes.ts), checked in one place.
 */
import crypto from 'node:crypto';
import type { Principal, TokenResolver } from '../access/principal';

export type { Principal, Role, TokenResolver } from '../access/principal';

const sha256 = (s: string): Buffer => crypto.createHash('sha256').update(s).digest();

/** The admin token from LINKAGE_ADMIN_TOKEN is a coordinator; other resolvers may follow it. */
export function adminTokenResolver(adminToken: string | undefined, next?: TokenResolver): TokenResolver {
  // Compared as digests of equal length, in constant time; the admin side is hashed once.
  const adminDigest = adminToken ? sha256(adminToken) : null;
  return {
    async resolve(token) {
      if (adminDigest && crypto.timingSafeEqual(sha256(token), adminDigest)) return { role: 'coordinator', actor: 'admin' };
      return next ? next.resolve(token) : null;
    },
  };
}

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
