/**
 * The planner: pure decisions of §3 — which tasks open, change, clear, escalate, and which
 * moves are legal — checked without any store.
 */
import {
  nextState,
  planDelivery,
  planEscalation,
  planReconcile,
  planResolve,
  planTransition,
  TASK_STATES,
  ACTIONS,
  type DesiredTask,
  type Task,
  type TaskState,
} from '../../src/coordination';
import { LinkageError } from '../../src/shared/errors';

const NOW = new Date('2020-03-24T10:00:00Z');
const HOUR = 3_600_000;
let n = 0;
const ctx = () => ({ now: NOW, newId: () => `t${++n}` });

const desired = (supplier: string, over: Partial<DesiredTask> = {}): DesiredTask => ({
  supplier,
  assigneeProvince: '420000',
  affectedLeaders: ['L1'],
  requestingProvinces: ['440000'],
  blockedEnterprises: 2,
  priority: 1_010_002,
  ...over,
});

const task = (id: string, supplier: string, state: TaskState, over: Partial<Task> = {}): Task => ({
  ...desired(supplier),
  id,
  state,
  escalated: false,
  createdAt: '2020-03-24T08:00:00.000Z',
  updatedAt: '2020-03-24T08:00:00.000Z',
  revision: 1,
  version: 3,
  ...over,
});

describe('planReconcile', () => {
  it('opens missing tasks, refreshes changed ones, leaves equal ones alone and clears the rest', () => {
    const active = [task('a', 'S1', 'open'), task('b', 'S2', 'acknowledged'), task('c', 'S3', 'in_progress')];
    const batch = planReconcile({ active, seq: 7 }, [desired('S1'), desired('S2', { affectedLeaders: ['L1', 'L2'] }), desired('S4')], 9, ctx());
    expect(batch).toMatchObject({ revision: 9, expectSeq: 7 });
    expect(batch.creates).toEqual([expect.objectContaining({ supplier: 'S4', state: 'open', escalated: false, createdAt: NOW.toISOString(), revision: 9, version: 1 })]);
    expect(batch.creates[0].history).toEqual([expect.objectContaining({ actor: 'system', from: null, to: 'open' })]);
    expect(batch.updates).toEqual([
      { id: 'b', expectVersion: 3, set: expect.objectContaining({ affectedLeaders: ['L1', 'L2'], revision: 9 }) },
      {
        id: 'c',
        expectVersion: 3,
        set: { state: 'cleared', revision: 9, updatedAt: NOW.toISOString() },
        history: expect.objectContaining({ actor: 'system', from: 'in_progress', to: 'cleared' }),
      },
    ]);
    expect(batch.events.map((e) => [e.type, 'task' in e ? e.task.supplier : null])).toEqual([
      ['task.updated', 'S2'],
      ['task.opened', 'S4'],
      ['task.cleared', 'S3'],
    ]);
  });

  it('writes only the revision when the tasks already match', () => {
    const batch = planReconcile({ active: [task('a', 'S1', 'open')], seq: 1 }, [desired('S1')], 5, ctx());
    expect(batch).toEqual({ revision: 5, expectSeq: 1, creates: [], updates: [], events: [] });
  });
});

describe('transitions', () => {
  it('allows exactly open→acknowledged (ack), acknowledged→in_progress (start), in_progress→resolved (resolve)', () => {
    const legal: string[] = [];
    for (const state of TASK_STATES) {
      for (const action of ACTIONS) {
        try {
          legal.push(`${state} -${action}-> ${nextState({ id: 'x', state }, action)}`);
        } catch (err) {
          expect(err).toBeInstanceOf(LinkageError);
          expect((err as LinkageError).status).toBe(409);
        }
      }
    }
    expect(legal).toEqual(['open -ack-> acknowledged', 'acknowledged -start-> in_progress', 'in_progress -resolve-> resolved']);
  });

  it('records each move in the history with actor and note', () => {
    const batch = planTransition(task('a', 'S1', 'open'), 'ack', 'liaison:420000', 'on it', NOW);
    expect(batch.updates).toEqual([
      {
        id: 'a',
        expectVersion: 3,
        set: { state: 'acknowledged', updatedAt: NOW.toISOString() },
        history: { at: NOW.toISOString(), actor: 'liaison:420000', from: 'open', to: 'acknowledged', note: 'on it' },
      },
    ]);
    expect(batch.events.map((e) => e.type)).toEqual(['task.acknowledged']);
  });

  it('resolving a task whose supplier is still desired opens an escalated follow-up linked to it', () => {
    const t = task('a', 'S1', 'in_progress');
    const batch = planResolve({ revision: 4, seq: 2, active: [t] }, 'a', [desired('S1')], 4, 'li', undefined, ctx());
    expect(batch.updates.map((u) => [u.id, u.set.state])).toEqual([['a', 'resolved']]);
    expect(batch.creates).toEqual([expect.objectContaining({ supplier: 'S1', state: 'open', escalated: true, escalatedAt: NOW.toISOString(), previousTask: 'a' })]);
    expect(batch.events.map((e) => e.type)).toEqual(['task.resolved', 'task.opened', 'task.escalated']);
  });

  it('resolving a task whose supplier no longer blocks across provinces opens nothing', () => {
    const batch = planResolve({ revision: 4, seq: 2, active: [task('a', 'S1', 'in_progress')] }, 'a', [], 5, 'li', 'done', ctx());
    expect(batch.creates).toEqual([]);
    expect(batch.updates).toHaveLength(1);
    expect(batch.revision).toBe(5);
  });
});

describe('escalation and delivery', () => {
  const sla = 24 * HOUR;
  it('escalates an open task once its SLA has run out, and never an acknowledged or escalated one', () => {
    const open = task('a', 'S1', 'open', { createdAt: new Date(NOW.getTime() - sla).toISOString() });
    expect(planEscalation(open, NOW, sla)?.updates[0].set).toMatchObject({ escalated: true, escalatedAt: NOW.toISOString() });
    expect(planEscalation(open, new Date(NOW.getTime() - 1), sla)).toBeNull();
    expect(planEscalation({ ...open, state: 'acknowledged' }, NOW, sla)).toBeNull();
    expect(planEscalation({ ...open, escalated: true }, NOW, sla)).toBeNull();
  });

  it('records delivery once, and not for ended tasks', () => {
    expect(planDelivery(task('a', 'S1', 'open'), NOW)?.updates[0].set).toEqual({ deliveredAt: NOW.toISOString() });
    expect(planDelivery(task('a', 'S1', 'open', { deliveredAt: NOW.toISOString() }), NOW)).toBeNull();
    expect(planDelivery(task('a', 'S1', 'cleared'), NOW)).toBeNull();
  });
});
