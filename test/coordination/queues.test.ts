/**
 * Job identity on the real Redis: what the queues let through twice and what they do not.
 */
import { Worker } from 'bullmq';
import { connectRedis, CoordinationQueues } from '../../src/coordination';
import { closeConnection } from '../../src/coordination/redis-server';
import { loadConfig } from '../../src/shared/config';
import { removeQueueKeys, TEST_REDIS_URL, uniquePrefix } from '../integration/harness';

describe('the reconcile of one revision', () => {
  const prefix = uniquePrefix('lk-queues');
  const config = loadConfig({ LINKAGE_QUEUE_PREFIX: prefix });
  const connection = connectRedis(TEST_REDIS_URL);
  const queues = new CoordinationQueues(connection, config.queues, config.webhooks, 'store-a');

  afterAll(async () => {
    await queues.close();
    await closeConnection(connection);
    await removeQueueKeys(TEST_REDIS_URL, prefix);
  });

  it('is queued once even when a second request for it comes after the first finished', async () => {
    // Two workers' analysis jobs can both see revision 7 unreconciled: the second reads the task
    // store just before the first one's reconcile commits, and asks once that job is done.
    await queues.reconcile(7, []);
    const workerConnection = connectRedis(TEST_REDIS_URL);
    const done = new Promise<void>((resolve) => {
      const worker = new Worker('tasks', async () => ({ status: 'committed' }), { connection: workerConnection, prefix });
      worker.on('completed', () => void worker.close().then(() => resolve()));
    });
    await done;
    await closeConnection(workerConnection);
    expect(await queues.byName.tasks.getJobCounts('completed', 'waiting')).toEqual({ completed: 1, waiting: 0 });

    await queues.reconcile(7, []);
    expect(await queues.byName.tasks.getJobCounts('completed', 'waiting')).toEqual({ completed: 1, waiting: 0 });
    // Another revision is its own job.
    await queues.reconcile(8, []);
    expect(await queues.byName.tasks.getJobCounts('completed', 'waiting')).toEqual({ completed: 1, waiting: 1 });
  });

  it('is its own job for another task store on the same prefix: keys are scoped by the store identity', async () => {
    const other = new CoordinationQueues(connection, config.queues, config.webhooks, 'store-b');
    const before = await queues.byName.tasks.getJobCounts('waiting');
    await other.reconcile(7, []);
    expect(await queues.byName.tasks.getJobCounts('waiting')).toEqual({ waiting: before.waiting + 1 });
    const jobs = await queues.byName.tasks.getWaiting();
    expect(jobs.map((j) => j.data.store).sort()).toEqual(expect.arrayContaining(['store-b']));
    await other.close();
  });
});
