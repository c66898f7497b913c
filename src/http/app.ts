/**
 * The express application: body parsing with limits, authentication, the route table with
 * its policies, and the one error pipeline. Routes stay thin: parse, call a use case, answer.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { isoDate } from '../shared/clock';
import { DEFAULTS } from '../shared/config';
import { withClientToday } from '../graph';
import { LinkageError } from '../shared/errors';
import type { Services } from '../runtime/services';
import { bearerToken, resolvePrincipal, type Principal } from './auth';
import { errorMiddleware, notFoundHandler } from './error-middleware';
import { perTokenRateLimit, requestLogging, requestMetrics, securityHeaders } from './hardening';
import { docsRouter } from './docs';
import { buildOpenApi } from './openapi';
import { policies, type RouteDef } from './routes';
import { accessRoutes } from './routes/access';
import { chainRoutes } from './routes/chains';
import { taskRoutes } from './routes/tasks';
import { requestRoutes } from './routes/requests';
import { reportingRoutes } from './routes/reporting';
import { graphRoutes } from './routes/graph';
import { statsRoutes } from './routes/stats';
import { runwayRoutes } from './routes/runway';
import { webRouter } from '../web';
import * as R from './responses';

export function systemRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/health',
      response: R.healthSchema,
      summary: 'Liveness',
      policy: 'public',
      handler: async () => ({ status: 'ok' }),
    },
    {
      method: 'get',
      path: '/api/whoami',
      response: R.principalSchema,
      summary: "The calling token's role, actor and scope",
      policy: () => true,
      handler: async (_req, _res, principal) => principal,
    },
    {
      method: 'get',
      path: '/api/ready',
      response: R.readySchema,
      otherAnswers: [{ status: 503, description: 'A check failed, or the analysis is still loading', schema: R.readySchema }],
      summary: 'Readiness: the store and Redis answer, the analysis is loaded',
      policy: 'public',
      handler: async (_req, res) => {
        const checks: Record<string, string> = {};
        const attempt = async (name: string, fn: () => Promise<unknown>) => {
          try {
            await fn();
            checks[name] = 'ok';
          } catch (err) {
            checks[name] = (err as Error).message || 'failed';
          }
        };
        await attempt('store', () => s.store.ping());
        if (s.redis) await attempt('redis', () => s.redis!.ping());
        checks.analysis = s.chains.revision >= 0 ? 'ok' : 'loading';
        const ready = Object.values(checks).every((v) => v === 'ok');
        res.status(ready ? 200 : 503);
        return { status: ready ? 'ready' : 'not_ready', checks, revision: s.chains.revision };
      },
    },
  ];
}

/** The API description, generated from the route table it belongs to. */
export function openApiRoute(routes: () => RouteDef[]): RouteDef {
  let cached: Record<string, unknown> | undefined;
  return {
    method: 'get',
    path: '/api/openapi.json',
    response: R.openApiDocumentSchema,
    summary: 'This API described as OpenAPI 3.1 (browse it at /api/docs)',
    policy: 'public',
    handler: async () => (cached ??= buildOpenApi(routes(), API_VERSION)),
  };
}

export const API_VERSION: string = require('../../package.json').version;

export function routeTable(s: Services): RouteDef[] {
  const table: RouteDef[] = [
    ...systemRoutes(s),
    ...graphRoutes(s),
    ...chainRoutes(s),
    ...statsRoutes(s),
    ...accessRoutes(s),
    ...taskRoutes(s),
    ...requestRoutes(s),
    ...reportingRoutes(s),
    ...runwayRoutes(s),
  ];
  table.push(openApiRoute(() => table));
  return table;
}

export function createApp(s: Services, routes: RouteDef[] = routeTable(s)): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // API answers change with every revision; hashing each body for an ETag is cost without use.
  app.set('etag', false);
  // Every date a client sends is checked against today on the injected clock, in the configured zone.
  const today = () => isoDate(s.clock.now(), s.config.timeZone);
  app.use((_req, _res, next) => withClientToday(today, next));
  app.use(requestLogging(s.log));
  app.use(requestMetrics(s.metrics));
  app.use(securityHeaders());
  // `//api/…` would otherwise fall through to the web UI's HTML: an API path gets the JSON error.
  app.use((req, _res, next) => (/^\/{2,}api(\/|$)/.test(req.path) ? notFoundHandler(req, _res, next) : next()));
  app.use(
    '/api',
    perTokenRateLimit(s.config.rateLimitPerMinute, (req) => resolvePrincipal(s.tokens, req)),
  );
  // Metrics name routes, queues and provinces: coordinators only (Prometheus sends the token
  // with `authorization: {credentials: …}`).
  app.get('/metrics', async (req, res, next) => {
    try {
      await authorize(s, { policy: policies.coordinator, method: 'get' }, req);
      res.type(s.metrics.registry.contentType).send(await s.metrics.render());
    } catch (err) {
      next(err);
    }
  });

  for (const route of routes) {
    app[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        // Authorised first, read after: an anonymous or out-of-scope body is never parsed.
        const principal = await authorize(s, route, req);
        await readJsonBody(req, res, bodyLimit(route, principal));
        if (route.bodyRequired && (req.body === undefined || req.headers['content-length'] === '0')) {
          throw new LinkageError('invalid_input', 'request body required', { details: [{ path: 'body', message: 'required' }] });
        }
        const body = await route.handler(req, res, principal);
        if (body !== undefined && !res.headersSent) res.status(res.statusCode !== 200 ? res.statusCode : (route.status ?? 200)).json(body);
      } catch (err) {
        // An answer given before the body was read (401, 403, 413) closes the connection
        // rather than draining whatever the client still sends.
        if (!req.complete) res.setHeader('Connection', 'close');
        next(err);
      }
    });
  }
  app.use(docsRouter());
  app.use(webRouter({ log: s.log }));
  app.use('/api', notFoundHandler);
  app.use(errorMiddleware((err, reqId) => s.log.error({ err, reqId }, 'unhandled error')));
  return app;
}

/** The body limit of a route for this caller: a route may raise it by role (import, for coordinators). */
function bodyLimit(route: RouteDef, principal: Principal | null): string {
  return (principal && route.bodyLimit?.(principal)) || DEFAULTS.BODY_LIMIT;
}

/** Reads a JSON body, streamed and capped (413 beyond `limit`); requests without one pass. */
function readJsonBody(req: Request, res: Response, limit: string): Promise<void> {
  if (req.method === 'GET' || req.method === 'HEAD') return Promise.resolve();
  // A declared length over the cap is refused unread (the parser would drain it first).
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes(limit)) {
    return Promise.reject(new LinkageError('payload_too_large', `request body exceeds the limit of ${limitBytes(limit)} bytes`));
  }
  const parser = express.json({ limit });
  return new Promise((resolve, reject) => parser(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function limitBytes(limit: string): number {
  const m = /^(\d+)\s*(b|kb|mb|gb)$/i.exec(limit);
  if (!m) throw new Error(`body limit ${limit} is not of the form 1mb`);
  return Number(m[1]) * UNITS[m[2].toLowerCase()];
}

async function authorize(s: Services, route: Pick<RouteDef, 'policy' | 'method'>, req: Request): Promise<Principal | null> {
  if (route.policy === 'public') return null;
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new LinkageError('unauthorized', 'missing bearer token');
  const principal = await resolvePrincipal(s.tokens, req);
  if (!principal) throw new LinkageError('unauthorized', 'invalid or expired token');
  if (!(await route.policy(principal, req))) throw new LinkageError('forbidden', `a ${principal.role} token may not ${route.method.toUpperCase()} ${req.path}`);
  return principal;
}
