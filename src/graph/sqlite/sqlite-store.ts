/**
 * The embedded store: one SQLite file (WAL) under LINKAGE_DATA_DIR, via better-sqlite3.
 * Synchronous underneath; the async interface is for parity with the Neo4j adapter.
 * Each write is one transaction that bumps the revision only when something changed.
 */
import type Database from 'better-sqlite3';
import { openSqlite, AUDIT_TABLE, appendAuditRows } from '../../infra/sqlite';
import type { Enterprise, ImportDocument, InventoryReport, InventoryReportInput, Link, StatusReport, StatusReportInput } from '../schema';
import { ENTERPRISE_OPTIONAL_FIELDS } from '../schema';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import {
  changeLogRetention,
  changesAfter,
  changesLimit,
  decodeChange,
  encodeChange,
  inventoryKey,
  isSeqCursor,
  newStoreIdentity,
  prunedThrough,
  reportKey,
  resolveInventory,
  resolveReport,
  suspensionOf,
} from '../internal';
import { CHANGE_LOG_REVISIONS } from '../store';
import type {
  ChangesSince,
  InventoryChange,
  RevisionChange,
  StatusChange,
  CustomerPart,
  DatedStatus,
  EnterpriseRecord,
  GraphStore,
  ImportOutcome,
  NewInventoryReport,
  NewStatusReport,
  Page,
  ProgressFn,
  RunwayRecords,
  SnapshotColumns,
  StatusTimeline,
  StoreHead,
  StoreSnapshot,
  TimelineReport,
  WriteContext,
} from '../store';
import { LinkageError, notFound } from '../../shared/errors';
import { importAudit, inventoryReportAudit, statusReportAudit, type CurrentStatus } from '../audit-entries';
import { isoDate } from '../../shared/clock';
import { columnSnapshot, ColumnsPatch, emptyColumns, readColumns, STATUS_COLUMN_CODE, type EnterpriseRow as EnterpriseColumnsRow, type LinkRow } from '../snapshot-columns';
import { cachedRevision, readCache, SNAPSHOT_CACHE_TABLE, writeCache } from './snapshot-cache';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counter (name, value) VALUES ('revision', 0);
CREATE TABLE IF NOT EXISTS enterprise (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  industry TEXT NOT NULL,
  province TEXT NOT NULL,
  status TEXT NOT NULL,
  capacity_pct REAL,
  size TEXT,
  city TEXT,
  uscc TEXT,
  contact TEXT,
  since TEXT,
  cur_status TEXT,
  cur_capacity REAL,
  cur_as_of TEXT,
  cur_seq INTEGER
);
CREATE TABLE IF NOT EXISTS link (
  rid INTEGER PRIMARY KEY,
  supplier TEXT NOT NULL,
  customer TEXT NOT NULL,
  part TEXT NOT NULL,
  critical INTEGER NOT NULL,
  UNIQUE (supplier, customer, part)
);
CREATE TABLE IF NOT EXISTS status_report (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  enterprise TEXT NOT NULL,
  status TEXT NOT NULL,
  capacity_pct REAL,
  as_of TEXT NOT NULL,
  note TEXT,
  reporter TEXT,
  received_at TEXT NOT NULL,
  report_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_report_history ON status_report (enterprise, as_of, seq);
CREATE INDEX IF NOT EXISTS status_report_key ON status_report (report_key);
CREATE TABLE IF NOT EXISTS inventory_report (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  customer TEXT NOT NULL,
  part TEXT NOT NULL,
  days INTEGER NOT NULL,
  as_of TEXT NOT NULL,
  note TEXT,
  reporter TEXT,
  received_at TEXT NOT NULL,
  report_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS inventory_report_current ON inventory_report (customer, part, as_of, seq);
CREATE INDEX IF NOT EXISTS inventory_report_history ON inventory_report (customer, as_of, seq);
CREATE INDEX IF NOT EXISTS inventory_report_key ON inventory_report (report_key);
CREATE INDEX IF NOT EXISTS inventory_report_as_of ON inventory_report (as_of);
CREATE INDEX IF NOT EXISTS status_report_as_of ON status_report (as_of);
CREATE INDEX IF NOT EXISTS link_customer_part ON link (customer, part);
CREATE TABLE IF NOT EXISTS change_log (revision INTEGER PRIMARY KEY, change TEXT NOT NULL);
-- One row, written by the first init(): the store's identity (StoreHead.store).
CREATE TABLE IF NOT EXISTS store_identity (id TEXT NOT NULL);
`;

/** Columns added after a table was first created: added to an existing file by init(). */
const ADDED_COLUMNS: ReadonlyArray<readonly [table: string, column: string, type: string]> = [
  ['status_report', 'expected_resume_on', 'TEXT'],
  // Files made before enterprises had `since` (their rows count on every date).
  ['enterprise', 'since', 'TEXT'],
];

const PROGRESS_EVERY = 10_000;

/** An enterprise as the snapshot reads it (EnterpriseColumnsRow): its current status and capacity are the latest report's, else its own. */
const SNAPSHOT_ENTERPRISE = `id, name, role, province, industry, COALESCE(cur_status, status),
  CASE WHEN cur_status IS NULL THEN capacity_pct ELSE cur_capacity END`;

/**
 * Links from which an import keeps the snapshot cache current (SqliteStoreOptions.importCacheMinLinks):
 * below it the row read takes a fraction of a second (about 0.1 s at 50,000 links), less than
 * loading and writing the cache would add to every import.
 */
export const IMPORT_CACHE_MIN_LINKS = 50_000;

/** What an import that keeps the snapshot cache knows of the store before its writes. */
interface CacheKeeping {
  /** The revision before the import. */
  revision: number;
  /** The largest enterprise rid before the import (0 for none). */
  enterpriseRid: number;
  /** Links before the import: their rids are 1..links. */
  links: number;
  /** 'empty': the store had no enterprise and no link; 'cache': the cache, brought to `revision`. */
  base: 'empty' | 'cache';
}

/** With the cache kept: the import's changed link rows (doc.links[linkAt[j]] has rid linkRids[j]), and the enterprises of its new status reports. */
interface ImportedRows {
  linkAt: number[];
  linkRids: number[];
  reported: Set<string>;
}

interface EnterpriseRow {
  id: string;
  name: string;
  role: string;
  industry: string;
  province: string;
  status: string;
  capacity_pct: number | null;
  size: string | null;
  city: string | null;
  uscc: string | null;
  contact: string | null;
  since: string | null;
  cur_status: string | null;
  cur_capacity: number | null;
  cur_as_of: string | null;
}

interface ReportRow {
  seq: number;
  enterprise: string;
  status: string;
  capacity_pct: number | null;
  as_of: string;
  note: string | null;
  reporter: string | null;
  received_at: string;
  expected_resume_on: string | null;
}

interface InventoryRow {
  seq: number;
  customer: string;
  part: string;
  days: number;
  as_of: string;
  note: string | null;
  reporter: string | null;
  received_at: string;
}

export interface SqliteStoreOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /** Revisions the change log keeps (default CHANGE_LOG_REVISIONS). */
  changeLogRevisions?: number;
  /** Read and keep the packed snapshot cache (snapshot-cache.ts); default true. False reads rows every time. */
  snapshotCache?: boolean;
  /** Links from which an import brings the snapshot cache to its own revision (default IMPORT_CACHE_MIN_LINKS); below, the next snapshot reads rows. */
  importCacheMinLinks?: number;
}

export class SqliteStore implements GraphStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly changeLogRevisions: number;
  private readonly snapshotCache: boolean;
  private readonly importCacheMinLinks: number;

  /** Prepared statements by SQL text: preparing costs more than running a point query. */
  private readonly statements = new Map<string, Database.Statement>();

  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  constructor(opts: SqliteStoreOptions) {
    this.db = openSqlite(opts.file);
    this.changeLogRevisions = changeLogRetention(opts.changeLogRevisions, CHANGE_LOG_REVISIONS);
    this.snapshotCache = opts.snapshotCache ?? true;
    this.importCacheMinLinks = opts.importCacheMinLinks ?? IMPORT_CACHE_MIN_LINKS;
  }

  async init(): Promise<void> {
    this.db.exec(SCHEMA);
    this.db.exec(AUDIT_TABLE);
    this.db.exec(SNAPSHOT_CACHE_TABLE);
    // Under the write lock: several processes may open an old file at once.
    this.db
      .transaction(() => {
        for (const [table, column, type] of ADDED_COLUMNS) {
          const columns = this.db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
          if (!columns.includes(column)) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
        }
        // Created with the store (or the first init that knows identities); later inits keep it.
        if (this.db.prepare('SELECT 1 FROM store_identity').get() === undefined) {
          this.db.prepare('INSERT INTO store_identity (id) VALUES (?)').run(newStoreIdentity());
        }
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    try {
      this.stmt('SELECT 1').get();
    } catch (cause) {
      throw new LinkageError('not_ready', 'sqlite store is not available', { cause });
    }
  }

  async revision(): Promise<number> {
    return this.currentRevision();
  }

  async head(): Promise<StoreHead> {
    return this.currentHead();
  }

  /** The identity and the revision, in one statement, so the two are of one file. */
  private currentHead(): StoreHead {
    try {
      return this.stmt("SELECT (SELECT id FROM store_identity) AS store, value AS revision FROM counter WHERE name = 'revision'").get() as StoreHead;
    } catch (err) {
      // A file from before stores had an identity, put in place under this connection: no
      // table until an init() runs on it.
      if (this.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'store_identity'").get() !== undefined) throw err;
      return { store: null, revision: this.currentRevision() };
    }
  }

  private currentRevision(): number {
    const row = this.stmt("SELECT value FROM counter WHERE name = 'revision'").get() as { value: number };
    return row.value;
  }

  private bumpRevision(): number {
    this.stmt("UPDATE counter SET value = value + 1 WHERE name = 'revision'").run();
    return this.currentRevision();
  }

  async missingEnterprises(ids: readonly string[]): Promise<string[]> {
    const exists = this.stmt('SELECT 1 FROM enterprise WHERE id = ?').pluck();
    return [...new Set(ids)].filter((id) => exists.get(id) === undefined);
  }

  async applyImport(doc: ImportDocument, ctx: WriteContext, onProgress?: ProgressFn): Promise<ImportOutcome> {
    const upsertEnterprise = this.stmt(`
      INSERT INTO enterprise (id, name, role, industry, province, status, capacity_pct, size, city, uscc, contact, since)
      VALUES (@id, @name, @role, @industry, @province, @status, @capacityPct, @size, @city, @uscc, @contact, COALESCE(@since, @today))
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, role = excluded.role, industry = excluded.industry,
        province = excluded.province, status = excluded.status, capacity_pct = excluded.capacity_pct,
        size = excluded.size, city = excluded.city, uscc = excluded.uscc, contact = excluded.contact,
        since = COALESCE(@since, enterprise.since)
      WHERE (@since IS NOT NULL AND enterprise.since IS NOT @since)
        OR enterprise.name IS NOT excluded.name OR enterprise.role IS NOT excluded.role
        OR enterprise.industry IS NOT excluded.industry OR enterprise.province IS NOT excluded.province
        OR enterprise.status IS NOT excluded.status OR enterprise.capacity_pct IS NOT excluded.capacity_pct
        OR enterprise.size IS NOT excluded.size OR enterprise.city IS NOT excluded.city
        OR enterprise.uscc IS NOT excluded.uscc OR enterprise.contact IS NOT excluded.contact`);
    const upsertLink = this.stmt(`
      INSERT INTO link (supplier, customer, part, critical) VALUES (?, ?, ?, ?)
      ON CONFLICT (supplier, customer, part) DO UPDATE SET critical = excluded.critical
      WHERE link.critical IS NOT excluded.critical`);
    const linkRid = this.stmt('SELECT rid FROM link WHERE supplier = ? AND customer = ? AND part = ?').pluck();
    const reportExists = this.stmt('SELECT 1 FROM status_report WHERE report_key = ? LIMIT 1').pluck();
    const inventoryExists = this.stmt('SELECT 1 FROM inventory_report WHERE report_key = ? LIMIT 1').pluck();
    const inventories = doc.inventories ?? [];
    const receivedAt = ctx.now.toISOString();
    // `since` defaults to the day an enterprise is first imported; a re-import without it keeps it.
    const today = isoDate(ctx.now, ctx.timeZone);

    const run = this.db.transaction((): ImportOutcome => {
      const changed = { enterprises: 0, links: 0, statusReports: 0, inventories: 0 };
      const keep = this.snapshotCache ? this.importKeepsCache(doc) : null;
      // With the cache kept: which document link each changed link row is, and its rid.
      const linkAt: number[] = [];
      const linkRids: number[] = [];
      const reported = new Set<string>();
      doc.enterprises.forEach((e, i) => {
        changed.enterprises += upsertEnterprise.run({ ...enterpriseParams(e), today }).changes;
        if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.('enterprises', i + 1, doc.enterprises.length);
      });
      onProgress?.('enterprises', doc.enterprises.length, doc.enterprises.length);
      // The connection's last inserted rowid as the links start (an enterprise's, or older).
      let lastRowid = keep ? (this.stmt('SELECT last_insert_rowid()').pluck().get() as number) : 0;
      doc.links.forEach((l, i) => {
        const info = upsertLink.run(l.supplier, l.customer, l.part, l.critical ? 1 : 0);
        changed.links += info.changes;
        if (keep && info.changes > 0) {
          // An insert sets the connection's last rowid, an update (the upsert's other way) leaves it:
          // a new value is the inserted row's rid, an unchanged one is looked up. (RETURNING rid
          // would say it directly, at twice the upsert's cost.)
          const rowid = Number(info.lastInsertRowid);
          linkAt.push(i);
          linkRids.push(rowid !== lastRowid ? rowid : (linkRid.get(l.supplier, l.customer, l.part) as number));
          lastRowid = rowid;
        }
        if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.('links', i + 1, doc.links.length);
      });
      onProgress?.('links', doc.links.length, doc.links.length);
      doc.statusReports.forEach((r, i) => {
        const report = resolveReport(r, ctx);
        if (reportExists.get(reportKey(report)) === undefined) {
          this.insertReport(report, receivedAt);
          changed.statusReports += 1;
          if (keep) reported.add(report.enterprise);
        }
        if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.('statusReports', i + 1, doc.statusReports.length);
      });
      onProgress?.('statusReports', doc.statusReports.length, doc.statusReports.length);
      inventories.forEach((r, i) => {
        const report = resolveInventory(r, ctx);
        if (inventoryExists.get(inventoryKey(report)) === undefined) {
          this.insertInventory(report, receivedAt);
          changed.inventories += 1;
        }
        if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.('inventories', i + 1, inventories.length);
      });
      if (inventories.length > 0) onProgress?.('inventories', inventories.length, inventories.length);
      const any = changed.enterprises + changed.links + changed.statusReports + changed.inventories > 0;
      const outcome: ImportOutcome = {
        revision: any ? this.bumpRevision() : this.currentRevision(),
        enterprises: doc.enterprises.length,
        links: doc.links.length,
        statusReports: doc.statusReports.length,
        inventories: inventories.length,
        changed,
      };
      // An import that changed nothing wrote nothing, so it records nothing.
      if (any) {
        appendAuditRows(this.db, [importAudit(outcome, ctx)]);
        this.logChange({ revision: outcome.revision, kind: 'import', changed });
        if (keep) this.tryKeepCache(keep, outcome.revision, doc, { linkAt, linkRids, reported });
      }
      return outcome;
    });
    // IMMEDIATE: the write lock is taken before the first read. A deferred transaction that
    // reads, then writes after another process (a worker, the CLI) committed, fails at once
    // with "database is locked" instead of waiting out the busy timeout.
    return run.immediate();
  }

  private insertReport(r: NewStatusReport, receivedAt: string): StatusReport {
    const info = this.db
      .prepare(
        `INSERT INTO status_report (enterprise, status, capacity_pct, as_of, note, reporter, received_at, report_key, expected_resume_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.enterprise, r.status, r.capacityPct ?? null, r.asOf, r.note ?? null, r.reporter ?? null, receivedAt, reportKey(r), r.expectedResumeOn ?? null);
    const seq = Number(info.lastInsertRowid);
    // Reports arrive in seq order, so on equal asOf the newer one wins: ties go to the latest received.
    this.db
      .prepare(
        `UPDATE enterprise SET cur_status = ?, cur_capacity = ?, cur_as_of = ?, cur_seq = ?
         WHERE id = ? AND (cur_as_of IS NULL OR cur_as_of <= ?)`,
      )
      .run(r.status, r.capacityPct ?? null, r.asOf, seq, r.enterprise, r.asOf);
    return { seq, ...r, receivedAt };
  }

  async appendStatusReport(report: NewStatusReport, ctx: WriteContext): Promise<{ revision: number; report: StatusReport; change: StatusChange }> {
    const current = this.stmt('SELECT cur_status, cur_capacity, cur_as_of, status, capacity_pct FROM enterprise WHERE id = ?');
    const run = this.db.transaction(() => {
      const before = current.get(report.enterprise) as CurrentRow | undefined;
      if (!before) throw notFound('enterprise', report.enterprise);
      const stored = this.insertReport(report, ctx.now.toISOString());
      const revision = this.bumpRevision();
      const after = currentOf(current.get(report.enterprise) as CurrentRow);
      appendAuditRows(this.db, [statusReportAudit(stored, revision, currentOf(before), after.status, ctx)]);
      const change: StatusChange = {
        revision,
        kind: 'status',
        enterprise: report.enterprise,
        currentStatus: after.status,
        currentCapacityPct: after.capacityPct,
        asOf: stored.asOf,
        suspension: after.status === 'suspended' ? this.suspension(report.enterprise) : null,
      };
      this.logChange(change);
      return { revision, report: stored, change };
    });
    return run.immediate();
  }

  async getEnterprise(id: string): Promise<EnterpriseRecord | null> {
    const row = this.stmt('SELECT * FROM enterprise WHERE id = ?').get(id) as EnterpriseRow | undefined;
    if (!row) return null;
    const e = rowToEnterprise(row);
    return {
      ...e,
      currentStatus: (row.cur_status ?? row.status) as EnterpriseRecord['currentStatus'],
      ...(row.cur_status !== null
        ? { currentAsOf: row.cur_as_of as string, ...(row.cur_capacity !== null ? { currentCapacityPct: row.cur_capacity } : {}) }
        : e.capacityPct !== undefined
          ? { currentCapacityPct: e.capacityPct }
          : {}),
    };
  }

  async statusHistory(id: string, page: { limit: number; cursor?: string }): Promise<Page<StatusReport>> {
    const after = decodeCursor(page.cursor, isSeqCursor);
    const rows = this.db
      .prepare(
        `SELECT * FROM status_report WHERE enterprise = @id
           AND (@asOf IS NULL OR as_of < @asOf OR (as_of = @asOf AND seq < @seq))
         ORDER BY as_of DESC, seq DESC LIMIT @limit`,
      )
      .all({ id, asOf: after?.asOf ?? null, seq: after?.seq ?? 0, limit: page.limit + 1 }) as ReportRow[];
    const items = rows.slice(0, page.limit).map(rowToReport);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit ? encodeCursor({ asOf: last.asOf, seq: last.seq }) : null };
  }

  async exportDocument(): Promise<ImportDocument> {
    const enterprises = (this.stmt('SELECT * FROM enterprise ORDER BY rid').all() as EnterpriseRow[]).map(rowToEnterprise);
    const links = (
      this.stmt('SELECT supplier, customer, part, critical FROM link ORDER BY rid').raw(false).all() as Array<{
        supplier: string;
        customer: string;
        part: string;
        critical: number;
      }>
    ).map((l): Link => ({ supplier: l.supplier, customer: l.customer, part: l.part, critical: l.critical === 1 }));
    const statusReports = (this.stmt('SELECT * FROM status_report ORDER BY seq').all() as ReportRow[]).map((r): StatusReportInput => {
      const { seq: _seq, receivedAt: _receivedAt, ...rest } = rowToReport(r);
      return rest;
    });
    const inventories = (this.stmt('SELECT * FROM inventory_report ORDER BY seq').all() as InventoryRow[]).map((r): InventoryReportInput => {
      const { seq: _seq, receivedAt: _receivedAt, ...rest } = rowToInventory(r);
      return rest;
    });
    // Only a store with stock reports exports the key, so documents from before §7 round-trip as they were.
    return { enterprises, links, statusReports, ...(inventories.length > 0 ? { inventories } : {}) };
  }

  async snapshot(): Promise<StoreSnapshot> {
    const read = this.db.transaction((): { store: string | null; revision: number; columns: SnapshotColumns; cacheBehind: number | null } => {
      const { store, revision } = this.currentHead();
      const cached = this.snapshotCache ? this.cachedColumns(revision) : null;
      if (cached) return { store, revision, columns: cached.columns, cacheBehind: revision - cached.revision };
      // Rows as arrays (raw), iterated, into columns: no object per row (graph/snapshot-columns.ts).
      const enterprises = this.stmt('SELECT count(*) FROM enterprise').pluck().get() as number;
      const links = this.stmt('SELECT count(*) FROM link').pluck().get() as number;
      const enterpriseRows = () => this.stmt(`SELECT ${SNAPSHOT_ENTERPRISE} FROM enterprise ORDER BY rid`).raw().iterate() as Iterable<EnterpriseColumnsRow>;
      const linkRows = () => this.stmt('SELECT supplier, customer, part, critical FROM link ORDER BY rid').raw().iterate() as Iterable<LinkRow>;
      return { store, revision, columns: readColumns(enterprises, enterpriseRows, links, linkRows, 'sqlite snapshot'), cacheBehind: null };
    });
    const { store, revision, columns, cacheBehind } = read();
    // A cache far behind (many status reports patched in) is rewritten before the log's retention passes it.
    if (this.snapshotCache && (cacheBehind === null || cacheBehind >= this.changeLogRevisions / 2)) this.tryWriteCache(revision, columns);
    // Assigned, not spread: the snapshot's rows are getters that build them on first read.
    return Object.assign(columnSnapshot(revision, columns), { store });
  }

  /**
   * The cached columns brought to `revision`, or null when the cache cannot give them: none, an
   * import after it, or the change log no longer holding every revision since. Inside snapshot()'s
   * read transaction.
   */
  private cachedColumns(revision: number): { revision: number; columns: SnapshotColumns } | null {
    const from = cachedRevision(this.db);
    if (from === null || from > revision) return null;
    const entries = this.stmt('SELECT revision, change FROM change_log WHERE revision > ? AND revision <= ? ORDER BY revision').raw().all(from, revision) as Array<
      [number, string]
    >;
    // Every revision bumps with its log entry: a missing one was pruned.
    if (entries.length !== revision - from) return null;
    const changes = entries.map(([r, text]) => decodeChange(r, text));
    if (changes.some((c) => c.kind === 'import')) return null;
    const cached = readCache(this.db);
    if (!cached || cached.revision !== from) return null;
    const { columns } = cached;
    for (const c of changes) {
      if (c.kind !== 'status') continue;
      const i = columns.index.get(c.enterprise);
      if (i === undefined) return null;
      columns.status[i] = STATUS_COLUMN_CODE[c.currentStatus];
      columns.capacityPct[i] = c.currentCapacityPct ?? NaN;
    }
    return cached;
  }

  /**
   * Whether an import keeps the snapshot cache, decided inside its transaction before its writes:
   * into an empty store when it brings at least importCacheMinLinks links; into a store of at least
   * that many links when there is a cache (whether it can be brought to this revision is checked
   * after the writes) and the links' rids are 1..m, so that a link's position in the columns is its
   * rid less one. Links are never deleted and an inserted row takes the largest rid plus one, so
   * they stay 1..m; a file where they are not (rows deleted by hand) leaves the cache stale.
   */
  private importKeepsCache(doc: ImportDocument): CacheKeeping | null {
    const revision = this.currentRevision();
    // One min() or max() per query: SQLite reads either end of the rowid B-tree only then.
    const enterpriseRid = this.stmt('SELECT max(rid) FROM enterprise').pluck().get() as number | null;
    const maxLink = this.stmt('SELECT max(rid) FROM link').pluck().get() as number | null;
    if (enterpriseRid === null && maxLink === null) {
      return doc.links.length >= this.importCacheMinLinks ? { revision, enterpriseRid: 0, links: 0, base: 'empty' } : null;
    }
    const links = maxLink ?? 0;
    if (links < this.importCacheMinLinks || cachedRevision(this.db) === null) return null;
    if (links > 0 && this.stmt('SELECT min(rid) FROM link').pluck().get() !== 1) return null;
    return { revision, enterpriseRid: enterpriseRid ?? 0, links, base: 'cache' };
  }

  /**
   * Brings the snapshot cache to the import's revision, inside the import's transaction (under a
   * savepoint). Best effort: a failure leaves the cache as it was (stale, so the next snapshot
   * reads rows) and never fails the import, unless SQLite ended the import's transaction with it.
   */
  private tryKeepCache(keep: CacheKeeping, revision: number, doc: ImportDocument, rows: ImportedRows): void {
    try {
      this.db.transaction(() => this.keepCache(keep, revision, doc, rows))();
    } catch (err) {
      if (!this.db.inTransaction) throw err;
    }
  }

  /**
   * The columns at the revision before the import (the cache, or none for an empty store), with
   * the import's rows applied, written as the cache of `revision`. Enterprise values are read back
   * from the rows with the snapshot's own expression (SNAPSHOT_ENTERPRISE), so a status or capacity
   * the import changed, hidden or not by a report, comes out as the row read gives it; link rows
   * come from the document, placed by their rids (applyImport: the rowid an insert gave, or a
   * lookup), each checked against the link found there.
   */
  private keepCache(keep: CacheKeeping, revision: number, doc: ImportDocument, rows: ImportedRows): void {
    let base: SnapshotColumns;
    if (keep.base === 'empty') {
      base = emptyColumns();
    } else {
      const cached = this.cachedColumns(keep.revision);
      if (!cached || cached.columns.linkSupplier.length !== keep.links) return;
      base = cached.columns;
    }
    const baseIndex = base.index;
    const patch = new ColumnsPatch(base, 'sqlite snapshot cache');
    const before = patch.enterpriseCount;
    // New enterprises in rid order, the row read's: a new row's rid is larger than any before.
    for (const row of this.stmt(`SELECT ${SNAPSHOT_ENTERPRISE} FROM enterprise WHERE rid > ? ORDER BY rid`).raw().iterate(keep.enterpriseRid) as Iterable<EnterpriseColumnsRow>) {
      patch.addEnterprise(row);
    }
    const touched = new Set<string>();
    for (const e of doc.enterprises) if (baseIndex.has(e.id)) touched.add(e.id);
    for (const id of rows.reported) if (baseIndex.has(id)) touched.add(id);
    if (touched.size * 8 <= before) {
      const one = this.stmt(`SELECT ${SNAPSHOT_ENTERPRISE} FROM enterprise WHERE id = ?`).raw();
      for (const id of touched) patch.setEnterprise(baseIndex.get(id)!, one.get(id) as EnterpriseColumnsRow);
    } else {
      // Most of them: one pass over the rows beats a lookup each.
      let i = 0;
      for (const row of this.stmt(`SELECT ${SNAPSHOT_ENTERPRISE} FROM enterprise WHERE rid <= ? ORDER BY rid`)
        .raw()
        .iterate(keep.enterpriseRid) as Iterable<EnterpriseColumnsRow>) {
        patch.setEnterprise(i++, row);
      }
      if (i !== before) throw new Error(`sqlite snapshot cache: ${i} enterprises read, ${before} cached`);
    }
    const { linkAt, linkRids } = rows;
    for (let j = 0; j < linkRids.length; j++) {
      const l = doc.links[linkAt[j]];
      const row: LinkRow = [l.supplier, l.customer, l.part, l.critical ? 1 : 0];
      const rid = linkRids[j];
      // Link k has rid k + 1 (importKeepsCache), an inserted one the next.
      if (rid <= patch.linkCount) patch.setLink(rid - 1, row);
      else if (rid === patch.linkCount + 1) patch.addLink(row);
      else throw new Error(`sqlite snapshot cache: link rid ${rid} after ${patch.linkCount} links`);
    }
    writeCache(this.db, revision, patch.finish());
  }

  /**
   * Stores the columns, the committed state at `revision`, as the snapshot cache. Best effort and
   * without waiting: another process holding the write lock (an import) or a read-only file leaves
   * the cache as it was.
   */
  private tryWriteCache(revision: number, columns: SnapshotColumns): void {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.transaction(() => writeCache(this.db, revision, columns)).immediate();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !/^SQLITE_(BUSY|READONLY|FULL|LOCKED)/.test(code)) throw err;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  async statusTimeline(to: string): Promise<StatusTimeline> {
    const read = this.db.transaction(() => ({
      enterprises: (this.stmt('SELECT id, role, province, industry, size, status, since FROM enterprise ORDER BY rid').all() as DatedRow[]).map(datedStatus),
      reports: this.db.prepare('SELECT enterprise, status, as_of AS asOf FROM status_report WHERE as_of <= ? ORDER BY as_of, seq').all(to) as TimelineReport[],
    }));
    return read();
  }

  async statusesOn(date: string): Promise<DatedStatus[]> {
    const rows = this.db
      .prepare(
        `SELECT e.id, e.role, e.province, e.industry, e.size, e.since,
           COALESCE((SELECT r.status FROM status_report r WHERE r.enterprise = e.id AND r.as_of <= @date
                     ORDER BY r.as_of DESC, r.seq DESC LIMIT 1), e.status) AS status
         FROM enterprise e ORDER BY e.rid`,
      )
      .all({ date }) as DatedRow[];
    return rows.map(datedStatus);
  }

  // ---- runway (§7) ----

  async missingCustomerParts(pairs: readonly CustomerPart[]): Promise<CustomerPart[]> {
    const exists = this.stmt('SELECT 1 FROM link WHERE customer = ? AND part = ? LIMIT 1').pluck();
    return pairs.filter((p) => exists.get(p.customer, p.part) === undefined);
  }

  private insertInventory(r: NewInventoryReport, receivedAt: string): InventoryReport {
    const info = this.stmt(
      `INSERT INTO inventory_report (customer, part, days, as_of, note, reporter, received_at, report_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(r.customer, r.part, r.days, r.asOf, r.note ?? null, r.reporter ?? null, receivedAt, inventoryKey(r));
    return { seq: Number(info.lastInsertRowid), ...r, receivedAt };
  }

  async appendInventoryReport(report: NewInventoryReport, ctx: WriteContext): Promise<{ revision: number; report: InventoryReport; change: InventoryChange }> {
    const run = this.db.transaction(() => {
      const stored = this.insertInventory(report, ctx.now.toISOString());
      const revision = this.bumpRevision();
      appendAuditRows(this.db, [inventoryReportAudit(stored, revision, ctx)]);
      const change: InventoryChange = { revision, kind: 'inventory', customer: stored.customer, part: stored.part, days: stored.days, asOf: stored.asOf };
      this.logChange(change);
      return { revision, report: stored, change };
    });
    return run.immediate();
  }

  async inventoryHistory(customer: string, page: { limit: number; cursor?: string }): Promise<Page<InventoryReport>> {
    const after = decodeCursor(page.cursor, isSeqCursor);
    const rows = this.stmt(
      `SELECT * FROM inventory_report WHERE customer = @customer
         AND (@asOf IS NULL OR as_of < @asOf OR (as_of = @asOf AND seq < @seq))
       ORDER BY as_of DESC, seq DESC LIMIT @limit`,
    ).all({ customer, asOf: after?.asOf ?? null, seq: after?.seq ?? 0, limit: page.limit + 1 }) as InventoryRow[];
    const items = rows.slice(0, page.limit).map(rowToInventory);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit ? encodeCursor({ asOf: last.asOf, seq: last.seq }) : null };
  }

  async runwayRecords(): Promise<RunwayRecords> {
    const read = this.db.transaction((): RunwayRecords => {
      const latest = this.stmt(`SELECT MAX(d) FROM (SELECT MAX(as_of) AS d FROM status_report UNION ALL SELECT MAX(as_of) FROM inventory_report)`).pluck().get() as string | null;
      // The reports of every enterprise whose current report is a suspension, newest first.
      const rows = this.stmt(
        `SELECT r.enterprise, r.status, r.as_of AS asOf, r.expected_resume_on AS expectedResumeOn
         FROM enterprise e JOIN status_report r ON r.enterprise = e.id
         WHERE e.cur_status = 'suspended'
         ORDER BY e.rid, r.as_of DESC, r.seq DESC`,
      ).all() as Array<{ enterprise: string; status: string; asOf: string; expectedResumeOn: string | null }>;
      const suspensions: RunwayRecords['suspensions'] = [];
      for (let i = 0; i < rows.length;) {
        let j = i;
        while (j < rows.length && rows[j].enterprise === rows[i].enterprise) j++;
        const s = suspensionOf(rows[i].enterprise, rows.slice(i, j));
        if (s) suspensions.push(s);
        i = j;
      }
      // One scan of the (customer, part, as_of, seq) index: the last row of each pair is current.
      const rows2 = this.stmt('SELECT customer, part, days, as_of AS asOf FROM inventory_report ORDER BY customer, part, as_of, seq').all() as RunwayRecords['inventories'];
      const inventories = rows2.filter((r, k) => k === rows2.length - 1 || rows2[k + 1].customer !== r.customer || rows2[k + 1].part !== r.part);
      return { revision: this.currentRevision(), latestAsOf: latest ?? null, suspensions, inventories };
    });
    return read();
  }

  // ---- change log ----

  async changesSince(revision: number, limit?: number): Promise<ChangesSince> {
    const n = changesLimit(limit);
    const read = this.db.transaction((): ChangesSince => {
      const head = this.currentHead();
      const rows = this.stmt('SELECT revision, change FROM change_log WHERE revision > ? ORDER BY revision LIMIT ?').raw().all(revision, n) as Array<[number, string]>;
      return changesAfter(
        revision,
        head,
        rows.map(([r, text]) => decodeChange(r, text)),
      );
    });
    return read();
  }

  /** Records what the revision changed and prunes what falls out of the retention; inside the write's transaction. */
  private logChange(change: RevisionChange): void {
    this.stmt('INSERT INTO change_log (revision, change) VALUES (?, ?)').run(change.revision, encodeChange(change));
    this.stmt('DELETE FROM change_log WHERE revision <= ?').run(prunedThrough(change.revision, this.changeLogRevisions));
  }

  /** §7: the suspension of an enterprise whose current report is a suspension (reports newest first, up to the run's start). */
  private suspension(enterprise: string): StatusChange['suspension'] {
    const run: Array<{ status: string; asOf: string; expectedResumeOn: string | null }> = [];
    for (const r of this.stmt(
      `SELECT status, as_of AS asOf, expected_resume_on AS expectedResumeOn FROM status_report
       WHERE enterprise = ? ORDER BY as_of DESC, seq DESC`,
    ).iterate(enterprise) as IterableIterator<{ status: string; asOf: string; expectedResumeOn: string | null }>) {
      run.push(r);
      if (r.status !== 'suspended') break;
    }
    const s = suspensionOf(enterprise, run);
    return s && { downSince: s.downSince, ...(s.expectedResumeOn ? { expectedResumeOn: s.expectedResumeOn } : {}) };
  }
}

interface CurrentRow {
  cur_status: string | null;
  cur_capacity: number | null;
  cur_as_of: string | null;
  status: string;
  capacity_pct: number | null;
}

/** An enterprise's current status as the audit trail records it (the latest report, else its own). */
function currentOf(r: CurrentRow): CurrentStatus {
  return r.cur_status !== null
    ? { status: r.cur_status as CurrentStatus['status'], capacityPct: r.cur_capacity, asOf: r.cur_as_of }
    : { status: r.status as CurrentStatus['status'], capacityPct: r.capacity_pct, asOf: null };
}

type DatedRow = Omit<DatedStatus, 'size' | 'since'> & { size: DatedStatus['size'] | null; since: string | null };

/** Optional columns that are NULL become absent fields. */
function datedStatus({ size, since, ...rest }: DatedRow): DatedStatus {
  return { ...rest, ...(size === null ? {} : { size }), ...(since === null ? {} : { since }) };
}

function enterpriseParams(e: Enterprise): Record<string, unknown> {
  const out: Record<string, unknown> = { ...e };
  for (const f of ENTERPRISE_OPTIONAL_FIELDS) out[f] = e[f] ?? null;
  out.since = e.since ?? null;
  return out;
}

function rowToEnterprise(row: EnterpriseRow): Enterprise {
  const e: Enterprise = {
    id: row.id,
    name: row.name,
    role: row.role as Enterprise['role'],
    industry: row.industry,
    province: row.province,
    status: row.status as Enterprise['status'],
  };
  if (row.capacity_pct !== null) e.capacityPct = row.capacity_pct;
  if (row.size !== null) e.size = row.size as Enterprise['size'];
  if (row.city !== null) e.city = row.city;
  if (row.uscc !== null) e.uscc = row.uscc;
  if (row.contact !== null) e.contact = row.contact;
  if (row.since !== null) e.since = row.since;
  return e;
}

function rowToReport(r: ReportRow): StatusReport {
  const out: StatusReport = {
    seq: r.seq,
    enterprise: r.enterprise,
    status: r.status as StatusReport['status'],
    asOf: r.as_of,
    receivedAt: r.received_at,
  };
  if (r.capacity_pct !== null) out.capacityPct = r.capacity_pct;
  if (r.note !== null) out.note = r.note;
  if (r.reporter !== null) out.reporter = r.reporter;
  if (r.expected_resume_on !== null && r.expected_resume_on !== undefined) out.expectedResumeOn = r.expected_resume_on;
  return out;
}

function rowToInventory(r: InventoryRow): InventoryReport {
  const out: InventoryReport = { seq: r.seq, customer: r.customer, part: r.part, days: r.days, asOf: r.as_of, receivedAt: r.received_at };
  if (r.note !== null) out.note = r.note;
  if (r.reporter !== null) out.reporter = r.reporter;
  return out;
}
