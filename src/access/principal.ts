/**
 * Who is calling, in the domain's terms: a role and its scope. A bearer token resolves to a
 * principal (src/http/auth.ts); the use cases and the token store read it. The one list of roles.
 */

/** The roles of CONTRACT §9, in the order they are listed and offered. */
export const ROLES = ['coordinator', 'liaison', 'lead', 'reporter'] as const;

export type Role = (typeof ROLES)[number];

export interface Principal {
  role: Role;
  /** The name written into histories and reports. */
  actor: string;
  /** Liaison scope. */
  province?: string;
  /** Lead and reporter scope. */
  enterprise?: string;
}

/** Turns a bearer token into its principal, or null when it names none (or is revoked, or expired). */
export interface TokenResolver {
  resolve(token: string): Promise<Principal | null>;
}
