/** The token from LINKAGE_ADMIN_TOKEN: a coordinator named "admin", checked before the stored tokens. */
import crypto from 'node:crypto';
import type { TokenResolver } from './principal';

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
