/**
 * Alternate suppliers (CONTRACT §8): for a blocked leader L, the lost groups in its way and,
 * for each, the operating enterprises that already make the part and could supply it.
 *
 * - The lost groups in L's way are the lost (C, p) with C = L or C reaching L in H: one
 *   backwards search in H from L gives every such C (down ones included: a suspended
 *   supplier's own lost parts are in the way too, though restoring them clears nothing
 *   while it stays down).
 * - The candidates of (C, p) are the operating X ≠ C that supply p to some customer and do
 *   not yet supply p to C.
 * - `clears` of X is the set of blocked leaders that would be clear with the link X → C for
 *   p added. Why one trial per group and not one per candidate: X is operating, and adding
 *   a supplier can only shrink the unavailable set U (the least fixed point is monotone in
 *   the links), so X stays available, and the only change the link makes is that (C, p)
 *   is no longer lost. Which X does that does not matter.
 * - Why that trial is exact and local: only what C reaches in H (its region R) can become
 *   available. Take y ∈ U outside R in the order the propagation added it: the lost group
 *   that blocked y has all its suppliers unavailable earlier, and none is in R (an edge
 *   s → y of H from s ∈ R would put y in R), so by induction they stay unavailable and y
 *   stays blocked. Inside R, every lost group other than (C, p) keeps its suppliers outside
 *   R unavailable and its other groups keep an available supplier, so the new availability
 *   is the least fixed point restricted to R with (C, p) supplied: the resumption trial of
 *   resume-trial.ts with that one group restored. When C is down it stays down and nothing
 *   clears. Cost per group: O(|R| + lost-part links into R), once per customer's region.
 *
 * Ranked per group: clears desc, same province as C first, capacityPct desc (unknown last),
 * id. Groups: by how many blocked leaders they are in the way of (the blocked leaders in
 * R), then customer, part.
 */
import { type ChainAnalysis } from './analysis';
import { reverseSearch } from './blocking-graph';
import { BLOCKED, byCodeUnits, LEADER, OPERATING } from './codes';
import type { CompiledNetwork } from './compile';
import { buildLostGraph, reachInH, type LostGraph } from './lost-graph';
import { ResumeTrial } from './resume-trial';
import type { AvailabilityState } from './state';

/** What the compiled network does not hold: names and current capacity, by id. */
export interface EnterpriseFacts {
  name(id: string): string | undefined;
  /** The current capacityPct (from the latest report, else the enterprise's own), if known. */
  capacityPct(id: string): number | null | undefined;
}

export interface AlternateCandidate {
  id: string;
  name: string;
  province: string;
  /** In the same province as the customer. */
  sameProvince: boolean;
  capacityPct: number | null;
  /** Blocked leaders that would be clear with the link X → customer for part added, sorted. */
  clears: string[];
}

export interface AlternateGroup {
  customer: string;
  part: string;
  /** How many blocked leaders this lost group is in the way of. */
  blockedLeaders: number;
  /** Candidates before the limit. */
  candidateCount: number;
  candidates: AlternateCandidate[];
}

export interface AlternatesAnswer {
  leader: string;
  groups: AlternateGroup[];
}

export const DEFAULT_ALTERNATES_LIMIT = 5;
export const MAX_ALTERNATES_LIMIT = 50;

/** Distinct suppliers of each part (to any customer), sorted by index: one counting pass. */
interface PartSuppliers {
  start: Int32Array;
  supplier: Int32Array;
}

const partSuppliersCache = new WeakMap<CompiledNetwork, PartSuppliers>();

function partSuppliers(net: CompiledNetwork): PartSuppliers {
  let cached = partSuppliersCache.get(net);
  if (cached) return cached;
  const parts = net.parts.length;
  const { groupPart, supplierLinks, supplierGroup } = net;
  // For each part, its suppliers in supplier order: walk suppliers, mark the parts each one
  // supplies (once per supplier), count then fill.
  const seen = new Int32Array(parts).fill(-1);
  const start = new Int32Array(parts + 1);
  for (let s = 0; s < net.size; s++) {
    for (let j = supplierLinks[s], end = supplierLinks[s + 1]; j < end; j++) {
      const p = groupPart[supplierGroup[j]];
      if (seen[p] !== s) {
        seen[p] = s;
        start[p + 1]++;
      }
    }
  }
  for (let p = 0; p < parts; p++) start[p + 1] += start[p];
  const next = start.slice(0, parts);
  const supplier = new Int32Array(start[parts]);
  seen.fill(-1);
  for (let s = 0; s < net.size; s++) {
    for (let j = supplierLinks[s], end = supplierLinks[s + 1]; j < end; j++) {
      const p = groupPart[supplierGroup[j]];
      if (seen[p] !== s) {
        seen[p] = s;
        supplier[next[p]++] = s;
      }
    }
  }
  cached = { start, supplier };
  partSuppliersCache.set(net, cached);
  return cached;
}

/**
 * Alternate suppliers over one analysis at one state. Building it materialises the lost
 * graph (linear); each leader's answer then costs its groups' regions and candidates. The
 * state must not change while it is used: build a new one after every update.
 */
export class AlternateSuppliers {
  private readonly net: CompiledNetwork;
  private readonly state: AvailabilityState;
  private readonly lost: LostGraph;
  private readonly trial: ResumeTrial;
  private readonly marks: Int32Array;
  private readonly region: Int32Array;
  private readonly next: Int32Array;
  private readonly reached: Int32Array;
  /** Per enterprise: 1 + the index of the group (customer, part) it supplies, when marked. */
  private readonly supplierMark: Int32Array;
  /**
   * Per enterprise: its capacity as ranked (0..100, -1 unknown), read from the facts the first
   * time it is a candidate (NOT_READ before). A part has hundreds of makers and a leader
   * thousands of lost groups: a million candidates at 1M enterprises, but far fewer makers.
   * Per facts object: another one (another request's facts) starts afresh.
   */
  private capacities: Int16Array | null = null;
  private capacityFacts: EnterpriseFacts | undefined;
  private epoch = 0;

  constructor(private readonly analysis: ChainAnalysis) {
    this.net = analysis.network;
    this.state = analysis.state;
    const n = this.net.size;
    this.lost = buildLostGraph(this.net, this.state);
    this.trial = new ResumeTrial(this.net, this.state);
    this.marks = new Int32Array(n);
    this.region = new Int32Array(n);
    this.next = new Int32Array(n);
    this.reached = new Int32Array(n);
    this.supplierMark = new Int32Array(n);
  }

  /** The lost groups in the leader's way with their ranked candidates; [] unless it is blocked. */
  forLeader(leaderId: string, options: { limit?: number; facts?: EnterpriseFacts } = {}): AlternatesAnswer {
    const limit = options.limit ?? DEFAULT_ALTERNATES_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALTERNATES_LIMIT) {
      throw new RangeError(`alternates: limit must be a whole number from 1 to ${MAX_ALTERNATES_LIMIT}, got ${limit}`);
    }
    const { net, state } = this;
    const l = net.index.get(leaderId);
    if (l === undefined) throw new RangeError(`alternates: unknown enterprise ${JSON.stringify(leaderId)}`);
    if (net.role[l] !== LEADER) throw new RangeError(`alternates: enterprise ${JSON.stringify(leaderId)} is not a leader`);
    if (state.avail[l] !== BLOCKED) return { leader: leaderId, groups: [] };

    // Everything that reaches L in H, L first (the search uses the state's own marks).
    const search = reverseSearch(net, state, l, this.next, this.reached);
    const customers = Array.from(search.reached);
    const { customerGroups, groupCritical, groupPart } = net;
    const { supply } = state;
    const groups: AlternateGroup[] = [];
    for (const c of customers) {
      let first = -1;
      for (let g = customerGroups[c], end = customerGroups[c + 1]; g < end; g++) {
        if (supply[g] === 0 && groupCritical[g] === 1) {
          first = g;
          break;
        }
      }
      if (first < 0) continue;
      const { size, leaders } = this.reach(c);
      for (let g = first, end = customerGroups[c + 1]; g < end; g++) {
        if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
        const clears = state.avail[c] === BLOCKED ? this.clears(g, size, leaders) : [];
        groups.push(this.group(c, g, groupPart[g], leaders.length, clears, limit, options.facts));
      }
    }
    groups.sort((a, b) => b.blockedLeaders - a.blockedLeaders || byCodeUnits(a.customer, b.customer) || byCodeUnits(a.part, b.part));
    return { leader: leaderId, groups };
  }

  /** C's region in H (this.region[0 .. size - 1], marked this.epoch) and the blocked leaders in it. */
  private reach(c: number): { size: number; leaders: number[] } {
    const epoch = ++this.epoch;
    const size = reachInH(this.lost, c, this.region, this.marks, epoch);
    const leaders: number[] = [];
    const { role } = this.net;
    const { avail } = this.state;
    const leader = LEADER;
    const blocked = BLOCKED;
    for (let i = 0; i < size; i++) {
      const x = this.region[i];
      if (role[x] === leader && avail[x] === blocked) leaders.push(x);
    }
    return { size, leaders };
  }

  /** The blocked leaders that clear when group g (of the region's first member) is restored, sorted by id. */
  private clears(g: number, size: number, leaders: number[]): string[] {
    if (leaders.length === 0) return [];
    const cleared = this.trial.clearedByRestoring(g, this.region, size, this.marks, this.epoch, leaders);
    // The trial's stuck marks are keyed by epoch: move on so the next trial starts afresh.
    this.remark(size);
    return cleared.map((x) => this.net.ids[x]).sort();
  }

  /** Re-marks the current region with a fresh epoch (the trial needs a new one per call). */
  private remark(size: number): void {
    const epoch = ++this.epoch;
    for (let i = 0; i < size; i++) this.marks[this.region[i]] = epoch;
  }

  /** The candidate's capacity as ranked: 0..100, or -1 when unknown. */
  private capacityOf(x: number, facts: EnterpriseFacts | undefined): number {
    if (!facts) return -1;
    if (this.capacities === null || this.capacityFacts !== facts) {
      this.capacities = new Int16Array(this.net.size).fill(NOT_READ);
      this.capacityFacts = facts;
    }
    let capacity = this.capacities[x];
    if (capacity === NOT_READ) {
      const known = facts.capacityPct(this.net.ids[x]);
      capacity = typeof known === 'number' ? known : -1;
      this.capacities[x] = capacity;
    }
    return capacity;
  }

  private group(c: number, g: number, p: number, blockedLeaders: number, clears: string[], limit: number, facts: EnterpriseFacts | undefined): AlternateGroup {
    const { net, state, supplierMark } = this;
    const { ids, provinceOf } = net;
    const { start, supplier } = partSuppliers(net);
    const tag = g + 1;
    for (let j = net.groupLinks[g], end = net.groupLinks[g + 1]; j < end; j++) supplierMark[net.linkSupplier[j]] = tag;
    const province = provinceOf[c];
    // clears is the same for every candidate of the group (see the header), so the ranking
    // reduces to province, capacity (unknown as -1: capacities are 0..100), id. A part can
    // have thousands of makers: keep only the best `limit`, sorted, by insertion; a candidate
    // is compared with the worst kept on scalars first, and becomes an object only if it gets in.
    const best: Array<{ x: number; same: boolean; capacity: number }> = [];
    const before = (x: number, same: boolean, capacity: number, b: { x: number; same: boolean; capacity: number }) =>
      same !== b.same ? same : capacity !== b.capacity ? capacity > b.capacity : ids[x] < ids[b.x];
    const operating = OPERATING;
    const { avail } = state;
    let count = 0;
    for (let k = start[p], end = start[p + 1]; k < end; k++) {
      const x = supplier[k];
      if (x === c || avail[x] !== operating || supplierMark[x] === tag) continue;
      count++;
      const same = provinceOf[x] === province;
      if (best.length === limit) {
        const worst = best[limit - 1];
        // Full of same-province candidates: one from elsewhere cannot get in, whatever its capacity.
        if (!same && worst.same) continue;
        if (same === worst.same) {
          const capacity = this.capacityOf(x, facts);
          if (!before(x, same, capacity, worst)) continue;
          best.pop();
          this.insert(best, x, same, capacity, before);
          continue;
        }
        best.pop();
      }
      this.insert(best, x, same, this.capacityOf(x, facts), before);
    }
    for (let j = net.groupLinks[g], end = net.groupLinks[g + 1]; j < end; j++) supplierMark[net.linkSupplier[j]] = 0;
    const candidates = best.map((b): AlternateCandidate => ({
      id: ids[b.x],
      name: facts?.name(ids[b.x]) ?? ids[b.x],
      province: net.provinces[provinceOf[b.x]],
      sameProvince: b.same,
      capacityPct: b.capacity < 0 ? null : b.capacity,
      clears: [...clears],
    }));
    return { customer: ids[c], part: net.parts[p], blockedLeaders, candidateCount: count, candidates };
  }

  /** Inserts the candidate into `best` (sorted, best first). */
  private insert(
    best: Array<{ x: number; same: boolean; capacity: number }>,
    x: number,
    same: boolean,
    capacity: number,
    before: (x: number, same: boolean, capacity: number, b: { x: number; same: boolean; capacity: number }) => boolean,
  ): void {
    let at = best.length;
    while (at > 0 && before(x, same, capacity, best[at - 1])) at--;
    best.splice(at, 0, { x, same, capacity });
  }
}

/** A capacity not read from the facts yet (capacities are 0..100, unknown is -1). */
const NOT_READ = -2;

/** The alternates of one leader (builds the per-state index once; reuse AlternateSuppliers for many). */
export function alternateSuppliers(analysis: ChainAnalysis, leaderId: string, options: { limit?: number; facts?: EnterpriseFacts } = {}): AlternatesAnswer {
  return new AlternateSuppliers(analysis).forLeader(leaderId, options);
}
