/**
 * The use cases of coordination tasks, shared by every entry point (HTTP routes, job
 * processors, the CLI): reconcile the tasks with the desired set, move a task through its
 * states, escalate, record delivery, read the inbox. Each write is planned (plan.ts) and
 * committed with optimistic concurrency; when the store says the world moved in between,
 * the use case reads again and plans again.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Page } from '../graph';
import type { Clock } from '../shared/clock';
import { LinkageError, notFound } from '../shared/errors';
import { currentRequestId } from '../shared/log';
import { RevisionWaiters } from '../shared/revision-waiters';
import type { DesiredSource } from './desired';
import { nextState, type DesiredTask, type Task, type TaskAction, type TaskState, type TaskWithHistory } from './model';
import { escalationDue, planDelivery, planEscalation, planReconcile, planResolve, planTransition, type PlanContext } from './plan';
import { runwayKey, type CommitResult, type RunwayAlert, type TaskBatch, type TaskStore } from './task-store';
import type { Role } from '../access/principal';

/** Who is asking: the part of an HTTP principal (or the CLI) the use cases look at. */
export interface Viewer {
  role: Role;
  actor: string;
  province?: string;
  /** A lead's leader (it reads the tasks whose affectedLeaders include it). */
  enterprise?: string;
}

export interface ReconcileOutcome {
  status: 'committed' | 'stale';
  /** The revision the task set reflects afterwards. */
  revision: number;
  opened: number;
  updated: number;
  cleared: number;
}

export type EscalationOutcome =
  | { status: 'escalated'; task: Task }
  /** The SLA has not run out yet: check again at dueAt (ms since the epoch, service clock). */
  | { status: 'not_due'; dueAt: number }
  /** Acknowledged, ended, already escalated, or gone: nothing to do. */
  | { status: 'not_applicable' };

export interface TaskServiceOptions {
  store: TaskStore;
  desired: DesiredSource;
  clock: Clock;
  /** The acknowledgement SLA. */
  slaMs: number;
  /** How long a read with minRevision waits for the tasks to catch up. */
  waitMs: number;
  newId?: () => string;
  /** Commit attempts when the store reports a conflict. */
  maxAttempts?: number;
}

export function randomTaskId(): string {
  return `tk_${crypto.randomBytes(8).toString('hex')}`;
}

/** While readers wait for a revision, how often the store is asked (once for all of them). */
const POLL_MS = 25;

export class TaskService {
  private readonly events = new EventEmitter();
  private readonly newId: () => string;
  private readonly maxAttempts: number;

  constructor(private readonly opts: TaskServiceOptions) {
    this.events.setMaxListeners(0);
    this.newId = opts.newId ?? randomTaskId;
    this.maxAttempts = opts.maxAttempts ?? 8;
    // Readers of ?minRevision share one poll of the store (another process may commit) and one
    // timer; a commit in this process settles them at once.
    const check = () => {
      this.checking ??= this.opts.store
        .revision()
        .then((r) => this.moved(r))
        .catch(() => undefined)
        .finally(() => (this.checking = null));
    };
    this.waiters = new RevisionWaiters({
      waitMs: opts.waitMs,
      timeout: (min, at) => new LinkageError('not_ready', `tasks have not reached revision ${min} yet (at ${at})`, { retryAfter: 1 }),
      poll: check,
      pollMs: POLL_MS,
    });
    this.onCommit(check);
  }

  private readonly waiters: RevisionWaiters;
  private checking: Promise<void> | null = null;

  get store(): TaskStore {
    return this.opts.store;
  }

  get slaMs(): number {
    return this.opts.slaMs;
  }

  /** Called after every commit that wrote events (the outbox relay and the SSE feed listen). */
  onCommit(listener: (result: Extract<CommitResult, { status: 'committed' }>) => void): () => void {
    this.events.on('commit', listener);
    return () => this.events.off('commit', listener);
  }

  private ctx(): PlanContext {
    return { now: this.opts.clock.now(), newId: this.newId };
  }

  private async commit(batch: TaskBatch): Promise<CommitResult> {
    // Events remember the request that caused them: the jobs relayed from them carry its id.
    const requestId = currentRequestId();
    if (requestId !== undefined) batch = { ...batch, events: batch.events.map((e) => ({ ...e, requestId })) };
    const result = await this.opts.store.commit(batch);
    if (result.status === 'committed') this.events.emit('commit', result);
    return result;
  }

  private exhausted(what: string, reason: string): LinkageError {
    return new LinkageError('conflict', `${what}: the tasks kept changing (${reason}); try again`, { retriable: true, retryAfter: 1 });
  }

  /** Makes the active tasks equal `desired` at `revision` (a no-op answer `stale` when a newer revision landed). */
  async reconcile(revision: number, desired: readonly DesiredTask[], alerts: readonly RunwayAlert[] = []): Promise<ReconcileOutcome> {
    let reason = '';
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const snapshot = await this.opts.store.snapshot();
      if (revision < snapshot.revision) return { status: 'stale', revision: snapshot.revision, opened: 0, updated: 0, cleared: 0 };
      const batch = planReconcile(snapshot, desired, revision, this.ctx());
      // §7: runway alerts ride in the same commit; the store keeps each (leader, stop date) once.
      const at = this.opts.clock.now().toISOString();
      for (const a of alerts) batch.events.push({ type: 'runway', taskId: runwayKey(a.leader, a.stopsOn), province: a.province, at, runway: a });
      const result = await this.commit(batch);
      if (result.status === 'committed') {
        const cleared = batch.updates.filter((u) => u.set.state === 'cleared').length;
        return { status: 'committed', revision: result.revision, opened: batch.creates.length, updated: batch.updates.length - cleared, cleared };
      }
      if (result.status === 'stale') return { status: 'stale', revision: result.revision, opened: 0, updated: 0, cleared: 0 };
      reason = result.reason;
    }
    throw this.exhausted('reconcile', reason);
  }

  /** Reconciles with the desired set at the latest revision the analysis knows. */
  async reconcileLatest(): Promise<ReconcileOutcome> {
    const { revision, desired, alerts } = await this.opts.desired.current(await this.opts.store.revision());
    return this.reconcile(revision, desired, alerts);
  }

  /** ack, start or resolve, by a liaison of the assignee province or a coordinator. */
  async transition(id: string, action: TaskAction, viewer: Viewer, note?: string): Promise<{ revision: number; task: TaskWithHistory }> {
    let reason = '';
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const current = await this.opts.store.get(id);
      if (!current) throw notFound('task', id);
      this.authorize(viewer, current, action);
      nextState(current, action);
      let batch: TaskBatch;
      if (action === 'resolve') {
        const snapshot = await this.opts.store.snapshot();
        const { revision, desired } = await this.opts.desired.current(snapshot.revision);
        if (!snapshot.active.some((t) => t.id === id)) continue; // cleared meanwhile: read again
        batch = planResolve(snapshot, id, desired, revision, viewer.actor, note, this.ctx());
      } else {
        batch = planTransition(current, action, viewer.actor, note, this.opts.clock.now());
      }
      const result = await this.commit(batch);
      if (result.status === 'committed') return { revision: result.revision, task: (await this.opts.store.get(id))! };
      reason = result.status === 'conflict' ? result.reason : `revision ${result.revision} landed meanwhile`;
    }
    throw this.exhausted(action, reason);
  }

  /** Escalates the task if its acknowledgement SLA has run out by the service clock. */
  async escalateIfDue(id: string): Promise<EscalationOutcome> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const task = await this.opts.store.get(id);
      if (!task || task.state !== 'open' || task.escalated) return { status: 'not_applicable' };
      const batch = planEscalation(task, this.opts.clock.now(), this.opts.slaMs);
      if (!batch) return { status: 'not_due', dueAt: escalationDue(task, this.opts.slaMs) };
      const result = await this.commit(batch);
      if (result.status === 'committed') return { status: 'escalated', task: (await this.opts.store.get(id))! };
    }
    throw this.exhausted('escalate', `task ${id}`);
  }

  /** Escalates every open task past its SLA: the safety net behind the escalation timers. */
  async escalateOverdue(): Promise<number> {
    const now = this.opts.clock.now().getTime();
    const { active } = await this.opts.store.snapshot();
    let escalated = 0;
    for (const t of active) {
      if (t.state !== 'open' || t.escalated || escalationDue(t, this.opts.slaMs) > now) continue;
      if ((await this.escalateIfDue(t.id)).status === 'escalated') escalated++;
    }
    return escalated;
  }

  /** Records that the task reached its province's inbox. Returns the task, or null when it is gone. */
  async deliver(id: string): Promise<Task | null> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const task = await this.opts.store.get(id);
      if (!task) return null;
      const batch = planDelivery(task, this.opts.clock.now());
      if (!batch) return task;
      const result = await this.commit(batch);
      // The batch says what changed; no need to read the task back.
      if (result.status === 'committed') return { ...task, ...batch.updates[0].set, version: task.version + 1 };
    }
    throw this.exhausted('deliver', `task ${id}`);
  }

  /** Active tasks not yet delivered (the sweep re-queues their delivery). */
  async undelivered(): Promise<Task[]> {
    const { active } = await this.opts.store.snapshot();
    return active.filter((t) => !t.deliveredAt);
  }

  /** The inbox: a liaison sees its province's tasks only. */
  async list(viewer: Viewer, q: { province?: string; states?: TaskState[]; escalated?: boolean; limit: number; cursor?: string }): Promise<Page<Task>> {
    let province = q.province;
    if (viewer.role === 'liaison') {
      if (province !== undefined && province !== viewer.province) {
        throw new LinkageError('forbidden', `a liaison of ${viewer.province} may not list the tasks of ${province}`);
      }
      province = viewer.province;
    } else if (viewer.role === 'lead') {
      return this.leadList(viewer.enterprise ?? '', { ...q, province });
    } else if (viewer.role !== 'coordinator') {
      throw new LinkageError('forbidden', `a ${viewer.role} may not read tasks`);
    }
    return this.opts.store.list({ ...q, province });
  }

  /**
   * A lead reads the tasks whose affectedLeaders include its leader (§4): they are few (one per
   * root cause of its chain at most at a time), so they come on one page, in the inbox order.
   */
  private async leadList(leader: string, q: { province?: string; states?: TaskState[]; escalated?: boolean; limit: number }): Promise<Page<Task>> {
    const out: Task[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.opts.store.list({ province: q.province, states: q.states, escalated: q.escalated, limit: 1_000, cursor });
      out.push(...page.items.filter((t) => t.affectedLeaders.includes(leader)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < q.limit);
    return { items: out.slice(0, q.limit), nextCursor: null };
  }

  async get(viewer: Viewer, id: string): Promise<TaskWithHistory> {
    const task = await this.opts.store.get(id);
    if (!task) throw notFound('task', id);
    this.authorize(viewer, task, 'read');
    return task;
  }

  private authorize(viewer: Viewer, task: Task, what: TaskAction | 'read'): void {
    if (viewer.role === 'coordinator') return;
    if (viewer.role === 'liaison' && viewer.province === task.assigneeProvince) return;
    if (viewer.role === 'lead' && what === 'read' && viewer.enterprise !== undefined && task.affectedLeaders.includes(viewer.enterprise)) return;
    throw new LinkageError('forbidden', `task ${task.id} is assigned to ${task.assigneeProvince}: a ${viewer.role} of ${viewer.province ?? 'no province'} may not ${what} it`);
  }

  /** The tasks' revision, once it is at least minRevision; waits (bounded), else 503. */
  async revision(minRevision = 0): Promise<number> {
    const r = await this.opts.store.revision();
    if (r >= minRevision) return r;
    this.moved(r);
    return this.waiters.wait(minRevision);
  }

  /** The store is at revision `r`: on from the one known, or back (a store restored from a backup). */
  private moved(r: number): void {
    this.waiters.rewound(r);
    this.waiters.reached(r);
  }
}
