/**
 * The mutable availability state of one analysis: current statuses, availability, the
 * counters that define lost parts, and scratch buffers reused by every traversal so that
 * queries at a million enterprises allocate nothing per step.
 */
import { Arena } from './arena';

export interface AvailabilityState {
  /** Current statuses (status codes); a copy, never the network's. */
  readonly status: Uint8Array;
  /** OPERATING, DOWN or BLOCKED per enterprise. */
  readonly avail: Uint8Array;
  /** Per critical group: suppliers that are available (groups with no critical link keep their size). */
  readonly supply: Int32Array;
  /** Per enterprise: its lost parts (critical groups with no available supplier). */
  readonly lost: Int32Array;
  /** Worklist scratch, one slot per enterprise (each enters at most once per run). */
  readonly work: Int32Array;
  /** Region scratch for resumptions. */
  readonly region: Int32Array;
  /** Visit marks for traversals: marks[i] === epoch means visited in the current traversal. */
  readonly marks: Int32Array;
  epoch: number;
}

/** `shared`: in shared memory, for a helper thread to read (parallel-search.ts). */
export function emptyState(status: Uint8Array, groupCount: number, shared = false): AvailabilityState {
  const n = status.length;
  // One allocation (arena.ts): each large typed array may otherwise start a full collection.
  const arena = new Arena(4 * n + groupCount, n, shared);
  return {
    status,
    avail: arena.uint8(n),
    supply: arena.int32(groupCount),
    lost: arena.int32(n),
    work: arena.int32(n),
    region: arena.int32(n),
    marks: arena.int32(n),
    epoch: 0,
  };
}

/** Next epoch for a traversal over state.marks; resets the marks on the (theoretical) wrap. */
export function nextEpoch(state: AvailabilityState): number {
  if (state.epoch === 0x7fffffff) {
    state.marks.fill(0);
    state.epoch = 0;
  }
  return ++state.epoch;
}
