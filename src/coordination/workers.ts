/**
 * The job processors and the BullMQ workers that run them. Processors are thin: validate the
 * job data, call one use case, map the outcome to what BullMQ should do next (done, retry
 * with backoff, delay, or fail for good).
 *
 * Error mapping: a LinkageError that is not retriable, and job data that does not parse, are
 * poison: UnrecoverableError sends the job to the failed set at once, where a coordinator can
 * inspect and retry it. Anything else is retried with exponential backoff until the attempts
 * run out, and then lands in the failed set too.
 *
 * A job caused by a request runs inside that request's context (withRequestId), so what it
 * commits and queues carries the id on, and logs through a child logger bound to it (`reqId`).
 */
import { DelayedError, UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { isoDate, type Clock } from '../shared/clock';
import { REMINDER_EVENT } from './task-store';
import type { QueueSettings, WebhookSettings } from '../shared/config';
import { LinkageError } from '../shared/errors';
import { requestLogger, withRequestId, type Logger } from '../shared/log';
import type { DesiredSource } from './desired';
import type { OutboxRelay } from './outbox';
import { jobData, type CoordinationQueues, type QueueName } from './queues';
import type { TaskService } from './service';
import type { RequestService } from './request-service';
import { closeConnection } from './redis-server';
import { postWebhook } from './webhook';

export interface ProcessorDeps {
  service: TaskService;
  /** Enterprise requests (§9): delivered and escalated on the same queues. */
  requests?: RequestService;
  /** The stale enterprises of each province on a date (§10), for the daily reminders. */
  reminders?: (date: string) => Promise<Map<string, unknown[]>>;
  /** Whose calendar day a reminder is for. */
  timeZone?: string;
  desired: DesiredSource;
  queues: CoordinationQueues;
  relay: OutboxRelay;
  clock: Clock;
  webhooks: WebhookSettings;
  /** Dispatched events older than this are pruned by the sweep. */
  eventRetentionMs: number;
  fetch?: typeof fetch;
  log: Logger;
}

export interface SweepOutcome {
  revision: number;
  reconcile: 'committed' | 'stale';
  opened: number;
  cleared: number;
  escalated: number;
  redelivered: number;
  relayed: number;
  /** Requests escalated and re-queued for delivery by this sweep. */
  requestsEscalated: number;
  requestsRedelivered: number;
}

/**
 * The repeatable reconciliation: brings the tasks to the latest revision of the store (even
 * one written by another process), escalates what is overdue, re-queues deliveries and
 * events that never reached Redis, and prunes old events. Each step is idempotent.
 */
export async function sweep(deps: ProcessorDeps): Promise<SweepOutcome> {
  const outcome = await deps.service.reconcileLatest();
  const escalated = await deps.service.escalateOverdue();
  const undelivered = await deps.service.undelivered();
  await deps.queues.deliver(undelivered.map((t) => ({ taskId: t.id })));
  const requestsEscalated = (await deps.requests?.escalateOverdue()) ?? 0;
  const undeliveredRequests = (await deps.requests?.undelivered()) ?? [];
  await deps.queues.deliverRequests(undeliveredRequests.map((r) => ({ id: r.id })));
  const relayed = await deps.relay.flush();
  await deps.service.store.pruneEvents(new Date(deps.clock.now().getTime() - deps.eventRetentionMs).toISOString());
  return {
    revision: outcome.revision,
    reconcile: outcome.status,
    opened: outcome.opened,
    cleared: outcome.cleared,
    escalated,
    redelivered: undelivered.length,
    relayed,
    requestsEscalated,
    requestsRedelivered: undeliveredRequests.length,
  };
}

/**
 * The daily reporting reminders (§10): one `reminder` event per province with stale
 * enterprises, keyed by province and day, so however many workers run it (a scheduler tick
 * picked up twice, a manual retry) each province gets one a day. Events reach the feed and the
 * webhooks through the outbox like any other.
 */
export async function remind(deps: ProcessorDeps): Promise<{ date: string; provinces: number; sent: number }> {
  if (!deps.reminders || !deps.requests) throw new UnrecoverableError('this process cannot compute reminders');
  const now = deps.clock.now();
  const date = isoDate(now, deps.timeZone);
  const byProvince = await deps.reminders(date);
  let sent = 0;
  for (const [province, stale] of [...byProvince].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const reminder = { id: `reminder:${province}:${date}`, date, province, staleCount: stale.length, stale };
    const event = { type: REMINDER_EVENT, taskId: reminder.id, province, at: now.toISOString(), task: reminder as never };
    if (await deps.requests.store.appendEventOnce(event)) sent++;
  }
  if (sent > 0) await deps.relay.flush();
  return { date, provinces: byProvince.size, sent };
}

function parse<N extends keyof typeof jobData>(name: N, job: Job): z.infer<(typeof jobData)[N]> {
  const out = jobData[name].safeParse(job.data);
  if (!out.success) throw new UnrecoverableError(`invalid ${name} job data: ${out.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return out.data as z.infer<(typeof jobData)[N]>;
}

/** The request a job was caused by, read before the data is validated (so poison logs it too). */
function requestIdOf(job: Job | undefined): string | undefined {
  const id = (job?.data as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

type Handler = (job: Job, token: string | undefined, log: Logger) => Promise<unknown>;

function guarded(queue: QueueName, log: Logger, handlers: Record<string, Handler>): Processor {
  return (job, token) => {
    const requestId = requestIdOf(job);
    const jobLog = requestLogger(log, requestId);
    return withRequestId(requestId, async () => {
      const handler = handlers[job.name];
      if (!handler) throw new UnrecoverableError(`queue ${queue} has no job named "${job.name}"`);
      try {
        const out = await handler(job, token, jobLog);
        jobLog.debug({ queue, job: job.id, name: job.name }, 'job done');
        return out;
      } catch (err) {
        if (err instanceof LinkageError && !err.retriable) throw new UnrecoverableError(err.message);
        throw err;
      }
    });
  };
}

export function processors(deps: ProcessorDeps): Record<QueueName, Processor> {
  const { service, queues, relay, clock, log } = deps;
  return {
    analysis: guarded('analysis', log, {
      // The analysis at the job's revision or later: coalesced jobs land on the latest one.
      analyze: async (job) => {
        const { revision, store, requestId } = parse('analyze', job);
        if (store !== undefined && store !== queues.scope) return { skipped: `queued for another task store (${store})` };
        const current = await deps.desired.current(revision);
        // Every API instance asks for each revision it sees, and a worker may die after the
        // reconcile was queued: a revision the tasks already reflect was reconciled (once), and
        // one whose reconcile is still pending is deduplicated by the queue.
        if ((await service.store.revision()) >= current.revision) return { revision: current.revision, skipped: 'tasks already reflect it' };
        await queues.reconcile(current.revision, current.desired, requestId, current.alerts);
        return { revision: current.revision, desired: current.desired.length };
      },
      sweep: async (job) => {
        parse('sweep', job);
        return sweep(deps);
      },
      remind: async (job) => {
        const { store } = parse('remind', job);
        if (store !== undefined && store !== queues.scope) return { skipped: `scheduled for another task store (${store})` };
        return remind(deps);
      },
    }),
    tasks: guarded('tasks', log, {
      reconcile: async (job, _token, jobLog) => {
        const { revision, desired, alerts, store } = parse('reconcile', job);
        // Another store's desired set (a deployment sharing this prefix) must never reach ours.
        if (store !== undefined && store !== queues.scope) return { skipped: `queued for another task store (${store})` };
        const outcome = await service.reconcile(revision, desired, alerts);
        await relay.flush();
        const changed = outcome.opened + outcome.updated + outcome.cleared > 0;
        jobLog[changed ? 'info' : 'debug']({ job: job.id, ...outcome }, 'tasks reconciled');
        return outcome;
      },
      deliver: async (job) => {
        const { taskId } = parse('deliver', job);
        const task = await service.deliver(taskId);
        return { delivered: task !== null };
      },
      'deliver-request': async (job) => {
        const { id } = parse('deliver-request', job);
        if (!deps.requests) throw new UnrecoverableError('this process has no request service');
        return { delivered: (await deps.requests.deliver(id)) !== null };
      },
    }),
    notifications: guarded('notifications', log, {
      notify: async (job) => {
        const { event } = parse('notify', job);
        const url = deps.webhooks.urls[event.province];
        if (!url || !deps.webhooks.secret) return { skipped: 'no webhook for the province' };
        const status = await postWebhook(url, event, { secret: deps.webhooks.secret, timeoutMs: deps.webhooks.timeoutMs, fetch: deps.fetch });
        return { status };
      },
    }),
    escalation: guarded('escalation', log, {
      escalate: async (job, token) => {
        const { taskId } = parse('escalate', job);
        const outcome = await service.escalateIfDue(taskId);
        if (outcome.status === 'escalated') await relay.flush();
        if (outcome.status === 'not_due') {
          // Woken early (clocks disagree): sleep again until the SLA runs out by our clock.
          await job.moveToDelayed(Date.now() + Math.max(1_000, outcome.dueAt - clock.now().getTime()), token);
          throw new DelayedError();
        }
        return { status: outcome.status };
      },
      'escalate-request': async (job, token) => {
        const { id } = parse('escalate-request', job);
        if (!deps.requests) throw new UnrecoverableError('this process has no request service');
        const outcome = await deps.requests.escalateIfDue(id);
        if (outcome.status === 'escalated') await relay.flush();
        if (outcome.status === 'not_due') {
          await job.moveToDelayed(Date.now() + Math.max(1_000, outcome.dueAt - clock.now().getTime()), token);
          throw new DelayedError();
        }
        return { status: outcome.status };
      },
    }),
  };
}

export interface CoordinationWorkers {
  workers: Worker[];
  /** Stops taking jobs and waits for the ones in flight (graceful), then drops connections. */
  close(): Promise<void>;
}

const SINGLE: ReadonlySet<QueueName> = new Set(['analysis']);

export function startWorkers(deps: ProcessorDeps, settings: QueueSettings, connect: () => Redis): CoordinationWorkers {
  const procs = processors(deps);
  const connections: Redis[] = [];
  const workers = (Object.keys(procs) as QueueName[]).map((name) => {
    const connection = connect();
    connections.push(connection);
    const worker = new Worker(name, procs[name], {
      connection,
      prefix: settings.prefix,
      // The analysis is one CPU-bound computation at a time; the others wait on I/O.
      concurrency: SINGLE.has(name) ? 1 : settings.concurrency,
      lockDuration: settings.lockMs,
      stalledInterval: settings.lockMs,
      // A job whose worker died is taken over; three deaths in a row make it poison.
      maxStalledCount: 3,
    });
    worker.on('error', (err) => deps.log.warn({ err: err.message, queue: name }, 'worker error'));
    worker.on('failed', (job, err) =>
      requestLogger(deps.log, requestIdOf(job)).warn({ queue: name, job: job?.id, name: job?.name, attempts: job?.attemptsMade, err: err.message }, 'job failed'),
    );
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(connections.map(closeConnection));
    },
  };
}
