/**
 * The OpenAPI 3.1 description, generated from the route table, the zod schemas each route
 * parses its input with and the schema of its answer (responses.ts), with
 * @asteasolutions/zod-to-openapi: it cannot drift from what the server accepts, and
 * test/integration/openapi-responses.test.ts keeps it to what the server answers.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { ErrorCode } from '../shared/errors';
import { isRateLimited } from './hardening';
import { errorSchema, taskEventSchema } from './responses';
import type { RouteDef } from './routes';

/** What each error status means, as the description says it. */
const ERRORS: Record<ErrorCode, { status: number; description: string }> = {
  invalid_input: { status: 400, description: 'Invalid input (`invalid_input`), with field paths in `details`' },
  unauthorized: { status: 401, description: 'Missing or invalid token (`unauthorized`)' },
  forbidden: { status: 403, description: 'Out of the token’s scope (`forbidden`)' },
  not_found: { status: 404, description: 'Not found (`not_found`)' },
  conflict: { status: 409, description: 'Not in the state this needs (`conflict`)' },
  payload_too_large: { status: 413, description: 'Body over the limit (`payload_too_large`)' },
  rate_limited: { status: 429, description: 'Too many requests for this token (`rate_limited`); see `retryAfter`' },
  not_ready: { status: 503, description: 'Not ready (`not_ready`): the analysis did not reach `minRevision` in time, or Redis is away; see `retryAfter`' },
  internal: { status: 500, description: 'Unexpected failure (`internal`); `requestId` finds the log line' },
};

/**
 * The errors a route can answer: those every route of its kind can (a token, input, a body, the
 * rate limit, a bug, a `minRevision` wait) and those it names itself.
 */
export function routeErrors(route: RouteDef): ErrorCode[] {
  const req = route.request ?? {};
  const hasBody = route.method === 'post' || route.method === 'put';
  const codes = new Set<ErrorCode>(route.errors ?? []);
  if (req.params || req.query || req.body || hasBody) codes.add('invalid_input');
  if (route.policy !== 'public') codes.add('unauthorized').add('forbidden');
  if (hasBody) codes.add('payload_too_large');
  if (isRateLimited(route.path)) codes.add('rate_limited');
  if (req.query && 'minRevision' in req.query.shape) codes.add('not_ready');
  codes.add('internal');
  return [...codes].sort((a, b) => ERRORS[a].status - ERRORS[b].status);
}

/** Every status a route answers: its success, its other answers and its errors. */
export function routeStatuses(route: RouteDef): number[] {
  return [route.status ?? 200, ...(route.otherAnswers ?? []).map((a) => a.status), ...routeErrors(route).map((c) => ERRORS[c].status)];
}

/** `/api/chains/:leaderId` → `/api/chains/{leaderId}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function buildOpenApi(routes: readonly RouteDef[], version: string): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const route of routes) {
    const req = route.request ?? {};
    const params = req.params ?? pathParams(route.path);
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      summary: route.summary,
      ...(route.policy === 'public' ? {} : { security: [{ [bearer.name]: [] }] }),
      request: {
        ...(params ? { params } : {}),
        ...(req.query ? { query: req.query } : {}),
        ...(req.body ? { body: { required: route.bodyRequired === true, content: { 'application/json': { schema: req.body } } } } : {}),
      },
      responses: responsesOf(route),
    });
  }
  // Components are named by the schemas' `.meta({ id })`. TaskEvent is the body of no route: it
  // is the data of each server-sent event of /api/events, listed for clients that follow them.
  return new OpenApiGeneratorV31([...registry.definitions, { type: 'schema', schema: taskEventSchema }]).generateDocument({
    openapi: '3.1.0',
    info: { title: 'linkage', version, description: 'Coordination of key industrial chains (see CONTRACT.md)' },
    servers: [{ url: '/' }],
  }) as unknown as Record<string, unknown>;
}

/** Routes that parse their params inline still get them described. */
function pathParams(path: string): z.ZodObject | undefined {
  const names = [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
  return names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined;
}

function responsesOf(route: RouteDef): Record<number, ResponseConfig> {
  const out: Record<number, ResponseConfig> = {
    [route.status ?? 200]: { description: route.summary, content: { [route.contentType ?? 'application/json']: { schema: route.response } } },
  };
  for (const a of route.otherAnswers ?? []) out[a.status] = { description: a.description, content: { 'application/json': { schema: a.schema } } };
  for (const code of routeErrors(route)) {
    const { status, description } = ERRORS[code];
    out[status] = { description, content: { 'application/json': { schema: errorSchema } } };
  }
  return out;
}
