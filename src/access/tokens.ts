/**
 * API tokens: who may call, in which role and scope. Tokens are shown once at creation and
 * stored only as SHA-256 hashes; they can be listed (without the secret), expire, and be
 * revoked.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { idSchema, provinceSchema, type AuditRecord } from '../graph';
import { ROLES, type Principal, type Role, type TokenResolver } from './principal';
import type { Clock } from '../shared/clock';
import { invalidInput } from '../shared/errors';

export { ROLES };

export interface TokenRecord {
  id: string;
  role: Role;
  /** Who the token speaks for: written into histories, reports and the audit trail. */
  actor: string;
  province?: string;
  enterprise?: string;
  createdAt: string;
  expiresAt?: string;
  revokedAt?: string;
}

const tokenScope = {
  role: z.enum(ROLES),
  province: provinceSchema.optional(),
  enterprise: idSchema.optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
};

function checkScope(t: { role: Role; province?: string; enterprise?: string }, ctx: z.RefinementCtx): void {
  if (t.role === 'liaison' && !t.province) ctx.addIssue({ code: 'custom', path: ['province'], message: 'a liaison token needs a province' });
  if ((t.role === 'lead' || t.role === 'reporter') && !t.enterprise) {
    ctx.addIssue({ code: 'custom', path: ['enterprise'], message: `a ${t.role} token needs an enterprise` });
  }
  if (t.role !== 'liaison' && t.province) ctx.addIssue({ code: 'custom', path: ['province'], message: 'only liaison tokens have a province' });
  if (t.role !== 'lead' && t.role !== 'reporter' && t.enterprise) {
    ctx.addIssue({ code: 'custom', path: ['enterprise'], message: 'only lead and reporter tokens have an enterprise' });
  }
}

/**
 * POST /api/tokens. No `actor`: actors come from tokens, never from a body (CONTRACT §4), so
 * a coordinator cannot mint a token that writes into the trail as someone else ("admin").
 * The new token's actor is derived from its scope (`liaison:420000`).
 */
export const tokenRequestSchema = z.strictObject(tokenScope).superRefine(checkScope);

/** The operator's `linkage token create` may name the actor (`--actor`): it runs with the data directory's own authority. */
export const operatorTokenRequestSchema = z.strictObject({ ...tokenScope, actor: z.string().min(1).max(200).optional() }).superRefine(checkScope);

export type TokenRequest = z.infer<typeof operatorTokenRequestSchema>;

export interface NewToken {
  hash: string;
  record: TokenRecord;
}

/**
 * Storage of token records by hash. Each write records itself in the audit trail in its own
 * transaction (`token.create`; `token.revoke` when it revoked something), by `actor`
 * (default "system").
 */
export interface TokenStore {
  init(): Promise<void>;
  insert(token: NewToken, actor?: string): Promise<void>;
  findByHash(hash: string): Promise<TokenRecord | null>;
  list(): Promise<TokenRecord[]>;
  /** Marks the token revoked; false when there is no such token. */
  revoke(id: string, at: string, actor?: string): Promise<boolean>;
  close(): Promise<void>;
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Creates a token: the secret is returned once and never stored. */
export async function createToken(
  store: TokenStore,
  request: TokenRequest,
  clock: Clock,
  opts: { /** Who creates it: the audit entry's actor. */ createdBy?: string; random?: (n: number) => Buffer } = {},
): Promise<{ token: string; record: TokenRecord }> {
  const random = opts.random ?? crypto.randomBytes;
  const now = clock.now();
  if (request.expiresAt && Date.parse(request.expiresAt) <= now.getTime()) {
    throw invalidInput('token would be expired already', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  const id = `tok_${random(6).toString('hex')}`;
  const token = `lk_${random(24).toString('base64url')}`;
  const record: TokenRecord = {
    id,
    role: request.role,
    actor: request.actor ?? `${request.role}:${request.province ?? request.enterprise ?? id}`,
    ...(request.province ? { province: request.province } : {}),
    ...(request.enterprise ? { enterprise: request.enterprise } : {}),
    createdAt: now.toISOString(),
    ...(request.expiresAt ? { expiresAt: new Date(request.expiresAt).toISOString() } : {}),
  };
  await store.insert({ hash: hashToken(token), record }, opts.createdBy);
  return { token, record };
}

export function principalOf(record: TokenRecord): Principal {
  return {
    role: record.role,
    actor: record.actor,
    ...(record.province ? { province: record.province } : {}),
    ...(record.enterprise ? { enterprise: record.enterprise } : {}),
  };
}

/** Resolves stored tokens that are neither revoked nor expired. */
export function storedTokenResolver(store: TokenStore, clock: Clock): TokenResolver {
  return {
    async resolve(token) {
      const record = await store.findByHash(hashToken(token));
      if (!record || record.revokedAt) return null;
      if (record.expiresAt && Date.parse(record.expiresAt) <= clock.now().getTime()) return null;
      return principalOf(record);
    },
  };
}

/** What token writes record in the audit trail, the same for every adapter. */
export function tokenCreateAudit(record: TokenRecord, actor: string): AuditRecord {
  return { at: record.createdAt, actor, action: 'token.create', target: record.id, revision: null, before: null, after: record };
}

export function tokenRevokeAudit(before: TokenRecord, at: string, actor: string): AuditRecord {
  return { at, actor, action: 'token.revoke', target: before.id, revision: null, before, after: { ...before, revokedAt: at } };
}
