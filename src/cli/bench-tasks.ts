/**
 * Coordination benchmark (`linkage bench --only tasks`): 10,000 tasks created and delivered
 * through the real pipeline — one status write suspends 10,000 suppliers, each the sole
 * supplier of a leader in another province; the analysis job derives 10,000 tasks, the
 * reconcile job commits them, the relay queues 10,000 deliveries, and the delivery workers
 * record each in its province inbox and arm its escalation timer. Measured against raw
 * BullMQ on the same Redis in the same run: addBulk of 10,000 jobs, and addBulk plus a
 * worker that does nothing with them.
 *
 * Redis: REDIS_URL, else a private redis-server (as `npm start` would). Queue keys live
 * under a prefix of the bench's own and are deleted afterwards. Never part of the test suite.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Queue, Worker } from 'bullmq';
import { connectRedis, removeQueueKeys, resolveRedis, startCoordination, type Coordination } from '../coordination';
import { importDocument, type ImportDocument } from '../graph';
import { ChainState } from '../runtime/chain-state';
import { createStores } from '../runtime/stores';
import { systemClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { createLogger } from '../shared/log';

export interface TaskBenchFigures {
  tasks: number;
  /** From the status write (analysis at the new revision) until every task is committed. */
  createdMs: number;
  /** …until every task is delivered (deliveredAt recorded, escalation armed). */
  deliveredMs: number;
  tasksPerSecond: number;
  rawAddBulkMs: number;
  rawAddAndProcessMs: number;
  /** deliveredMs / rawAddBulkMs. */
  ratioToAddBulk: number;
  /** deliveredMs / rawAddAndProcessMs. */
  ratioToAddAndProcess: number;
  concurrency: number;
}

function fanDocument(n: number): ImportDocument {
  const enterprises: ImportDocument['enterprises'] = [];
  const links: ImportDocument['links'] = [];
  for (let i = 0; i < n; i++) {
    enterprises.push({ id: `BL${i}`, name: `Leader ${i}`, role: 'leader', industry: 'automotive', province: '440000', status: 'resumed' });
    enterprises.push({ id: `BS${i}`, name: `Supplier ${i}`, role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' });
    links.push({ supplier: `BS${i}`, customer: `BL${i}`, part: 'seats', critical: true });
  }
  return { enterprises, links, statusReports: [] };
}

function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const tick = async () => {
      try {
        if (await check()) return resolve();
        if (Date.now() > deadline) return reject(new Error(`bench: timed out waiting for ${what}`));
        setTimeout(tick, 5);
      } catch (err) {
        reject(err);
      }
    };
    void tick();
  });
}

async function rawBullmq(url: string, prefix: string, n: number, concurrency: number): Promise<{ addBulkMs: number; addAndProcessMs: number }> {
  const connection = connectRedis(url);
  const queue = new Queue('raw', { connection, prefix });
  const jobs = Array.from({ length: n }, (_, i) => ({ name: 'raw', data: { i }, opts: { jobId: `raw-${i}` } }));
  let t = performance.now();
  await queue.addBulk(jobs);
  const addBulkMs = performance.now() - t;
  await queue.obliterate({ force: true });

  let done = 0;
  const workerConnection = connectRedis(url);
  const worker = new Worker('raw', async () => undefined, { connection: workerConnection, prefix, concurrency, autorun: false });
  worker.on('completed', () => done++);
  t = performance.now();
  void worker.run();
  await queue.addBulk(jobs.map((j) => ({ ...j, opts: { jobId: `raw2-${j.data.i}` } })));
  await until(() => done >= n, 600_000, 'the raw worker');
  const addAndProcessMs = performance.now() - t;
  await worker.close();
  await queue.close();
  await Promise.all([connection.quit(), workerConnection.quit()]);
  return { addBulkMs, addAndProcessMs };
}

export async function benchTasks(opts: { tasks?: number; log?: (line: string) => void } = {}): Promise<TaskBenchFigures> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const n = opts.tasks ?? 10_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-bench-tasks-'));
  const prefix = `lk-bench-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const config = loadConfig({ ...process.env, LINKAGE_DATA_DIR: dir, LINKAGE_QUEUE_PREFIX: prefix, LINKAGE_DEMO: 'off', LINKAGE_WEBHOOKS: '' });
  const { url, server } = await resolveRedis(config);
  const graph = createStores(config).graph();
  let coordination: Coordination | null = null;
  try {
    log(`tasks: ${n.toLocaleString('en')} tasks on ${server ? 'a private redis-server' : url}, worker concurrency ${config.queues.concurrency}`);
    const raw = await rawBullmq(url, prefix, n, config.queues.concurrency);
    log(`  raw BullMQ addBulk of ${n.toLocaleString('en')} jobs        ${raw.addBulkMs.toFixed(0).padStart(7)} ms`);
    log(`  raw BullMQ addBulk + no-op worker            ${raw.addAndProcessMs.toFixed(0).padStart(7)} ms`);

    await graph.init();
    await importDocument(graph, fanDocument(n), { actor: 'bench', now: systemClock.now() });
    const chains = new ChainState(graph, config.minRevisionWaitMs);
    await chains.refresh();
    coordination = await startCoordination({
      role: 'all',
      config,
      clock: systemClock,
      log: createLogger({ level: 'warn' }),
      graphRevision: () => graph.revision(),
      chains,
      redisUrl: url,
    });
    let delivered = 0;
    const tasksWorker = coordination.workers!.workers.find((w) => w.name === 'tasks')!;
    tasksWorker.on('completed', (job) => {
      if (job.name === 'deliver') delivered++;
    });

    const reports = Array.from({ length: n }, (_, i) => ({ enterprise: `BS${i}`, status: 'suspended' as const, asOf: '2020-03-24' }));
    const { revision } = await importDocument(graph, { enterprises: [], links: [], statusReports: reports }, { actor: 'bench', now: systemClock.now() });
    const t0 = performance.now();
    await chains.refresh(); // the API's part: the analysis reaches the revision, which queues the analysis job
    await coordination.tasks.revision(revision).catch(() => until(async () => (await coordination!.tasks.store.revision()) >= revision, 600_000, 'the reconcile'));
    const createdMs = performance.now() - t0;
    await until(() => delivered >= n, 600_000, 'the deliveries');
    const deliveredMs = performance.now() - t0;

    const { active } = await coordination.tasks.store.snapshot();
    const undelivered = active.filter((t) => !t.deliveredAt).length;
    if (active.length !== n || undelivered > 0) throw new Error(`bench: expected ${n} delivered tasks, found ${active.length} active, ${undelivered} undelivered`);
    const figures: TaskBenchFigures = {
      tasks: n,
      createdMs,
      deliveredMs,
      tasksPerSecond: n / (deliveredMs / 1000),
      rawAddBulkMs: raw.addBulkMs,
      rawAddAndProcessMs: raw.addAndProcessMs,
      ratioToAddBulk: deliveredMs / raw.addBulkMs,
      ratioToAddAndProcess: deliveredMs / raw.addAndProcessMs,
      concurrency: config.queues.concurrency,
    };
    log(`  tasks created (analysis → reconcile commit)  ${createdMs.toFixed(0).padStart(7)} ms`);
    log(`  tasks created and delivered                  ${deliveredMs.toFixed(0).padStart(7)} ms  (${figures.tasksPerSecond.toFixed(0)} tasks/s)`);
    log(`  ratio to raw addBulk ${figures.ratioToAddBulk.toFixed(1)}×, to raw addBulk + no-op worker ${figures.ratioToAddAndProcess.toFixed(1)}×`);
    return figures;
  } finally {
    await coordination?.close();
    await graph.close();
    await removeQueueKeys(url, prefix).catch(() => undefined);
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
