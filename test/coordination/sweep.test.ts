/**
 * The repeatable reconciliation (the `sweep` job scheduler): it repairs drift between the
 * analysis, the tasks and the queues on its own — tasks written behind the pipeline's back,
 * reports written by another process, overdue escalations whose timer was lost.
 */
import type { ChainSnapshot } from '../../src/graph/store';
import { CHAIN_DOC } from './fixtures/network';
import { startWorld, type World } from './fixtures/world';
import { newTask } from './task-store-conformance';
import { waitFor } from '../support/wait';

const snapshot: ChainSnapshot = {
  revision: 1,
  enterprises: CHAIN_DOC.enterprises.map((e) => ({ id: e.id, role: e.role as 'leader' | 'supplier', province: e.province, industry: e.industry, status: e.status })),
  links: CHAIN_DOC.links.map((l) => ({ ...l, critical: true })),
};

describe('the reconciliation sweep', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld(snapshot, { env: { LINKAGE_RECONCILE_EVERY_MS: '200' } });
  });
  afterEach(async () => {
    await world.close();
  });

  it('runs on its own schedule and clears a task nothing asks for', async () => {
    expect(await world.coordination.queues.byName.analysis.getJobScheduler(world.coordination.queues.sweepSchedulerId)).toMatchObject({ every: 200 });
    // Drift: an active task for a supplier that blocks nobody, written straight to the store.
    await world.taskStore.commit({ creates: [newTask('tk_drift', 'S3')], updates: [], events: [] });
    const drift = await waitFor(
      async () => {
        const t = await world.taskStore.get('tk_drift');
        return t?.state === 'cleared' ? t : null;
      },
      'the sweep to clear the drift',
      15_000,
    );
    expect(drift.history[drift.history.length - 1]).toMatchObject({ actor: 'system', from: 'open', to: 'cleared' });
  });

  it('follows a report written by another process, which the analysis here never heard of', async () => {
    await world.graph.appendStatusReport({ enterprise: 'S2', status: 'suspended', asOf: '2020-03-24', reporter: 'elsewhere' }, { actor: 'elsewhere', now: world.clock.now() });
    const [task] = await waitFor(
      async () => {
        const { active } = await world.taskStore.snapshot();
        return active.length > 0 ? active : null;
      },
      'the sweep to pick up the report',
      15_000,
    );
    expect(task).toMatchObject({ supplier: 'S2', affectedLeaders: ['L1', 'L3'] });
    await waitFor(async () => Boolean((await world.taskStore.get(task.id))?.deliveredAt), 'the delivery', 15_000);
  });

  it('escalates an overdue task even when its timer is gone', async () => {
    const revision = await world.setStatus('S2', 'suspended');
    await world.coordination.tasks.revision(revision);
    const [task] = (await world.taskStore.snapshot()).active;
    const timer = await waitFor(() => world.coordination.queues.byName.escalation.getJob(world.coordination.queues.ids.escalate(task.id)), 'the timer', 15_000);
    await timer.remove();
    world.clock.advance(25 * 3_600_000);
    const escalated = await waitFor(
      async () => {
        const t = await world.taskStore.get(task.id);
        return t?.escalated ? t : null;
      },
      'the sweep to escalate',
      15_000,
    );
    expect(escalated.escalatedAt).toBe('2020-03-25T09:00:00.000Z');
  });
});
