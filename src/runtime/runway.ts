/**
 * The runway (CONTRACT §7) at the analysis' revision: computed when a read asks for it, once
 * per revision and data date, and never on the write path (a status report only moves the
 * analysis). Also the inventory-report use case, which every entry point shares.
 */
import { Runway } from '../analysis';
import { invalidInput, notFound } from '../shared/errors';
import { isoDate } from '../shared/clock';
import { suspensionOf, type GraphStore, type InventoryReport, type InventoryUpdate, type RunwayRecords } from '../graph';
import type { ChainState, ChainView } from './chain-state';
import type { Services } from './services';
import type { WriteServices } from './use-cases';

export interface RunwayView {
  /** The analysis revision the runway was computed at (or a later one). */
  revision: number;
  /** The data date D. */
  date: string;
  runway: Runway;
  /** expectedResumeOn of the current report of each suspended enterprise that gave one. */
  expectedResumeOn: ReadonlyMap<string, string>;
}

/** Data dates kept per revision (requests with different `?date=`). */
const DATES_PER_REVISION = 32;

/** Runways of the latest revision asked for, by data date ('' = the default D). */
class RunwayCache {
  revision = -1;
  readonly byDate = new Map<string, Promise<RunwayView>>();
}

const caches = new WeakMap<ChainState, RunwayCache>();

export type RunwayServices = Pick<Services, 'chains' | 'store' | 'clock'> & { config?: Pick<Services['config'], 'timeZone'> };

/**
 * The analysis at `minRevision` or later, and its runway at data date `date` (default: the
 * latest asOf of any status or inventory report, else today).
 */
export async function runwayView(s: RunwayServices, opts: { minRevision?: number; date?: string } = {}): Promise<{ view: ChainView; runway: RunwayView }> {
  const view = await s.chains.view(opts.minRevision);
  let cache = caches.get(s.chains);
  if (!cache) {
    cache = new RunwayCache();
    caches.set(s.chains, cache);
  }
  if (view.revision > cache.revision) {
    cache.revision = view.revision;
    cache.byDate.clear();
  }
  const key = opts.date ?? '';
  let pending = view.revision === cache.revision ? cache.byDate.get(key) : undefined;
  if (!pending) {
    pending = computeRunway(s, view.revision, opts.date);
    if (view.revision === cache.revision && cache.byDate.size < DATES_PER_REVISION) {
      cache.byDate.set(key, pending);
      pending.catch(() => cache.byDate.delete(key));
    }
  }
  return { view, runway: await pending };
}

/**
 * The runway records (§7: suspension runs, current stock, the latest date) of the latest
 * revision this process read or wrote, kept in memory and patched by the process's own status
 * and stock reports, so a read after each write does not read them all from the store again
 * (that read, not the pass, is what a revision's runway costs). A patch applies only to the
 * revision right after the cached one; anything else (an import, another process's write, two
 * writes racing) drops the cache, and the next read loads from the store.
 */
class RecordsCache {
  revision = -1;
  latestAsOf: string | null = null;
  readonly suspensions = new Map<string, RunwayRecords['suspensions'][number]>();
  /** By `customer\u0000part`. */
  readonly inventories = new Map<string, RunwayRecords['inventories'][number]>();

  load(records: RunwayRecords): void {
    this.revision = records.revision;
    this.latestAsOf = records.latestAsOf;
    this.suspensions.clear();
    for (const x of records.suspensions) this.suspensions.set(x.enterprise, x);
    this.inventories.clear();
    for (const x of records.inventories) this.inventories.set(`${x.customer}\u0000${x.part}`, x);
  }

  records(): RunwayRecords {
    return { revision: this.revision, latestAsOf: this.latestAsOf, suspensions: [...this.suspensions.values()], inventories: [...this.inventories.values()] };
  }

  drop(): void {
    this.revision = -1;
  }

  /** True when a write at `revision` may be patched in. */
  follows(revision: number): boolean {
    return this.revision >= 0 && revision === this.revision + 1;
  }

  advance(revision: number, asOf: string): void {
    this.revision = revision;
    if (this.latestAsOf === null || asOf > this.latestAsOf) this.latestAsOf = asOf;
  }
}

const recordCaches = new WeakMap<GraphStore, RecordsCache>();

function recordsCacheOf(store: GraphStore): RecordsCache {
  let c = recordCaches.get(store);
  if (!c) recordCaches.set(store, (c = new RecordsCache()));
  return c;
}

async function runwayRecords(store: GraphStore, atLeast: number): Promise<RunwayRecords> {
  const c = recordsCacheOf(store);
  if (c.revision >= atLeast) return c.records();
  const records = await store.runwayRecords();
  c.load(records);
  return records;
}

/** A status report of `enterprise` landed at `revision` (§7: its suspension run may change). */
async function patchStatus(store: GraphStore, enterprise: string, revision: number, asOf: string): Promise<void> {
  const c = recordsCacheOf(store);
  if (!c.follows(revision)) return c.drop();
  // Its reports, newest first, up to the first that is not a suspension.
  const rows: Array<{ status: string; asOf: string; expectedResumeOn?: string | null }> = [];
  let cursor: string | undefined;
  do {
    const page = await store.statusHistory(enterprise, { limit: 200, cursor });
    rows.push(...page.items);
    cursor = page.items.some((r) => r.status !== 'suspended') ? undefined : (page.nextCursor ?? undefined);
  } while (cursor);
  if (!c.follows(revision)) return c.drop();
  const run = suspensionOf(enterprise, rows);
  if (run) c.suspensions.set(enterprise, run);
  else c.suspensions.delete(enterprise);
  c.advance(revision, asOf);
}

/** A stock report landed at `revision`: the current one of its (customer, part) unless an older date. */
function patchInventory(store: GraphStore, report: InventoryReport, revision: number): void {
  const c = recordsCacheOf(store);
  if (!c.follows(revision)) return c.drop();
  const key = `${report.customer}\u0000${report.part}`;
  const current = c.inventories.get(key);
  if (!current || report.asOf >= current.asOf) c.inventories.set(key, { customer: report.customer, part: report.part, days: report.days, asOf: report.asOf });
  c.advance(revision, report.asOf);
}

/** For the status-report use case: keeps this process's runway records in step with its write. */
export async function noteStatusReport(s: Pick<WriteServices, 'store'>, enterprise: string, revision: number, asOf: string): Promise<void> {
  await patchStatus(s.store, enterprise, revision, asOf);
}

async function computeRunway(s: RunwayServices, revision: number, date: string | undefined): Promise<RunwayView> {
  const records = await runwayRecords(s.store, revision);
  // The analysis as it is now (it may have moved past `revision` meanwhile: never behind the
  // records just read). Its statuses are copied: the incremental analysis changes them in place.
  const { analysis } = await s.chains.view();
  const d = date ?? records.latestAsOf ?? isoDate(s.clock.now(), s.config?.timeZone);
  const runway = new Runway(analysis.network, Uint8Array.from(analysis.state.status), {
    date: d,
    downSince: new Map(records.suspensions.map((x) => [x.enterprise, x.downSince])),
    inventories: records.inventories,
  });
  const expectedResumeOn = new Map<string, string>();
  for (const x of records.suspensions) if (x.expectedResumeOn) expectedResumeOn.set(x.enterprise, x.expectedResumeOn);
  return { revision, date: d, runway, expectedResumeOn };
}

/**
 * §7: a customer reports the days of production its stock of a part allows. The customer must
 * have a supplier of that part (else 400); the analysis moves to the new revision before it
 * returns, so the writer reads its own write.
 */
export async function reportInventoryUseCase(
  s: WriteServices,
  customer: string,
  update: InventoryUpdate,
  actor: string,
): Promise<{ revision: number; report: InventoryReport }> {
  if (!(await s.store.getEnterprise(customer))) throw notFound('enterprise', customer);
  if ((await s.store.missingCustomerParts([{ customer, part: update.part }])).length > 0) {
    throw invalidInput(`enterprise "${customer}" has no supplier of "${update.part}"`, [
      { path: 'part', message: `enterprise "${customer}" has no supplier of "${update.part}"` },
    ]);
  }
  const now = s.clock.now();
  const { revision, report } = await s.store.appendInventoryReport(
    { customer, ...update, asOf: update.asOf ?? isoDate(now, s.config?.timeZone), reporter: actor },
    { actor, now },
  );
  patchInventory(s.store, report, revision);
  await s.chains?.revisionOnly(revision);
  return { revision, report };
}
