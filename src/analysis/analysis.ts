/**
 * ChainAnalysis: the answers of CONTRACT §2 for one network at one set of statuses.
 *
 * Availability is computed up front (linear, propagate.ts). Everything that costs more is
 * computed on demand: a single chain or an enterprise's root causes by one backwards search
 * in H; the root index (every root's reach) the first time chains() or bottlenecks() is
 * asked, then cached until the state changes.
 */
import type { Status } from '../graph/schema';
import { withAddedLinks } from './added-links';
import { pathTo, reverseSearch, rootsIn } from './blocking-graph';
import { rankBottlenecks, type Bottleneck } from './bottlenecks';
import { AVAILABILITY_NAMES, BLOCKED, byCodeUnits, CHAIN_STATE_NAMES, DOWN, LEADER, OPERATING, sortIds, STATUS_NAMES, type Availability, type ChainState } from './codes';
import type { CompiledNetwork } from './compile';
import { solveAvailability } from './propagate';
import { buildRootIndex, type RootIndex } from './root-index';
import type { AvailabilityState } from './state';
import { leadersServedCounts } from './leaders-served';
import { upstreamTiers, type UpstreamView } from './upstream';
import { diffLeaders, scenarioStatuses, type WhatIfScenario } from './what-if';

export interface ChainSummary {
  leader: string;
  state: ChainState;
  /** Ids of its root causes, sorted; [leader] when the leader itself is down. */
  rootCauses: string[];
  /** Its lost parts (§2.2), sorted. */
  lostParts: string[];
}

export interface SupplierState {
  id: string;
  status: Status;
  availability: Availability;
}

export interface LostPart {
  part: string;
  /** Every supplier of the part to this customer, sorted by id (all unavailable, by §2.2). */
  suppliers: SupplierState[];
}

export interface RootCause {
  id: string;
  province: string;
  /** A shortest blocking path in H, [root, …, leader] (§2.7). */
  path: string[];
}

export interface ChainDetail {
  leader: string;
  state: ChainState;
  /** Sorted by part. */
  lostParts: LostPart[];
  /** Sorted by id. */
  rootCauses: RootCause[];
}

export interface AnalysisCounts {
  enterprises: number;
  links: number;
  operating: number;
  down: number;
  blocked: number;
  leaders: number;
  clearLeaders: number;
  blockedLeaders: number;
  downLeaders: number;
}

/** A leader whose chain state differs between two analyses (what-if, status updates). */
export interface LeaderStateChange {
  leader: string;
  before: ChainState;
  after: ChainState;
}

export class ChainAnalysis {
  /** @internal The compiled network; replaced only by IncrementalAnalysis.upsert. */
  protected net: CompiledNetwork;
  /** @internal The availability state; changed only through IncrementalAnalysis. */
  protected st: AvailabilityState;
  protected rev: number;
  private rootIndexCache?: RootIndex;
  private bottleneckCache?: Bottleneck[];
  private countsCache?: AnalysisCounts;
  private scratch?: { next: Int32Array; reached: Int32Array };

  /** Use analyze(); this constructor is for the module's own factories. */
  constructor(net: CompiledNetwork, state: AvailabilityState, revision: number = net.revision) {
    this.net = net;
    this.st = state;
    this.rev = revision;
  }

  /** The store revision this analysis reflects. */
  get revision(): number {
    return this.rev;
  }

  get network(): CompiledNetwork {
    return this.net;
  }

  /** @internal For what-if and tests: the live state. Do not write to it. */
  get state(): AvailabilityState {
    return this.st;
  }

  has(id: string): boolean {
    return this.net.index.has(id);
  }

  isLeader(id: string): boolean {
    return this.net.role[this.indexOf(id)] === LEADER;
  }

  availability(id: string): Availability {
    return AVAILABILITY_NAMES[this.st.avail[this.indexOf(id)]];
  }

  status(id: string): Status {
    return STATUS_NAMES[this.st.status[this.indexOf(id)]];
  }

  chainState(leaderId: string): ChainState {
    return CHAIN_STATE_NAMES[this.st.avail[this.leaderIndex(leaderId)]];
  }

  /** The parts lost to this enterprise (§2.2), sorted. Defined for any enterprise. */
  lostParts(id: string): string[] {
    return this.lostPartsOf(this.indexOf(id));
  }

  /**
   * Root causes of any enterprise, sorted: for a blocked one the down enterprises that reach
   * it in H; a down one is its own root; an operating one has none.
   */
  rootCauses(id: string): string[] {
    const x = this.indexOf(id);
    const a = this.st.avail[x];
    if (a === OPERATING) return [];
    if (a === DOWN) return [id];
    // The root index has the roots of blocked leaders only.
    if (this.rootIndexCache && this.net.role[x] === LEADER) return this.idsOf(this.rootIndexCache.rootsOfLeader(x));
    return this.sortedIds(rootsIn(this.st, this.search(x).reached));
  }

  /** Every leader's chain, sorted by leader id. */
  chains(): ChainSummary[] {
    const index = this.rootIndex();
    const { ids, leaders } = this.net;
    const out: ChainSummary[] = new Array(leaders.length);
    for (let k = 0; k < leaders.length; k++) {
      const l = leaders[k];
      const a = this.st.avail[l];
      out[k] = {
        leader: ids[l],
        state: CHAIN_STATE_NAMES[a],
        // The root index lists each leader's roots in id order already.
        rootCauses: a === DOWN ? [ids[l]] : a === BLOCKED ? this.idsOf(index.rootsOfLeader(l)) : [],
        lostParts: a === OPERATING ? [] : this.lostPartsOf(l),
      };
    }
    return out;
  }

  /** One leader's chain: lost parts with their suppliers, root causes with a blocking path. */
  chain(leaderId: string): ChainDetail {
    const l = this.leaderIndex(leaderId);
    const { net, st } = this;
    const a = st.avail[l];
    const lostParts: LostPart[] = this.lostGroups(l)
      .map((g) => {
        const suppliers: SupplierState[] = [];
        for (let j = net.groupLinks[g]; j < net.groupLinks[g + 1]; j++) {
          const s = net.linkSupplier[j];
          suppliers.push({
            id: net.ids[s],
            status: STATUS_NAMES[st.status[s]],
            availability: AVAILABILITY_NAMES[st.avail[s]],
          });
        }
        suppliers.sort((x, y) => byCodeUnits(x.id, y.id));
        return { part: net.parts[net.groupPart[g]], suppliers };
      })
      .sort((x, y) => byCodeUnits(x.part, y.part));
    let rootCauses: RootCause[] = [];
    if (a === DOWN) {
      rootCauses = [{ id: leaderId, province: this.provinceOf(l), path: [leaderId] }];
    } else if (a === BLOCKED) {
      const search = this.search(l);
      rootCauses = rootsIn(st, search.reached)
        .map((r) => ({ id: net.ids[r], province: this.provinceOf(r), path: pathTo(search, r).map((i) => net.ids[i]) }))
        .sort((x, y) => byCodeUnits(x.id, y.id));
    }
    return { leader: leaderId, state: CHAIN_STATE_NAMES[a], lostParts, rootCauses };
  }

  /** §2.8, ranked by blockedLeaders desc, blockedEnterprises desc, id asc. */
  bottlenecks(): Bottleneck[] {
    this.bottleneckCache ??= rankBottlenecks(this.net, this.rootIndex());
    return this.bottleneckCache.map((b) => ({ ...b }));
  }

  /** The blocked leaders that have `rootId` among their root causes, sorted (for §3 tasks). */
  blockedLeadersOf(rootId: string): string[] {
    const r = this.indexOf(rootId);
    return this.sortedIds(this.rootIndex().leadersOfRoot(r));
  }

  /** Ids of the blocked leaders, sorted. */
  blockedLeaderIds(): string[] {
    const out: string[] = [];
    for (const l of this.net.leaders) if (this.st.avail[l] === BLOCKED) out.push(this.net.ids[l]);
    return out;
  }

  counts(): AnalysisCounts {
    if (!this.countsCache) {
      const { net, st } = this;
      const c: AnalysisCounts = {
        enterprises: net.size,
        links: net.linkCount,
        operating: 0,
        down: 0,
        blocked: 0,
        leaders: net.leaders.length,
        clearLeaders: 0,
        blockedLeaders: 0,
        downLeaders: 0,
      };
      for (let i = 0; i < net.size; i++) {
        const a = st.avail[i];
        if (a === OPERATING) c.operating++;
        else if (a === DOWN) c.down++;
        else c.blocked++;
      }
      for (const l of net.leaders) {
        const a = st.avail[l];
        if (a === OPERATING) c.clearLeaders++;
        else if (a === DOWN) c.downLeaders++;
        else c.blockedLeaders++;
      }
      this.countsCache = c;
    }
    return { ...this.countsCache };
  }

  /** §2.9: leaders whose chain state would change under the scenario, sorted by id. */
  whatIf(scenario: WhatIfScenario): LeaderStateChange[] {
    const other = this.withScenario(scenario);
    return diffLeaders(this.net, this.st.avail, other.st.avail);
  }

  /** The analysis of the same network with the scenario applied to the current statuses. */
  withScenario(scenario: WhatIfScenario): ChainAnalysis {
    // Added links make another network over the same enterprise indices (added-links.ts).
    const net = scenario.addLinks?.length ? withAddedLinks(this.net, this.st.status, scenario.addLinks) : this.net;
    const status = scenarioStatuses(net, this.st.status, scenario);
    return new ChainAnalysis(net, solveAvailability(net, status), this.rev);
  }

  /** The supplier tree of any enterprise by tier, with statuses (the lead view). */
  upstream(id: string, maxDepth?: number): UpstreamView {
    return upstreamTiers(this.net, this.st, this.indexOf(id), maxDepth);
  }

  /** §9: how many leaders `id` supplies, directly or through others (itself included when a leader); null for an unknown id. */
  leadersServed(id: string): number | null {
    const x = this.net.index.get(id);
    return x === undefined ? null : leadersServedCounts(this.net)[x];
  }

  /** Drops everything derived from the state; called after each change. */
  protected invalidate(): void {
    this.rootIndexCache = undefined;
    this.bottleneckCache = undefined;
    this.countsCache = undefined;
  }

  /** Resizes scratch after the network changed size. */
  protected resetScratch(): void {
    this.scratch = undefined;
  }

  protected indexOf(id: string): number {
    const i = this.net.index.get(id);
    if (i === undefined) throw new RangeError(`analysis: unknown enterprise ${JSON.stringify(id)}`);
    return i;
  }

  private leaderIndex(id: string): number {
    const i = this.indexOf(id);
    if (this.net.role[i] !== LEADER) throw new RangeError(`analysis: enterprise ${JSON.stringify(id)} is not a leader`);
    return i;
  }

  private rootIndex(): RootIndex {
    this.rootIndexCache ??= buildRootIndex(this.net, this.st);
    return this.rootIndexCache;
  }

  private search(t: number) {
    this.scratch ??= { next: new Int32Array(this.net.size), reached: new Int32Array(this.net.size) };
    return reverseSearch(this.net, this.st, t, this.scratch.next, this.scratch.reached);
  }

  private lostGroups(x: number): number[] {
    const { net, st } = this;
    const groups: number[] = [];
    if (st.lost[x] === 0) return groups;
    for (let g = net.customerGroups[x]; g < net.customerGroups[x + 1]; g++) {
      if (st.supply[g] === 0 && net.groupCritical[g] === 1) groups.push(g);
    }
    return groups;
  }

  private provinceOf(x: number): string {
    return this.net.provinces[this.net.provinceOf[x]];
  }

  private lostPartsOf(x: number): string[] {
    const { net, st } = this;
    const out: string[] = [];
    if (st.lost[x] === 0) return out;
    const { customerGroups, groupCritical, groupPart, parts } = net;
    const { supply } = st;
    for (let g = customerGroups[x], end = customerGroups[x + 1]; g < end; g++) {
      if (supply[g] !== 0 || groupCritical[g] !== 1) continue;
      // Insertion by code units (what `<` compares): an enterprise lacks a handful of parts,
      // and chains() asks this of every blocked leader.
      const part = parts[groupPart[g]];
      let at = out.length;
      out.push(part);
      while (at > 0 && part < out[at - 1]) {
        out[at] = out[at - 1];
        at--;
      }
      out[at] = part;
    }
    return out;
  }

  private idsOf(xs: ArrayLike<number>): string[] {
    const ids = this.net.ids;
    const out: string[] = new Array(xs.length);
    for (let i = 0; i < xs.length; i++) out[i] = ids[xs[i]];
    return out;
  }

  private sortedIds(xs: ArrayLike<number>): string[] {
    return sortIds(this.idsOf(xs));
  }
}
