/**
 * Between the domain and Neo4j: parameter rows for the write statements, and stored properties
 * back into domain records. Pure functions, so the mapping is tested without a server.
 *
 * Neo4j has no "absent": an optional field is written as null (which removes the property) and
 * read back as a missing property, which becomes an absent field, never `null`. Integers come
 * back as neo4j `Integer`s and are converted to JS numbers here; JS numbers are sent as floats
 * by the driver, so every value Cypher must treat as an integer (seq, ord, LIMIT) is sent as one.
 */
import type { Enterprise, InventoryReport, InventoryReportInput, Link, Role, Size, Status, StatusReport, StatusReportInput } from '../schema';
import type { DatedStatus, EnterpriseRecord, NewInventoryReport, NewStatusReport, SnapshotEnterprise, TimelineReport } from '../store';
import { corrupt, int, present, text, toNumber, type Props } from '../../infra/neo4j';

export { int, jsonText, text, toNumber, type Props } from '../../infra/neo4j/values';

// ---- domain → parameter rows -------------------------------------------------------------

/** One row of upsert-enterprises; `idx` is the 1-based position in the import (for ord). */
export function enterpriseRow(e: Enterprise, idx: number): Record<string, unknown> {
  return {
    idx: int(idx),
    id: e.id,
    name: e.name,
    role: e.role,
    industry: e.industry,
    province: e.province,
    status: e.status,
    capacityPct: e.capacityPct ?? null,
    size: e.size ?? null,
    city: e.city ?? null,
    uscc: e.uscc ?? null,
    contact: e.contact ?? null,
    since: e.since ?? null,
  };
}

/** One row of upsert-links; `idx` is the 1-based position in the import (for ord). */
export function linkRow(l: Link, idx: number): Record<string, unknown> {
  return { idx: int(idx), supplier: l.supplier, customer: l.customer, part: l.part, critical: l.critical };
}

/** A report about to be stored: its seq assigned, its key computed. */
export interface PendingReport extends NewStatusReport {
  seq: number;
  key: string;
  receivedAt: string;
}

/** One row of create-status-reports and of update-current-status. */
export function reportRow(r: PendingReport): Record<string, unknown> {
  return {
    seq: int(r.seq),
    enterprise: r.enterprise,
    status: r.status,
    capacityPct: r.capacityPct ?? null,
    asOf: r.asOf,
    note: r.note ?? null,
    reporter: r.reporter ?? null,
    receivedAt: r.receivedAt,
    key: r.key,
    expectedResumeOn: r.expectedResumeOn ?? null,
  };
}

/** The report as the store returns it after appending it. */
export function storedReport(r: PendingReport): StatusReport {
  return {
    seq: r.seq,
    enterprise: r.enterprise,
    status: r.status,
    ...(r.capacityPct !== undefined ? { capacityPct: r.capacityPct } : {}),
    asOf: r.asOf,
    ...(r.note !== undefined ? { note: r.note } : {}),
    ...(r.reporter !== undefined ? { reporter: r.reporter } : {}),
    ...(r.expectedResumeOn !== undefined ? { expectedResumeOn: r.expectedResumeOn } : {}),
    receivedAt: r.receivedAt,
  };
}

/** An inventory report about to be stored (§7): its seq assigned, its key computed. */
export interface PendingInventory extends NewInventoryReport {
  seq: number;
  key: string;
  receivedAt: string;
}

/** One row of create-inventory-reports. */
export function inventoryRow(r: PendingInventory): Record<string, unknown> {
  return {
    seq: int(r.seq),
    customer: r.customer,
    part: r.part,
    days: int(r.days),
    asOf: r.asOf,
    note: r.note ?? null,
    reporter: r.reporter ?? null,
    receivedAt: r.receivedAt,
    key: r.key,
  };
}

export function storedInventory(r: PendingInventory): InventoryReport {
  const { key: _key, ...rest } = r;
  return rest;
}

// ---- stored properties → domain ----------------------------------------------------------

export function toEnterprise(p: Props): Enterprise {
  const id = text(p, 'id', 'enterprise');
  const where = `enterprise "${id}"`;
  const e: Enterprise = {
    id,
    name: text(p, 'name', where),
    role: text(p, 'role', where) as Role,
    industry: text(p, 'industry', where),
    province: text(p, 'province', where),
    status: text(p, 'status', where) as Status,
  };
  if (present(p.capacityPct)) e.capacityPct = toNumber(p.capacityPct, `${where} capacityPct`);
  if (present(p.size)) e.size = text(p, 'size', where) as Size;
  if (present(p.city)) e.city = text(p, 'city', where);
  if (present(p.uscc)) e.uscc = text(p, 'uscc', where);
  if (present(p.contact)) e.contact = text(p, 'contact', where);
  if (present(p.since)) e.since = text(p, 'since', where);
  return e;
}

/**
 * An enterprise with its current status: the stored current report when there is one (its
 * capacity, if it gave one, and its asOf), else its own status and capacity.
 */
export function toEnterpriseRecord(p: Props): EnterpriseRecord {
  const e = toEnterprise(p);
  const where = `enterprise "${e.id}"`;
  if (!present(p.currentStatus)) {
    return { ...e, currentStatus: e.status, ...(e.capacityPct !== undefined ? { currentCapacityPct: e.capacityPct } : {}) };
  }
  return {
    ...e,
    currentStatus: text(p, 'currentStatus', where) as Status,
    currentAsOf: text(p, 'currentAsOf', where),
    ...(present(p.currentCapacityPct) ? { currentCapacityPct: toNumber(p.currentCapacityPct, `${where} currentCapacityPct`) } : {}),
  };
}

export function toStatusReport(p: Props): StatusReport {
  const seq = toNumber(p.seq, 'status report seq');
  const where = `status report ${seq}`;
  const r: StatusReport = {
    seq,
    enterprise: text(p, 'enterprise', where),
    status: text(p, 'status', where) as Status,
    asOf: text(p, 'asOf', where),
    receivedAt: text(p, 'receivedAt', where),
  };
  if (present(p.capacityPct)) r.capacityPct = toNumber(p.capacityPct, `${where} capacityPct`);
  if (present(p.note)) r.note = text(p, 'note', where);
  if (present(p.reporter)) r.reporter = text(p, 'reporter', where);
  if (present(p.expectedResumeOn)) r.expectedResumeOn = text(p, 'expectedResumeOn', where);
  return r;
}

export function toInventoryReport(p: Props): InventoryReport {
  const seq = toNumber(p.seq, 'inventory report seq');
  const where = `inventory report ${seq}`;
  const r: InventoryReport = {
    seq,
    customer: text(p, 'customer', where),
    part: text(p, 'part', where),
    days: toNumber(p.days, `${where} days`),
    asOf: text(p, 'asOf', where),
    receivedAt: text(p, 'receivedAt', where),
  };
  if (present(p.note)) r.note = text(p, 'note', where);
  if (present(p.reporter)) r.reporter = text(p, 'reporter', where);
  return r;
}

/** An inventory report as the import document carries it: no seq, no receipt time. */
export function toExportedInventory(p: Props): InventoryReportInput {
  const { seq: _seq, receivedAt: _receivedAt, ...rest } = toInventoryReport(p);
  return rest;
}

/** A report as the import document carries it: no seq, no receipt time. */
export function toExportedReport(p: Props): StatusReportInput {
  const { seq: _seq, receivedAt: _receivedAt, ...rest } = toStatusReport(p);
  return rest;
}

export function toLink(p: Props): Link {
  const supplier = text(p, 'supplier', 'link');
  const customer = text(p, 'customer', 'link');
  const part = text(p, 'part', 'link');
  if (typeof p.critical !== 'boolean') throw corrupt(`link ${supplier}->${customer} (${part})`, 'critical is not a boolean');
  return { supplier, customer, part, critical: p.critical };
}

export function toSnapshotEnterprise(p: Props): SnapshotEnterprise {
  const e = toClassifiedEnterprise(p);
  const where = `enterprise "${e.id}"`;
  return {
    ...e,
    name: text(p, 'name', where),
    capacityPct: present(p.capacityPct) ? toNumber(p.capacityPct, `${where} capacityPct`) : null,
  };
}

/** What a snapshot and a dated status share: id, role, province, industry, status. */
function toClassifiedEnterprise(p: Props): Pick<SnapshotEnterprise, 'id' | 'role' | 'province' | 'industry' | 'status'> {
  const id = text(p, 'id', 'enterprise');
  const where = `enterprise "${id}"`;
  return {
    id,
    role: text(p, 'role', where) as Role,
    province: text(p, 'province', where),
    industry: text(p, 'industry', where),
    status: text(p, 'status', where) as Status,
  };
}

export function toDatedStatus(p: Props): DatedStatus {
  const { id, role, province, industry, status } = toClassifiedEnterprise(p);
  const out: DatedStatus = { id, role, province, industry, status };
  if (present(p.size)) out.size = text(p, 'size', `enterprise "${id}"`) as Size;
  if (present(p.since)) out.since = text(p, 'since', `enterprise "${id}"`);
  return out;
}

/** A report of the status timeline: whose, which status, as of when. */
export function toTimelineReport(p: Props): TimelineReport {
  const enterprise = text(p, 'enterprise', 'status report');
  const where = `status report about "${enterprise}"`;
  return { enterprise, status: text(p, 'status', where) as Status, asOf: text(p, 'asOf', where) };
}
