/**
 * Starts the real server on port 0 over a fresh SQLite file, for integration tests.
 * No demo seeding unless asked; the admin token is fixed per server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDocument, type ImportDocumentInput } from '../../src/graph';
import { createServices, listen, type ServiceOptions } from '../../src/runtime/context';
import type { Services } from '../../src/runtime/services';
import { loadConfig } from '../../src/shared/config';
import { ManualClock } from '../../src/shared/clock';

export interface TestServer {
  url: string;
  token: string;
  clock: ManualClock;
  services: Services;
  dir: string;
  api<T = any>(method: string, p: string, body?: unknown, opts?: { token?: string | null; raw?: string }): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestServer(opts: { doc?: ImportDocumentInput; env?: Record<string, string>; seed?: ServiceOptions['seed'] } = {}): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-it-'));
  const token = 'test-coordinator-token-0123456789';
  const config = loadConfig({ LINKAGE_DATA_DIR: dir, LINKAGE_DEMO: 'off', LINKAGE_ADMIN_TOKEN: token, LINKAGE_MIN_REVISION_WAIT_MS: '500', ...opts.env });
  const clock = new ManualClock('2020-03-24T08:00:00Z');
  const services = await createServices(config, { clock, seed: opts.seed });
  if (opts.doc) {
    await importDocument(services.store, opts.doc, { actor: 'test', now: clock.now() });
    await services.chains.refresh();
  }
  const server = await listen(services, 0, '127.0.0.1');
  return {
    url: server.url,
    token,
    clock,
    services,
    dir,
    async api(method, p, body, o = {}) {
      const headers: Record<string, string> = {};
      const t = o.token === undefined ? token : o.token;
      if (t) headers.authorization = `Bearer ${t}`;
      if (body !== undefined || o.raw !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${server.url}${p}`, { method, headers, body: o.raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
      const text = await res.text();
      let parsed: any = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await server.close();
      await services.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
