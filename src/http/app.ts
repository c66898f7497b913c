/**
 * The express application: body parsing with limits, authentication, the route table with
 * its policies, and the one error pipeline. Routes stay thin: parse, call a use case, answer.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { DEFAULTS } from '../shared/config';
import { LinkageError } from '../shared/errors';
import type { Services } from '../runtime/services';
import { bearerToken, type Principal } from './auth';
import { errorMiddleware, notFoundHandler } from './error-middleware';
import { perTokenRateLimit, requestLogging, requestMetrics, securityHeaders } from './hardening';
import { docsRouter } from './docs';
import { buildOpenApi } from './openapi';
import type { RouteDef } from './routes';
import { accessRoutes } from './routes/access';
import { chainRoutes } from './routes/chains';
import { taskRoutes } from './routes/tasks';
import { requestRoutes } from './routes/requests';
import { reportingRoutes } from './routes/reporting';
import { graphRoutes } from './routes/graph';
import { statsRoutes } from './routes/stats';
import { webRouter } from '../web';

export function systemRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/health',
      summary: 'Liveness',
      policy: 'public',
      handler: async () => ({ status: 'ok' }),
    },
    {
      method: 'get',
      path: '/api/whoami',
      summary: "The calling token's role, actor and scope",
      policy: () => true,
      handler: async (_req, _res, principal) => principal,
    },
    {
      method: 'get',
      path: '/api/ready',
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
    summary: 'This API described as OpenAPI 3.1 (browse it at /api/docs)',
    policy: 'public',
    handler: async () => (cached ??= buildOpenApi(routes(), API_VERSION)),
  };
}

export const API_VERSION: string = require('../../package.json').version;

export function routeTable(s: Services): RouteDef[] {
  const table: RouteDef[] = [...systemRoutes(s), ...graphRoutes(s), ...chainRoutes(s), ...statsRoutes(s), ...accessRoutes(s), ...taskRoutes(s), ...requestRoutes(s), ...reportingRoutes(s)];
  table.push(openApiRoute(() => table));
  return table;
}

export function createApp(s: Services, routes: RouteDef[] = routeTable(s)): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // API answers change with every revision; hashing each body for an ETag is cost without use.
  app.set('etag', false);
  app.use(requestLogging(s.log));
  app.use(requestMetrics(s.metrics));
  app.use(securityHeaders());
  app.use('/api', perTokenRateLimit(s.config.rateLimitPerMinute));
  app.get('/metrics', async (_req, res, next) => {
    try {
      res.type(s.metrics.registry.contentType).send(await s.metrics.render());
    } catch (err) {
      next(err);
    }
  });

  const smallJson = express.json({ limit: DEFAULTS.BODY_LIMIT });
  const importJson = express.json({ limit: DEFAULTS.IMPORT_BODY_LIMIT });
  app.use((req, res, next) => (req.path === '/api/import' ? importJson(req, res, next) : smallJson(req, res, next)));

  for (const route of routes) {
    app[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        const principal = await authorize(s, route, req);
        if (route.bodyRequired && (req.body === undefined || req.headers['content-length'] === '0')) {
          throw new LinkageError('invalid_input', 'request body required', { details: [{ path: 'body', message: 'required' }] });
        }
        const body = await route.handler(req, res, principal);
        if (body !== undefined && !res.headersSent) res.status(res.statusCode !== 200 ? res.statusCode : (route.status ?? 200)).json(body);
      } catch (err) {
        next(err);
      }
    });
  }
  app.use(docsRouter());
  app.use(webRouter({ log: s.log }));
  app.use('/api', notFoundHandler);
  app.use(errorMiddleware((err) => s.log.error({ err }, 'unhandled error')));
  return app;
}

async function authorize(s: Services, route: RouteDef, req: Request): Promise<Principal | null> {
  if (route.policy === 'public') return null;
  const token = bearerToken(req.headers.authorization);
  if (!token) throw new LinkageError('unauthorized', 'missing bearer token');
  const principal = await s.tokens.resolve(token);
  if (!principal) throw new LinkageError('unauthorized', 'invalid or expired token');
  if (!(await route.policy(principal, req))) throw new LinkageError('forbidden', `a ${principal.role} token may not ${route.method.toUpperCase()} ${req.path}`);
  return principal;
}
