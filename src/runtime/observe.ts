/**
 * Feeds the coordination's state into the process's metrics: queue depths per state and
 * active tasks per assignee province are sampled at each scrape; job outcomes are counted as
 * this process's workers finish them.
 */
import { ACTIVE_STATES, type Coordination } from '../coordination';
import type { Metrics } from '../shared/metrics';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
const SYSTEM_VIEWER = { role: 'coordinator' as const, actor: 'metrics' };

export function observeCoordination(metrics: Metrics, c: Coordination): void {
  for (const worker of c.workers?.workers ?? []) {
    worker.on('completed', () => metrics.jobOutcomes.inc({ queue: worker.name, outcome: 'completed' }));
    worker.on('failed', () => metrics.jobOutcomes.inc({ queue: worker.name, outcome: 'failed' }));
  }
  metrics.onCollect(async () => {
    for (const [name, queue] of Object.entries(c.queues.byName)) {
      const counts = await queue.getJobCounts(...JOB_STATES);
      for (const state of JOB_STATES) metrics.queueDepth.set({ queue: name, state }, counts[state] ?? 0);
    }
  });
  metrics.onCollect(async () => {
    const byProvince = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await c.tasks.list(SYSTEM_VIEWER, { states: [...ACTIVE_STATES], limit: 1000, cursor });
      for (const t of page.items) byProvince.set(t.assigneeProvince, (byProvince.get(t.assigneeProvince) ?? 0) + 1);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    metrics.openTasks.reset();
    for (const [province, n] of byProvince) metrics.openTasks.set({ province }, n);
  });
}
