/**
 * A new store on a Redis that served another (a re-install, a restore, staging on the same
 * prefix) gets its tasks at once: revision numbers restart with a store, so job ids and
 * deduplication keys are scoped by the store's identity, created with it. Before, the new
 * store's reconcile of revision 1 was deduplicated against the old store's (a 5-minute key)
 * and its tasks waited for the drift sweep (LINKAGE_RECONCILE_EVERY_MS, 60 s here).
 */
import { startTestServer, uniquePrefix, type TestServer } from '../integration/harness';
import { waitFor } from '../support/wait';
import { ent } from '../support/enterprises';

jest.setTimeout(60_000);

const DOC = { enterprises: [ent('L1', 'leader', '440000'), ent('S1', 'supplier', '420000', 'suspended')], links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }] };

/** An empty store on `prefix` whose start-up jobs (analysis, first sweep) have run. */
async function settledServer(prefix: string, completedBefore: number): Promise<TestServer> {
  const srv = await startTestServer({ coordination: { prefix } });
  const q = srv.coordination!.queues.byName;
  await waitFor(async () => {
    const a = await q.analysis.getJobCounts('completed', 'waiting', 'active');
    const t = await q.tasks.getJobCounts('waiting', 'active');
    return a.completed > completedBefore && a.waiting + a.active + t.waiting + t.active === 0;
  }, 'the start-up jobs');
  return srv;
}

/** Imports the document after start-up (as a user would) and times its first task. */
async function importAndTime(srv: TestServer): Promise<number> {
  expect((await srv.api('POST', '/api/import', DOC)).body.revision).toBe(1);
  const started = Date.now();
  await waitFor(async () => (await srv.api('GET', '/api/tasks?state=active')).body.tasks?.length === 1, 'the task', 15_000);
  return Date.now() - started;
}

describe('two task stores, one Redis prefix', () => {
  const prefix = uniquePrefix('lk-identity');
  const servers: TestServer[] = [];
  afterAll(async () => {
    for (const s of servers.reverse()) await s.close();
  });

  it('the second store opens its tasks within seconds of its import, not at the next sweep', async () => {
    const first = await settledServer(prefix, 0);
    servers.push(first);
    await importAndTime(first);
    const firstIdentity = await first.coordination!.tasks.store.identity();
    const { completed } = await first.coordination!.queues.byName.analysis.getJobCounts('completed');
    // The first deployment goes away; its jobs and deduplication keys stay in Redis.
    await first.coordination!.close();

    const second = await settledServer(prefix, completed);
    servers.push(second);
    expect(await second.coordination!.tasks.store.identity()).not.toBe(firstIdentity);
    expect(await importAndTime(second)).toBeLessThan(10_000);
  });

  it('a store keeps its identity across restarts (it is created once, with the store)', async () => {
    const s = servers[1];
    const id = await s.coordination!.tasks.store.identity();
    await s.coordination!.tasks.store.init();
    expect(await s.coordination!.tasks.store.identity()).toBe(id);
  });
});
