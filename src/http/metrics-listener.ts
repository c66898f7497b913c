/**
 * The small HTTP listener of a worker process (`serve --role worker` with
 * LINKAGE_METRICS_PORT): `/metrics` for Prometheus under the API's rule (a coordinator
 * token: the metrics name queues and provinces), and the public `/api/health` and
 * `/api/ready` of the API's route table, for a container health check. Nothing else: a worker
 * serves no API and no web UI. Requests get ids and the one error pipeline, as on the API.
 */
import express, { type Express } from 'express';
import { LinkageError } from '../shared/errors';
import type { Services } from '../runtime/services';
import { systemRoutes } from './app';
import { bearerToken, resolvePrincipal } from './auth';
import { errorMiddleware, notFoundHandler } from './error-middleware';
import { requestLogging } from './hardening';
import { policies } from './routes';
import { serveApp, type RunningServer } from './server';

const PROBES: ReadonlySet<string> = new Set(['/api/health', '/api/ready']);

export function metricsApp(s: Services): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(requestLogging(s.log));
  app.get('/metrics', async (req, res, next) => {
    try {
      if (!bearerToken(req.headers.authorization)) throw new LinkageError('unauthorized', 'missing bearer token');
      const principal = await resolvePrincipal(s.tokens, req);
      if (!principal) throw new LinkageError('unauthorized', 'invalid or expired token');
      if (!policies.coordinator(principal)) throw new LinkageError('forbidden', `a ${principal.role} token may not GET /metrics`);
      res.type(s.metrics.registry.contentType).send(await s.metrics.render());
    } catch (err) {
      next(err);
    }
  });
  for (const route of systemRoutes(s).filter((r) => PROBES.has(r.path))) {
    app.get(route.path, async (req, res, next) => {
      try {
        res.json(await route.handler(req, res, null));
      } catch (err) {
        next(err);
      }
    });
  }
  app.use(notFoundHandler);
  app.use(errorMiddleware((err, reqId) => s.log.error({ err, reqId }, 'unhandled error')));
  return app;
}

export type MetricsListener = RunningServer;

/** Starts the listener on `port` (0: any free one) of every interface, or of `host`. */
export function listenMetrics(s: Services, port: number, host?: string): Promise<MetricsListener> {
  return serveApp(metricsApp(s), port, host);
}
