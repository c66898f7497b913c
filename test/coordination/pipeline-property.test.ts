/**
 * The invariant of §3, end to end through the queues on the real Redis: after any sequence of
 * status changes and liaison actions, once the tasks reach the latest revision, the active
 * tasks are exactly the contract's set — one per root cause blocking a leader in another
 * province, with the right leaders and provinces — computed independently by the naive oracle.
 * Seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { ACTIVE_STATES, type TaskAction, type TaskWithHistory, type Viewer } from '../../src/coordination';
import type { Status } from '../../src/graph/schema';
import type { ChainSnapshot } from '../../src/graph/store';
import { LinkageError } from '../../src/shared/errors';
import { expectedTasks, networkArb, stepsArb } from './fixtures/random';
import { startWorld } from './fixtures/world';

const COORDINATOR: Viewer = { role: 'coordinator', actor: 'national' };
const NEXT: Record<string, TaskAction> = { open: 'ack', acknowledged: 'start', in_progress: 'resolve' };

function withStatus(snapshot: ChainSnapshot, id: string, status: Status): ChainSnapshot {
  return { ...snapshot, enterprises: snapshot.enterprises.map((e) => (e.id === id ? { ...e, status } : e)) };
}

describe('the active tasks follow the analysis through the queues', () => {
  it('equal the contract set at the latest revision after 100 random runs of status changes and liaison actions', async () => {
    await fc.assert(
      fc.asyncProperty(
        networkArb(2, 10).chain((s) => fc.tuple(fc.constant(s), stepsArb(s.enterprises.length, 6))),
        async ([snapshot, steps]) => {
          const world = await startWorld(snapshot);
          try {
            let current = snapshot;
            let revision = 0;
            for (const step of steps) {
              const id = `E${step.node}`;
              revision = await world.setStatus(id, step.status);
              current = withStatus(current, id, step.status);
              if (!step.action) continue;
              // A liaison acts on whatever is active right now, racing the reconcile.
              const { active } = await world.taskStore.snapshot();
              if (active.length === 0) continue;
              const target = active[step.action.pick % active.length];
              const action = step.action.kind === 'walk' ? NEXT[target.state] : step.action.kind;
              try {
                await world.coordination.tasks.transition(target.id, action, COORDINATOR, 'property');
              } catch (err) {
                // Illegal for the task's state (or cleared meanwhile): 409, never anything else.
                expect(err).toBeInstanceOf(LinkageError);
                expect((err as LinkageError).code).toBe('conflict');
              }
            }
            const reached = await world.coordination.tasks.revision(revision);
            expect(reached).toBeGreaterThanOrEqual(revision);
            const { active } = await world.taskStore.snapshot();
            expect(
              active.map((t) => ({
                supplier: t.supplier,
                assigneeProvince: t.assigneeProvince,
                affectedLeaders: t.affectedLeaders,
                requestingProvinces: t.requestingProvinces,
                blockedEnterprises: t.blockedEnterprises,
              })),
            ).toEqual(expectedTasks(current));
            expect(new Set(active.map((t) => t.supplier)).size).toBe(active.length);
            for (const t of active) {
              expect(ACTIVE_STATES).toContain(t.state);
              if (!t.previousTask) continue;
              // A follow-up: escalated at once, after a resolved task for the same supplier.
              expect(t.escalated).toBe(true);
              const previous = (await world.taskStore.get(t.previousTask)) as TaskWithHistory;
              expect(previous).toMatchObject({ supplier: t.supplier, state: 'resolved' });
            }
          } finally {
            await world.close();
          }
        },
      ),
      { numRuns: 100, seed: 20200224 },
    );
  }, 180_000);
});
