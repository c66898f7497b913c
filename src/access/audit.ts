/**
 * The audit trail: every write (import, status report, task transition, token change) with
 * who made it, when, at which revision, and what it changed. Append-only.
 */
/** Every kind of write the trail records: the one list (the API's ?action filter is this enum). */
export const AUDIT_ACTIONS = [
  'import',
  'status.report',
  'task.ack',
  'task.start',
  'task.resolve',
  'task.open',
  'task.clear',
  'task.escalate',
  'token.create',
  'token.revoke',
  'request.raise',
  'request.accept',
  'request.start',
  'request.resolve',
  'request.reject',
  'request.escalate',
  'inventory.report',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: AuditAction;
  /** What was written: an enterprise id, a task id, a token id, or "document". */
  target: string;
  revision: number | null;
  before: unknown;
  after: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  target?: string;
  /** ISO timestamps, inclusive bounds. */
  from?: string;
  to?: string;
}

export interface AuditStore {
  init(): Promise<void>;
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first, keyset-paged by seq. */
  list(filter: AuditFilter, page: { limit: number; cursor?: string }): Promise<{ items: AuditEntry[]; nextCursor: string | null }>;
  close(): Promise<void>;
}
