/**
 * The runway (CONTRACT §7) at the analysis' revision: computed when a read asks for it, once
 * per revision and data date, and never on the write path (a status report only moves the
 * analysis). Also the inventory-report use case, which every entry point shares.
 */
import { Runway } from '../analysis';
import { invalidInput, notFound } from '../shared/errors';
import { isoDate } from '../shared/clock';
import type { InventoryReport, InventoryUpdate } from '../graph';
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

async function computeRunway(s: RunwayServices, revision: number, date: string | undefined): Promise<RunwayView> {
  const records = await s.chains.runwayRecords(revision);
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
export async function reportInventoryUseCase(s: WriteServices, customer: string, update: InventoryUpdate, actor: string): Promise<{ revision: number; report: InventoryReport }> {
  if (!(await s.store.getEnterprise(customer))) throw notFound('enterprise', customer);
  if ((await s.store.missingCustomerParts([{ customer, part: update.part }])).length > 0) {
    throw invalidInput(`enterprise "${customer}" has no supplier of "${update.part}"`, [{ path: 'part', message: `enterprise "${customer}" has no supplier of "${update.part}"` }]);
  }
  const now = s.clock.now();
  const { revision, report, change } = await s.store.appendInventoryReport(
    { customer, ...update, asOf: update.asOf ?? isoDate(now, s.config?.timeZone), reporter: actor },
    { actor, now },
  );
  await s.chains?.changed(change);
  return { revision, report };
}
