/**
 * The storage contract. One interface, two adapters (SQLite embedded, Neo4j production),
 * one conformance suite (test/store-conformance.ts) that both must pass.
 *
 * Adapters receive documents that are already validated (schema and references); they
 * own atomicity: a write either lands whole with a new revision, or not at all.
 */
import type { Enterprise, ImportDocument, InventoryReport, Role, Size, Status, StatusReport } from './schema';

export interface WriteContext {
  /** Who is writing: a token's actor, or "cli", "system". */
  actor: string;
  /** When the write is received (injected clock). */
  now: Date;
  /** The time zone whose calendar day a report without `asOf` is dated (default UTC). */
  timeZone?: string;
}

export type { AuditRecord } from '../infra/audit-record';

/** An enterprise as stored, with its current status (the latest report, else its own status). */
export interface EnterpriseRecord extends Enterprise {
  currentStatus: Status;
  currentCapacityPct?: number;
  /** asOf of the report that set the current status; absent when no report exists. */
  currentAsOf?: string;
}

export interface ImportOutcome {
  revision: number;
  enterprises: number;
  links: number;
  statusReports: number;
  /** Inventory reports in the document (§7). */
  inventories: number;
  /** Rows that were inserted or whose values changed; reports not already present. */
  changed: { enterprises: number; links: number; statusReports: number; inventories: number };
}

/** 'inventories' is reported only for a document that has some. */
export type ImportPhase = 'enterprises' | 'links' | 'statusReports' | 'inventories';
export type ProgressFn = (phase: ImportPhase, done: number, total: number) => void;

/** A status report to append; asOf already resolved by the caller. */
export interface NewStatusReport {
  enterprise: string;
  status: Status;
  capacityPct?: number;
  asOf: string;
  note?: string;
  reporter?: string;
  expectedResumeOn?: string;
}

/** An inventory report to append (§7); asOf already resolved by the caller. */
export interface NewInventoryReport {
  customer: string;
  part: string;
  days: number;
  asOf: string;
  note?: string;
  reporter?: string;
}

/** A (customer, part) pair: the key of a group of alternates and of an inventory history. */
export interface CustomerPart {
  customer: string;
  part: string;
}

/** What the runway (§7) reads besides the chain snapshot, at one revision. */
export interface RunwayRecords {
  revision: number;
  /** The latest asOf of any status or inventory report; null when there is none. */
  latestAsOf: string | null;
  /**
   * Every enterprise whose current status is a suspended report: the asOf of the first report
   * of its latest unbroken run of suspended reports, and the expectedResumeOn of its current one.
   */
  suspensions: Array<{ enterprise: string; downSince: string; expectedResumeOn?: string }>;
  /** The current inventory report of each (customer, part): latest asOf, ties latest received. */
  inventories: Array<{ customer: string; part: string; days: number; asOf: string }>;
}

/** Everything the chain analysis needs, at one revision. */
export interface ChainSnapshot {
  revision: number;
  enterprises: SnapshotEnterprise[];
  links: SnapshotLink[];
  /**
   * The same enterprises and links as columns, when the store read them that way (SQLite):
   * the analysis compiles them without an object per row, and `enterprises` and `links` are
   * then only built if someone reads them.
   */
  columns?: SnapshotColumns;
}

/** A snapshot as parallel arrays: enterprise i is ids[i]; link k is linkSupplier[k] → linkCustomer[k]. */
export interface SnapshotColumns {
  ids: string[];
  names: string[];
  /** The current capacityPct (as SnapshotEnterprise's); NaN when unknown. */
  capacityPct: Float64Array;
  /** 0 supplier, 1 leader. */
  role: Uint8Array;
  /** Current status: 0 resumed, 1 partial, 2 suspended. */
  status: Uint8Array;
  provinces: string[];
  provinceOf: Int32Array;
  industries: string[];
  industryOf: Int32Array;
  parts: string[];
  linkSupplier: Int32Array;
  linkCustomer: Int32Array;
  linkPart: Int32Array;
  /** 1 critical, 0 not. */
  linkCritical: Uint8Array;
  /** ids[i] → i. */
  index: { get(id: string): number | undefined; has(id: string): boolean; readonly size: number };
}

export interface SnapshotEnterprise {
  id: string;
  role: Role;
  province: string;
  industry: string;
  status: Status;
  /** Stores always give it; hand-made and generated networks may leave it out (the id stands in). */
  name?: string;
  /** The current capacityPct (the current report's, else the enterprise's own); null when unknown. */
  capacityPct?: number | null;
}

export interface SnapshotLink {
  supplier: string;
  customer: string;
  part: string;
  critical: boolean;
}

/** One enterprise's status on a given date, for resumption statistics. */
export interface DatedStatus {
  id: string;
  role: Role;
  province: string;
  industry: string;
  size?: Size;
  status: Status;
  /**
   * From when it counts in statistics (its `since`, stored at first import); absent only for
   * enterprises stored before `since` existed, which count on every date.
   */
  since?: string;
}

/** A status report reduced to what statistics need. */
export interface TimelineReport {
  enterprise: string;
  status: Status;
  asOf: string;
}

/**
 * Every enterprise with its own status, and the reports with asOf <= `to` in the order that
 * decides the current status (asOf ascending, then received ascending): replaying them in
 * order gives each enterprise's status on any date up to `to`.
 */
export interface StatusTimeline {
  enterprises: DatedStatus[];
  reports: TimelineReport[];
}

/**
 * The change log: what each revision changed, recorded by the write that made the revision, in
 * its transaction, so a process behind the store (another API instance, a worker) can bring its
 * in-memory analysis, directory and runway records forward without reading the store again.
 */
export type RevisionChange = StatusChange | InventoryChange | ImportChange;

/** A status report landed: the enterprise's state after it (a late-filed report may leave it as it was). */
export interface StatusChange {
  revision: number;
  kind: 'status';
  enterprise: string;
  /** The enterprise's current status and capacity after the report (its latest report's). */
  currentStatus: Status;
  currentCapacityPct: number | null;
  /** The report's own asOf: the runway's data date (the latest asOf) moves to it when later. */
  asOf: string;
  /** §7: the enterprise's suspension after the report (as runwayRecords gives it); null when not down. */
  suspension: { downSince: string; expectedResumeOn?: string } | null;
}

/** An inventory report landed (§7): it is the current one of its (customer, part) unless an older date. */
export interface InventoryChange {
  revision: number;
  kind: 'inventory';
  customer: string;
  part: string;
  days: number;
  asOf: string;
}

/**
 * An import landed. It carries only what it changed, not the rows: a follower reloads from a
 * snapshot (an import that changes enterprises or links recompiles the whole network anyway,
 * and one of many reports is as cheap to reload as to replay).
 */
export interface ImportChange {
  revision: number;
  kind: 'import';
  changed: ImportOutcome['changed'];
}

/**
 * Which store answered, and its latest revision when it did. `store` is the store's identity:
 * random, created by the store's first init() and never changed, so a follower tells another
 * store (a Neo4j database restored from another deployment, a replaced SQLite file) from the one
 * its state came from; and a revision below its own tells it the store was rolled back (restored
 * from an older backup of itself). Null for a store made before stores had an identity, until an
 * init() gives it one.
 */
export interface StoreHead {
  store: string | null;
  revision: number;
}

/** A snapshot with the identity of the store it was read from, read in the same transaction. */
export interface StoreSnapshot extends ChainSnapshot {
  store: string | null;
}

/**
 * The changes after a revision, or word that the log no longer holds them all (reload from a
 * snapshot); with the head of the store they were read from, in the same transaction.
 */
export type ChangesSince = StoreHead & ({ covered: true; changes: RevisionChange[] } | { covered: false });

/** Revisions the change log keeps by default: older entries are pruned by the writes that add new ones. */
export const CHANGE_LOG_REVISIONS = 10_000;

/** Changes returned by one changesSince call when the caller gives no limit. */
export const CHANGES_PER_READ = 1_000;

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null on the last one. */
  nextCursor: string | null;
}

export interface GraphStore {
  readonly kind: 'sqlite' | 'neo4j';
  /** Creates schema, constraints and indexes; idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Throws when the store cannot answer. */
  ping(): Promise<void>;
  revision(): Promise<number>;
  /** The store's identity and latest revision, in one read: what a follower polls. */
  head(): Promise<StoreHead>;

  /** The ids among `ids` that name no stored enterprise. */
  missingEnterprises(ids: readonly string[]): Promise<string[]>;
  /** Upserts enterprises and links, adds reports not already present; one transaction. */
  applyImport(doc: ImportDocument, ctx: WriteContext, onProgress?: ProgressFn): Promise<ImportOutcome>;
  /** Appends a report; `change` is the entry it recorded in the change log. */
  appendStatusReport(report: NewStatusReport, ctx: WriteContext): Promise<{ revision: number; report: StatusReport; change: StatusChange }>;

  getEnterprise(id: string): Promise<EnterpriseRecord | null>;
  /** Reports of one enterprise, newest first (asOf desc, then received desc). */
  statusHistory(id: string, page: { limit: number; cursor?: string }): Promise<Page<StatusReport>>;
  /** The whole store as an import document; importing it into an empty store gives it back. */
  exportDocument(): Promise<ImportDocument>;
  /** The chains' inputs at one revision, and the identity of the store they were read from. */
  snapshot(): Promise<StoreSnapshot>;
  /** Every enterprise's status on `date` (latest report with asOf <= date, else its own status). */
  statusesOn(date: string): Promise<DatedStatus[]>;
  statusTimeline(to: string): Promise<StatusTimeline>;

  // ---- runway (§7) ----
  /** The pairs among `pairs` for which no link has that customer and part. */
  missingCustomerParts(pairs: readonly CustomerPart[]): Promise<CustomerPart[]>;
  /** Appends an inventory report; `change` is the entry it recorded in the change log. */
  appendInventoryReport(report: NewInventoryReport, ctx: WriteContext): Promise<{ revision: number; report: InventoryReport; change: InventoryChange }>;
  /** Inventory reports of one customer (all its parts), newest first (asOf desc, then received desc). */
  inventoryHistory(customer: string, page: { limit: number; cursor?: string }): Promise<Page<InventoryReport>>;
  runwayRecords(): Promise<RunwayRecords>;

  // ---- change log ----
  /**
   * The changes of the revisions after `revision`, in revision order, at most `limit` (default
   * CHANGES_PER_READ); `covered: false` when the log no longer holds revision + 1 (pruned, or
   * written before the store kept a log). Empty when `revision` is the latest or later. The
   * answer carries the store's head (identity, latest revision), so a follower checks at no
   * extra read that the log continues the state it holds.
   */
  changesSince(revision: number, limit?: number): Promise<ChangesSince>;
}
