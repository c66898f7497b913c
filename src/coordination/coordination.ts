/**
 * Wires coordination for one process: Redis (REDIS_URL, else a private redis-server), the
 * task store, the use cases, the queues, and, by role, the workers (`worker`), the analysis
 * trigger and the SSE feed (`api`), or all of them (`all`).
 *
 * How a status change becomes a task: the API's analysis moves to revision R → an `analyze`
 * job (coalesced) → the desired set at R → a `reconcile` job → one commit in the task store
 * (tasks and their events together) → the outbox relay queues `deliver`, `escalate` (delayed
 * until the SLA runs out) and `notify` (webhooks) jobs. The repeatable `sweep` repairs whatever a crash or a
 * Redis outage left behind. Every API instance asks for the analysis of each revision it sees;
 * R is reconciled once all the same (an `analyze` job finds R already reflected, or its
 * `reconcile` still pending). Each job carries the id of the request that caused it.
 */
import type { Redis } from 'ioredis';
import { withTimeout, type Clock } from '../shared/clock';
import { createAuditStore } from '../access';
import { DEFAULTS, type Config } from '../shared/config';
import { currentRequestId, type Logger } from '../shared/log';
import { analysisDesiredSource, type AnalysisSource, type DesiredSourceOptions } from './desired';
import { EventFeed } from './events-feed';
import { OutboxRelay } from './outbox';
import { CoordinationQueues } from './queues';
import { connectRedis } from './redis-client';
import { closeConnection, RedisUnavailableError, startPrivateRedis, type PrivateRedis } from './redis-server';
import { TaskService } from './service';
import { createRequestStore, createTaskStore } from './stores';
import type { TaskStore } from './task-store';
import { ACTIVE_STATES } from './model';
import { RequestService, type RequestGraph } from './request-service';
import type { RequestStore } from './request-store';
import { startWorkers, sweep, type CoordinationWorkers, type ProcessorDeps, type SweepOutcome } from './workers';

export type CoordinationRole = 'all' | 'api' | 'worker';

export interface CoordinationDeps {
  role: CoordinationRole;
  config: Readonly<Config>;
  clock: Clock;
  log: Logger;
  /** The graph store's revision (to notice writes made by other processes). */
  graphRevision: () => Promise<number>;
  /** The process's chain analysis (runtime ChainState). */
  chains: AnalysisSource & { onRevision(listener: (revision: number) => void): () => void };
  /** Default: the configured store's (createTaskStore). */
  taskStore?: TaskStore;
  /** Default: the configured store's (createRequestStore), beside the task store's outbox. */
  requestStore?: RequestStore;
  /** An enterprise's province and role (the graph store's getEnterprise); requests route by it. */
  enterprise?: RequestGraph['enterprise'];
  /** The stale enterprises of each province on a date (§10), for the daily reminders. */
  reminders?: ProcessorDeps['reminders'];
  /** Default: config.redisUrl, else a private redis-server. */
  redisUrl?: string;
  newId?: () => string;
  fetch?: typeof fetch;
  /** §7: stop dates at a revision (at least); tasks then carry stopsOn. */
  stopDates?: DesiredSourceOptions['stopDates'];
}

export interface Coordination {
  readonly role: CoordinationRole;
  readonly tasks: TaskService;
  /** Enterprise requests (§9). */
  readonly requests: RequestService;
  readonly queues: CoordinationQueues;
  /** The live event feed behind GET /api/events (API roles). */
  readonly feed: EventFeed | null;
  readonly workers: CoordinationWorkers | null;
  readonly redisUrl: string;
  /** Answers within a second or rejects: what /api/ready asks. */
  ping(): Promise<unknown>;
  /**
   * Why the tasks cannot be trusted yet: Redis has not answered since this process started, so
   * no reconcile has run for it (an empty or stale list would pass for the truth). Null once
   * Redis has answered; a later outage leaves the stored tasks readable and movable.
   */
  redisProblem(): string | null;
  /** Runs the reconciliation sweep in this process, now. */
  sweep(): Promise<SweepOutcome>;
  /** Graceful: ends SSE streams, lets in-flight jobs finish, closes connections. */
  close(): Promise<void>;
}

/**
 * Requests for a process that runs no coordination (the CLI): the configured task store (its
 * outbox) and request store, the enterprise lookup given, no analysis (leadersServed shows as
 * null). Events wait in the outbox for the workers' next sweep (or relayNow).
 */
export async function openRequestService(
  config: Readonly<Config>,
  enterprise: RequestGraph['enterprise'],
  clock: Clock,
): Promise<{ service: RequestService; tasks: TaskStore; close(): Promise<void> }> {
  const tasks = createTaskStore(config);
  const store = createRequestStore(config);
  await tasks.init();
  // Request writes append to the audit trail in their own transaction: its table (or counter) must exist.
  const audit = createAuditStore(config);
  await audit.init();
  await audit.close();
  await store.init();
  const service = new RequestService({
    store,
    graph: { enterprise, leadersServed: async (ids) => new Map(ids.map((id) => [id, null])), upstream: async () => [] },
    activeTask: async (supplier) => (await tasks.list({ supplier, states: ACTIVE_STATES, limit: 1 })).items[0] ?? null,
    clock,
    slaMs: config.ackSlaMs,
    timeZone: config.timeZone,
  });
  return {
    service,
    tasks,
    async close() {
      await store.close();
      await tasks.close();
    },
  };
}

/** What requests need of the graph: the enterprise lookup given, weights and upstream from the process's analysis. */
function requestGraph(chains: AnalysisSource, enterprise: RequestGraph['enterprise'] | undefined): RequestGraph {
  return {
    enterprise: enterprise ?? (async () => null),
    async leadersServed(ids) {
      const { analysis } = await chains.view();
      return new Map(ids.map((id) => [id, analysis.leadersServed(id)]));
    },
    async upstream(id) {
      const { analysis } = await chains.view();
      if (analysis.leadersServed(id) === null) return [];
      return analysis.upstream(id).tiers.flatMap((t) => t.enterprises.map((e) => e.id));
    },
  };
}

/** The Redis URL for this process: the configured one, else a private redis-server. */
export async function resolveRedis(config: Readonly<Config>, override?: string): Promise<{ url: string; server: PrivateRedis | null }> {
  const url = override ?? config.redisUrl;
  if (url) return { url, server: null };
  if (!config.redisServer) throw new RedisUnavailableError('REDIS_URL is unset and LINKAGE_REDIS_SERVER=off');
  const server = await startPrivateRedis({ dataDir: config.dataDir, binary: config.redisServer });
  return { url: server.url, server };
}

/**
 * Closes the workers gracefully: no new jobs, the ones in flight finish. A job cannot finish
 * while Redis is down (its outcome, and what it queues, are written there), so the wait is
 * bounded: past `drainMs` every connection of the process is dropped, pending commands fail and
 * the workers stop. The unfinished jobs stay active in Redis until their locks run out; then a
 * worker takes them over, so nothing is lost.
 */
async function drain(workers: CoordinationWorkers, drainMs: number, connections: readonly Redis[], log: Logger, afterDropMs: number): Promise<void> {
  const closed = workers.close();
  const inTime = await withTimeout(closed, drainMs, 'drain').then(
    () => true,
    () => false,
  );
  if (inTime) return;
  log.warn({ drainMs }, 'jobs still in flight when the drain time ran out (is Redis down?): dropping the connections');
  for (const c of connections) c.disconnect();
  // A processor still running (a webhook call) finishes within afterDropMs. But BullMQ's workers
  // also hold connections of their own (duplicates for blocking reads), and one that never
  // connected (Redis down from the start) never reports closed: so this wait is bounded too.
  await withTimeout(closed, afterDropMs, 'workers close').catch(() => log.warn({ afterDropMs }, 'workers did not close after their connections were dropped; going on'));
}

/** host:port of a Redis URL, without credentials: what logs and error messages may show. */
function redisHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the configured URL';
  }
}

export async function startCoordination(deps: CoordinationDeps): Promise<Coordination> {
  const { config, clock, log, role } = deps;
  const { url, server } = await resolveRedis(config, deps.redisUrl);
  const connections: Redis[] = [];
  let lastError = '';
  const connect = () => {
    // Workers need commands to wait for a reconnect rather than fail (BullMQ requirement);
    // the producer does too, so an analysis request made during an outage is sent afterwards.
    const c = connectRedis(url);
    c.on('error', (err) => {
      if (err.message !== lastError) log.warn({ err: err.message }, 'redis connection error');
      lastError = err.message;
    });
    connections.push(c);
    return c;
  };
  const producer = connect();
  // A configured Redis that is not up yet is waited for in the background, not fatal: the
  // connections keep retrying, and everything below catches up once it answers.
  const reachable = await withTimeout(producer.ping(), 2_000, 'no answer').then(
    () => true,
    () => false,
  );
  if (!reachable) log.warn({ redis: redisHost(url) }, 'redis does not answer yet; coordination will catch up when it does');
  let answered = reachable;

  const ownsStore = !deps.taskStore;
  const taskStore = deps.taskStore ?? createTaskStore(config);
  await taskStore.init();
  const desired = analysisDesiredSource(deps.chains, {
    storeRevision: deps.graphRevision,
    followsWrites: role !== 'worker',
    stopDates: deps.stopDates,
    alertDays: config.runwayAlertDays ?? undefined,
  });
  const tasks = new TaskService({ store: taskStore, desired, clock, slaMs: config.ackSlaMs, waitMs: config.minRevisionWaitMs, newId: deps.newId });
  const ownsRequestStore = !deps.requestStore;
  const requestStore = deps.requestStore ?? createRequestStore(config);
  await requestStore.init();
  const requests = new RequestService({
    store: requestStore,
    graph: requestGraph(deps.chains, deps.enterprise),
    activeTask: async (supplier) => (await taskStore.list({ supplier, states: ACTIVE_STATES, limit: 1 })).items[0] ?? null,
    clock,
    slaMs: config.ackSlaMs,
    timeZone: config.timeZone,
  });
  const queues = new CoordinationQueues(producer, config.queues, config.webhooks, await taskStore.identity());
  queues.onError((err) => log.warn({ err: err.message }, 'queue error'));
  const relay = new OutboxRelay(taskStore, queues, clock, config.ackSlaMs);
  const feed = role === 'worker' ? null : new EventFeed(taskStore, DEFAULTS.EVENTS_POLL_MS);

  const relayLater = () => {
    relay.flush().catch((err: Error) => log.warn({ err: err.message }, 'outbox relay failed; the sweep will retry'));
  };
  const offCommit = tasks.onCommit(() => {
    relayLater();
    feed?.nudge();
  });
  const offRequestCommit = requests.onCommit(() => {
    relayLater();
    feed?.nudge();
  });

  // A revision this process wrote is announced inside the writing request's context: the
  // analysis job (and all that follows from it) carries the request's id.
  const requestAnalysis = (revision: number) => {
    queues.requestAnalysis(revision, currentRequestId()).catch((err: Error) => log.warn({ err: err.message, revision }, 'could not queue the analysis; the sweep will catch up'));
  };
  const offRevision = role === 'worker' ? () => undefined : deps.chains.onRevision(requestAnalysis);

  const processorDeps: ProcessorDeps = {
    service: tasks,
    requests,
    reminders: deps.reminders,
    timeZone: config.timeZone,
    desired,
    queues,
    relay,
    clock,
    webhooks: config.webhooks,
    eventRetentionMs: DEFAULTS.EVENT_RETENTION_DAYS * 86_400_000,
    fetch: deps.fetch,
    log,
  };
  const workers = role === 'api' ? null : startWorkers(processorDeps, config.queues, connect);
  const scheduleSweep = () => {
    if (workers) queues.scheduleSweep().catch((err: Error) => log.warn({ err: err.message }, 'could not schedule the sweep'));
    if (workers && deps.reminders) {
      queues.scheduleReminders(config.reminderAt, config.timeZone).catch((err: Error) => log.warn({ err: err.message }, 'could not schedule the reminders'));
    }
  };
  if (workers && reachable && deps.reminders) await queues.scheduleReminders(config.reminderAt, config.timeZone).catch(() => undefined);
  if (workers && reachable) await queues.scheduleSweep().catch(() => scheduleSweep());
  else scheduleSweep();
  // Whatever happened while this process was away (or Redis was): catch up now, and again
  // after every reconnect, in case the outage swallowed requests or the scheduler itself.
  requestAnalysis(deps.chains.revision);
  // Every 'ready' from here on is a (re)connection: catch up on what the outage swallowed.
  producer.on('ready', () => {
    answered = true;
    log.info('redis answers: catching up');
    requestAnalysis(deps.chains.revision);
    scheduleSweep();
    relayLater();
  });

  let closing: Promise<void> | null = null;
  return {
    role,
    tasks,
    requests,
    queues,
    feed,
    workers,
    redisUrl: url,
    ping: () => withTimeout(producer.ping(), 1_000, 'redis did not answer within 1 s'),
    redisProblem: () => (answered ? null : `redis at ${redisHost(url)} has not answered since start-up${lastError ? ` (${lastError})` : ''}`),
    sweep: () => sweep(processorDeps),
    close() {
      closing ??= (async () => {
        offRevision();
        await feed?.close();
        // The longest job is a webhook call: it ends within its timeout.
        if (workers) await drain(workers, config.queues.drainMs, connections, log, config.webhooks.timeoutMs + 1_000);
        offCommit();
        offRequestCommit();
        // A Redis that never answered takes nothing: do not wait for it to refuse.
        if (answered) await withTimeout(relay.flush(), 2_000, 'relay').catch(() => 0);
        await withTimeout(queues.close(), answered ? 5_000 : 500, 'queues').catch(() => undefined);
        await Promise.all(connections.map(closeConnection));
        if (ownsStore) await taskStore.close();
        if (ownsRequestStore) await requestStore.close();
        await server?.stop();
      })();
      return closing;
    },
  };
}
