/**
 * The OpenAPI 3.1 description, generated from the route table and the zod schemas each
 * route parses its input with (@asteasolutions/zod-to-openapi), so it cannot drift from
 * what the server accepts.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { RouteDef } from './routes';

// The generator names components through zod's `.openapi()`; it must exist before any schema is registered.
extendZodWithOpenApi(z);

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    retryAfter: z.number().optional(),
  }),
});

/** `/api/chains/:leaderId` → `/api/chains/{leaderId}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

export function buildOpenApi(routes: readonly RouteDef[], version: string): Record<string, unknown> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  const error = registry.register('Error', errorSchema);
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
        ...(req.body ? { body: { required: true, content: { 'application/json': { schema: req.body } } } } : {}),
      },
      responses: {
        [route.status ?? 200]: { description: 'Success' },
        ...(route.policy === 'public' ? {} : { 401: { description: 'Missing or invalid token', content: { 'application/json': { schema: error } } } }),
        ...(route.policy === 'public' ? {} : { 403: { description: 'Out of the token’s scope', content: { 'application/json': { schema: error } } } }),
        ...(req.body || req.query || req.params ? { 400: { description: 'Invalid input, with field paths', content: { 'application/json': { schema: error } } } } : {}),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
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
