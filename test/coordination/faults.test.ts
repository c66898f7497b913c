/**
 * Faults with real processes: a worker process killed with SIGKILL in the middle of its work
 * and started again, a worker stopped with SIGTERM while jobs are in flight, and a Redis
 * server that crashes and comes back, and a worker stopped while Redis is down. Afterwards the tasks are the contract's set, none lost,
 * none duplicated, with no help from the test.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChainSnapshot } from '../../src/graph/store';
import { importDocument } from '../../src/graph';
import { CHAIN_DOC, GUANGDONG, HUBEI } from './fixtures/network';
import { spawnWorker, startTestRedis } from './fixtures/processes';
import { startWorld, type World } from './fixtures/world';
import { waitFor } from '../support/wait';

jest.setTimeout(90_000);

const SECRET = 'test-webhook-secret-0123456789';

/** N suppliers in Hubei, each the sole supplier of one leader in Guangdong. */
function fan(n: number): ChainSnapshot {
  const enterprises: ChainSnapshot['enterprises'] = [];
  const links: ChainSnapshot['links'] = [];
  for (let i = 0; i < n; i++) {
    enterprises.push({ id: `L${i}`, role: 'leader', province: GUANGDONG, industry: 'automotive', status: 'resumed' });
    enterprises.push({ id: `S${i}`, role: 'supplier', province: HUBEI, industry: 'automotive', status: 'resumed' });
    links.push({ supplier: `S${i}`, customer: `L${i}`, part: 'seats', critical: true });
  }
  return { revision: 1, enterprises, links };
}

function snapshotOf(doc: typeof CHAIN_DOC): ChainSnapshot {
  return {
    revision: 1,
    enterprises: doc.enterprises.map((e) => ({ id: e.id, role: e.role, province: e.province, industry: e.industry, status: e.status })),
    links: doc.links.map((l) => ({ ...l, critical: true })),
  };
}

/** Reports many statuses in one write (one revision), the way an import does. */
async function report(world: World, statuses: [string, 'suspended' | 'resumed'][]): Promise<number> {
  const out = await importDocument(
    world.graph,
    { enterprises: [], links: [], statusReports: statuses.map(([enterprise, status]) => ({ enterprise, status, asOf: '2020-03-24', note: `t${Date.now()}` })) },
    { actor: 'test', now: world.clock.now() },
  );
  await world.chains.refresh();
  return out.revision;
}

/** A webhook receiver that takes `delayMs` to answer; records each delivery it finished. */
async function slowReceiver(delayMs: number) {
  const started: string[] = [];
  const finished: { delivery: string; type: string }[] = [];
  const server = http.createServer((req, res) => {
    const delivery = String(req.headers['x-linkage-delivery']);
    started.push(delivery);
    req.resume();
    setTimeout(() => {
      finished.push({ delivery, type: String(req.headers['x-linkage-event']) });
      res.end();
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    started,
    finished,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('a worker process killed in the middle of its work', () => {
  it('loses no task and duplicates none once a new worker takes over', async () => {
    const N = 120;
    const hook = await slowReceiver(15);
    const world = await startWorld(fan(N), {
      role: 'api',
      env: {
        LINKAGE_JOB_LOCK_MS: '1000',
        LINKAGE_WORKER_CONCURRENCY: '4',
        LINKAGE_WEBHOOKS: JSON.stringify({ [HUBEI]: hook.url }),
        LINKAGE_WEBHOOK_SECRET: SECRET,
      },
    });
    const first = await spawnWorker(world.env);
    let second: Awaited<ReturnType<typeof spawnWorker>> | null = null;
    try {
      await report(
        world,
        Array.from({ length: N }, (_, i): [string, 'suspended'] => [`S${i}`, 'suspended']),
      );
      // Mid-way through the webhooks (and whatever else it holds): SIGKILL, no goodbye.
      await waitFor(() => hook.started.length >= 15, 'the first webhooks', 45_000);
      first.child.kill('SIGKILL');
      expect(await first.exited).toBe('SIGKILL');
      const deliveredWhenKilled = new Set(hook.finished.map((f) => f.delivery)).size;
      expect(deliveredWhenKilled).toBeLessThan(N);
      // The world moves on while no worker runs: 20 suppliers resume.
      const revision = await report(
        world,
        Array.from({ length: 20 }, (_, i): [string, 'resumed'] => [`S${i}`, 'resumed']),
      );
      second = await spawnWorker(world.env);

      await world.coordination.tasks.revision(revision);
      const { active } = await world.taskStore.snapshot();
      expect(active.map((t) => t.supplier).sort()).toEqual(Array.from({ length: N - 20 }, (_, i) => `S${i + 20}`).sort());
      const all = (await world.taskStore.list({ limit: 1000 })).items;
      // One task per supplier ever: the 20 resumed ones cleared, none opened twice.
      expect(all).toHaveLength(N);
      expect(new Set(all.map((t) => t.supplier)).size).toBe(N);
      expect(
        all
          .filter((t) => t.state === 'cleared')
          .map((t) => t.supplier)
          .sort(),
      ).toEqual(Array.from({ length: 20 }, (_, i) => `S${i}`).sort());
      // Every task reached its inbox and every event its webhook (at least once).
      await waitFor(async () => (await world.taskStore.snapshot()).active.every((t) => t.deliveredAt), 'every delivery', 45_000);
      const expected = N + 20; // opened for each, cleared for 20
      await waitFor(() => new Set(hook.finished.map((f) => f.delivery)).size >= expected, 'every webhook', 45_000);
      const kinds = new Map<string, string>(hook.finished.map((f) => [f.delivery, f.type]));
      expect([...kinds.values()].filter((t) => t === 'task.opened')).toHaveLength(N);
      expect([...kinds.values()].filter((t) => t === 'task.cleared')).toHaveLength(20);
      expect(await world.coordination.queues.failedJobs(100)).toEqual([]);
    } finally {
      first.child.kill('SIGKILL');
      second?.child.kill('SIGKILL');
      await world.close();
      await hook.close();
    }
  });
});

describe('a worker process stopped with SIGTERM', () => {
  it('finishes the jobs in flight before it exits, and leaves the rest waiting for the next worker', async () => {
    const N = 12;
    const hook = await slowReceiver(600);
    const world = await startWorld(fan(N), {
      role: 'api',
      env: { LINKAGE_WORKER_CONCURRENCY: '2', LINKAGE_WEBHOOKS: JSON.stringify({ [HUBEI]: hook.url }), LINKAGE_WEBHOOK_SECRET: SECRET },
    });
    const worker = await spawnWorker(world.env);
    let next: Awaited<ReturnType<typeof spawnWorker>> | null = null;
    try {
      const revision = await report(
        world,
        Array.from({ length: N }, (_, i): [string, 'suspended'] => [`S${i}`, 'suspended']),
      );
      await world.coordination.tasks.revision(revision);
      await waitFor(() => hook.started.length >= 1, 'a webhook in flight', 45_000);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      // Every call that had started was answered before the worker let go of it.
      expect(hook.finished.length).toBe(hook.started.length);
      const notifications = world.coordination.queues.byName.notifications;
      const counts = await notifications.getJobCounts('active', 'completed', 'waiting', 'delayed', 'prioritized', 'failed');
      expect(counts.active).toBe(0);
      expect(counts.failed).toBe(0);
      expect(counts.completed).toBe(new Set(hook.finished.map((f) => f.delivery)).size);
      expect(counts.completed + counts.waiting + counts.delayed + counts.prioritized).toBe(N);
      next = await spawnWorker(world.env);
      await waitFor(() => new Set(hook.finished.map((f) => f.delivery)).size >= N, 'the remaining webhooks', 45_000);
    } finally {
      worker.child.kill('SIGKILL');
      next?.child.kill('SIGKILL');
      await world.close();
      await hook.close();
    }
  });
});

describe('a Redis server that crashes and comes back', () => {
  it('sees the service recover without help and converge on the latest revision', async () => {
    const redis = await startTestRedis();
    // A job that was active when Redis died is recovered as stalled once its lock runs out:
    // a short lock keeps that within the test's time, as LINKAGE_JOB_LOCK_MS does in production.
    const world = await startWorld(snapshotOf(CHAIN_DOC), {
      redisUrl: redis.url,
      env: { LINKAGE_RECONCILE_EVERY_MS: '500', LINKAGE_JOB_LOCK_MS: '1000' },
    });
    try {
      await world.coordination.tasks.revision(await world.setStatus('S2', 'suspended'));
      expect((await world.taskStore.snapshot()).active.map((t) => t.supplier)).toEqual(['S2']);

      await redis.crash();
      // Reports keep landing (the graph store does not need Redis); the tasks cannot follow yet.
      await world.setStatus('S4', 'suspended');
      const revision = await world.setStatus('S2', 'resumed');
      await new Promise((r) => setTimeout(r, 300));
      await redis.start();

      await world.coordination.tasks.revision(revision);
      const { active } = await world.taskStore.snapshot();
      expect(active.map((t) => t.supplier)).toEqual(['S4']);
      expect((await world.taskStore.list({ limit: 10, supplier: 'S2' })).items.map((t) => t.state)).toEqual(['cleared']);
      await waitFor(async () => (await world.taskStore.snapshot()).active.every((t) => t.deliveredAt), 'the delivery after the outage', 45_000);
      expect(await world.coordination.ping()).toBe('PONG');
    } finally {
      await world.close();
      await redis.stop();
    }
  });
});

describe('a worker process stopped while Redis is down', () => {
  it('exits once the drain time runs out instead of waiting for Redis forever', async () => {
    const redis = await startTestRedis();
    const hook = await slowReceiver(3_000);
    const world = await startWorld(snapshotOf(CHAIN_DOC), {
      role: 'api',
      redisUrl: redis.url,
      env: { LINKAGE_DRAIN_MS: '1500', LINKAGE_WEBHOOKS: JSON.stringify({ [HUBEI]: hook.url }), LINKAGE_WEBHOOK_SECRET: SECRET },
    });
    const worker = await spawnWorker(world.env);
    try {
      await world.coordination.tasks.revision(await world.setStatus('S2', 'suspended'));
      // A webhook call in flight; Redis dies under it, so its job can never record its outcome.
      await waitFor(() => hook.started.length >= 1, 'the webhook call', 45_000);
      await redis.crash();
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(worker.output()).toContain('dropping the connections');
      // The call itself was let finish (it took longer than the drain time).
      expect(hook.finished).toHaveLength(1);
    } finally {
      worker.child.kill('SIGKILL');
      await redis.start();
      await world.close();
      await redis.stop();
      await hook.close();
    }
  });
});
