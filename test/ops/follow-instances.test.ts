/**
 * Followers with real processes: two API instances (`linkage serve --role api`) on one SQLite
 * data directory. Status and stock reports written through API #1 become visible on API #2
 * through the store's change log: API #2 reloads no snapshot for them (its
 * linkage_analysis_reloads_total stays where the import left it), and what it answers is what
 * a process started afterwards, which loads everything from a snapshot, answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeQueueKeys, TEST_REDIS_URL, uniquePrefix } from '../integration/harness';
import { ent } from '../support/enterprises';
import { callInstance, startInstance, stopAll, type Instance } from './fixtures/instances';
import { waitFor } from './support';

jest.setTimeout(90_000);

const TOKEN = 'test-follow-token-0123456789';

const DOC = {
  enterprises: [ent('L1', 'leader', '440000'), ent('L2', 'leader', '310000'), ...['A', 'B', 'C', 'D', 'E'].map((id) => ent(id))],
  links: [
    { supplier: 'A', customer: 'L1', part: 'seats' },
    { supplier: 'B', customer: 'L1', part: 'seats' },
    { supplier: 'C', customer: 'L1', part: 'glass' },
    { supplier: 'C', customer: 'L2', part: 'glass' },
    { supplier: 'D', customer: 'A', part: 'foam' },
    { supplier: 'E', customer: 'L2', part: 'frame' },
  ],
};

const STEPS: Array<[string, Record<string, unknown>]> = [
  ['C', { status: 'suspended', asOf: '2020-03-02', expectedResumeOn: '2020-03-20' }],
  ['A', { status: 'suspended', asOf: '2020-03-03' }],
  ['B', { status: 'partial', capacityPct: 30, asOf: '2020-03-03' }],
  ['L1', { part: 'glass', days: 4, asOf: '2020-03-04' }],
  ['B', { status: 'suspended', asOf: '2020-03-05' }],
  ['C', { status: 'resumed', asOf: '2020-03-01' }], // filed late: C stays suspended
  ['A', { status: 'resumed', asOf: '2020-03-06' }],
  ['L2', { part: 'frame', days: 2, asOf: '2020-03-06' }],
  ['E', { status: 'suspended', asOf: '2020-03-07' }],
  ['C', { status: 'resumed', asOf: '2020-03-08' }],
];

describe('two API processes on one SQLite store', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-follow-'));
  const prefix = uniquePrefix('lk-follow');
  const env: Record<string, string> = {
    LINKAGE_DATA_DIR: dir,
    REDIS_URL: TEST_REDIS_URL,
    LINKAGE_QUEUE_PREFIX: prefix,
    LINKAGE_ADMIN_TOKEN: TOKEN,
    LINKAGE_DEMO: 'off',
    PORT: '0',
    LINKAGE_REVISION_POLL_MS: '20',
    LINKAGE_MIN_REVISION_WAIT_MS: '5000',
  };
  const instances: Instance[] = [];

  const call = <T = any>(inst: Instance, method: string, p: string, body?: unknown) => callInstance<T>(inst, TOKEN, method, p, body);

  /** A counter's value by label value, from the Prometheus text of /metrics. */
  async function counter(inst: Instance, name: string): Promise<Record<string, number>> {
    const text = await call<string>(inst, 'GET', '/metrics');
    const out: Record<string, number> = {};
    for (const m of text.matchAll(new RegExp(`^${name}\\{\\w+="(\\w+)"\\} (\\S+)$`, 'gm'))) out[m[1]] = Number(m[2]);
    return out;
  }

  const answers = async (inst: Instance, revision: number) => ({
    chains: await call(inst, 'GET', `/api/chains?minRevision=${revision}`),
    bottlenecks: await call(inst, 'GET', `/api/bottlenecks?minRevision=${revision}`),
    search: await call(inst, 'GET', `/api/enterprises?minRevision=${revision}&limit=50`),
  });

  beforeAll(async () => {
    instances.push(await startInstance('api', env));
    instances.push(await startInstance('api', env));
  });

  afterAll(async () => {
    await stopAll(instances);
    await removeQueueKeys(TEST_REDIS_URL, prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('another process’s status and stock reports reach API #2 without a snapshot, and it answers what a fresh process does', async () => {
    const [api1, api2] = instances;
    const imported = await call(api1, 'POST', '/api/import', DOC);
    await call(api2, 'GET', `/api/chains?minRevision=${imported.revision}`);
    const reloadsAfterImport = await counter(api2, 'linkage_analysis_reloads_total');
    expect(reloadsAfterImport).toEqual({ start: 1, import: 1 });

    let revision = imported.revision;
    for (const [id, body] of STEPS) {
      const kind = 'part' in body ? 'inventory' : 'status';
      revision = (await call(api1, 'PUT', `/api/enterprises/${id}/${kind}`, body)).revision;
      // API #2 reaches the revision by itself (the 20 ms poll), then answers as API #1 does.
      await waitFor(async () => (await call(api2, 'GET', '/api/chains')).revision >= revision, `API #2 to reach revision ${revision}`);
      expect(await answers(api2, revision)).toEqual(await answers(api1, revision));
    }
    expect(await counter(api2, 'linkage_analysis_reloads_total')).toEqual(reloadsAfterImport);
    expect(await counter(api2, 'linkage_changes_applied_total')).toEqual({ status: 8, inventory: 2 });

    // A process that starts now loads the store from a snapshot: the same answers.
    instances.push(await startInstance('api', env));
    const fresh = instances[2];
    expect(await answers(api2, revision)).toEqual(await answers(fresh, revision));
    expect(await counter(fresh, 'linkage_analysis_reloads_total')).toEqual({ start: 1 });
  });
});
