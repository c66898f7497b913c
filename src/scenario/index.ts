/**
 * The 2020 demonstration scenario: a deterministic, seeded import document (CONTRACT §5).
 *
 * 50 leading enterprises of the automotive and electronics chains and some 7,200 supporting
 * SMEs across four tiers, clustered as those industries are (Yangtze and Pearl River deltas,
 * Hubei's auto corridor, Chongqing–Sichuan, Jilin…), with multi-sourcing, a few cross-tier
 * links and cycles, and a status history from 10 February to 31 March 2020 that reproduces
 * the published SME work-resumption rates (29.6% on 23 February, 71.7% on 24 March) while
 * Hubei lags until its lockdown eases. On 24 March designed chains leave several leaders
 * blocked by suspended suppliers in other provinces, mostly in Hubei.
 *
 * The same options always give the same document. `enterprises` scales the same shape up to
 * benchmark sizes (a million enterprises and about four million links).
 */
import type { Enterprise, ImportDocument, InventoryReportInput, Link, StatusReportInput } from '../graph/schema';
import { isIsoDate } from '../graph/schema';
import { invalidInput } from '../shared/errors';
import { CATALOGS, INDUSTRIES, productTable, type Industry, type Product } from './catalog';
import { ROLE_NONE, forcedSchedules, placeChains } from './designs';
import { PROVINCE_PROFILES } from './geography';
import { NameBook, contactFor, usccFor } from './names';
import { MAX_ALTERNATES, NeedTable, Pools, SIZE_CODES, addCycles, coverUnsold, createEnterprises, partsBoughtBy, sourceNeed, type Enterprises } from './network';
import { Rng } from './rng';
import { NEVER, PARTIAL, RESUMED, SUSPENDED, planStatuses, statusOnDay, type Schedule } from './schedule';
import { DATES, LAST_DAY, SCENARIO_START, dateOf, dayOf } from './timeline';

export { CHAIN_DESIGNS, type ChainDesign } from './designs';
export { CURVES, SCENARIO_END, SCENARIO_START, SOURCE_FIGURES } from './timeline';
export { Rng } from './rng';
export { demoRequests, type DemoRequest } from './requests';

export interface ScenarioOptions {
  /** Seed of every random choice. Default 2020. */
  seed?: number;
  /** Leading enterprises (half automotive, half electronics). Default 50. */
  leaders?: number;
  /** Supporting SMEs. Default 7,200. */
  suppliers?: number;
  /**
   * Total enterprises, for benchmark graphs: leaders and suppliers keep the default
   * proportion (50 : 7,200) unless given. Default: leaders + suppliers.
   */
  enterprises?: number;
  /** Only status reports with asOf on or before this date (YYYY-MM-DD). Default: all, through 2020-03-31. */
  asOf?: string;
  /**
   * true: every enterprise starts `suspended` and status reports carry the history.
   * false: no reports; each enterprise's own status is its status on `asOf`. Default true.
   */
  history?: boolean;
  /**
   * City, USCC and contact on every enterprise, and names unique across the document.
   * Default: true up to DETAILS_LIMIT enterprises.
   */
  details?: boolean;
}

export const SCENARIO_DEFAULTS = Object.freeze({ seed: 2020, leaders: 50, suppliers: 7200, history: true });
/** Above this many enterprises, optional fields are left out unless `details` asks for them. */
export const DETAILS_LIMIT = 100_000;
/** The largest document the generator accepts. */
export const MAX_ENTERPRISES = 5_000_000;
export const REPORTER = 'platform';

interface ResolvedOptions {
  seed: number;
  leaders: number;
  suppliers: number;
  asOfDay: number;
  history: boolean;
  details: boolean;
}

export function generateScenario(opts: ScenarioOptions = {}): ImportDocument {
  const o = resolveOptions(opts);
  const root = new Rng(o.seed);
  const products = productTable();
  const e = createEnterprises(products, o.leaders, o.suppliers, root.fork('enterprises'));
  const needs = buildNetwork(e, products, root.fork('links'));
  const schedule = planStatuses(e, needs.table, forcedSchedules(needs.placement, root.fork('designed-statuses')), root.fork('statuses'));
  const ids = enterpriseIds(e);
  const doc: ImportDocument = {
    enterprises: emitEnterprises(e, products, ids, schedule, o, root.fork('names')),
    links: emitLinks(needs.table, products, ids),
    statusReports: o.history ? emitReports(e, ids, schedule, o.asOfDay) : [],
  };
  // §7, with the history only (a document without reports has no date to count stock from).
  if (o.history && o.asOfDay >= 0) {
    const confirmed = emitSuspensions(e, ids, schedule, o.asOfDay, root.fork('expected-resume'));
    doc.statusReports.push(...confirmed);
    // §10, also with the history only: who kept checking in over the last days.
    const expected = new Map(confirmed.map((r) => [r.enterprise, r.expectedResumeOn]));
    doc.statusReports.push(...emitCheckIns(e, ids, schedule, o.asOfDay, expected, root.fork('check-ins')));
    doc.inventories = emitInventories(e, needs.table, products, ids, o.asOfDay, root.fork('inventories'));
  }
  return doc;
}

function resolveOptions(opts: ScenarioOptions): ResolvedOptions {
  const problems: { path: string; message: string }[] = [];
  const count = (name: keyof ScenarioOptions, min: number) => {
    const v = opts[name];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > MAX_ENTERPRISES) {
      problems.push({ path: name, message: `must be an integer from ${min} to ${MAX_ENTERPRISES}` });
    }
  };
  count('leaders', 1);
  count('suppliers', 1);
  count('enterprises', 2);
  if (opts.seed !== undefined && !Number.isInteger(opts.seed)) problems.push({ path: 'seed', message: 'must be an integer' });
  if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) problems.push({ path: 'asOf', message: 'must be a date written YYYY-MM-DD' });
  if (problems.length > 0) throw invalidInput('invalid scenario options', problems);

  let leaders = opts.leaders ?? SCENARIO_DEFAULTS.leaders;
  let suppliers = opts.suppliers ?? SCENARIO_DEFAULTS.suppliers;
  if (opts.enterprises !== undefined) {
    const share = SCENARIO_DEFAULTS.leaders / (SCENARIO_DEFAULTS.leaders + SCENARIO_DEFAULTS.suppliers);
    if (opts.leaders === undefined && opts.suppliers === undefined) leaders = Math.max(1, Math.round(opts.enterprises * share));
    else if (opts.leaders === undefined) leaders = opts.enterprises - suppliers;
    suppliers = opts.enterprises - leaders;
    if (leaders < 1 || suppliers < 1 || (opts.suppliers !== undefined && opts.suppliers !== suppliers)) {
      throw invalidInput('invalid scenario options', [{ path: 'enterprises', message: 'must equal leaders + suppliers, with at least one of each' }]);
    }
  }
  if (leaders + suppliers > MAX_ENTERPRISES) {
    throw invalidInput('invalid scenario options', [{ path: 'enterprises', message: `at most ${MAX_ENTERPRISES}` }]);
  }
  const asOfDay = opts.asOf === undefined ? LAST_DAY : dayOf(opts.asOf);
  return {
    seed: opts.seed ?? SCENARIO_DEFAULTS.seed,
    leaders,
    suppliers,
    asOfDay,
    history: opts.history ?? SCENARIO_DEFAULTS.history,
    details: opts.details ?? leaders + suppliers <= DETAILS_LIMIT,
  };
}

/** Designed chains first (they reserve their needs), then random sourcing, coverage, cycles. */
function buildNetwork(e: Enterprises, products: Product[], rng: Rng) {
  const table = new NeedTable(e.leaders * 20 + e.suppliers * 3, products.length);
  const allSuppliers = Int32Array.from({ length: e.suppliers }, (_, k) => e.leaders + k);
  const placement = placeChains(e, products, new Pools(e, products.length, allSuppliers), table, rng.fork('designs'));

  // Designed roots and intermediates serve only their designed customers, so a designed
  // chain blocks exactly what it was designed to block.
  const free = allSuppliers.filter((s) => placement.role[s] === ROLE_NONE);
  const ctx = { e, products, pools: new Pools(e, products.length, free), needs: table, load: new Int32Array(e.total), rng };
  const productOf = (industry: Industry, slug: string) => products.find((p) => p.industry === industry && p.slug === slug)!.index;
  const tier1 = INDUSTRIES.map((ind) => products.filter((p) => p.industry === ind && p.tier === 1).map((p) => p.index));
  const extras = INDUSTRIES.map((ind) => CATALOGS[ind].leaderExtras.map((x) => ({ product: productOf(ind, x.slug), share: x.share })));
  for (let c = 0; c < e.total; c++) {
    for (const p of partsBoughtBy(ctx, c, tier1, extras)) sourceNeed(ctx, c, p);
  }
  coverUnsold(ctx, free);
  addCycles(ctx, Math.max(1, Math.round(e.suppliers / CYCLE_EVERY)), (s) => placement.role[s] === ROLE_NONE);
  return { table, placement };
}

/** One supplier-buys-from-its-customer cycle per this many suppliers. */
const CYCLE_EVERY = 1200;

function enterpriseIds(e: Enterprises): string[] {
  const ids = new Array<string>(e.total);
  const perIndustry = [0, 0];
  for (let i = 0; i < e.leaders; i++) perIndustry[e.industry[i]]++;
  const seen = [0, 0];
  for (let i = 0; i < e.leaders; i++) {
    const ii = e.industry[i];
    const width = Math.max(2, String(perIndustry[ii]).length);
    ids[i] = `L-${ii === 0 ? 'AUTO' : 'ELEC'}-${String(++seen[ii]).padStart(width, '0')}`;
  }
  const width = Math.max(6, String(e.suppliers).length);
  for (let k = 0; k < e.suppliers; k++) ids[e.leaders + k] = `S-${String(k + 1).padStart(width, '0')}`;
  return ids;
}

const STATUS_NAMES = ['suspended', 'partial', 'resumed'] as const;

function emitEnterprises(e: Enterprises, products: Product[], ids: string[], s: Schedule, o: ResolvedOptions, rng: Rng): Enterprise[] {
  const names = new NameBook(rng.fork('names'), o.details);
  const contacts = rng.fork('contacts');
  const usccOffset = rng.int(100_000_000);
  const out = new Array<Enterprise>(e.total);
  for (let i = 0; i < e.total; i++) {
    const industry = INDUSTRIES[e.industry[i]];
    const profile = PROVINCE_PROFILES[e.province[i]];
    const city = profile.cities[e.city[i]];
    const isLeader = i < e.leaders;
    const name = isLeader ? names.leader(industry, city) : names.supplier(products[e.product[i]].zh, city);
    const status = o.history ? 0 : statusOnDay(s, i, o.asOfDay);
    const ent: Enterprise = {
      id: ids[i],
      name,
      role: isLeader ? 'leader' : 'supplier',
      industry,
      province: profile.code,
      status: STATUS_NAMES[status],
    };
    if (status === PARTIAL) ent.capacityPct = s.partialCapacity[i];
    else if (status === RESUMED) ent.capacityPct = s.resumeCapacity[i];
    ent.size = SIZE_CODES[e.size[i]];
    // Part of the statistics from the first day of the scenario, whenever the document is imported.
    ent.since = SCENARIO_START;
    if (o.details) {
      ent.city = city.name;
      ent.uscc = usccFor(city.code, i, usccOffset);
      ent.contact = contactFor(contacts, ids[i], isLeader);
    }
    out[i] = ent;
  }
  return out;
}

function emitLinks(needs: NeedTable, products: Product[], ids: string[]): Link[] {
  let total = 0;
  for (let n = 0; n < needs.count; n++) total += needs.size[n];
  const out = new Array<Link>(total);
  let k = 0;
  for (let n = 0; n < needs.count; n++) {
    const customer = ids[needs.customer[n]];
    const part = products[needs.product[n]].slug;
    for (let j = 0; j < needs.size[n]; j++) {
      const slot = n * MAX_ALTERNATES + j;
      out[k++] = { supplier: ids[needs.suppliers[slot]], customer, part, critical: needs.critical[slot] === 1 };
    }
  }
  return out;
}

/**
 * §7: half of the suppliers still suspended on the last day confirm it with a report dated the
 * first day (they were down from the start, so no status on any date changes) that carries
 * their estimate of when they resume: 5 to 40 days after the last day.
 */
function emitSuspensions(e: Enterprises, ids: string[], s: Schedule, asOfDay: number, rng: Rng): StatusReportInput[] {
  const last = Math.min(asOfDay, LAST_DAY);
  const out: StatusReportInput[] = [];
  for (let i = e.leaders; i < e.total; i++) {
    if (statusOnDay(s, i, last) !== SUSPENDED || !rng.chance(0.5)) continue;
    out.push({ enterprise: ids[i], status: 'suspended', asOf: DATES[0], reporter: REPORTER, expectedResumeOn: dateOf(last + rng.range(5, 40)) });
  }
  return out;
}

/** Check-ins (§10) cover the data date and the days just before it. */
const CHECK_IN_DAYS = 4;
/** Reporting discipline: most enterprises check in almost daily, some now and then, a few stopped. */
const DISCIPLINE: ReadonlyArray<readonly [share: number, dailyChance: number]> = [
  [0.7, 0.95],
  [0.25, 0.6],
  [0.05, 0],
];

/**
 * §10: the daily check-ins of the platform, each repeating the enterprise's status (and
 * capacity) of that day, so they change no status on any date and the published figures stay
 * exact; a suspended enterprise's check-in repeats its expected resumption, if it gave one
 * (the current report carries it, §7). About four in five enterprises report on the data date;
 * those that stopped reporting (about one in twenty, plus a few irregular ones) are the stale
 * list of the reporting view. A day with a status change already has its report.
 */
function emitCheckIns(e: Enterprises, ids: string[], s: Schedule, asOfDay: number, expected: ReadonlyMap<string, string | undefined>, rng: Rng): StatusReportInput[] {
  const last = Math.min(asOfDay, LAST_DAY);
  const out: StatusReportInput[] = [];
  for (let i = 0; i < e.total; i++) {
    const roll = rng.int(1000) / 1000;
    let chance = 0;
    for (let k = 0, acc = 0; k < DISCIPLINE.length; k++) {
      acc += DISCIPLINE[k][0];
      if (roll < acc) {
        chance = DISCIPLINE[k][1];
        break;
      }
    }
    for (let d = Math.max(0, last - CHECK_IN_DAYS + 1); d <= last; d++) {
      if (!rng.chance(chance) || s.partialDay[i] === d || s.resumeDay[i] === d) continue;
      const status = statusOnDay(s, i, d);
      if (status === SUSPENDED) {
        const resumeOn = expected.get(ids[i]);
        out.push({ enterprise: ids[i], status: 'suspended', asOf: DATES[d], reporter: REPORTER, ...(resumeOn ? { expectedResumeOn: resumeOn } : {}) });
      } else if (status === PARTIAL) out.push({ enterprise: ids[i], status: 'partial', capacityPct: s.partialCapacity[i], asOf: DATES[d], reporter: REPORTER });
      else out.push({ enterprise: ids[i], status: 'resumed', capacityPct: s.resumeCapacity[i], asOf: DATES[d], reporter: REPORTER });
    }
  }
  return out;
}

/** Days of stock a customer holds of a critical part: leaders the most, lower tiers less (§7). */
const STOCK_DAYS: ReadonlyArray<readonly [min: number, max: number]> = [
  [3, 15], // leaders
  [1, 6], // tier 1
  [1, 4],
  [0, 3],
  [0, 2], // tier 4
];

/**
 * §7: every leader reports its stock of each critical part, and half of the suppliers theirs,
 * on a day of the last week before the data date: lines then stop on different days, some
 * already, most within two weeks.
 */
function emitInventories(e: Enterprises, needs: NeedTable, products: Product[], ids: string[], asOfDay: number, rng: Rng): InventoryReportInput[] {
  const last = Math.min(asOfDay, LAST_DAY);
  const out: InventoryReportInput[] = [];
  for (let n = 0; n < needs.count; n++) {
    let critical = false;
    for (let j = 0; j < needs.size[n]; j++) critical ||= needs.critical[n * MAX_ALTERNATES + j] === 1;
    const c = needs.customer[n];
    if (!critical || (c >= e.leaders && !rng.chance(0.5))) continue;
    const [min, max] = STOCK_DAYS[c < e.leaders ? 0 : Math.min(e.tier[c], 4)];
    out.push({ customer: ids[c], part: products[needs.product[n]].slug, days: rng.range(min, max), asOf: DATES[Math.max(0, last - rng.int(7))], reporter: REPORTER });
  }
  return out;
}

/** One report per status change, in date order (enterprise order within a day). */
function emitReports(e: Enterprises, ids: string[], s: Schedule, asOfDay: number): StatusReportInput[] {
  const last = Math.min(asOfDay, LAST_DAY);
  if (last < 0) return [];
  const perDay = new Int32Array(last + 2);
  for (let i = 0; i < e.total; i++) {
    const p = s.partialDay[i];
    const r = s.resumeDay[i];
    if (p !== NEVER && p <= last) perDay[p + 1]++;
    if (r !== NEVER && r <= last) perDay[r + 1]++;
  }
  for (let d = 0; d <= last; d++) perDay[d + 1] += perDay[d];
  const out = new Array<StatusReportInput>(perDay[last + 1]);
  const at = perDay.slice(0, last + 1);
  for (let i = 0; i < e.total; i++) {
    const p = s.partialDay[i];
    const r = s.resumeDay[i];
    if (p !== NEVER && p <= last) {
      out[at[p]++] = { enterprise: ids[i], status: 'partial', capacityPct: s.partialCapacity[i], asOf: DATES[p], reporter: REPORTER };
    }
    if (r !== NEVER && r <= last) {
      out[at[r]++] = { enterprise: ids[i], status: 'resumed', capacityPct: s.resumeCapacity[i], asOf: DATES[r], reporter: REPORTER };
    }
  }
  return out;
}
