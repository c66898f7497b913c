/**
 * Plans: what to write to the task store so that it obeys §3, as a TaskBatch. Pure: the
 * current tasks, the desired set, the time and an id generator in; a batch out. The use cases
 * commit the batch, and plan again when the store says the world moved in between.
 */
import { byCodeUnits, isActive, nextState, sameDesired, SYSTEM_ACTOR, type DesiredTask, type Task, type TaskAction, type TaskWithHistory } from './model';
import type { NewTaskEvent, TaskBatch, TaskEventType, TaskPatch, TaskSetSnapshot, TaskUpdate } from './task-store';

export interface PlanContext {
  now: Date;
  /** A fresh task id (injected so tests can make ids predictable). */
  newId: () => string;
}

const ACTION_EVENTS: Record<TaskAction, TaskEventType> = {
  ack: 'task.acknowledged',
  start: 'task.started',
  resolve: 'task.resolved',
};

function emptyBatch(): TaskBatch {
  return { creates: [], updates: [], events: [] };
}

/** The task as it will read after `set` is applied (what events carry). */
function patched(t: Task, set: TaskPatch): Task {
  return { ...t, ...set, version: t.version + 1 };
}

function update(batch: TaskBatch, t: Task, set: TaskPatch, type: TaskEventType | null, history?: TaskUpdate['history']): void {
  batch.updates.push({ id: t.id, expectVersion: t.version, set, ...(history ? { history } : {}) });
  if (type) {
    const after = patched(t, set);
    batch.events.push({ type, taskId: t.id, province: after.assigneeProvince, at: set.updatedAt ?? after.updatedAt, task: after });
  }
}

function listProvinces(ps: readonly string[]): string {
  return ps.join(', ');
}

/**
 * Makes the active tasks equal the desired set at `revision`: opens a task for each desired
 * supplier without one, refreshes the content of the others, and clears tasks whose supplier
 * no longer blocks across provinces. `followUps` maps a supplier to the task just resolved
 * for it: a task opened for that supplier is a follow-up, escalated from the start.
 */
export function planReconcile(
  snapshot: Pick<TaskSetSnapshot, 'active' | 'seq'>,
  desired: readonly DesiredTask[],
  revision: number,
  ctx: PlanContext,
  followUps: ReadonlyMap<string, string> = new Map(),
): TaskBatch {
  const at = ctx.now.toISOString();
  const batch: TaskBatch = { ...emptyBatch(), revision, expectSeq: snapshot.seq };
  const active = new Map(snapshot.active.map((t) => [t.supplier, t]));
  const wanted = new Set<string>();
  for (const d of [...desired].sort((x, y) => byCodeUnits(x.supplier, y.supplier))) {
    if (wanted.has(d.supplier)) throw new RangeError(`planReconcile: supplier ${JSON.stringify(d.supplier)} is desired twice`);
    wanted.add(d.supplier);
    const t = active.get(d.supplier);
    if (t) {
      if (!sameDesired(t, d)) {
        update(
          batch,
          t,
          {
            assigneeProvince: d.assigneeProvince,
            affectedLeaders: [...d.affectedLeaders],
            requestingProvinces: [...d.requestingProvinces],
            blockedEnterprises: d.blockedEnterprises,
            priority: d.priority,
            stopsOn: d.stopsOn ?? null,
            revision,
            updatedAt: at,
          },
          'task.updated',
        );
      }
      continue;
    }
    const previous = followUps.get(d.supplier);
    const task: TaskWithHistory = {
      id: ctx.newId(),
      supplier: d.supplier,
      assigneeProvince: d.assigneeProvince,
      affectedLeaders: [...d.affectedLeaders],
      requestingProvinces: [...d.requestingProvinces],
      blockedEnterprises: d.blockedEnterprises,
      priority: d.priority,
      ...(d.stopsOn ? { stopsOn: d.stopsOn } : {}),
      state: 'open',
      escalated: previous !== undefined,
      ...(previous !== undefined ? { escalatedAt: at, previousTask: previous } : {}),
      createdAt: at,
      updatedAt: at,
      revision,
      version: 1,
      history: [
        {
          at,
          actor: SYSTEM_ACTOR,
          from: null,
          to: 'open',
          note:
            previous !== undefined
              ? `follow-up of ${previous}: ${d.supplier} still blocks leaders in ${listProvinces(d.requestingProvinces)}`
              : `${d.supplier} blocks ${d.affectedLeaders.length === 1 ? '1 leader' : `${d.affectedLeaders.length} leaders`}; requesting provinces: ${listProvinces(d.requestingProvinces)}`,
        },
      ],
    };
    batch.creates.push(task);
    const { history: _h, ...summary } = task;
    const opened: NewTaskEvent = { type: 'task.opened', taskId: task.id, province: task.assigneeProvince, at, task: summary };
    batch.events.push(opened);
    if (task.escalated) batch.events.push({ ...opened, type: 'task.escalated' });
  }
  for (const t of snapshot.active) {
    if (wanted.has(t.supplier)) continue;
    update(batch, t, { state: 'cleared', revision, updatedAt: at }, 'task.cleared', {
      at,
      actor: SYSTEM_ACTOR,
      from: t.state,
      to: 'cleared',
      note: `${t.supplier} no longer blocks a leader in another province`,
    });
  }
  return batch;
}

/** ack or start: one transition on one task. Throws 409 when the task is not in the source state. */
export function planTransition(task: Task, action: TaskAction, actor: string, note: string | undefined, now: Date): TaskBatch {
  const to = nextState(task, action);
  const at = now.toISOString();
  const batch = emptyBatch();
  update(batch, task, { state: to, updatedAt: at }, ACTION_EVENTS[action], {
    at,
    actor,
    from: task.state,
    to,
    ...(note !== undefined ? { note } : {}),
  });
  return batch;
}

/**
 * resolve, in one batch with a reconcile at `revision`: the task ends as resolved and, when
 * its supplier is still in the desired set, a follow-up opens at once (escalated, linked by
 * previousTask). The rest of the active set is reconciled too, so the invariant holds at the
 * revision the batch records.
 */
export function planResolve(
  snapshot: TaskSetSnapshot,
  taskId: string,
  desired: readonly DesiredTask[],
  revision: number,
  actor: string,
  note: string | undefined,
  ctx: PlanContext,
): TaskBatch {
  const task = snapshot.active.find((t) => t.id === taskId);
  if (!task) throw new RangeError(`planResolve: task ${taskId} is not active`);
  const transition = planTransition(task, 'resolve', actor, note, ctx.now);
  const rest = planReconcile({ active: snapshot.active.filter((t) => t.id !== taskId), seq: snapshot.seq }, desired, revision, ctx, new Map([[task.supplier, task.id]]));
  return {
    revision,
    expectSeq: snapshot.seq,
    creates: rest.creates,
    updates: [...transition.updates, ...rest.updates],
    events: [...transition.events, ...rest.events],
  };
}

/** Escalates an open task whose acknowledgement SLA has run out; null when nothing is due. */
export function planEscalation(task: Task, now: Date, slaMs: number): TaskBatch | null {
  if (task.state !== 'open' || task.escalated) return null;
  if (now.getTime() < Date.parse(task.createdAt) + slaMs) return null;
  const at = now.toISOString();
  const batch = emptyBatch();
  update(batch, task, { escalated: true, escalatedAt: at, updatedAt: at }, 'task.escalated');
  return batch;
}

/** Records that the task reached its province's inbox; null when already recorded or ended. */
export function planDelivery(task: Task, now: Date): TaskBatch | null {
  if (task.deliveredAt || !isActive(task.state)) return null;
  const batch = emptyBatch();
  update(batch, task, { deliveredAt: now.toISOString() }, null);
  return batch;
}

/** When the acknowledgement SLA of a task runs out (ms since the epoch). */
export function escalationDue(task: Pick<Task, 'createdAt'>, slaMs: number): number {
  return Date.parse(task.createdAt) + slaMs;
}
