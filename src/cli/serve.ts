/**
 * Starts linkage: `npm start` and `linkage serve`. Roles: `all` (API, workers and web UI in
 * one process), `api` (HTTP only; jobs go to Redis), `worker` (queue workers only).
 * SIGTERM/SIGINT shut down cleanly: HTTP stops, event streams end, in-flight jobs finish.
 */
import { attachCoordination, createServices, type ServiceOptions } from '../runtime/context';
import { listen, type RunningServer } from '../http/server';
import { importUseCase } from '../runtime/use-cases';
import { DEFAULTS, loadConfig } from '../shared/config';
import { demoRequests, generateScenario } from '../scenario';
import { openRequestService } from '../coordination';
import { bundle } from '../web/bundle';
import { UsageError } from './usage';
import { listenMetrics, type MetricsListener } from '../http/metrics-listener';

export type ServeRole = 'all' | 'api' | 'worker';

/** After the drain, what closing the HTTP server, queues and stores may take before the process exits regardless. */
export const SHUTDOWN_GRACE_MS = 5_000;

/** Loads the 2020 demonstration scenario as of the day of the source figure. */
export const seedDemo: NonNullable<ServiceOptions['seed']> = async (store, services) => {
  const doc = generateScenario({ asOf: DEFAULTS.DEMO_AS_OF });
  // The requests its suspended enterprises raised (§9), beside the tasks, whose outbox carries them.
  const requests = await openRequestService(services.config, (id) => store.getEnterprise(id), services.clock);
  try {
    const out = await importUseCase({ ...services, store, requests: requests.service }, { ...doc, requests: demoRequests(doc, DEFAULTS.DEMO_AS_OF) }, 'demo');
    services.log.info({ enterprises: out.enterprises, links: out.links, statusReports: out.statusReports, requests: out.requests }, 'demo scenario loaded');
  } finally {
    await requests.close();
  }
};

/**
 * What the start-up banner says of the coordinator token. The token itself is printed only
 * when this process generated it and the output is a terminal: one from LINKAGE_ADMIN_TOKEN
 * is the operator's, and output that is not a terminal is captured (a container's log, a
 * service manager's journal) where a printed token would leak. It never goes through the
 * JSON log. `linkage token` prints it on demand.
 */
export function tokenLines(s: { adminToken: string; adminTokenGenerated: boolean; url: string; interactive: boolean }): string {
  if (!s.adminTokenGenerated) return 'coordinator token: the one in LINKAGE_ADMIN_TOKEN\n';
  if (!s.interactive) return 'coordinator token: generated and kept in the data directory; `linkage token` prints it\n';
  return `coordinator token: ${s.adminToken}\n` + `try: curl -H "Authorization: Bearer ${s.adminToken}" ${s.url}/api/chains\n`;
}

export async function runServe(opts: { role: ServeRole; port?: number }): Promise<void> {
  // Arguments first: a bad one must fail before the demo is seeded or Redis is reached.
  if (!['all', 'api', 'worker'].includes(opts.role)) throw new UsageError(`--role must be all, api or worker (got "${opts.role}")`);
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port <= 65535)) {
    throw new UsageError(`--port must be a port number from 0 to 65535 (got "${opts.port}")`);
  }
  const config = loadConfig();
  // Workers never seed: the API of the deployment does, once.
  const services = await createServices(config, { seed: config.demo && opts.role !== 'worker' ? seedDemo : undefined });
  const coordination = await attachCoordination(services, opts.role);
  if (!coordination && opts.role === 'worker') {
    services.chains.stopWatching();
    await services.store.close();
    throw new Error(`cannot run workers: ${services.coordinationProblem}`);
  }
  let server: RunningServer | MetricsListener | null = null;
  if (opts.role === 'worker') {
    // /metrics (coordinator token), /api/health and /api/ready of the worker, when asked for.
    if (config.metricsPort !== undefined) server = await listenMetrics(services, config.metricsPort);
    process.stdout.write(
      `linkage workers are running (queues under "${config.queues.prefix}" on ${coordination!.redisUrl})\n` + (server ? `worker metrics at ${server.url}/metrics\n` : ''),
    );
  } else {
    server = await listen(services, opts.port ?? config.port);
    // Build the web UI now rather than on the first visitor's request (about 2 s of esbuild).
    void bundle().catch((err: unknown) => services.log.error({ err }, 'web UI bundle failed to build'));
    process.stdout.write(
      `linkage is running at ${server.url}/ (role ${opts.role}, store: ${config.store}, revision ${services.chains.revision})\n` +
        tokenLines({ ...services, url: server.url, interactive: process.stdout.isTTY === true }) +
        (coordination ? '' : `tasks are not available: ${services.coordinationProblem}\n`),
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.log.info({ signal }, 'shutting down');
    // Bounded in every state (Redis down from the start, a connection that never ends): the
    // drain gets LINKAGE_DRAIN_MS, the rest SHUTDOWN_GRACE_MS, then the process exits anyway.
    const limitMs = config.queues.drainMs + SHUTDOWN_GRACE_MS;
    setTimeout(() => {
      services.log.error({ limitMs }, 'shutdown did not finish in time: exiting');
      process.exit(1);
    }, limitMs).unref();
    try {
      // Event streams first: an HTTP server does not finish closing while one is open.
      await coordination?.feed?.close();
      await server?.close();
      // Waits for in-flight jobs to finish; nothing is taken from the queues meanwhile.
      await coordination?.close();
      services.chains.stopWatching();
      await services.store.close();
    } catch (err) {
      services.log.error({ err }, 'unclean shutdown');
      process.exit(1);
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
