/**
 * An unexpected failure is answered 500 "internal error" without its cause; the request id
 * is what ties that answer to the log line holding the cause, so both carry it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp, routeTable } from '../../src/http/app';
import { healthSchema } from '../../src/http/responses';
import type { RouteDef } from '../../src/http/routes';
import { createServices } from '../../src/runtime/context';
import type { Services } from '../../src/runtime/services';
import { loadConfig } from '../../src/shared/config';
import { createLogger } from '../../src/shared/log';

interface LogLine {
  msg: string;
  reqId?: string;
  err?: { message: string; stack: string };
}

describe('the request id of an unexpected failure', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-errid-'));
  const lines: LogLine[] = [];
  let services: Services;
  let server: http.Server;
  let url = '';

  beforeAll(async () => {
    const log = createLogger({ level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) } });
    services = await createServices(loadConfig({ LINKAGE_DATA_DIR: dir, LINKAGE_DEMO: 'off', LINKAGE_ADMIN_TOKEN: 'error-request-id-token-0123456789' }), { log });
    const broken: RouteDef = {
      method: 'get',
      path: '/api/broken',
      summary: 'Fails as a bug would',
      policy: 'public',
      response: healthSchema,
      handler: async () => {
        throw new TypeError('cannot read properties of undefined (reading "leader")');
      },
    };
    server = http.createServer(createApp(services, [...routeTable(services), broken]));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    services.chains.stopWatching();
    await services.store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const unhandled = (reqId: string) => lines.filter((l) => l.msg === 'unhandled error' && l.reqId === reqId);

  it("is in the 500 body and in the error log line with the cause: the caller's id when it sent one", async () => {
    const res = await fetch(`${url}/api/broken`, { headers: { 'x-request-id': 'trace-7f3a' } });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-request-id')).toBe('trace-7f3a');
    expect(await res.json()).toEqual({ error: { code: 'internal', message: 'internal error', requestId: 'trace-7f3a' } });
    const logged = unhandled('trace-7f3a');
    expect(logged).toHaveLength(1);
    expect(logged[0].err?.message).toMatch(/reading "leader"/);
  });

  it('is the generated id otherwise, the same as the X-Request-Id header', async () => {
    const res = await fetch(`${url}/api/broken`);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(((await res.json()) as { error: { requestId: string } }).error.requestId).toBe(id);
    expect(unhandled(id)).toHaveLength(1);
  });

  it('leaves the other errors in the contract shape, unlogged as failures', async () => {
    const res = await fetch(`${url}/api/nowhere`, { headers: { 'x-request-id': 'trace-404' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /api/nowhere' } });
    expect(unhandled('trace-404')).toHaveLength(0);
  });
});
