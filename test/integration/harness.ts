/**
 * Starts the real server on port 0 over a fresh SQLite file, for integration tests.
 * No demo seeding unless asked; the admin token is fixed per server.
 *
 * With `coordination`, the server also runs the task queues and workers (role all) on the
 * real Redis (REDIS_URL, default 127.0.0.1:6379) under a queue prefix of its own, and
 * deletes that prefix's keys when it closes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createToken } from '../../src/access';
import { removeQueueKeys, type Coordination } from '../../src/coordination';
import { importDocument, type ImportDocumentInput } from '../../src/graph';
import { attachCoordination, createServices, type CoordinationOptions, type ServiceOptions } from '../../src/runtime/context';
import { listen } from '../../src/http/server';
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
  /** Running when started with `coordination`. */
  coordination?: Coordination;
  /** A new liaison token for the province. */
  liaisonToken(province: string): Promise<string>;
  close(): Promise<void>;
}

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A queue prefix no other test (or test run) uses. */
export function uniquePrefix(label = 'lk-test'): string {
  return `${label}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
}

/** Test code removes its queues' keys with the same helper as the bench. */
export { removeQueueKeys };

export interface TestCoordinationOptions extends CoordinationOptions {
  /** Default: uniquePrefix(). */
  prefix?: string;
}

/**
 * The clock of a server that seeds the demonstration scenario: its suppliers' expected
 * resumptions (§7) reach into May 2020, and client dates may be at most one day after today
 * (§1), so the seeding server's today is past them. The data date stays 2020-03-24.
 */
export const DEMO_NOW = '2020-05-04T08:00:00Z';

export async function startTestServer(
  opts: {
    doc?: ImportDocumentInput;
    env?: Record<string, string>;
    seed?: ServiceOptions['seed'];
    coordination?: TestCoordinationOptions | true;
    /** The injected clock's start (default 2020-03-24T08:00:00Z). */
    now?: string;
  } = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-it-'));
  const token = 'test-coordinator-token-0123456789';
  const coordinationOpts = opts.coordination === true ? {} : opts.coordination;
  const prefix = coordinationOpts?.prefix ?? uniquePrefix();
  const redisUrl = coordinationOpts?.redisUrl ?? TEST_REDIS_URL;
  const config = loadConfig({
    LINKAGE_DATA_DIR: dir,
    LINKAGE_DEMO: 'off',
    LINKAGE_ADMIN_TOKEN: token,
    LINKAGE_MIN_REVISION_WAIT_MS: '500',
    LINKAGE_QUEUE_PREFIX: prefix,
    // Retries in tests should not wait seconds.
    LINKAGE_JOB_BACKOFF_MS: '50',
    LINKAGE_WEBHOOK_BACKOFF_MS: '50',
    // Runway alerts (§7) add webhooks and events to every network with a down root: off unless a
    // test is about them (test/coordination/runway-alerts.test.ts).
    LINKAGE_RUNWAY_ALERT_DAYS: 'off',
    ...opts.env,
  });
  const clock = new ManualClock(opts.now ?? '2020-03-24T08:00:00Z');
  const services = await createServices(config, { clock, seed: opts.seed });
  if (opts.doc) {
    await importDocument(services.store, opts.doc, { actor: 'test', now: clock.now() });
    await services.chains.refresh();
  }
  const coordination = coordinationOpts ? ((await attachCoordination(services, 'all', { ...coordinationOpts, redisUrl })) ?? undefined) : undefined;
  if (coordinationOpts && !coordination) throw new Error(`test coordination did not start: ${services.coordinationProblem}`);
  const server = await listen(services, 0, '127.0.0.1');
  return {
    url: server.url,
    token,
    clock,
    services,
    dir,
    coordination,
    async liaisonToken(province) {
      return (await createToken(services.tokenStore, { role: 'liaison', province }, clock)).token;
    },
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
      await coordination?.feed?.close();
      await server.close();
      if (coordination) {
        await coordination.close();
        await removeQueueKeys(redisUrl, config.queues.prefix);
      }
      services.chains.stopWatching();
      await services.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
