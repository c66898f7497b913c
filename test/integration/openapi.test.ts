/** The OpenAPI description matches the server: every route described, every description served. */
import { createApp, routeTable } from '../../src/http/app';
import { openApiPath } from '../../src/http/openapi';
import { startTestServer, type TestServer } from './harness';

/** Method + path of every route express actually serves under /api (the router's own table). */
function servedRoutes(app: ReturnType<typeof createApp>): string[] {
  const stack = (app as unknown as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } }).router.stack;
  return stack
    .filter((l) => l.route && l.route.path.startsWith('/api/') && !l.route.path.startsWith('/api/docs'))
    .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${openApiPath(l.route!.path)}`))
    .sort();
}

describe('OpenAPI description', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('is OpenAPI 3.1 and served without a token', async () => {
    const res = await srv.api('GET', '/api/openapi.json', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('describes every route the server serves, and nothing else', async () => {
    const doc = (await srv.api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(described).toEqual(servedRoutes(createApp(srv.services)));
    expect(described.length).toBe(routeTable(srv.services).length);
  });

  it('describes request bodies and query parameters from the zod schemas', async () => {
    const doc = (await srv.api('GET', '/api/openapi.json')).body as any;
    const importBody = doc.paths['/api/import'].post.requestBody.content['application/json'].schema;
    const resolved = importBody.$ref ? doc.components.schemas[importBody.$ref.split('/').pop()] : importBody;
    expect(Object.keys(resolved.properties)).toEqual(['enterprises', 'links', 'statusReports', 'inventories']);
    const statsParams = doc.paths['/api/stats/resumption'].get.parameters.map((p: { name: string }) => p.name);
    expect(statsParams).toEqual(expect.arrayContaining(['date', 'since', 'province', 'industry', 'role', 'size', 'from', 'to', 'by']));
    expect(doc.paths['/api/chains/{leaderId}'].get.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'leaderId', in: 'path' })]));
  });

  it('describes body fields that take a province name as such (token scope, request counterpart)', async () => {
    const doc = (await srv.api('GET', '/api/openapi.json')).body as any;
    const bodyOf = (path: string) => {
      const schema = doc.paths[path].post.requestBody.content['application/json'].schema;
      return schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
    };
    expect(bodyOf('/api/tokens').properties.province.description).toMatch(/Chinese name/);
    expect(bodyOf('/api/requests').properties.counterpartProvince.description).toMatch(/Chinese name/);
    expect(bodyOf('/api/requests').required).toEqual(expect.arrayContaining(['enterprise', 'category', 'title', 'description']));
  });

  it('has a browsable page', async () => {
    const page = await fetch(`${srv.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    expect((await fetch(`${srv.url}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });
});
