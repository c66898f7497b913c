/**
 * Holds the chain analysis at the store's latest revision, with the directory and the runway
 * records that go with it. Every write, this process's or another's, reaches it through the
 * store's change log: a status report updates the analysis incrementally, an inventory report
 * moves only the revision and the runway records; an import (new enterprises or links), or a
 * gap the log no longer covers, recomputes it from a snapshot. Reads can wait for a revision
 * they wrote (read-your-writes, CONTRACT §4).
 *
 * Revisions number one store's history. The state remembers the identity of the store it was
 * loaded from, and every read of the log says which store answered and its latest revision: a
 * different store (swapped under the process) or a revision below the state's (the store rolled
 * back to an older backup of itself) reloads from a snapshot, and the revision then may go down.
 * Each read also takes back the entry of the state's own revision, when the state applied it: a
 * different one means the store was rolled back and written past the state between two reads.
 */
import { EventEmitter } from 'node:events';
import { IncrementalAnalysis } from '../analysis';
import { CHANGES_PER_READ, type ChainSnapshot, type GraphStore, type RevisionChange, type RunwayRecords } from '../graph';
import { LinkageError } from '../shared/errors';
import type { Metrics } from '../shared/metrics';
import { EnterpriseDirectory } from './directory';
import { RunwayRecordsCache } from './runway-records';
import { RevisionWaiters } from '../shared/revision-waiters';

/**
 * Why the analysis was recomputed from a snapshot (the reason label of
 * linkage_analysis_reloads_total). 'store-changed': the store is not the one the analysis came
 * from (another identity), or was rolled back (its revision is behind the analysis', or its log
 * holds another entry at the analysis' revision).
 */
export type ReloadReason = 'start' | 'import' | 'gap' | 'store-changed';

/** A change as JSON with its keys in order and absent fields left out: equal for equal entries, however read. */
function canonical(change: RevisionChange): string {
  return JSON.stringify(change, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : value,
  );
}

export interface ChainView {
  revision: number;
  analysis: IncrementalAnalysis;
  /** Names, current capacity and search, in step with the analysis. */
  directory: EnterpriseDirectory;
}

export class ChainState {
  private engine: IncrementalAnalysis | null = null;
  private directory: EnterpriseDirectory | null = null;
  private rev = -1;
  /** The identity of the store the state was loaded from (StoreHead.store); undefined before the first load. */
  private origin: string | null | undefined = undefined;
  /** The log entry of revision `rev`, when the analysis applied it (not when it came from a snapshot). */
  private last: RevisionChange | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly events = new EventEmitter();
  private watcher: NodeJS.Timeout | null = null;
  /** Readers waiting for a revision (?minRevision): settled together by advance(). */
  private readonly waiters: RevisionWaiters;
  private polling: Promise<void> | null = null;
  private readonly records = new RunwayRecordsCache();

  constructor(
    private readonly store: GraphStore,
    waitMs: number,
    private readonly metrics?: Metrics,
  ) {
    this.events.setMaxListeners(0);
    this.waiters = new RevisionWaiters({
      waitMs,
      timeout: (min) => new LinkageError('not_ready', `analysis has not reached revision ${min} yet`, { retryAfter: 1 }),
      // While anyone waits, look for other processes' writes more often than the watcher does.
      poll: () => {
        this.polling ??= this.catchUp()
          .catch(() => undefined)
          .finally(() => (this.polling = null));
      },
      pollMs: 100,
    });
  }

  /**
   * Follows writes made by other processes (a CLI import, another API instance): every
   * `intervalMs` it compares the store's revision with its own and catches up when behind.
   */
  watch(intervalMs: number): void {
    if (this.watcher) return;
    this.watcher = setInterval(() => void this.catchUp().catch(() => undefined), intervalMs);
    this.watcher.unref();
  }

  stopWatching(): void {
    if (this.watcher) clearInterval(this.watcher);
    this.watcher = null;
  }

  /** Catches up when the store has moved past the analysis, or is not where the analysis came from. */
  async catchUp(): Promise<void> {
    const head = await this.store.head();
    this.metrics?.storeRevision.set(head.revision);
    this.metrics?.revisionLag.set(Math.max(0, head.revision - this.rev));
    if (head.revision !== this.rev || head.store !== this.origin) await this.refresh();
  }

  private timed<T>(kind: 'full' | 'incremental', fn: () => T): T {
    const end = this.metrics?.analysisDuration.startTimer({ kind });
    try {
      return fn();
    } finally {
      end?.();
    }
  }

  get revision(): number {
    return this.rev;
  }

  /** Serialises updates so the analysis moves through revisions in order. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /**
   * Brings the analysis to the store's latest revision: through the change log when it holds
   * every revision since the analysis', else (and for imports) from a snapshot.
   */
  refresh(): Promise<void> {
    return this.enqueue(() => this.follow());
  }

  /**
   * A write of this process landed (`change` is what the store recorded for it): applied at
   * once when it is the next revision; a gap (another writer came first) is read from the log.
   * One at or below the analysis' revision was brought in by a follow already, unless the store
   * went back: the log tells which.
   */
  changed(change: RevisionChange): Promise<void> {
    return this.enqueue(async () => {
      if (change.revision <= this.rev) return this.follow();
      if (change.revision === this.rev + 1 && this.applies(change)) {
        this.apply(change);
        this.advance(change.revision);
        return;
      }
      await this.follow();
    });
  }

  /** The runway records (§7) at revision `atLeast` or later, kept in step with the analysis. */
  runwayRecords(atLeast: number): Promise<RunwayRecords> {
    return this.records.read(this.store, atLeast);
  }

  /** Applies the log from the analysis' revision on, reloading where it cannot. Runs in the queue. */
  private async follow(): Promise<void> {
    for (;;) {
      if (!this.engine) return this.reload('start');
      // The entry of the analysis' own revision is read back with those after it, when known.
      const known = this.last;
      const log = await this.store.changesSince(known ? this.rev - 1 : this.rev, CHANGES_PER_READ);
      // Another store, or this one restored to an earlier revision: its log does not go on
      // from what is held.
      if (log.store !== this.origin || log.revision < this.rev) return this.reload('store-changed');
      // (With `known`, the log may lack only the analysis' own revision: a rare needless reload.)
      if (!log.covered) return this.reload('gap');
      const changes = known ? log.changes.slice(1) : log.changes;
      // Another entry at the analysis' revision: the store went back and was written past it
      // since the last read, a history the analysis did not follow.
      if (known && (log.changes.length === 0 || canonical(log.changes[0]) !== canonical(known))) return this.reload('store-changed');
      let applied = this.rev;
      for (const change of changes) {
        if (!this.applies(change)) break;
        try {
          this.apply(change);
        } catch (err) {
          // What was applied stays applied: the next attempt starts after it.
          if (applied > this.rev) this.advance(applied);
          throw err;
        }
        applied = change.revision;
      }
      if (applied > this.rev) this.advance(applied);
      // Stopped short of the batch's end: an import (or an enterprise the analysis does not
      // hold), which only a snapshot brings in; the log goes on from the snapshot's revision.
      if (applied < (changes.at(-1)?.revision ?? applied)) {
        await this.reload('import');
        if (this.rev <= applied) return;
      } else if (log.changes.length < CHANGES_PER_READ) return;
    }
  }

  /** True when `change` can be applied to the analysis in memory. */
  private applies(change: RevisionChange): boolean {
    if (!this.engine || change.kind === 'import') return false;
    return change.kind !== 'status' || this.engine.has(change.enterprise);
  }

  private apply(change: RevisionChange): void {
    const engine = this.engine as IncrementalAnalysis;
    if (change.kind === 'status') {
      this.timed('incremental', () => {
        // A late-filed report, or one that repeats the status, leaves nothing to propagate.
        if (engine.status(change.enterprise) !== change.currentStatus) engine.setStatus(change.enterprise, change.currentStatus);
      });
      this.directory?.setCapacity(change.enterprise, change.currentCapacityPct);
    }
    engine.setRevision(change.revision);
    this.records.apply(change);
    this.last = change;
    this.metrics?.changesApplied.inc({ kind: change.kind });
  }

  /** Recomputes from a fresh snapshot of the store. */
  private async reload(reason: ReloadReason): Promise<void> {
    const snapshot = await this.store.snapshot();
    const otherStore = snapshot.store !== this.origin;
    // A snapshot of the same store behind the analysis is kept out, unless the store went back.
    if (!otherStore && reason !== 'store-changed' && snapshot.revision < this.rev) return;
    this.metrics?.analysisReloads.inc({ reason: otherStore && this.engine ? 'store-changed' : reason });
    this.load(snapshot);
    this.origin = snapshot.store;
    this.last = null;
    this.records.drop();
    this.advance(snapshot.revision);
  }

  private load(snapshot: ChainSnapshot): void {
    const engine = this.timed('full', () => IncrementalAnalysis.fromSnapshot(snapshot));
    this.directory = new EnterpriseDirectory(engine, snapshot);
    this.engine = engine;
  }

  /** Moves to `revision`: on from the one held, or back after a reload from a store that went back. */
  private advance(revision: number): void {
    if (revision < this.rev) this.waiters.rewound(revision);
    this.rev = revision;
    this.metrics?.analysisRevision.set(revision);
    this.events.emit('revision', revision);
    this.waiters.reached(revision);
  }

  /**
   * Called with each revision the analysis moves to, in order; after a reload from a swapped or
   * rolled-back store the revision may be lower than the one before.
   */
  onRevision(listener: (revision: number) => void): () => void {
    this.events.on('revision', listener);
    return () => this.events.off('revision', listener);
  }

  /** The directory of the latest analysis, without waiting: null before the first load. */
  currentDirectory(): EnterpriseDirectory | null {
    return this.directory;
  }

  /** The analysis at `minRevision` or later; waits up to the configured bound, else 503. */
  async view(minRevision = 0): Promise<ChainView> {
    if (!this.engine || this.rev < minRevision) await this.waiters.wait(minRevision);
    return { revision: this.rev, analysis: this.engine as IncrementalAnalysis, directory: this.directory as EnterpriseDirectory };
  }

  /** Readers waiting for a revision now (for tests and metrics). */
  get waiting(): number {
    return this.waiters.size;
  }
}
