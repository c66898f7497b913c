/**
 * The outbox relay: moves task events committed in the task store onto the queues (for each
 * opened task a delivery job and its escalation timer, a webhook job per event a province
 * listens to), then marks them dispatched. Events are written in the same transaction as the task change, so a crash
 * loses none: whatever was not marked is relayed again by the next flush (after a commit, and
 * by every sweep). Relaying twice is harmless: job ids are deterministic.
 */
import type { Clock } from '../shared/clock';
import { escalationDue } from './plan';
import { requestEscalationDue } from './request-model';
import type { CoordinationQueues } from './queues';
import type { TaskEvent, TaskStore } from './task-store';

const BATCH = 1_000;

export class OutboxRelay {
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly store: TaskStore,
    private readonly queues: CoordinationQueues,
    private readonly clock: Clock,
    /** The acknowledgement SLA: opened tasks get a timer at createdAt + SLA. */
    private readonly slaMs: number,
  ) {}

  /**
   * Relays every undispatched event. Calls while a flush runs are folded into one more pass
   * after it, so a burst of commits costs at most two passes. Returns the events relayed by
   * the pass this call waited for.
   */
  flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          total += await this.pass();
        } while (this.again);
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  private async pass(): Promise<number> {
    let total = 0;
    for (;;) {
      const events = await this.store.undispatched(BATCH);
      if (events.length === 0) return total;
      const opened = events.flatMap((e) => (e.type === 'task.opened' ? [e] : []));
      await this.queues.deliver(opened.map((e) => ({ taskId: e.taskId, requestId: e.requestId })));
      const now = this.clock.now().getTime();
      // A follow-up opens escalated already: it needs no timer.
      await this.queues.escalateLater(
        opened.filter((e) => !e.task.escalated).map((e) => ({ taskId: e.taskId, delayMs: escalationDue(e.task, this.slaMs) - now, requestId: e.requestId })),
      );
      // Requests (§9) travel the same way: delivery to the inbox, then the acknowledgement timer.
      const raised = events.filter((e): e is Extract<TaskEvent, { task: unknown }> => e.type === 'request.opened');
      await this.queues.deliverRequests(raised.map((e) => ({ id: e.taskId, requestId: e.requestId })));
      await this.queues.escalateRequestsLater(raised.map((e) => ({ id: e.taskId, delayMs: requestEscalationDue(e.task, this.slaMs) - now, requestId: e.requestId })));
      await this.queues.notify(events);
      await this.store.markDispatched(
        events.map((e) => e.id),
        this.clock.now().toISOString(),
      );
      total += events.length;
    }
  }
}
