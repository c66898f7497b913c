/**
 * Holds the chain analysis at the store's latest revision. Status reports update it
 * incrementally; imports (new enterprises or links) recompute it from a snapshot. Reads can
 * wait for a revision they wrote (read-your-writes, CONTRACT §4).
 */
import { EventEmitter } from 'node:events';
import { IncrementalAnalysis } from '../analysis';
import type { ChainSnapshot, GraphStore } from '../graph';
import type { Status } from '../graph';
import { LinkageError } from '../shared/errors';
import type { Metrics } from '../shared/metrics';
import { EnterpriseDirectory } from './directory';
import { RevisionWaiters } from '../shared/revision-waiters';

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
  private queue: Promise<void> = Promise.resolve();
  private readonly events = new EventEmitter();
  private watcher: NodeJS.Timeout | null = null;
  /** Readers waiting for a revision (?minRevision): settled together by advance(). */
  private readonly waiters: RevisionWaiters;
  private polling: Promise<void> | null = null;

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
   * `intervalMs` it compares the store's revision with its own and refreshes when behind.
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

  /** Refreshes when the store has moved past the analysis. */
  async catchUp(): Promise<void> {
    const latest = await this.store.revision();
    this.metrics?.storeRevision.set(latest);
    this.metrics?.revisionLag.set(Math.max(0, latest - this.rev));
    if (latest > this.rev) await this.refresh();
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

  /** Recomputes from a fresh snapshot of the store. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      const snapshot = await this.store.snapshot();
      if (snapshot.revision < this.rev) return;
      this.load(snapshot);
      this.advance(snapshot.revision);
    });
  }

  /**
   * A status report landed at `revision`, leaving `id` with `currentStatus`. When it is the
   * next revision the update is incremental; a gap (another writer) means a full refresh.
   */
  statusChanged(id: string, currentStatus: Status, revision: number, currentCapacityPct?: number): Promise<void> {
    return this.enqueue(async () => {
      if (revision <= this.rev) return;
      if (this.engine && revision === this.rev + 1 && this.engine.has(id)) {
        const engine = this.engine;
        this.timed('incremental', () => engine.setStatus(id, currentStatus));
        this.directory?.setCapacity(id, currentCapacityPct);
        this.advance(revision);
        return;
      }
      const snapshot = await this.store.snapshot();
      this.load(snapshot);
      this.advance(snapshot.revision);
    });
  }

  /**
   * A write landed at `revision` that changes neither the network nor any status (an inventory
   * report, §7): the analysis only moves to that revision; a gap means a full refresh.
   */
  revisionOnly(revision: number): Promise<void> {
    return this.enqueue(async () => {
      if (revision <= this.rev) return;
      if (this.engine && revision === this.rev + 1) {
        this.engine.setRevision(revision);
        this.advance(revision);
        return;
      }
      const snapshot = await this.store.snapshot();
      this.load(snapshot);
      this.advance(snapshot.revision);
    });
  }

  private load(snapshot: ChainSnapshot): void {
    const engine = this.timed('full', () => IncrementalAnalysis.fromSnapshot(snapshot));
    this.directory = new EnterpriseDirectory(engine, snapshot);
    this.engine = engine;
  }

  private advance(revision: number): void {
    this.rev = revision;
    this.metrics?.analysisRevision.set(revision);
    this.events.emit('revision', revision);
    this.waiters.reached(revision);
  }

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
