/**
 * Read-your-writes waits (`?minRevision=N`, CONTRACT §4) for many readers at once: one list of
 * waiters per awaited revision, settled together when the revision is reached, and one timer
 * for all of them (at the earliest deadline), instead of a timer and a poll per request. A
 * flood of waiting readers then costs one entry each, and a revision change settles them in
 * one pass.
 *
 * Every waiter waits the same bound, so arrival order is deadline order: the deadlines form a
 * FIFO queue and the one timer always points at its head.
 */
export interface RevisionWaitersOptions {
  /** How long a waiter waits before it is rejected. */
  waitMs: number;
  /** The error a waiter that ran out of time is rejected with. */
  timeout: (minRevision: number, current: number) => Error;
  /**
   * Asked (at most once per `pollMs` while anyone waits) to look for a revision written
   * elsewhere; it reports what it finds through `reached`.
   */
  poll?: () => void;
  pollMs?: number;
  now?: () => number;
}

interface Waiter {
  minRevision: number;
  deadline: number;
  settled: boolean;
  resolve: (revision: number) => void;
  reject: (err: Error) => void;
}

export class RevisionWaiters {
  private current = -1;
  /** Waiters by the revision they wait for; `pending` counts those not yet timed out. */
  private readonly lists = new Map<number, { waiters: Waiter[]; pending: number }>();
  private queue: Waiter[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | null = null;
  private poller: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: RevisionWaitersOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Waiters currently waiting. */
  get size(): number {
    let n = 0;
    for (const list of this.lists.values()) n += list.pending;
    return n;
  }

  /** Resolves with the revision reached, once it is at least `minRevision`; else rejects after the bound. */
  wait(minRevision: number): Promise<number> {
    if (this.current >= minRevision) return Promise.resolve(this.current);
    return new Promise<number>((resolve, reject) => {
      const waiter: Waiter = { minRevision, deadline: this.now() + this.opts.waitMs, settled: false, resolve, reject };
      const list = this.lists.get(minRevision);
      if (list) {
        list.waiters.push(waiter);
        list.pending++;
      } else this.lists.set(minRevision, { waiters: [waiter], pending: 1 });
      this.queue.push(waiter);
      if (!this.timer) this.arm();
      this.startPolling();
    });
  }

  /** The source reached `revision`: every waiter for it or an earlier one is resolved. */
  reached(revision: number): void {
    if (revision <= this.current) return;
    this.current = revision;
    for (const [min, list] of this.lists) {
      if (min > revision) continue;
      this.lists.delete(min);
      for (const w of list.waiters) {
        if (w.settled) continue;
        w.settled = true;
        w.resolve(revision);
      }
    }
    this.idle();
  }

  /**
   * The source went back to `revision` (its store was swapped or rolled back): readers arriving
   * from now on compare with it, and those waiting keep waiting for the revision they asked
   * for, which the source now has to reach again.
   */
  rewound(revision: number): void {
    if (revision < this.current) this.current = revision;
  }

  /** Rejects every waiter now (shutdown). */
  close(err: Error): void {
    for (const list of this.lists.values()) {
      for (const w of list.waiters) {
        if (w.settled) continue;
        w.settled = true;
        w.reject(err);
      }
    }
    this.lists.clear();
    this.queue = [];
    this.head = 0;
    this.idle();
  }

  private arm(): void {
    while (this.head < this.queue.length && this.queue[this.head].settled) this.head++;
    if (this.head >= this.queue.length) {
      this.queue = [];
      this.head = 0;
      return;
    }
    const delay = Math.max(0, this.queue[this.head].deadline - this.now());
    this.timer = setTimeout(() => this.expire(), delay);
    this.timer.unref();
  }

  private expire(): void {
    this.timer = null;
    const now = this.now();
    while (this.head < this.queue.length && this.queue[this.head].deadline <= now) {
      const w = this.queue[this.head++];
      if (w.settled) continue;
      w.settled = true;
      const list = this.lists.get(w.minRevision)!;
      if (--list.pending === 0) this.lists.delete(w.minRevision);
      w.reject(this.opts.timeout(w.minRevision, this.current));
    }
    // Compact once the settled prefix dominates, so the queue does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.arm();
    this.idle();
  }

  private startPolling(): void {
    if (!this.opts.poll || this.poller) return;
    this.poller = setInterval(() => this.opts.poll!(), this.opts.pollMs ?? 100);
    this.poller.unref();
    this.opts.poll();
  }

  /** Nobody waits any more: the timer and the poller stop. */
  private idle(): void {
    if (this.lists.size > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    this.queue = [];
    this.head = 0;
  }
}
