/**
 * The composition root: builds the store, the analysis state and the token resolver from
 * the configuration, seeds the demonstration scenario into an empty store, and attaches
 * coordination. The HTTP server over these services is src/http/server.ts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { adminTokenResolver, storedTokenResolver, type AuditStore, type TokenStore } from '../access';
import {
  analysisDesiredSource,
  RedisUnavailableError,
  startCoordination,
  TaskService,
  type Coordination,
  type CoordinationDeps,
  type CoordinationRole,
  type TaskStore,
} from '../coordination';
import { configureRootSearch } from '../analysis';
import type { GraphStore } from '../graph';
import { systemClock, type Clock } from '../shared/clock';
import type { Config } from '../shared/config';
import { createLogger, type Logger } from '../shared/log';
import { Metrics } from '../shared/metrics';
import { ChainState } from './chain-state';
import { observeCoordination } from './observe';
import { runwayView } from './runway';
import { remindersOn } from './reporting';
import type { Services } from './services';
import { createStores } from './stores';

/** The configured graph store (see createStores). */
export function createStore(config: Readonly<Config>): GraphStore {
  return createStores(config).graph();
}

export { createAuditStore, createTokenStore } from '../access';

/** The admin token: LINKAGE_ADMIN_TOKEN, else one generated once and kept in the data directory. */
export function resolveAdminToken(config: Readonly<Config>): string {
  if (config.adminToken) return config.adminToken;
  const file = path.join(config.dataDir, 'admin-token');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const token = `lk_${crypto.randomBytes(24).toString('base64url')}`;
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    return token;
  }
}

export interface ServiceOptions {
  clock?: Clock;
  log?: Logger;
  store?: GraphStore;
  tokenStore?: TokenStore;
  auditStore?: AuditStore;
  /** Loads the demonstration scenario when the store is empty (default: config.demo). */
  seed?: (store: GraphStore, services: Services) => Promise<void>;
}

export async function createServices(
  config: Readonly<Config>,
  opts: ServiceOptions = {},
): Promise<Services & { adminToken: string; /** False when it came from LINKAGE_ADMIN_TOKEN: the operator knows it, so it is not printed. */ adminTokenGenerated: boolean }> {
  const log = opts.log ?? createLogger();
  if (config.analysisThreads !== undefined) configureRootSearch({ threads: config.analysisThreads });
  const stores = createStores(config);
  const store = opts.store ?? stores.graph();
  await store.init();
  const tokenStore = opts.tokenStore ?? stores.tokens();
  await tokenStore.init();
  const audit = opts.auditStore ?? stores.audit();
  await audit.init();
  const adminToken = resolveAdminToken(config);
  const clock = opts.clock ?? systemClock;
  const metrics = new Metrics();
  const services: Services = {
    config,
    clock,
    log,
    metrics,
    store,
    tokenStore,
    audit,
    chains: new ChainState(store, config.minRevisionWaitMs, metrics),
    tokens: adminTokenResolver(adminToken, storedTokenResolver(tokenStore, clock)),
  };
  if (opts.seed && (await store.revision()) === 0) await opts.seed(store, services);
  // A seed has already brought the analysis to its revision; catchUp loads it only when behind.
  await services.chains.catchUp();
  services.chains.watch(config.revisionPollMs);
  return { ...services, adminToken, adminTokenGenerated: config.adminToken === undefined };
}

/**
 * The task use cases for a process that runs no coordination (the CLI): the configured task
 * store, and the configured graph store's analysis for the desired set, as the API has them.
 * Without queues, the events of a move wait in the task store's outbox for the workers' sweep
 * (or `linkage tasks`' relayNow). `close` closes both stores.
 */
export async function openTaskService(config: Readonly<Config>, clock: Clock = systemClock): Promise<{ service: TaskService; store: TaskStore; close: () => Promise<void> }> {
  const stores = createStores(config);
  const store = stores.tasks();
  const graph = stores.graph();
  const close = async () => {
    await store.close();
    await graph.close();
  };
  try {
    await store.init();
    await graph.init();
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  const chains = new ChainState(graph, config.minRevisionWaitMs);
  const desired = analysisDesiredSource(chains, { storeRevision: () => graph.revision(), followsWrites: false });
  const service = new TaskService({ store, desired, clock, slaMs: config.ackSlaMs, waitMs: 0 });
  return { service, store, close };
}

export type CoordinationOptions = Partial<Pick<CoordinationDeps, 'redisUrl' | 'taskStore' | 'newId' | 'fetch'>>;

/**
 * Starts coordination (tasks, queues and, by role, workers) for this process and attaches it
 * to the services, where the task routes and /api/ready find it. Without any Redis the API
 * keeps serving the analysis: the task routes answer 503 and /api/ready names the problem.
 */
export async function attachCoordination(services: Services, role: CoordinationRole, opts: CoordinationOptions = {}): Promise<Coordination | null> {
  try {
    const coordination = await startCoordination({
      role,
      config: services.config,
      clock: services.clock,
      log: services.log,
      graphRevision: () => services.store.revision(),
      enterprise: (id) => services.store.getEnterprise(id),
      reminders: (date) => remindersOn(services, date),
      chains: services.chains,
      stopDates: async (minRevision) => (await runwayView(services, { minRevision })).runway.runway,
      ...opts,
    });
    services.coordination = coordination;
    services.coordinationProblem = undefined;
    observeCoordination(services.metrics, coordination);
    services.redis = { ping: () => coordination.ping() };
    return coordination;
  } catch (err) {
    if (!(err instanceof RedisUnavailableError)) throw err;
    const problem = `no Redis for the task queues (${err.message}): set REDIS_URL, or put redis-server on PATH`;
    services.coordinationProblem = problem;
    services.redis = { ping: () => Promise.reject(new Error(problem)) };
    services.log.warn(problem);
    return null;
  }
}
