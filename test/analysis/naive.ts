/**
 * A deliberately naive second implementation of CONTRACT §2, kept as the test oracle.
 *
 * It shares no code with src/analysis and takes every rule literally: sweeps all customers
 * until nothing changes (least fixed point), builds H as an explicit edge set, finds root
 * causes by plain reachability, and measures unblocksIfResumed by a full recomputation per
 * root. Slow on purpose; only for small graphs.
 */
import type { ChainSnapshot, SnapshotEnterprise } from '../../src/graph/store';
import { mulberry32 } from '../../src/shared/prng';

export type NaiveAvailability = 'operating' | 'down' | 'blocked';
export type NaiveChainState = 'clear' | 'down' | 'blocked';

export interface NaiveBottleneck {
  id: string;
  province: string;
  blockedLeaders: number;
  blockedEnterprises: number;
  unblocksIfResumed: number;
}

export interface NaiveScenario {
  resume?: string[];
  suspend?: string[];
  suspendProvinces?: string[];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class NaiveAnalysis {
  readonly availability = new Map<string, NaiveAvailability>();
  /** Lost parts per enterprise (§2.2), for every enterprise, sorted. */
  readonly lostParts = new Map<string, string[]>();
  /** H as out-adjacency. */
  readonly h = new Map<string, Set<string>>();
  readonly leaders: string[];
  private readonly byId = new Map<string, SnapshotEnterprise>();

  constructor(readonly snapshot: ChainSnapshot) {
    for (const e of snapshot.enterprises) this.byId.set(e.id, e);
    this.leaders = snapshot.enterprises
      .filter((e) => e.role === 'leader')
      .map((e) => e.id)
      .sort(cmp);

    // Parts of each customer: part -> links.
    const partsOf = new Map<string, Map<string, { supplier: string; critical: boolean }[]>>();
    for (const l of snapshot.links) {
      if (!partsOf.has(l.customer)) partsOf.set(l.customer, new Map());
      const m = partsOf.get(l.customer)!;
      if (!m.has(l.part)) m.set(l.part, []);
      m.get(l.part)!.push({ supplier: l.supplier, critical: l.critical });
    }
    const unavailable = new Set(snapshot.enterprises.filter((e) => e.status === 'suspended').map((e) => e.id));
    const isLost = (links: { supplier: string; critical: boolean }[]) => links.some((l) => l.critical) && links.every((l) => unavailable.has(l.supplier));
    for (let changed = true; changed;) {
      changed = false;
      for (const e of snapshot.enterprises) {
        if (unavailable.has(e.id)) continue;
        const parts = partsOf.get(e.id);
        if (parts && [...parts.values()].some(isLost)) {
          unavailable.add(e.id);
          changed = true;
        }
      }
    }
    for (const e of snapshot.enterprises) {
      const down = e.status === 'suspended';
      this.availability.set(e.id, down ? 'down' : unavailable.has(e.id) ? 'blocked' : 'operating');
      const lost = [...(partsOf.get(e.id) ?? new Map()).entries()].filter(([, links]) => isLost(links)).map(([p]) => p);
      this.lostParts.set(e.id, lost.sort(cmp));
      this.h.set(e.id, new Set());
    }
    for (const [c, parts] of partsOf) {
      if (this.availability.get(c) !== 'blocked') continue;
      for (const links of parts.values()) {
        if (!isLost(links)) continue;
        for (const l of links) this.h.get(l.supplier)!.add(c);
      }
    }
  }

  private readonly reachCache = new Map<string, Set<string>>();

  /** Everything reachable from `from` in H, itself included. */
  reach(from: string): Set<string> {
    let cached = this.reachCache.get(from);
    if (!cached) this.reachCache.set(from, (cached = this.search(from)));
    return cached;
  }

  private search(from: string): Set<string> {
    const seen = new Set([from]);
    const stack = [from];
    while (stack.length) {
      for (const y of this.h.get(stack.pop()!)!) {
        if (!seen.has(y)) {
          seen.add(y);
          stack.push(y);
        }
      }
    }
    return seen;
  }

  downIds(): string[] {
    return [...this.availability].filter(([, a]) => a === 'down').map(([id]) => id);
  }

  rootCauses(id: string): string[] {
    const a = this.availability.get(id);
    if (a === 'down') return [id];
    if (a === 'operating') return [];
    return this.downIds()
      .filter((r) => this.reach(r).has(id))
      .sort(cmp);
  }

  chainState(leader: string): NaiveChainState {
    const a = this.availability.get(leader)!;
    return a === 'operating' ? 'clear' : a;
  }

  private readonly distanceCache = new Map<string, Map<string, number>>();

  /** Length (in edges) of a shortest path r → t in H, or -1. */
  distance(r: string, t: string): number {
    let dist = this.distanceCache.get(r);
    if (!dist) {
      dist = new Map([[r, 0]]);
      const queue = [r];
      for (let head = 0; head < queue.length; head++) {
        const x = queue[head];
        for (const y of this.h.get(x)!) {
          if (!dist.has(y)) {
            dist.set(y, dist.get(x)! + 1);
            queue.push(y);
          }
        }
      }
      this.distanceCache.set(r, dist);
    }
    return dist.get(t) ?? -1;
  }

  bottlenecks(): NaiveBottleneck[] {
    const out: NaiveBottleneck[] = [];
    for (const r of this.downIds()) {
      const reached = [...this.reach(r)].filter((x) => x !== r);
      if (reached.length === 0) continue;
      const leaders = reached.filter((x) => this.byId.get(x)!.role === 'leader');
      const resumed = withStatuses(this.snapshot, new Map([[r, 'resumed']]));
      const after = new NaiveAnalysis(resumed);
      out.push({
        id: r,
        province: this.byId.get(r)!.province,
        blockedLeaders: leaders.length,
        blockedEnterprises: reached.length,
        unblocksIfResumed: leaders.filter((l) => after.chainState(l) === 'clear').length,
      });
    }
    return out.sort((a, b) => b.blockedLeaders - a.blockedLeaders || b.blockedEnterprises - a.blockedEnterprises || cmp(a.id, b.id));
  }

  whatIf(scenario: NaiveScenario): { leader: string; before: NaiveChainState; after: NaiveChainState }[] {
    const statuses = new Map<string, 'resumed' | 'suspended'>();
    for (const id of scenario.resume ?? []) statuses.set(id, 'resumed');
    for (const id of scenario.suspend ?? []) statuses.set(id, 'suspended');
    for (const e of this.snapshot.enterprises) {
      if ((scenario.suspendProvinces ?? []).includes(e.province)) statuses.set(e.id, 'suspended');
    }
    const after = new NaiveAnalysis(withStatuses(this.snapshot, statuses));
    return this.leaders.map((leader) => ({ leader, before: this.chainState(leader), after: after.chainState(leader) })).filter((c) => c.before !== c.after);
  }
}

/** The snapshot with some statuses replaced. */
export function withStatuses(snapshot: ChainSnapshot, statuses: ReadonlyMap<string, SnapshotEnterprise['status']>): ChainSnapshot {
  return {
    ...snapshot,
    enterprises: snapshot.enterprises.map((e) => (statuses.has(e.id) ? { ...e, status: statuses.get(e.id)! } : e)),
  };
}

/** mulberry32, so every run suspends the same enterprises. */
export const prng = mulberry32;

/** The network with a seeded random `fraction` of its enterprises suspended. */
export function suspendRandomly(snapshot: ChainSnapshot, fraction: number, seed: number): ChainSnapshot {
  const random = prng(seed);
  const statuses = new Map<string, 'suspended'>();
  for (const e of snapshot.enterprises) if (random() < fraction) statuses.set(e.id, 'suspended');
  return withStatuses(snapshot, statuses);
}
