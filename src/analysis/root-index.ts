/**
 * Root causes seen from the roots (§2.6, §2.8): for every down enterprise, what it reaches in
 * the blocking graph H. One forward search per down enterprise gives, at once, each root's
 * blockedEnterprises and blockedLeaders counts, every blocked leader's root causes, and the
 * region its resume trial needs (unblocksIfResumed, resume-trial.ts).
 *
 * Cost is the number of (root, blocked enterprise) pairs plus the H edges between them:
 * exact reachability counts have no general shortcut, but H is sparse (only lost parts'
 * suppliers, materialised once in the lost graph) and each search stops at down
 * enterprises, which have no in-edges in H.
 */
import { BLOCKED, DOWN, LEADER, sortIds } from './codes';
import type { CompiledNetwork } from './compile';
import { buildLostGraph, reachInH, type LostGraph } from './lost-graph';
import { essentialRootBounds } from './essential-roots';
import { ResumeTrial } from './resume-trial';
import type { AvailabilityState } from './state';

export interface RootIndex {
  /** Down enterprises that are a root cause of at least one blocked enterprise, by id. */
  readonly roots: Int32Array;
  /** Parallel to roots: blocked enterprises it is a root cause of. */
  readonly blockedEnterprises: Int32Array;
  /** Parallel to roots: blocked leaders it is a root cause of. */
  readonly blockedLeaders: Int32Array;
  /** Parallel to roots: blocked leaders that would be clear if it alone resumed. */
  readonly unblocksIfResumed: Int32Array;
  /** A blocked leader's root causes (indices, in id order); empty for any other enterprise. */
  rootsOfLeader(leader: number): Int32Array;
  /** A root's blocked leaders (indices, in the order its search reached them); empty for a non-root. */
  leadersOfRoot(root: number): Int32Array;
}

/**
 * Every (root, blocked leader) pair, recorded root after root (roots in id order), then
 * indexed by leader with a stable counting sort: typed arrays instead of an array object per
 * leader and per root, which at a million enterprises (millions of pairs) kept the garbage
 * collector busy for longer than the searches took.
 */
class PairIndex {
  /** Pairs of root position k: pairLeader[rootPairs[k] .. rootPairs[k + 1] - 1]. */
  private readonly rootPairs: Int32Array;
  private readonly pairLeader: Int32Array;
  /** Roots of leader l: leaderRoot[leaderPairs[l] .. leaderPairs[l + 1] - 1]. */
  private readonly leaderPairs: Int32Array;
  private readonly leaderRoot: Int32Array;
  private readonly positionOf: Map<number, number>;

  constructor(n: number, roots: Int32Array, rootPairs: Int32Array, pairLeader: Int32Array) {
    this.rootPairs = rootPairs;
    this.pairLeader = pairLeader;
    this.positionOf = new Map();
    for (let k = 0; k < roots.length; k++) this.positionOf.set(roots[k], k);
    const pairs = pairLeader.length;
    this.leaderPairs = new Int32Array(n + 1);
    for (let p = 0; p < pairs; p++) this.leaderPairs[pairLeader[p] + 1]++;
    for (let i = 1; i <= n; i++) this.leaderPairs[i] += this.leaderPairs[i - 1];
    const next = this.leaderPairs.slice(0, n);
    this.leaderRoot = new Int32Array(pairs);
    placeRoots(roots, rootPairs, pairLeader, next, this.leaderRoot);
  }

  rootsOfLeader(l: number): Int32Array {
    return this.leaderRoot.subarray(this.leaderPairs[l], this.leaderPairs[l + 1]);
  }

  leadersOfRoot(r: number): Int32Array {
    const k = this.positionOf.get(r);
    return k === undefined ? new Int32Array(0) : this.pairLeader.subarray(this.rootPairs[k], this.rootPairs[k + 1]);
  }
}

function placeRoots(roots: Int32Array, rootPairs: Int32Array, pairLeader: Int32Array, next: Int32Array, leaderRoot: Int32Array): void {
  for (let k = 0; k < roots.length; k++) {
    const r = roots[k];
    for (let p = rootPairs[k], end = rootPairs[k + 1]; p < end; p++) leaderRoot[next[pairLeader[p]]++] = r;
  }
}

export function buildRootIndex(net: CompiledNetwork, state: AvailabilityState): RootIndex {
  const n = net.size;
  const lost = buildLostGraph(net, state);
  const trial = new ResumeTrial(net, state);
  // Roots that might clear a leader alone; for every other root the trial would find 0.
  const bounds = essentialRootBounds(net, state);
  const mayClear = new Uint8Array(n);
  const anyRoot = new Uint8Array(n);
  for (const l of net.leaders) {
    if (state.avail[l] !== BLOCKED) continue;
    const bound = bounds.of(l);
    if (bound === null) anyRoot[l] = 1;
    else for (const r of bound) mayClear[r] = 1;
  }
  // Searching from the roots in id order lists every leader's root causes in id order, as
  // answers give them: no sort of millions of ids afterwards.
  const candidates = rootsById(net, state, lost);
  const count = candidates.length;
  const roots = new Int32Array(count);
  const enterprises = new Int32Array(count);
  const leaders = new Int32Array(count);
  const unblocks = new Int32Array(count);
  const rootPairs = new Int32Array(count + 1);
  let pairLeader: Int32Array = new Int32Array(Math.max(16, n));
  let pairs = 0;
  const buf = new Int32Array(n);
  // Each search gets its own epoch (k + 1), so marks are never reset.
  const marks = new Int32Array(n);
  const { role } = net;
  let found = 0;
  for (let k = 0; k < count; k++) {
    const r = candidates[k];
    const size = reachInH(lost, r, buf, marks, k + 1);
    if (size === 1) continue;
    if (pairLeader.length - pairs < size) pairLeader = grown(pairLeader, pairs + size);
    const from = pairs;
    pairs = leadersReached(role, buf, size, pairLeader, pairs);
    roots[found] = r;
    enterprises[found] = size - 1;
    leaders[found] = pairs - from;
    rootPairs[found + 1] = pairs;
    const mine = pairLeader.subarray(from, pairs);
    const tryIt = pairs > from && (mayClear[r] === 1 || someMarked(anyRoot, mine));
    unblocks[found] = tryIt ? trial.cleared(buf, size, marks, k + 1, mine) : 0;
    found++;
  }
  const index = new PairIndex(n, roots.subarray(0, found), rootPairs.subarray(0, found + 1), pairLeader.subarray(0, pairs));
  return {
    roots: roots.subarray(0, found),
    blockedEnterprises: enterprises.subarray(0, found),
    blockedLeaders: leaders.subarray(0, found),
    unblocksIfResumed: unblocks.subarray(0, found),
    rootsOfLeader: (l) => index.rootsOfLeader(l),
    leadersOfRoot: (r) => index.leadersOfRoot(r),
  };
}

function grown(a: Int32Array, atLeast: number): Int32Array {
  const b = new Int32Array(Math.max(atLeast, 2 * a.length));
  b.set(a);
  return b;
}

function someMarked(flags: Uint8Array, xs: Int32Array): boolean {
  for (let i = 0; i < xs.length; i++) if (flags[xs[i]] === 1) return true;
  return false;
}

/** The down enterprises with an edge in H (those that can be a root cause), sorted by id. */
function rootsById(net: CompiledNetwork, state: AvailabilityState, lost: LostGraph): Int32Array {
  const ids = downWithEdges(net.ids, state.avail, lost.hStart);
  // The default sort compares strings natively, by UTF-16 code units (codes.ts sortIds).
  sortIds(ids);
  return indicesOf(net, ids);
}

function indicesOf(net: CompiledNetwork, ids: readonly string[]): Int32Array {
  const out = new Int32Array(ids.length);
  for (let k = 0; k < ids.length; k++) out[k] = net.index.get(ids[k])!;
  return out;
}

function downWithEdges(ids: readonly string[], avail: Uint8Array, hStart: Int32Array): string[] {
  const down = DOWN;
  const out: string[] = [];
  for (let r = 0, n = avail.length; r < n; r++) if (avail[r] === down && hStart[r] !== hStart[r + 1]) out.push(ids[r]);
  return out;
}

/**
 * Appends the leaders among reached[1 .. size - 1] (the root itself is down, never counted)
 * to out from position `at`; returns the new end.
 */
function leadersReached(role: Uint8Array, reached: Int32Array, size: number, out: Int32Array, at: number): number {
  const leader = LEADER;
  for (let i = 1; i < size; i++) {
    const b = reached[i];
    if (role[b] === leader) out[at++] = b;
  }
  return at;
}
