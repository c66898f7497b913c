/**
 * A helper thread for the analysis of a large network: the one place in src/analysis that
 * runs work on two threads. Three jobs, each over SharedArrayBuffers:
 *
 * - while compile builds the id index here, the helper builds the critical-group index
 *   (critical-index.ts);
 * - while the root index sorts the down enterprises by id here, the helper builds H
 *   (lost-graph.ts buildH);
 * - the root searches (one search in H per down enterprise: 17M search steps, about 350 ms at
 *   a million enterprises) are shared: both threads claim chunks of roots from an atomic
 *   counter, write each root's counts to shared arrays, and keep the leaders they find in
 *   their own buffer, which the helper hands back.
 *
 * The analysis stays synchronous: this thread blocks (Atomics.wait) only for the helper's last
 * part. The helper is one worker thread per process, started on the first large network and
 * kept (unref'd: it never holds the process open). Its code is the same kernel functions as
 * this thread's, sent as source text, so they are self-contained. Each job has one rule: if the
 * helper has not joined it by the time this thread has done its own part, it no longer may and
 * this thread does the job; if it fails, this thread does its share again. So the answers never
 * depend on the helper, only the time does.
 *
 * Node core modules (worker_threads, os) for parallelism, not I/O: see .dependency-cruiser.cjs.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { inSharedMemory } from './arena';
import { countCritical, criticalIndex, cumulate, placeCritical } from './critical-index';
import { buildH, countEdges, placeEdges, prefixSums, type HArrays } from './lost-graph';

/** Links below which one thread does everything: a hand-over to the helper costs about a millisecond. */
const DEFAULT_MIN_EDGES = 200_000;

let threads = Math.min(2, availableParallelism());
let minEdges = DEFAULT_MIN_EDGES;
let sourceOverride: string | undefined;

export interface RootSearchOptions {
  /** Threads that search: 1 or 2 (more count as 2). Default: 2 on a machine with two cores or more. */
  threads?: number;
  /** Links (of the network, then edges of H) from which the helper takes part (default 200,000; tests lower it). */
  minEdges?: number;
  /** Tests only: the helper's code instead of the real one (a helper that never joins, one that fails); null restores it. */
  helperSource?: string | null;
}

export function configureRootSearch(opts: RootSearchOptions): void {
  if (opts.threads !== undefined) {
    if (!Number.isInteger(opts.threads) || opts.threads < 1) throw new RangeError(`root search threads must be a positive integer, got ${opts.threads}`);
    threads = Math.min(2, opts.threads);
    if (threads < 2) void stopRootSearchHelper();
  }
  if (opts.minEdges !== undefined) minEdges = opts.minEdges;
  if (opts.helperSource !== undefined) {
    sourceOverride = opts.helperSource ?? undefined;
    void stopRootSearchHelper();
  }
}

/** Since the process started: searches run with a helper offered, joined by it, and redone here after it failed. */
export interface RootSearchStats {
  offered: number;
  joined: number;
  redone: number;
}

const stats: RootSearchStats = { offered: 0, joined: 0, redone: 0 };

export function rootSearchStats(): RootSearchStats {
  return { ...stats };
}

/** Whether work over this many links (or edges of H) goes to the helper thread. */
export function searchInParallel(edges: number): boolean {
  return threads > 1 && edges >= minEdges;
}

/** Slots of the control array shared with the helper: 0 is the next root to claim (searchShare), then these. */
const STATE = 1;
const DONE = 2;
/** STATE: the helper has not joined yet / has joined / may no longer join. */
const OPEN = 0;
const JOINED = 1;
const CLOSED = 2;
/** DONE: not yet / finished / failed. */
const FINISHED = 1;
const FAILED = 2;
/** Who searched root k (owner[k]). */
export const SEARCHED_HERE = 1;
export const SEARCHED_BY_HELPER = 2;

/** The arrays both threads read or write; shared memory when a helper takes part. */
export interface SearchJob {
  /** The roots, in the order they are claimed (index order). */
  byIndex: Int32Array;
  hStart: Int32Array;
  hTarget: Int32Array;
  /** 1 for a leader. */
  leaderFlags: Uint8Array;
  leaderCount: number;
  /** By claim position k: the blocked enterprises and leaders root k reaches, where its leaders start in its searcher's buffer, and who that was. */
  enterprises: Int32Array;
  leaders: Int32Array;
  pairFrom: Int32Array;
  owner: Uint8Array;
}

export interface SearchResult {
  /** Leaders found, per searcher: here (0), the helper (1). */
  pairs: Int32Array[];
  /** By claim position k: the searcher of root k, and where its leaders start in that searcher's list. */
  source: Uint8Array;
  from: Int32Array;
}

/** Allocates the job's arrays, in shared memory when `shared`. */
export function searchJob(net: { size: number; leaders: Int32Array }, hStart: Int32Array, hTarget: Int32Array, byIndex: Int32Array, shared: boolean): SearchJob {
  const n = net.size;
  const count = byIndex.length;
  const int32 = (length: number) => sharedInt32(length, shared);
  const sharedByIndex = int32(count);
  sharedByIndex.set(byIndex);
  const leaderFlags = new Uint8Array(shared ? new SharedArrayBuffer(n) : new ArrayBuffer(n));
  for (const l of net.leaders) leaderFlags[l] = 1;
  return {
    byIndex: sharedByIndex,
    hStart,
    hTarget,
    leaderFlags,
    leaderCount: net.leaders.length,
    enterprises: int32(count),
    leaders: int32(count),
    pairFrom: int32(count),
    owner: new Uint8Array(shared ? new SharedArrayBuffer(count) : new ArrayBuffer(count)),
  };
}

/**
 * Runs every search of the job: with the helper when `parallel` and the job's arrays are in
 * shared memory, else here alone. `meanwhile` runs here first, while the helper searches.
 */
export function runSearches(job: SearchJob, parallel: boolean, meanwhile: () => void): SearchResult {
  const control = new Int32Array(new SharedArrayBuffer(3 * 4));
  const helper = parallel && isShared(job) ? rootSearchHelper() : null;
  let jobId = 0;
  if (helper) {
    stats.offered++;
    jobId = ++helper.jobs;
    helper.worker.postMessage({ kind: 'search', jobId, control, ...job });
  } else {
    control[STATE] = CLOSED;
  }
  meanwhile();
  const here = searchShare(control, SEARCHED_HERE, job.byIndex, job.hStart, job.hTarget, job.leaderFlags, job.leaderCount, job.enterprises, job.leaders, job.pairFrom, job.owner);
  const source = new Uint8Array(job.owner.length);
  // The helper joins no later than now, or not at all (every chunk is claimed by then).
  if (!helper || Atomics.compareExchange(control, STATE, OPEN, CLOSED) === OPEN) return { pairs: [here], source, from: job.pairFrom };
  stats.joined++;
  const reply = awaitReply<{ pairs: Int32Array }>(helper, control, jobId);
  if (reply) {
    for (let k = 0; k < source.length; k++) if (job.owner[k] === SEARCHED_BY_HELPER) source[k] = 1;
    return { pairs: [here, reply.pairs], source, from: job.pairFrom };
  }
  // The helper failed or never finished: search its roots again here (same counts, written to
  // the same places; positions go to fresh arrays, which a helper still running cannot touch).
  stats.redone++;
  void stopRootSearchHelper();
  const from = Int32Array.from(job.pairFrom);
  const again = researchHelpersRoots(job, from, source);
  return { pairs: [here, again], source, from };
}

function isShared(job: SearchJob): boolean {
  const arrays = [job.byIndex, job.hStart, job.hTarget, job.leaderFlags, job.enterprises, job.leaders, job.pairFrom, job.owner];
  return arrays.every(inSharedMemory);
}

/** The helper's reply to job `jobId`, or null when it failed or took far too long. */
function awaitReply<T>(helper: RootSearchHelper, control: Int32Array, jobId: number): T | null {
  const deadline = Date.now() + 120_000;
  while (Atomics.load(control, DONE) === 0) {
    const left = deadline - Date.now();
    if (left <= 0) return null;
    Atomics.wait(control, DONE, 0, Math.min(left, 1_000));
  }
  if (Atomics.load(control, DONE) !== FINISHED) return null;
  // The reply was posted before DONE was set; older ones (a job given up on) are skipped.
  for (;;) {
    const received = receiveMessageOnPort(helper.port) as { message: T & { jobId: number } } | undefined;
    if (!received) return null;
    if (received.message.jobId === jobId) return received.message;
  }
}

/**
 * Searches again, here, every root not searched here; returns the leaders found, pointing
 * from[k] at them and marking source[k] = 1 for those roots. Writes no position of the job:
 * a helper given up on may still be writing those of its own claims.
 */
function researchHelpersRoots(job: SearchJob, from: Int32Array, source: Uint8Array): Int32Array {
  const again: number[] = [];
  for (let k = 0; k < job.owner.length; k++) if (job.owner[k] !== SEARCHED_HERE) again.push(k);
  const byIndex = Int32Array.from(again, (k) => job.byIndex[k]);
  const pairFrom = new Int32Array(again.length);
  const control = new Int32Array(new SharedArrayBuffer(3 * 4));
  const enterprises = new Int32Array(again.length);
  const leaders = new Int32Array(again.length);
  const pairs = searchShare(
    control,
    SEARCHED_HERE,
    byIndex,
    job.hStart,
    job.hTarget,
    job.leaderFlags,
    job.leaderCount,
    enterprises,
    leaders,
    pairFrom,
    new Uint8Array(again.length),
  );
  again.forEach((k, i) => {
    job.enterprises[k] = enterprises[i];
    job.leaders[k] = leaders[i];
    from[k] = pairFrom[i];
    source[k] = 1;
  });
  return pairs;
}

/**
 * Runs job `kind` on the helper thread with `payload` (typed arrays in shared memory) while
 * `meanwhile` runs here. If the helper has not joined by the time `meanwhile` returns, it no
 * longer may, and `here()` computes the same result on this thread; so it does when the helper
 * fails. `here()` must not write into the payload's arrays (a helper given up on may still be).
 */
function offload<T>(kind: 'graph' | 'critical', payload: object, meanwhile: () => void, here: () => T): T {
  const helper = rootSearchHelper();
  if (!helper) {
    meanwhile();
    return here();
  }
  const control = new Int32Array(new SharedArrayBuffer(3 * 4));
  const jobId = ++helper.jobs;
  stats.offered++;
  helper.worker.postMessage({ kind, jobId, control, ...payload });
  meanwhile();
  if (Atomics.compareExchange(control, STATE, OPEN, CLOSED) === OPEN) return here();
  stats.joined++;
  const reply = awaitReply<{ result: T }>(helper, control, jobId);
  if (reply) return reply.result;
  stats.redone++;
  void stopRootSearchHelper();
  return here();
}

const sharedInt32 = (length: number, shared: boolean) => new Int32Array(shared ? new SharedArrayBuffer(4 * length) : new ArrayBuffer(4 * length));

/**
 * Builds H (lost-graph.ts buildH): on the helper thread when `parallel` and the arrays it reads
 * are in shared memory, while `meanwhile` runs here; else here. In shared memory when
 * `parallel`, for the searches that follow.
 */
export function buildHInParallel(arrays: HArrays, n: number, parallel: boolean, meanwhile: () => void): { hStart: Int32Array; hTarget: Int32Array } {
  const here = () => {
    const hStart = sharedInt32(n + 1, parallel);
    return { hStart, hTarget: buildH(arrays, hStart, parallel) };
  };
  const reads = [arrays.supply, arrays.groupCritical, arrays.avail, arrays.groupCustomer, arrays.groupLinks, arrays.linkSupplier];
  if (!parallel || !reads.every(inSharedMemory)) {
    meanwhile();
    return here();
  }
  return offload('graph', { arrays, hStart: sharedInt32(n + 1, true) }, meanwhile, here);
}

/**
 * The critical-group index of compile.ts (criticalIndex): on the helper thread when `parallel`
 * and the groups are in shared memory, while `meanwhile` runs here; else here.
 */
export function criticalIndexInParallel(
  n: number,
  groupCount: number,
  groupLinks: Int32Array,
  linkSupplier: Int32Array,
  groupCritical: Uint8Array,
  parallel: boolean,
  meanwhile: () => void,
): { criticalLinks: Int32Array; criticalGroup: Int32Array } {
  const here = () => criticalIndex(n, groupCount, groupLinks, linkSupplier, groupCritical, parallel);
  if (!parallel || ![groupLinks, linkSupplier, groupCritical].every(inSharedMemory)) {
    meanwhile();
    return here();
  }
  return offload('critical', { n, groupCount, groupLinks, linkSupplier, groupCritical }, meanwhile, here);
}

/**
 * Claims chunks of roots from control[0] until none is left and searches each: a breadth-first
 * search in H from root byIndex[k], counting what it reaches (enterprises[k], leaders[k]) and
 * listing the leaders in this searcher's buffer from pairFrom[k]. Returns that buffer, trimmed.
 *
 * Self-contained (no imports, constants or helpers from outside): the helper thread runs it
 * from its source text. Search marks carry the leader flag: marks[x] >> 1 is the last search
 * that reached x (its claim position k + 1, distinct per root), marks[x] & 1 whether x is a leader.
 */
export function searchShare(
  control: Int32Array,
  who: number,
  byIndex: Int32Array,
  hStart: Int32Array,
  hTarget: Int32Array,
  leaderFlags: Uint8Array,
  leaderCount: number,
  enterprises: Int32Array,
  leaders: Int32Array,
  pairFrom: Int32Array,
  owner: Uint8Array,
): Int32Array {
  const chunk = 64;
  const n = leaderFlags.length;
  const count = byIndex.length;
  const marks = new Int32Array(n);
  for (let x = 0; x < n; x++) marks[x] = leaderFlags[x];
  const out = new Int32Array(n);
  let pairs = new Int32Array(Math.max(1024, 2 * leaderCount));
  let at = 0;
  for (;;) {
    const first = Atomics.add(control, 0, chunk);
    if (first >= count) break;
    const last = Math.min(count, first + chunk);
    for (let k = first; k < last; k++) {
      if (pairs.length - at < leaderCount) {
        const grown = new Int32Array(Math.max(2 * pairs.length, at + leaderCount));
        grown.set(pairs.subarray(0, at));
        pairs = grown;
      }
      const r = byIndex[k];
      const epoch = k + 1;
      const tag = epoch << 1;
      const from = at;
      marks[r] = tag | (marks[r] & 1);
      out[0] = r;
      let head = 0;
      let tail = 1;
      while (head < tail) {
        const s = out[head++];
        for (let j = hStart[s], stop = hStart[s + 1]; j < stop; j++) {
          const c = hTarget[j];
          const m = marks[c];
          if (m >> 1 !== epoch) {
            marks[c] = tag | (m & 1);
            out[tail++] = c;
            if ((m & 1) === 1) pairs[at++] = c;
          }
        }
      }
      enterprises[k] = tail - 1;
      leaders[k] = at - from;
      pairFrom[k] = from;
      owner[k] = who;
    }
  }
  return pairs.slice(0, at);
}

interface RootSearchHelper {
  worker: Worker;
  /** Where the helper posts its replies; read synchronously (receiveMessageOnPort). */
  port: MessagePort;
  jobs: number;
}

let current: RootSearchHelper | undefined;

/** The helper's source: searchShare, and a loop that joins each job unless it was closed. */
function helperSource(): string {
  // __name: what tsx's compiler wraps nested functions in, undefined in a bare worker.
  return `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const port = workerData.port;
const __name = (f) => f;
const searchShare = (${searchShare.toString()});
const countEdges = (${countEdges.toString()});
const prefixSums = (${prefixSums.toString()});
const placeEdges = (${placeEdges.toString()});
const buildH = (${buildH.toString()});
const countCritical = (${countCritical.toString()});
const placeCritical = (${placeCritical.toString()});
const cumulate = (${cumulate.toString()});
const criticalIndex = (${criticalIndex.toString()});
parentPort.on('message', (job) => {
  const control = job.control;
  if (Atomics.compareExchange(control, ${STATE}, ${OPEN}, ${JOINED}) !== ${OPEN}) return;
  let reply = null;
  try {
    if (job.kind === 'graph') {
      reply = { jobId: job.jobId, result: { hStart: job.hStart, hTarget: buildH(job.arrays, job.hStart, true) } };
      port.postMessage(reply);
    } else if (job.kind === 'critical') {
      reply = { jobId: job.jobId, result: criticalIndex(job.n, job.groupCount, job.groupLinks, job.linkSupplier, job.groupCritical, true) };
      port.postMessage(reply);
    } else {
      const pairs = searchShare(control, ${SEARCHED_BY_HELPER}, job.byIndex, job.hStart, job.hTarget, job.leaderFlags, job.leaderCount, job.enterprises, job.leaders, job.pairFrom, job.owner);
      reply = { jobId: job.jobId, pairs };
      port.postMessage(reply, [pairs.buffer]);
    }
  } catch (e) {
    reply = null;
  }
  Atomics.store(control, ${DONE}, reply ? ${FINISHED} : ${FAILED});
  Atomics.notify(control, ${DONE});
});
`;
}

function rootSearchHelper(): RootSearchHelper | null {
  if (current) return current;
  try {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(sourceOverride ?? helperSource(), { eval: true, workerData: { port: port2 }, transferList: [port2] });
    worker.unref();
    port1.unref();
    const helper: RootSearchHelper = { worker, port: port1, jobs: 0 };
    worker.on('error', () => {
      if (current === helper) current = undefined;
    });
    worker.on('exit', () => {
      if (current === helper) current = undefined;
    });
    current = helper;
    return helper;
  } catch {
    return null;
  }
}

/**
 * Starts the helper ahead of a large index, so that its start-up (tens of milliseconds)
 * overlaps the work before the searches.
 */
export function warmRootSearchHelper(): void {
  if (threads > 1) rootSearchHelper();
}

/** Stops the helper thread, if any (the next large index starts another). */
export function stopRootSearchHelper(): Promise<void> {
  const helper = current;
  current = undefined;
  if (!helper) return Promise.resolve();
  helper.port.close();
  return helper.worker.terminate().then(() => undefined);
}
