/**
 * An audit-trail entry (src/access/audit.ts) as a store writes it: in the same transaction as
 * the change it records, so neither lands without the other. Every write method of every
 * store appends its entries itself; see src/infra/sqlite/audit-rows.ts and
 * src/infra/neo4j/audit-rows.ts for the one function per backend a new write calls.
 */
export interface AuditRecord {
  at: string;
  actor: string;
  action: string;
  target: string;
  revision: number | null;
  before: unknown;
  after: unknown;
}
