/**
 * The live feed of task events for server-sent events: one poller per process reads the
 * task store's event log (the outbox) and fans new events out to the subscribed streams.
 * Reading the durable log rather than a pub/sub channel means a client that reconnects with
 * Last-Event-ID misses nothing, and the feed works whichever process committed the event.
 */
import type { TaskEvent, TaskStore } from './task-store';

export interface FeedSubscriber {
  /**
   * Only events for this province (a liaison): its tasks, and the runway alerts (§7) that name
   * it among their provinces; all events when undefined (a coordinator).
   */
  province?: string;
  /** Receives events with id > this, in order. */
  after: number;
  send(event: TaskEvent): void;
}

const PAGE = 500;

export class EventFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private closed = false;
  private readonly closers = new Set<() => void>();

  constructor(
    private readonly store: TaskStore,
    private readonly pollMs: number,
  ) {}

  /** The id a new stream without Last-Event-ID starts after: only what happens from now on. */
  latestId(): Promise<number> {
    return this.store.lastEventId();
  }

  /**
   * Subscribes; `onClose` is called if the feed shuts down first. Returns the unsubscribe
   * function.
   */
  subscribe(sub: FeedSubscriber, onClose: () => void): () => void {
    if (this.closed) {
      onClose();
      return () => undefined;
    }
    this.subscribers.add(sub);
    this.closers.add(onClose);
    this.schedule(0);
    return () => {
      this.subscribers.delete(sub);
      this.closers.delete(onClose);
    };
  }

  /** Looks for new events now (after a commit in this process) instead of at the next tick. */
  nudge(): void {
    if (this.subscribers.size > 0) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.closed || this.polling) return;
    if (this.timer) {
      if (ms > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.polling = this.poll().finally(() => {
        this.polling = null;
        if (this.subscribers.size > 0) this.schedule(this.pollMs);
      });
    }, ms);
  }

  private async poll(): Promise<void> {
    while (this.subscribers.size > 0 && !this.closed) {
      const from = Math.min(...[...this.subscribers].map((s) => s.after));
      let events: TaskEvent[];
      try {
        // The event at `from` is read back with the new ones. Without it, the log may have gone
        // back (the store restored from a backup) below what the streams saw: they go on from
        // its last event instead of waiting, silent, for the ids to come round again.
        events = await this.store.eventsAfter(Math.max(0, from - 1), PAGE);
        if (from > 0 && events[0]?.id !== from) {
          const last = await this.store.lastEventId();
          if (last < from) {
            for (const s of this.subscribers) s.after = Math.min(s.after, last);
            continue;
          }
        }
      } catch {
        return; // the store is closing or busy: try again at the next tick
      }
      for (const e of events) {
        for (const s of this.subscribers) {
          if (e.id <= s.after) continue;
          s.after = e.id;
          if (s.province === undefined || s.province === e.province || (e.type === 'runway' && e.runway.provinces.includes(s.province))) s.send(e);
        }
      }
      if (events.length < PAGE) return;
    }
  }

  /** Ends every stream (so an HTTP server can close) and stops polling. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const close of this.closers) close();
    this.closers.clear();
    this.subscribers.clear();
    await this.polling;
  }
}
