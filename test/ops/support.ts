/** Small helpers of the operations tests: bounded waits and Redis job inspection. */
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { QueueName } from '../../src/coordination';
import { waitFor } from '../support/wait';

export { waitFor };

/** Read-only access to the jobs of a deployment's queues, straight from Redis. */
export class JobInspector {
  private readonly connection: Redis;
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    redisUrl: string,
    private readonly prefix: string,
  ) {
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  }

  queue(name: QueueName): Queue {
    let q = this.queues.get(name);
    if (!q) this.queues.set(name, (q = new Queue(name, { connection: this.connection, prefix: this.prefix })));
    return q;
  }

  /** Every job of the queue that is still recorded (completed ones are kept), optionally by name. */
  async jobs(name: QueueName, jobName?: string): Promise<Job[]> {
    const jobs = await this.queue(name).getJobs(['completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized', 'waiting-children']);
    return jobs.filter((j): j is Job => !!j && (jobName === undefined || j.name === jobName));
  }

  /** True when nothing of the queue waits or runs (delayed timers do not count). */
  async idle(name: QueueName): Promise<boolean> {
    const c = await this.queue(name).getJobCounts('active', 'waiting', 'prioritized');
    return c.active + c.waiting + c.prioritized === 0;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.connection.disconnect();
  }
}
