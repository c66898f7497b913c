/**
 * Runway answers (CONTRACT §7) in the API's terms: dates instead of day numbers, ids instead of
 * indices. Builds the inputs of solveRunway from what the store reports (suspension dates, current
 * inventory reports) and the data date D, then answers per leader: stopsOn, daysLeft = T − D,
 * bindingPart, bindingRoot.
 *
 * Choices where §7 is silent:
 * - a down leader stops on its own downSince; its bindingRoot is itself and its bindingPart is
 *   null (no part stops it);
 * - an inventory report for a (customer, part) the network has no group for is ignored;
 * - following to the bindingRoot, supplier ties (same latest T) go to the least id.
 */
import { byCodeUnits, SUSPENDED } from './codes';
import type { CompiledNetwork } from './compile';
import { bindingGroup, bindingRoot, NEVER, NO_STOCK, solveRunway, type RunwaySolution } from './runway';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dayDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** An inventory report reduced to what the runway needs: the current one per (customer, part). */
export interface CurrentInventory {
  customer: string;
  part: string;
  days: number;
  asOf: string;
}

export interface RunwayFacts {
  /** The data date D. */
  date: string;
  /** downSince of each enterprise whose current status is a suspended report. */
  downSince: ReadonlyMap<string, string>;
  inventories: readonly CurrentInventory[];
}

export interface LeaderRunway {
  stopsOn: string | null;
  daysLeft: number | null;
  bindingPart: string | null;
  bindingRoot: string | null;
}

export const NO_RUNWAY: LeaderRunway = Object.freeze({ stopsOn: null, daysLeft: null, bindingPart: null, bindingRoot: null });

/** The runway of one network and status set at data date D; read-only once built. */
export class Runway {
  readonly date: string;
  private readonly day: number;
  private readonly sol: RunwaySolution;
  private readonly byId = new Map<number, LeaderRunway>();

  constructor(
    private readonly net: CompiledNetwork,
    private readonly status: Uint8Array,
    facts: RunwayFacts,
  ) {
    this.date = facts.date;
    this.day = dayNumber(facts.date);
    this.sol = solveRunway(net, status, runwayInputs(net, status, facts, this.day));
  }

  /** T of any enterprise as a date, null when it never stops. */
  stopsOn(id: string): string | null {
    const x = this.net.index.get(id);
    if (x === undefined) return null;
    const t = this.sol.stop[x];
    return t === NEVER ? null : dayDate(t);
  }

  /** §7 figures of one enterprise (a leader, in the API). */
  of(id: string): LeaderRunway {
    const x = this.net.index.get(id);
    if (x === undefined) return NO_RUNWAY;
    let out = this.byId.get(x);
    if (!out) {
      out = this.compute(x);
      this.byId.set(x, out);
    }
    return out;
  }

  /** Leaders that stop on or before D + within days, soonest first, then by id. */
  stoppingWithin(within: number): Array<LeaderRunway & { leader: string }> {
    const limit = this.day + within;
    const out: Array<LeaderRunway & { leader: string }> = [];
    for (const l of this.net.leaders) {
      if (this.sol.stop[l] <= limit) out.push({ leader: this.net.ids[l], ...this.of(this.net.ids[l]) });
    }
    return out.sort((a, b) => (a.daysLeft as number) - (b.daysLeft as number) || byCodeUnits(a.leader, b.leader));
  }

  /** Every leader that stops, soonest first, then by id. */
  leaders(): Array<LeaderRunway & { leader: string }> {
    return this.stoppingWithin(NEVER - 1 - this.day);
  }

  /** The earliest stop date among these enterprises, null when none stops. */
  earliest(ids: readonly string[]): string | null {
    let best = NEVER;
    for (const id of ids) {
      const x = this.net.index.get(id);
      if (x !== undefined && this.sol.stop[x] < best) best = this.sol.stop[x];
    }
    return best === NEVER ? null : dayDate(best);
  }

  private compute(x: number): LeaderRunway {
    const { net, status, sol } = this;
    const t = sol.stop[x];
    if (t === NEVER) return NO_RUNWAY;
    const g = bindingGroup(net, status, sol, x);
    return {
      stopsOn: dayDate(t),
      daysLeft: t - this.day,
      bindingPart: g < 0 ? null : net.parts[net.groupPart[g]],
      bindingRoot: net.ids[bindingRoot(net, status, sol, x)],
    };
  }
}

/** The difference in days between two dates (a − b). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(a) - dayNumber(b);
}

function runwayInputs(net: CompiledNetwork, status: Uint8Array, facts: RunwayFacts, day: number) {
  // Reports share few dates: parse each once.
  const days = new Map<string, number>();
  const dayOf = (date: string) => {
    let d = days.get(date);
    if (d === undefined) days.set(date, (d = dayNumber(date)));
    return d;
  };
  const downSince = new Int32Array(net.size);
  for (let i = 0; i < net.size; i++) {
    if (status[i] !== SUSPENDED) continue;
    const since = facts.downSince.get(net.ids[i]);
    downSince[i] = since === undefined ? day : dayOf(since);
  }
  const stockAsOf = new Int32Array(net.groupCount).fill(NO_STOCK);
  const stockDays = new Int32Array(net.groupCount);
  if (facts.inventories.length > 0) {
    const partIndex = new Map<string, number>();
    net.parts.forEach((p, k) => partIndex.set(p, k));
    for (const inv of facts.inventories) {
      const c = net.index.get(inv.customer);
      const p = partIndex.get(inv.part);
      if (c === undefined || p === undefined) continue;
      for (let g = net.customerGroups[c]; g < net.customerGroups[c + 1]; g++) {
        if (net.groupPart[g] !== p) continue;
        stockAsOf[g] = dayOf(inv.asOf);
        stockDays[g] = inv.days;
        break;
      }
    }
  }
  return { downSince, stockAsOf, stockDays };
}
