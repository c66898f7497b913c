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
import { BLOCKED, DOWN, LEADER } from './codes';
import type { CompiledNetwork } from './compile';
import { buildLostGraph, reachInH } from './lost-graph';
import { essentialRootBounds } from './essential-roots';
import { ResumeTrial } from './resume-trial';
import type { AvailabilityState } from './state';

export interface RootIndex {
  /** Down enterprises that are a root cause of at least one blocked enterprise, by index. */
  readonly roots: Int32Array;
  /** Parallel to roots: blocked enterprises it is a root cause of. */
  readonly blockedEnterprises: Int32Array;
  /** Parallel to roots: blocked leaders it is a root cause of. */
  readonly blockedLeaders: Int32Array;
  /** Parallel to roots: blocked leaders that would be clear if it alone resumed. */
  readonly unblocksIfResumed: Int32Array;
  /** Blocked leader → its root causes (indices, in index order). */
  readonly rootsOfLeader: ReadonlyMap<number, readonly number[]>;
  /** Root → the blocked leaders it is a root cause of (indices). */
  readonly leadersOfRoot: ReadonlyMap<number, readonly number[]>;
}

export function buildRootIndex(net: CompiledNetwork, state: AvailabilityState): RootIndex {
  const n = net.size;
  const lost = buildLostGraph(net, state);
  const roots: number[] = [];
  const enterprises: number[] = [];
  const leaders: number[] = [];
  const unblocks: number[] = [];
  const trial = new ResumeTrial(net, state, lost);
  // Roots that might clear a leader alone; for every other root the trial would find 0.
  const bounds = essentialRootBounds(net, state, lost);
  const mayClear = new Uint8Array(n);
  for (const l of net.leaders) {
    if (state.avail[l] !== BLOCKED) continue;
    for (const r of bounds[l] ?? []) mayClear[r] = 1;
  }
  const anyRoot = (l: number) => bounds[l] === null;
  const rootsOfLeader = new Map<number, number[]>();
  const leadersOfRoot = new Map<number, number[]>();
  const buf = new Int32Array(n);
  // Each root's search gets its own epoch (r + 1), so marks are never reset.
  const marks = new Int32Array(n);
  const { avail } = state;
  const { role } = net;
  const down = DOWN;
  const leader = LEADER;
  for (let r = 0; r < n; r++) {
    if (avail[r] !== down || lost.start[r] === lost.start[r + 1]) continue;
    const size = reachInH(lost, r, buf, marks, r + 1);
    if (size === 1) continue;
    let leaderCount = 0;
    let mine: number[] | undefined;
    for (let i = 1; i < size; i++) {
      const b = buf[i];
      if (role[b] !== leader) continue;
      leaderCount++;
      (mine ??= []).push(b);
      let theirs = rootsOfLeader.get(b);
      if (!theirs) rootsOfLeader.set(b, (theirs = []));
      theirs.push(r);
    }
    if (mine) leadersOfRoot.set(r, mine);
    roots.push(r);
    enterprises.push(size - 1);
    leaders.push(leaderCount);
    const tryIt = mine !== undefined && (mayClear[r] === 1 || mine.some(anyRoot));
    unblocks.push(tryIt ? trial.cleared(buf, size, marks, r + 1, mine!) : 0);
  }
  return {
    roots: Int32Array.from(roots),
    blockedEnterprises: Int32Array.from(enterprises),
    blockedLeaders: Int32Array.from(leaders),
    unblocksIfResumed: Int32Array.from(unblocks),
    rootsOfLeader,
    leadersOfRoot,
  };
}
