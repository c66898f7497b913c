/**
 * The production store: a Neo4j 5 database through neo4j-driver, every statement loaded by name
 * from cypher/ and parameterised.
 *
 * Model: (:Enterprise)-[:SUPPLIES {part, critical, ord}]->(:Enterprise) from supplier to
 * customer; (:Enterprise)-[:REPORTED]->(:StatusReport); one (:Counter {name, value}) per
 * counter, the 'revision' one with the store's identity (storeId). `ord` keeps insertion order
 * for export, like SQLite's rowid.
 *
 * Concurrency: every write first advances the 'revision' counter (by 0 when it may change
 * nothing), which write-locks it until commit, so writes are serialised as in SQLite, and
 * counters and "is this report already stored?" are read under that lock. A write is one
 * managed transaction: an import lands whole, with one new revision, or not at all. Sessions
 * share one bookmark manager, so on a cluster a read follows the writes made before it.
 *
 * Needs Neo4j 5.6 or later (COLLECT subqueries in statuses-on.cypher).
 */
import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import type { ImportDocument, InventoryReport, StatusReport } from '../schema';
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
  StatusTimeline,
  StoreHead,
  StoreSnapshot,
  WriteContext,
} from '../store';
import { LinkageError, invalidInput, notFound, type ErrorDetail } from '../../shared/errors';
import { importAudit, inventoryReportAudit, statusReportAudit, type CurrentStatus } from '../audit-entries';
import {
  AUDIT_SEQ_COUNTER,
  appendAuditEntries,
  cypher,
  cypherScript,
  Neo4jSessions,
  advanceCounters as advanceSharedCounters,
  run,
  type Neo4jStoreOptions,
  type TransactionWork,
  notInitialised as notInitialisedError,
} from '../../infra/neo4j';
import { isoDate } from '../../shared/clock';
import { BATCH_SIZE, PhaseProgress, batches, latestPerEnterprise } from './batching';
import {
  enterpriseRow,
  int,
  inventoryRow,
  storedInventory,
  toExportedInventory,
  toInventoryReport,
  type PendingInventory,
  linkRow,
  reportRow,
  storedReport,
  toDatedStatus,
  toEnterprise,
  toEnterpriseRecord,
  toExportedReport,
  toLink,
  toNumber,
  toSnapshotEnterprise,
  toStatusReport,
  toTimelineReport,
  type PendingReport,
  type Props,
} from './mapping';

export const COUNTERS = ['revision', 'report_seq', 'enterprise_ord', 'link_ord', 'inventory_seq'] as const;
type CounterName = (typeof COUNTERS)[number];

/** Reads that must reflect one revision (snapshot, export, status timeline) retry this often before locking. */
export { OPTIMISTIC_READ_ATTEMPTS } from '../../infra/neo4j/session';

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  private readonly sessions: Neo4jSessions;
  private readonly changeLogRevisions: number;

  /** `changeLogRevisions`: revisions the change log keeps (default CHANGE_LOG_REVISIONS). */
  constructor(opts: Neo4jStoreOptions & { changeLogRevisions?: number }) {
    this.sessions = new Neo4jSessions(opts);
    this.changeLogRevisions = changeLogRetention(opts.changeLogRevisions, CHANGE_LOG_REVISIONS);
  }

  async init(): Promise<void> {
    await this.sessions.applySchema(cypherScript('schema'), 'init');
    await this.sessions.applySchema(cypherScript('inventory-schema'), 'init');
    await this.sessions.applySchema(cypherScript('change-log-schema'), 'init');
    // The audit trail's counter too: this store's writes append their entries (audit-rows.ts).
    await this.sessions.write('init', (tx) => run(tx, cypher('init-counters'), { names: [...COUNTERS, AUDIT_SEQ_COUNTER] }));
    // Created with the store: the first init sets it, later ones (other processes) keep it.
    await this.sessions.write('init', (tx) => run(tx, cypher('store-identity'), { id: newStoreIdentity() }));
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }

  async ping(): Promise<void> {
    await this.revision();
  }

  async revision(): Promise<number> {
    return this.sessions.read('revision', readRevision);
  }

  async head(): Promise<StoreHead> {
    return this.sessions.read('head', readHead);
  }

  async missingEnterprises(ids: readonly string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return [];
    const existing = await this.sessions.read('missing enterprises', (tx) => existingEnterprises(tx, unique));
    return unique.filter((id) => !existing.has(id));
  }

  async applyImport(doc: ImportDocument, ctx: WriteContext, onProgress?: ProgressFn): Promise<ImportOutcome> {
    const receivedAt = ctx.now.toISOString();
    const reports = doc.statusReports.map((r) => resolveReport(r, ctx));
    const inventories = (doc.inventories ?? []).map((r) => resolveInventory(r, ctx));
    return this.sessions.write('import', async (tx) => {
      const reserved = await advanceCounters(tx, [
        ['revision', 0],
        ['enterprise_ord', doc.enterprises.length],
        ['link_ord', doc.links.length],
      ]);
      const changed = {
        enterprises: await upsertEnterprises(tx, doc, reserved.enterprise_ord - doc.enterprises.length, isoDate(ctx.now, ctx.timeZone), onProgress),
        links: await upsertLinks(tx, doc, reserved.link_ord - doc.links.length, onProgress),
        statusReports: await addReports(tx, reports, receivedAt, onProgress),
        inventories: await addInventories(tx, inventories, receivedAt, onProgress),
      };
      const any = changed.enterprises + changed.links + changed.statusReports + changed.inventories > 0;
      const outcome: ImportOutcome = {
        revision: any ? (await advanceCounters(tx, [['revision', 1]])).revision : reserved.revision,
        enterprises: doc.enterprises.length,
        links: doc.links.length,
        statusReports: doc.statusReports.length,
        inventories: inventories.length,
        changed,
      };
      // An import that changed nothing wrote nothing, so it records nothing.
      if (any) {
        await appendAuditEntries(tx, [importAudit(outcome, ctx)]);
        await this.logChange(tx, { revision: outcome.revision, kind: 'import', changed });
      }
      return outcome;
    });
  }

  async appendStatusReport(report: NewStatusReport, ctx: WriteContext): Promise<{ revision: number; report: StatusReport; change: StatusChange }> {
    return this.sessions.write('status report', async (tx) => {
      const reserved = await advanceCounters(tx, [
        ['revision', 1],
        ['report_seq', 1],
      ]);
      const before = await currentStatus(tx, report.enterprise);
      if (!before) throw notFound('enterprise', report.enterprise);
      const pending: PendingReport = { ...report, seq: reserved.report_seq, key: reportKey(report), receivedAt: ctx.now.toISOString() };
      await storeReports(tx, [pending]);
      const stored = storedReport(pending);
      const after = (await currentStatus(tx, report.enterprise))!;
      await appendAuditEntries(tx, [statusReportAudit(stored, reserved.revision, before, after.status, ctx)]);
      const change: StatusChange = {
        revision: reserved.revision,
        kind: 'status',
        enterprise: report.enterprise,
        currentStatus: after.status,
        currentCapacityPct: after.capacityPct,
        asOf: stored.asOf,
        suspension: after.status === 'suspended' ? await suspension(tx, report.enterprise) : null,
      };
      await this.logChange(tx, change);
      return { revision: reserved.revision, report: stored, change };
    });
  }

  async getEnterprise(id: string): Promise<EnterpriseRecord | null> {
    const records = await this.sessions.read('get enterprise', (tx) => run(tx, cypher('get-enterprise'), { id }));
    return records.length === 0 ? null : toEnterpriseRecord(props(records[0], 'enterprise'));
  }

  async statusHistory(id: string, page: { limit: number; cursor?: string }): Promise<Page<StatusReport>> {
    const after = decodeCursor(page.cursor, isSeqCursor);
    const records = await this.sessions.read('status history', (tx) =>
      run(tx, cypher('status-history'), {
        enterprise: id,
        afterAsOf: after?.asOf ?? null,
        afterSeq: int(after?.seq ?? 0),
        limit: int(page.limit + 1),
      }),
    );
    const items = records.slice(0, page.limit).map((r) => toStatusReport(props(r, 'report')));
    const last = items[items.length - 1];
    return { items, nextCursor: records.length > page.limit ? encodeCursor({ asOf: last.asOf, seq: last.seq }) : null };
  }

  async exportDocument(): Promise<ImportDocument> {
    const { value } = await this.readAtOneRevision('export', async (tx) => ({
      enterprises: (await run(tx, cypher('export-enterprises'))).map((r) => toEnterprise(props(r, 'enterprise'))),
      links: (await run(tx, cypher('export-links'))).map((r) => toLink(r.toObject())),
      statusReports: (await run(tx, cypher('export-status-reports'))).map((r) => toExportedReport(props(r, 'report'))),
      inventories: (await run(tx, cypher('export-inventory-reports'))).map((r) => toExportedInventory(props(r, 'report'))),
    }));
    // As in SQLite: only a store with stock reports exports the key.
    const { inventories, ...rest } = value;
    return { ...rest, ...(inventories.length > 0 ? { inventories } : {}) };
  }

  async snapshot(): Promise<StoreSnapshot> {
    const { revision, store, value } = await this.readAtOneRevision('snapshot', async (tx) => ({
      enterprises: (await run(tx, cypher('snapshot-enterprises'))).map((r) => toSnapshotEnterprise(r.toObject())),
      links: (await run(tx, cypher('export-links'))).map((r) => toLink(r.toObject())),
    }));
    return { revision, store, ...value };
  }

  async statusesOn(date: string): Promise<DatedStatus[]> {
    const records = await this.sessions.read('statuses on date', (tx) => run(tx, cypher('statuses-on'), { date }));
    return records.map((r) => toDatedStatus(r.toObject()));
  }

  /** Enterprises and reports read at one revision, as snapshot() and exportDocument() are. */
  async statusTimeline(to: string): Promise<StatusTimeline> {
    const { value } = await this.readAtOneRevision('status timeline', async (tx) => ({
      enterprises: (await run(tx, cypher('status-timeline-enterprises'))).map((r) => toDatedStatus(r.toObject())),
      reports: (await run(tx, cypher('status-timeline-reports'), { to })).map((r) => toTimelineReport(r.toObject())),
    }));
    return value;
  }

  // ---- runway (§7) ----

  async missingCustomerParts(pairs: readonly CustomerPart[]): Promise<CustomerPart[]> {
    if (pairs.length === 0) return [];
    const found = new Set<string>();
    await this.sessions.read('customer parts', async (tx) => {
      for (const batch of batches(pairs, BATCH_SIZE)) {
        for (const r of await run(tx, cypher('customer-parts'), { pairs: batch.map((p) => ({ customer: p.customer, part: p.part })) })) {
          found.add(JSON.stringify([r.get('customer'), r.get('part')]));
        }
      }
    });
    return pairs.filter((p) => !found.has(JSON.stringify([p.customer, p.part])));
  }

  async appendInventoryReport(report: NewInventoryReport, ctx: WriteContext): Promise<{ revision: number; report: InventoryReport; change: InventoryChange }> {
    return this.sessions.write('inventory report', async (tx) => {
      const reserved = await advanceCounters(tx, [
        ['revision', 1],
        ['inventory_seq', 1],
      ]);
      const pending: PendingInventory = { ...report, seq: reserved.inventory_seq, key: inventoryKey(report), receivedAt: ctx.now.toISOString() };
      await run(tx, cypher('create-inventory-reports'), { rows: [inventoryRow(pending)] });
      const stored = storedInventory(pending);
      await appendAuditEntries(tx, [inventoryReportAudit(stored, reserved.revision, ctx)]);
      const change: InventoryChange = { revision: reserved.revision, kind: 'inventory', customer: stored.customer, part: stored.part, days: stored.days, asOf: stored.asOf };
      await this.logChange(tx, change);
      return { revision: reserved.revision, report: stored, change };
    });
  }

  async inventoryHistory(customer: string, page: { limit: number; cursor?: string }): Promise<Page<InventoryReport>> {
    const after = decodeCursor(page.cursor, isSeqCursor);
    const records = await this.sessions.read('inventory history', (tx) =>
      run(tx, cypher('inventory-history'), {
        customer,
        afterAsOf: after?.asOf ?? null,
        afterSeq: int(after?.seq ?? 0),
        limit: int(page.limit + 1),
      }),
    );
    const items = records.slice(0, page.limit).map((r) => toInventoryReport(props(r, 'report')));
    const last = items[items.length - 1];
    return { items, nextCursor: records.length > page.limit ? encodeCursor({ asOf: last.asOf, seq: last.seq }) : null };
  }

  async runwayRecords(): Promise<RunwayRecords> {
    const { revision, value } = await this.readAtOneRevision('runway records', async (tx) => {
      const latest = (await run(tx, cypher('latest-report-date')))[0]?.get('latest') as string | null | undefined;
      const suspensions: RunwayRecords['suspensions'] = [];
      for (const r of await run(tx, cypher('suspension-reports'))) {
        const s = suspensionOf(r.get('enterprise') as string, r.get('reports') as Array<{ status: string; asOf: string; expectedResumeOn: string | null }>);
        if (s) suspensions.push(s);
      }
      const inventories = (await run(tx, cypher('current-inventories'))).map((r) => ({
        customer: r.get('customer') as string,
        part: r.get('part') as string,
        days: toNumber(r.get('days'), 'inventory days'),
        asOf: r.get('asOf') as string,
      }));
      return { latestAsOf: latest ?? null, suspensions, inventories };
    });
    return { revision, ...value };
  }

  // ---- change log ----

  async changesSince(revision: number, limit?: number): Promise<ChangesSince> {
    const n = changesLimit(limit);
    return this.sessions.read('changes since', async (tx) => {
      // The revision first: every entry up to it is committed, so a later read sees them all.
      const head = await readHead(tx);
      const records = await run(tx, cypher('changes-since'), { since: int(revision), limit: int(n) });
      const entries = records.map((r) => decodeChange(toNumber(r.get('revision'), 'change revision'), r.get('change') as string));
      return changesAfter(revision, head, entries);
    });
  }

  /** Records what the revision changed and prunes what falls out of the retention, inside `tx`. */
  private async logChange(tx: ManagedTransaction, change: RevisionChange): Promise<void> {
    await run(tx, cypher('append-change'), { revision: int(change.revision), change: encodeChange(change) });
    await run(tx, cypher('prune-changes'), { through: int(prunedThrough(change.revision, this.changeLogRevisions)) });
  }

  /**
   * Runs `work` so that what it reads is the state at one revision (see
   * Neo4jSessions.readAtOneState), of the store whose identity it gives.
   */
  private async readAtOneRevision<T>(action: string, work: TransactionWork<T>): Promise<StoreHead & { value: T }> {
    const { stamp, value } = await this.sessions.readAtOneState(action, { read: readHead, lock: lockHead }, work);
    return { ...stamp, value };
  }
}

// ---- statements, each a step of a transaction ----------------------------------------------

async function readHead(tx: ManagedTransaction): Promise<StoreHead> {
  const records = await run(tx, cypher('revision'));
  if (records.length === 0) throw notInitialised();
  return { store: (records[0].get('store') as string | null) ?? null, revision: toNumber(records[0].get('revision'), 'revision') };
}

async function readRevision(tx: ManagedTransaction): Promise<number> {
  return (await readHead(tx)).revision;
}

/** Write-locks the revision (writers wait until commit) and reads the head under the lock. */
async function lockHead(tx: ManagedTransaction): Promise<StoreHead> {
  await advanceCounters(tx, [['revision', 0]]);
  return readHead(tx);
}

/** Advances counters (write-locking them until commit) and returns their new values. */
function advanceCounters(tx: ManagedTransaction, by: ReadonlyArray<readonly [CounterName, number]>): Promise<Record<CounterName, number>> {
  return advanceSharedCounters(tx, by, notInitialised);
}

async function existingEnterprises(tx: ManagedTransaction, ids: readonly string[]): Promise<Set<string>> {
  const existing = new Set<string>();
  for (const batch of batches(ids, BATCH_SIZE)) {
    for (const r of await run(tx, cypher('existing-enterprises'), { ids: batch })) existing.add(r.get('id') as string);
  }
  return existing;
}

async function upsertEnterprises(tx: ManagedTransaction, doc: ImportDocument, ordBase: number, today: string, onProgress?: ProgressFn): Promise<number> {
  const progress = new PhaseProgress('enterprises', doc.enterprises.length, onProgress);
  const rows = doc.enterprises.map((e, i) => ({ id: e.id, row: enterpriseRow(e, i + 1) }));
  let changed = 0;
  let done = 0;
  for (const batch of batches(rows, BATCH_SIZE, (r) => r.id)) {
    const records = await run(tx, cypher('upsert-enterprises'), { rows: batch.map((r) => r.row), ordBase: int(ordBase), today });
    changed += toNumber(records[0].get('changed'), 'changed enterprises');
    done += batch.length;
    progress.reached(done);
  }
  progress.finish();
  return changed;
}

async function upsertLinks(tx: ManagedTransaction, doc: ImportDocument, ordBase: number, onProgress?: ProgressFn): Promise<number> {
  const progress = new PhaseProgress('links', doc.links.length, onProgress);
  const rows = doc.links.map((l, i) => ({ index: i, key: JSON.stringify([l.supplier, l.customer, l.part]), row: linkRow(l, i + 1) }));
  let changed = 0;
  let done = 0;
  for (const batch of batches(rows, BATCH_SIZE, (r) => r.key)) {
    const records = await run(tx, cypher('upsert-links'), { rows: batch.map((r) => r.row), ordBase: int(ordBase) });
    if (toNumber(records[0].get('matched'), 'matched links') < batch.length) {
      throw await unknownLinkEnds(
        tx,
        doc,
        batch.map((r) => r.index),
      );
    }
    changed += toNumber(records[0].get('changed'), 'changed links');
    done += batch.length;
    progress.reached(done);
  }
  progress.finish();
  return changed;
}

/**
 * A link naming no stored enterprise cannot be a relationship. Callers validate references
 * first (CONTRACT §5); this names every offender the same way, should one get through.
 */
async function unknownLinkEnds(tx: ManagedTransaction, doc: ImportDocument, indexes: readonly number[]): Promise<LinkageError> {
  const links = indexes.map((i) => doc.links[i]);
  const existing = await existingEnterprises(tx, [...new Set(links.flatMap((l) => [l.supplier, l.customer]))]);
  const details: ErrorDetail[] = [];
  indexes.forEach((i, k) => {
    for (const end of ['supplier', 'customer'] as const) {
      if (!existing.has(links[k][end])) details.push({ path: `links[${i}].${end}`, message: `unknown enterprise "${links[k][end]}"` });
    }
  });
  return invalidInput('links name unknown enterprises', details);
}

/** Adds the reports whose key is not stored yet (nor earlier in the same import); returns how many. */
async function addReports(tx: ManagedTransaction, reports: readonly NewStatusReport[], receivedAt: string, onProgress?: ProgressFn): Promise<number> {
  const progress = new PhaseProgress('statusReports', reports.length, onProgress);
  const keys = reports.map(reportKey);
  const seen = new Set<string>();
  for (const batch of batches([...new Set(keys)], BATCH_SIZE)) {
    for (const r of await run(tx, cypher('existing-report-keys'), { keys: batch })) seen.add(r.get('key') as string);
  }
  const fresh: Array<{ index: number; report: NewStatusReport; key: string }> = [];
  reports.forEach((report, index) => {
    if (seen.has(keys[index])) return;
    seen.add(keys[index]);
    fresh.push({ index, report, key: keys[index] });
  });
  if (fresh.length > 0) {
    const lastSeq = (await advanceCounters(tx, [['report_seq', fresh.length]])).report_seq;
    const firstSeq = lastSeq - fresh.length + 1;
    const pending = fresh.map(({ report, key }, k): PendingReport => ({ ...report, seq: firstSeq + k, key, receivedAt }));
    await storeReports(tx, pending, (stored) => progress.reached(fresh[stored - 1].index + 1));
  }
  progress.finish();
  return fresh.length;
}

/** Adds the inventory reports whose key is not stored yet (nor earlier in the same import). */
async function addInventories(tx: ManagedTransaction, reports: readonly NewInventoryReport[], receivedAt: string, onProgress?: ProgressFn): Promise<number> {
  if (reports.length === 0) return 0;
  const progress = new PhaseProgress('inventories', reports.length, onProgress);
  const keys = reports.map(inventoryKey);
  const seen = new Set<string>();
  for (const batch of batches([...new Set(keys)], BATCH_SIZE)) {
    for (const r of await run(tx, cypher('existing-inventory-keys'), { keys: batch })) seen.add(r.get('key') as string);
  }
  const fresh: Array<{ index: number; report: NewInventoryReport; key: string }> = [];
  reports.forEach((report, index) => {
    if (seen.has(keys[index])) return;
    seen.add(keys[index]);
    fresh.push({ index, report, key: keys[index] });
  });
  if (fresh.length > 0) {
    const lastSeq = (await advanceCounters(tx, [['inventory_seq', fresh.length]])).inventory_seq;
    const firstSeq = lastSeq - fresh.length + 1;
    let stored = 0;
    for (const batch of batches(fresh, BATCH_SIZE)) {
      const rows = batch.map(({ report, key }, k) => inventoryRow({ ...report, seq: firstSeq + stored + k, key, receivedAt }));
      await run(tx, cypher('create-inventory-reports'), { rows });
      stored += batch.length;
      progress.reached(batch[batch.length - 1].index + 1);
    }
  }
  progress.finish();
  return fresh.length;
}

/**
 * Stores reports (seq assigned) and moves their enterprises' current status where they are
 * newer. `afterBatch` learns how many are stored so far.
 */
async function storeReports(tx: ManagedTransaction, pending: readonly PendingReport[], afterBatch?: (stored: number) => void): Promise<void> {
  let stored = 0;
  for (const batch of batches(pending, BATCH_SIZE)) {
    await run(tx, cypher('create-status-reports'), { rows: batch.map(reportRow) });
    stored += batch.length;
    afterBatch?.(stored);
  }
  await updateCurrentStatus(tx, pending);
}

async function updateCurrentStatus(tx: ManagedTransaction, pending: readonly PendingReport[]): Promise<void> {
  for (const batch of batches(latestPerEnterprise(pending), BATCH_SIZE)) {
    await run(tx, cypher('update-current-status'), { rows: batch.map(reportRow) });
  }
}

/** An enterprise's current status read inside `tx`, as the audit trail records it; null when it does not exist. */
async function currentStatus(tx: ManagedTransaction, id: string): Promise<CurrentStatus | null> {
  const records = await run(tx, cypher('get-enterprise'), { id });
  if (records.length === 0) return null;
  const e = toEnterpriseRecord(props(records[0], 'enterprise'));
  return { status: e.currentStatus, capacityPct: e.currentCapacityPct ?? null, asOf: e.currentAsOf ?? null };
}

/** §7: the suspension of an enterprise whose current report is a suspension, read inside `tx` (newest first, up to the run's start). */
async function suspension(tx: ManagedTransaction, enterprise: string): Promise<StatusChange['suspension']> {
  const PAGE = 200;
  const reports: StatusReport[] = [];
  let after: StatusReport | undefined;
  for (;;) {
    const page = (await run(tx, cypher('status-history'), { enterprise, afterAsOf: after?.asOf ?? null, afterSeq: int(after?.seq ?? 0), limit: int(PAGE) })).map((r) =>
      toStatusReport(props(r, 'report')),
    );
    reports.push(...page);
    after = page[page.length - 1];
    if (page.length < PAGE || page.some((r) => r.status !== 'suspended')) break;
  }
  const s = suspensionOf(enterprise, reports);
  return s && { downSince: s.downSince, ...(s.expectedResumeOn ? { expectedResumeOn: s.expectedResumeOn } : {}) };
}

function props(record: Neo4jRecord, key: string): Props {
  return record.get(key) as Props;
}

const notInitialised = (): LinkageError => notInitialisedError('store');
