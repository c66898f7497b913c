/**
 * The bookkeeping around an import's UNWIND batches: which report is each enterprise's current
 * status, and progress reported as the SQLite adapter reports it. Cutting rows into batches is
 * src/infra/neo4j/batches.ts (re-exported here for the graph adapter).
 */
import type { ImportPhase, ProgressFn } from '../store';
import type { PendingReport } from './mapping';

export { BATCH_SIZE, batches } from '../../infra/neo4j/batches';

/** Progress is reported every this many rows, as the SQLite adapter does. */
export const PROGRESS_EVERY = 10_000;

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
