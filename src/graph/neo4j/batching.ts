/**
 * How an import is cut into UNWIND batches, and the bookkeeping around them.
 *
 * Cypher runs a statement clause by clause: every row of a batch is read before any row is
 * written. SQLite's adapter upserts row by row, each row seeing the rows before it. The two
 * agree when a batch never holds the same key twice, so `batches` starts a new batch at a
 * repeated key; in real documents repeats are rare and batches stay full.
 */
import type { ImportPhase, ProgressFn } from '../store';
import type { PendingReport } from './mapping';

/** Rows per UNWIND statement. */
export const BATCH_SIZE = 10_000;
/** Progress is reported every this many rows, as the SQLite adapter does. */
export const PROGRESS_EVERY = 10_000;

/**
 * Cuts `items` into consecutive batches of at most `size`, starting a new batch whenever an
 * item's key already occurs in the current one. Order is preserved.
 */
export function batches<T>(items: readonly T[], size: number, keyOf?: (item: T) => string): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  let current: T[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = keyOf?.(item);
    if (current.length === size || (key !== undefined && keys.has(key))) {
      out.push(current);
      current = [];
      keys = new Set();
    }
    current.push(item);
    if (key !== undefined) keys.add(key);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * For each enterprise among `reports`, the one that would be its current status: latest asOf,
 * ties to the highest seq. In order of first appearance, so one batch holds each enterprise once.
 */
export function latestPerEnterprise(reports: readonly PendingReport[]): PendingReport[] {
  const latest = new Map<string, PendingReport>();
  for (const r of reports) {
    const best = latest.get(r.enterprise);
    if (best === undefined || r.asOf > best.asOf || (r.asOf === best.asOf && r.seq > best.seq)) latest.set(r.enterprise, r);
  }
  return [...latest.values()];
}

/**
 * Reports one phase's progress the way the SQLite adapter does: at every multiple of
 * PROGRESS_EVERY rows, then once more when the phase ends.
 */
export class PhaseProgress {
  private nextMark = PROGRESS_EVERY;

  constructor(
    private readonly phase: ImportPhase,
    private readonly total: number,
    private readonly onProgress: ProgressFn | undefined,
  ) {}

  /** `done` rows of the phase are processed. */
  reached(done: number): void {
    while (this.nextMark <= Math.min(done, this.total)) {
      this.onProgress?.(this.phase, this.nextMark, this.total);
      this.nextMark += PROGRESS_EVERY;
    }
  }

  finish(): void {
    this.reached(this.total);
    this.onProgress?.(this.phase, this.total, this.total);
  }
}
