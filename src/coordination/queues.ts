/**
 * The BullMQ queues of coordination and the jobs that travel on them. Every job that must not
 * run twice for the same thing has a deterministic job id (BullMQ ignores an add whose id
 * already exists), so a retry, a crash between two steps or two processes doing the same
 * step never yield two jobs:
 *
 * | queue         | job        | id                      | what                                      |
 * |---------------|------------|-------------------------|-------------------------------------------|
 * | analysis      | analyze    | dedup. "analysis-<S>"   | revisions coalesced: at most one waiting  |
 * | analysis      | sweep      | job scheduler "sweep"   | repeatable reconciliation, repairs drift  |
 * | tasks         | reconcile  | dedup. per S and rev.   | apply the desired set of one revision     |
 * |               |            | (5 min window)          |                                           |
 * | tasks         | deliver    | deliver-<S>-<task id>   | records arrival in the province inbox     |
 * | notifications | notify     | notify-<S>-<task>-<ev.> | signed webhook to the province            |
 * | escalation    | escalate   | escalate-<S>-<task id>  | delayed until createdAt + SLA             |
 * | tasks         | deliver-request | deliver-request-<S>-<id> | a request reaches its province's inbox |
 * | escalation    | escalate-request | escalate-request-<S>-<id> | request open past the SLA          |
 * | analysis      | remind     | job scheduler "reminders-<S>" | daily reporting reminders (§10)     |
 *
 * S is the task store's identity (TaskStore.identity()).
 *
 * Jobs caused by an HTTP write carry its `requestId` (X-Request-Id): the analysis request
 * takes it from the request context, the reconcile from its analysis job, and delivery,
 * escalation and notification jobs from the task event they were relayed from. A coalesced
 * job carries the id of the request that queued it first.
 */
import { Queue, type Job, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { QueueSettings, WebhookSettings } from '../shared/config';
import { LinkageError } from '../shared/errors';
import { OUTBOX_EVENT_TYPES, type TaskEvent } from './task-store';

export const QUEUE_NAMES = ['analysis', 'tasks', 'notifications', 'escalation'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const SWEEP_SCHEDULER_ID = 'sweep';
export const REMINDER_SCHEDULER_ID = 'reminders';

const desiredTaskSchema = z.object({
  supplier: z.string().min(1),
  assigneeProvince: z.string().min(1),
  affectedLeaders: z.array(z.string()),
  requestingProvinces: z.array(z.string()).min(1),
  blockedEnterprises: z.number().int().min(0),
  priority: z.number().int().min(0),
  stopsOn: z.string().nullable().optional(),
});

const runwayAlertSchema = z.object({
  leader: z.string().min(1),
  province: z.string(),
  stopsOn: z.string(),
  daysLeft: z.number().int(),
  date: z.string(),
  bindingPart: z.string().nullable(),
  bindingRoot: z.string(),
  rootCauses: z.array(z.string()),
  provinces: z.array(z.string()),
});

/** The request a job was caused by; absent for work the system does on its own (sweeps, timers). */
const requestId = z.string().min(1).optional();

/** The task store a job was queued for (absent on jobs queued before stores had identities). */
const store = z.string().min(1).optional();

/** Job data, validated when a job is picked up: a job that does not parse is poison. */
export const jobData = {
  analyze: z.object({ revision: z.number().int().min(0), store, requestId }),
  sweep: z.object({}).passthrough(),
  remind: z.object({ store }).passthrough(),
  reconcile: z.object({ revision: z.number().int().min(0), desired: z.array(desiredTaskSchema), alerts: z.array(runwayAlertSchema).default([]), store, requestId }),
  deliver: z.object({ taskId: z.string().min(1), requestId }),
  escalate: z.object({ taskId: z.string().min(1), requestId }),
  'deliver-request': z.object({ id: z.string().min(1), requestId }),
  'escalate-request': z.object({ id: z.string().min(1), requestId }),
  notify: z.object({
    requestId,
    event: z.union([
      z.object({
        id: z.number().int(),
        type: z.enum(OUTBOX_EVENT_TYPES),
        taskId: z.string(),
        province: z.string(),
        at: z.string(),
        task: z.record(z.string(), z.unknown()),
      }),
      // §7: a runway alert, as one of its provinces receives it (`province` is that province).
      z.object({
        id: z.number().int(),
        type: z.literal('runway'),
        taskId: z.string(),
        province: z.string(),
        at: z.string(),
        runway: z.record(z.string(), z.unknown()),
      }),
    ]),
  }),
} as const;

export type JobName = keyof typeof jobData;

/** The events a province's webhook receives: what its liaison must act on. */
export const WEBHOOK_EVENTS: ReadonlySet<TaskEvent['type']> = new Set([
  'task.opened',
  'task.escalated',
  'task.resolved',
  'task.cleared',
  'request.opened',
  'request.escalated',
  'reminder',
]);

/** `{requestId}` when there is one: job data stays free of undefined fields. */
function withRequest(id: string | undefined): { requestId?: string } {
  return id === undefined ? {} : { requestId: id };
}

/** How long a reconcile of one revision ignores a second request for it (see reconcile()). */
export const RECONCILE_DEDUP_MS = 5 * 60_000;

/** Kept after completion so that a re-add with the same id is still recognised as a duplicate. */
const KEEP_COMPLETED = { age: 24 * 3600, count: 100_000 };
const KEEP_FAILED = { count: 10_000 };

export interface FailedJob {
  queue: QueueName;
  id: string;
  name: string;
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

/** The deterministic job ids of one task store (`scope`: its identity). */
export function jobIds(scope: string) {
  return {
    deliver: (taskId: string) => `deliver-${scope}-${taskId}`,
    notify: (taskId: string, eventId: number) => `notify-${scope}-${taskId}-${eventId}`,
    escalate: (taskId: string) => `escalate-${scope}-${taskId}`,
    deliverRequest: (id: string) => `deliver-request-${scope}-${id}`,
    escalateRequest: (id: string) => `escalate-request-${scope}-${id}`,
  };
}

/** The producer side: adds jobs. One instance per process, on one shared connection. */
export class CoordinationQueues {
  readonly byName: Readonly<Record<QueueName, Queue>>;
  /** This store's job ids (deliver, notify, escalate). */
  readonly ids: ReturnType<typeof jobIds>;

  /**
   * @param scope the task store's identity (TaskStore.identity()): it prefixes every job id and
   *   deduplication key, and analysis and reconcile jobs carry it as `store`, so jobs and keys a
   *   previous store left on this Redis (same revisions, same event ids) never stand in for the
   *   new store's own.
   */
  constructor(
    connection: Redis,
    private readonly settings: QueueSettings,
    private readonly webhooks: WebhookSettings,
    readonly scope: string,
  ) {
    this.ids = jobIds(scope);
    const defaultJobOptions: JobsOptions = {
      attempts: settings.attempts,
      backoff: { type: 'exponential', delay: settings.backoffMs },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
    const make = (name: QueueName) => {
      const q = new Queue(name, { connection, prefix: settings.prefix, defaultJobOptions });
      return q;
    };
    this.byName = Object.freeze({
      analysis: make('analysis'),
      tasks: make('tasks'),
      notifications: make('notifications'),
      escalation: make('escalation'),
    });
  }

  get prefix(): string {
    return this.settings.prefix;
  }

  onError(listener: (err: Error) => void): void {
    for (const q of Object.values(this.byName)) q.on('error', listener);
  }

  /** Asks for the tasks to follow revision `revision`; coalesced with any analysis not yet started. */
  async requestAnalysis(revision: number, requestId?: string): Promise<void> {
    await this.byName.analysis.add(
      'analyze',
      { revision, store: this.scope, ...withRequest(requestId) },
      { deduplication: { id: `analysis-${this.scope}`, keepLastIfActive: true } },
    );
  }

  /** The repeatable reconciliation; upserting keeps one scheduler however often it is called. */
  async scheduleSweep(): Promise<void> {
    await this.byName.analysis.upsertJobScheduler(this.sweepSchedulerId, { every: this.settings.reconcileEveryMs }, { name: 'sweep', data: { store: this.scope } });
  }

  /** One sweep scheduler per store. */
  get sweepSchedulerId(): string {
    return `${SWEEP_SCHEDULER_ID}-${this.scope}`;
  }

  /**
   * The daily reporting reminders (§10): one job scheduler per store, firing at `at` (HH:MM)
   * in `timeZone`; upserting keeps one however often it is called.
   */
  async scheduleReminders(at: string, timeZone: string): Promise<void> {
    const [hour, minute] = at.split(':').map(Number);
    await this.byName.analysis.upsertJobScheduler(
      this.reminderSchedulerId,
      { pattern: `0 ${minute} ${hour} * * *`, tz: timeZone },
      { name: 'remind', data: { store: this.scope } },
    );
  }

  /** One reminder scheduler per store. */
  get reminderSchedulerId(): string {
    return `${REMINDER_SCHEDULER_ID}-${this.scope}`;
  }

  async reconcile(revision: number, desired: unknown[], requestId?: string, alerts: unknown[] = []): Promise<void> {
    // Deduplicated for a window rather than by job id: with a TTL, BullMQ keeps the key after
    // the job finishes, so two workers' analysis jobs that both saw R unreconciled (one read the
    // task store just before the other's reconcile committed) queue one reconcile, not two.
    // After the window a reconcile of R may run again (a fresh task store reusing revision
    // numbers needs it); the analysis job skips revisions the tasks already reflect (workers.ts).
    await this.byName.tasks.add(
      'reconcile',
      { revision, desired, alerts, store: this.scope, ...withRequest(requestId) },
      { deduplication: { id: `reconcile-${this.scope}-${revision}`, ttl: RECONCILE_DEDUP_MS } },
    );
  }

  async deliver(tasks: readonly { taskId: string; requestId?: string }[]): Promise<void> {
    if (tasks.length === 0) return;
    await this.byName.tasks.addBulk(
      tasks.map(({ taskId, requestId }) => ({ name: 'deliver', data: { taskId, ...withRequest(requestId) }, opts: { jobId: this.ids.deliver(taskId) } })),
    );
  }

  /** Records each request's arrival in its province's inbox (§9), once per request. */
  async deliverRequests(requests: readonly { id: string; requestId?: string }[]): Promise<void> {
    if (requests.length === 0) return;
    await this.byName.tasks.addBulk(
      requests.map(({ id, requestId }) => ({ name: 'deliver-request', data: { id, ...withRequest(requestId) }, opts: { jobId: this.ids.deliverRequest(id) } })),
    );
  }

  /** Arms the acknowledgement timers of requests: each job waits `delayMs` from now. */
  async escalateRequestsLater(timers: readonly { id: string; delayMs: number; requestId?: string }[]): Promise<void> {
    if (timers.length === 0) return;
    await this.byName.escalation.addBulk(
      timers.map(({ id, delayMs, requestId }) => ({
        name: 'escalate-request',
        data: { id, ...withRequest(requestId) },
        opts: { jobId: this.ids.escalateRequest(id), delay: Math.max(0, Math.round(delayMs)) },
      })),
    );
  }

  /**
   * Webhook notifications for the events whose province has a URL; retried with exponential
   * backoff. A runway event (§7) goes to each of its provinces that has one.
   */
  async notify(all: readonly TaskEvent[]): Promise<number> {
    const due = all.flatMap((e) => (e.type !== 'runway' && WEBHOOK_EVENTS.has(e.type) && this.webhooks.urls[e.province] !== undefined ? [e] : []));
    const runway = all.flatMap((e) => (e.type === 'runway' ? e.runway.provinces.filter((p) => this.webhooks.urls[p] !== undefined).map((province) => ({ ...e, province })) : []));
    if (due.length + runway.length === 0) return 0;
    const retry = { attempts: this.webhooks.attempts, backoff: { type: 'exponential', delay: this.webhooks.backoffMs } } as const;
    await this.byName.notifications.addBulk([
      ...runway.map(({ requestId, dispatchedAt: _d, ...event }) => ({
        name: 'notify',
        data: { event, ...withRequest(requestId) },
        // One alert per event id (its key is stored once) and province: relaying twice adds nothing.
        opts: { jobId: `notify-runway-${event.id}-${event.province}`, ...retry },
      })),
      ...due.map(({ requestId, ...event }) => ({
        name: 'notify',
        data: { event, ...withRequest(requestId) },
        opts: {
          // Event ids restart with a new task store; task ids never repeat.
          jobId: this.ids.notify(event.taskId, event.id),
          attempts: this.webhooks.attempts,
          backoff: { type: 'exponential', delay: this.webhooks.backoffMs },
        },
      })),
    ]);
    return due.length + runway.length;
  }

  /** Arms escalation timers: each job waits `delayMs` from now. */
  async escalateLater(timers: readonly { taskId: string; delayMs: number; requestId?: string }[]): Promise<void> {
    if (timers.length === 0) return;
    await this.byName.escalation.addBulk(
      timers.map(({ taskId, delayMs, requestId }) => ({
        name: 'escalate',
        data: { taskId, ...withRequest(requestId) },
        opts: { jobId: this.ids.escalate(taskId), delay: Math.max(0, Math.round(delayMs)) },
      })),
    );
  }

  /** Jobs that used up their attempts (or were poison), newest first, across every queue. */
  async failedJobs(limit: number): Promise<FailedJob[]> {
    const out: FailedJob[] = [];
    for (const name of QUEUE_NAMES) {
      const jobs = await this.byName[name].getFailed(0, limit - 1);
      for (const j of jobs) if (j) out.push(failedJob(name, j));
    }
    return out.sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? '')).slice(0, limit);
  }

  /** Moves a failed job back to waiting, its attempts reset. */
  async retryFailed(queue: string, id: string): Promise<FailedJob> {
    if (!(QUEUE_NAMES as readonly string[]).includes(queue)) {
      throw new LinkageError('not_found', `no queue "${queue}" (queues: ${QUEUE_NAMES.join(', ')})`);
    }
    const q = this.byName[queue as QueueName];
    const job = await q.getJob(id);
    if (!job) throw new LinkageError('not_found', `job "${id}" not found in queue ${queue}`);
    const state = await job.getState();
    if (state !== 'failed') throw new LinkageError('conflict', `job "${id}" in queue ${queue} is ${state}, not failed`);
    const before = failedJob(queue as QueueName, job);
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return before;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.byName).map((q) => q.close()));
  }
}

function failedJob(queue: QueueName, j: Job): FailedJob {
  return {
    queue,
    id: j.id ?? '',
    name: j.name,
    data: j.data,
    failedReason: j.failedReason,
    attemptsMade: j.attemptsMade,
    failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
  };
}
