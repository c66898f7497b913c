/**
 * What the graph's writes record in the audit trail, shared by both adapters so SQLite and
 * Neo4j write the same entries (the conformance suite compares them). Each adapter builds the
 * entry inside its write transaction, from what it read there.
 */
import type { InventoryReport, StatusReport, Status } from './schema';
import type { AuditRecord, ImportOutcome, WriteContext } from './store';

export interface CurrentStatus {
  status: Status;
  capacityPct: number | null;
  /** asOf of the report that set it; null when it is the enterprise's own status. */
  asOf: string | null;
}

export function importAudit(outcome: ImportOutcome, ctx: WriteContext): AuditRecord {
  const { revision, changed, ...counts } = outcome;
  return { at: ctx.now.toISOString(), actor: ctx.actor, action: 'import', target: 'document', revision, before: null, after: { ...counts, changed } };
}

export function statusReportAudit(report: StatusReport, revision: number, before: CurrentStatus, currentStatus: Status, ctx: WriteContext): AuditRecord {
  return {
    at: ctx.now.toISOString(),
    actor: ctx.actor,
    action: 'status.report',
    target: report.enterprise,
    revision,
    before,
    after: { report, currentStatus },
  };
}

/** §7: an inventory report appends to its (customer, part) history; nothing is replaced, so no `before`. */
export function inventoryReportAudit(report: InventoryReport, revision: number, ctx: WriteContext): AuditRecord {
  return { at: ctx.now.toISOString(), actor: ctx.actor, action: 'inventory.report', target: report.customer, revision, before: null, after: { report } };
}
