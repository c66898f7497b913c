/**
 * Root causes seen from the roots (§2.6, §2.8): for every down enterprise, what it reaches in
 * the blocking graph H. One forward search per down enterprise gives, at once, each root's
 * blockedEnterprises and blockedLeaders counts and every blocked leader's root causes.
 *
 * Cost is the number of (root, blocked enterprise) pairs plus the edges between them: exact
 * reachability counts have no general shortcut, but H is sparse (only lost parts' suppliers)
 * and each search stops at down enterprises, which have no in-edges in H.
 */
import { DOWN, LEADER } from './codes';
import type { CompiledNetwork } from './compile';
import { forwardRegion } from './blocking-graph';
import type { AvailabilityState } from './state';

export interface RootIndex {
  /** Down enterprises that are a root cause of at least one blocked enterprise, by index. */
  readonly roots: Int32Array;
  /** Parallel to roots: blocked enterprises it is a root cause of. */
  readonly blockedEnterprises: Int32Array;
  /** Parallel to roots: blocked leaders it is a root cause of. */
  readonly blockedLeaders: Int32Array;
  /** Blocked leader → its root causes (indices, in index order). */
  readonly rootsOfLeader: ReadonlyMap<number, readonly number[]>;
  /** Root → the blocked leaders it is a root cause of (indices). */
  readonly leadersOfRoot: ReadonlyMap<number, readonly number[]>;
}

export function buildRootIndex(net: CompiledNetwork, state: AvailabilityState): RootIndex {
  const n = net.size;
  const roots: number[] = [];
  const enterprises: number[] = [];
  const leaders: number[] = [];
  const rootsOfLeader = new Map<number, number[]>();
  const leadersOfRoot = new Map<number, number[]>();
  const buf = new Int32Array(n);
  const { avail } = state;
  const down = DOWN;
  const leader = LEADER;
  for (let r = 0; r < n; r++) {
    if (avail[r] !== down) continue;
    const size = forwardRegion(net, state, r, buf);
    if (size === 1) continue;
    let leaderCount = 0;
    let mine: number[] | undefined;
    for (let i = 1; i < size; i++) {
      const b = buf[i];
      if (net.role[b] !== leader) continue;
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
  }
  return {
    roots: Int32Array.from(roots),
    blockedEnterprises: Int32Array.from(enterprises),
    blockedLeaders: Int32Array.from(leaders),
    rootsOfLeader,
    leadersOfRoot,
  };
}
