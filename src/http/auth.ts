/**
 * Who is calling. A bearer token resolves to a principal; what the principal may do is a
 * policy attached to each route (see routes.ts), checked in one place.
 */
import crypto from 'node:crypto';

export type Role = 'coordinator' | 'liaison' | 'lead' | 'reporter';

export interface Principal {
  role: Role;
  /** The name written into histories and reports. */
  actor: string;
  /** Liaison scope. */
  province?: string;
  /** Lead and reporter scope. */
  enterprise?: string;
}

export interface TokenResolver {
  resolve(token: string): Promise<Principal | null>;
}

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** The admin token from LINKAGE_ADMIN_TOKEN is a coordinator; other resolvers may follow it. */
export function adminTokenResolver(adminToken: string | undefined, next?: TokenResolver): TokenResolver {
  return {
    async resolve(token) {
      if (adminToken && sameSecret(token, adminToken)) return { role: 'coordinator', actor: 'admin' };
      return next ? next.resolve(token) : null;
    },
  };
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : null;
}
