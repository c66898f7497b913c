/**
 * The storage contract of coordination tasks. One interface, a SQLite adapter
 * (sqlite-task-store.ts), and one conformance suite (test/coordination/task-store-conformance.ts)
 * that every adapter must pass; a Neo4j adapter plugs in the same way.
 *
 * The store is deliberately small and knows no rules of §3: the planner (plan.ts) decides
 * what to write, the store guarantees that a batch lands whole or not at all, and refuses it
 * when the world moved since the batch was planned. What an adapter MUST guarantee:
 *
 * 1. Atomicity: commit() applies every create, update and event of a batch, or none.
 * 2. One active task per supplier, enforced by the database itself (SQLite: a partial unique
 *    index over supplier WHERE state is active; Neo4j: a uniqueness constraint on a property
 *    such as `activeSupplier` that is set only while the task is active). A batch that would
 *    leave two active tasks for one supplier answers `conflict`.
 * 3. Optimistic concurrency: `expectSeq` must equal the stored seq, and each update's
 *    `expectVersion` the task's version, else `conflict`. seq moves on every commit that
 *    creates a task or changes a task's state; version moves on every write to the task.
 * 4. Monotonic revision: a batch with `revision` below the stored revision answers `stale`
 *    and writes nothing; otherwise the stored revision becomes max(stored, batch.revision).
 * 5. Events (the outbox) get increasing ids in commit order, are returned by eventsAfter in id
 *    order, and stay undispatched until markDispatched.
 */
import type { Page } from '../graph';
import type { Task, TaskHistoryEntry, TaskState, TaskWithHistory } from './model';

export interface TaskSetSnapshot {
  /** The analysis revision the task set reflects (0 before the first reconcile). */
  revision: number;
  /** Change sequence for optimistic concurrency (see the module comment). */
  seq: number;
  /** Active tasks (open, acknowledged, in_progress), sorted by supplier. */
  active: Task[];
}

/** The fields a commit may change on an existing task. */
export type TaskPatch = Partial<
  Pick<
    Task,
    | 'state'
    | 'assigneeProvince'
    | 'affectedLeaders'
    | 'requestingProvinces'
    | 'blockedEnterprises'
    | 'priority'
    | 'stopsOn'
    | 'escalated'
    | 'escalatedAt'
    | 'deliveredAt'
    | 'revision'
    | 'updatedAt'
  >
>;

export interface TaskUpdate {
  id: string;
  /** The version the planner saw; the update (and its batch) is refused if it moved. */
  expectVersion: number;
  set: TaskPatch;
  /** Appended to the task's history: a state transition. */
  history?: TaskHistoryEntry;
}

export const TASK_EVENT_TYPES = ['task.opened', 'task.updated', 'task.acknowledged', 'task.started', 'task.resolved', 'task.cleared', 'task.escalated'] as const;
export type TaskEventType = (typeof TASK_EVENT_TYPES)[number];

/**
 * Events of enterprise requests (§9) and reporting reminders (§10). They travel on the same
 * outbox, feed and webhooks as task events: `taskId` is then the request id (or the reminder's
 * key) and `task` the request (or the reminder) as it is after the change.
 */
export const REQUEST_EVENT_TYPES = ['request.opened', 'request.accepted', 'request.started', 'request.resolved', 'request.rejected', 'request.escalated'] as const;
export type RequestEventType = (typeof REQUEST_EVENT_TYPES)[number];
export const REMINDER_EVENT = 'reminder' as const;

/** Every event type of the outbox. */
export const OUTBOX_EVENT_TYPES = [...TASK_EVENT_TYPES, ...REQUEST_EVENT_TYPES, REMINDER_EVENT] as const;
export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number];

export interface NewTaskEvent {
  type: OutboxEventType;
  taskId: string;
  /** The assignee province: whose inbox and webhook the event goes to. */
  province: string;
  /** ISO timestamp. */
  at: string;
  /** The task as it is after the change. */
  task: Task;
  /** The HTTP request that caused the change, when one did: the jobs relayed from the event carry it. */
  requestId?: string;
}

/** §7: a leader's stop date entered the alert window (LINKAGE_RUNWAY_ALERT_DAYS). */
export interface RunwayAlert {
  leader: string;
  /** The leader's province. */
  province: string;
  stopsOn: string;
  /** stopsOn − D when the alert was raised. */
  daysLeft: number;
  /** The data date D. */
  date: string;
  bindingPart: string | null;
  bindingRoot: string;
  rootCauses: string[];
  /** Who is told: the provinces of its root causes and its own, sorted. */
  provinces: string[];
}

/**
 * A `runway` event in the same outbox as task events: one per leader and stop date. Its key
 * (`taskId`, runwayKey()) is stored once: a store commits a runway event whose key it already
 * holds as nothing, and never prunes runway events, so no restart or second worker repeats one.
 */
export interface NewRunwayEvent {
  type: 'runway';
  /** runwayKey(leader, stopsOn). */
  taskId: string;
  /** The leader's province. */
  province: string;
  at: string;
  runway: RunwayAlert;
  requestId?: string;
}

/** The outbox key of a runway alert. */
export function runwayKey(leader: string, stopsOn: string): string {
  return `runway:${leader}:${stopsOn}`;
}

export type NewOutboxEvent = NewTaskEvent | NewRunwayEvent;

export type TaskEvent = (NewTaskEvent | NewRunwayEvent) & {
  id: number;
  dispatchedAt?: string;
};

export function isRunwayEvent<E extends NewOutboxEvent>(e: E): e is Extract<E, { type: 'runway' }> {
  return e.type === 'runway';
}

export interface TaskBatch {
  /** The analysis revision the batch reflects; omitted by writes that do not follow the analysis (ack, start, delivery). */
  revision?: number;
  /** The seq the planner saw; set by plans that reason about the whole active set. */
  expectSeq?: number;
  /** New tasks with their first history entry; version 1. */
  creates: TaskWithHistory[];
  updates: TaskUpdate[];
  events: NewOutboxEvent[];
}

export type CommitResult =
  { status: 'committed'; revision: number; seq: number; eventIds: number[] } | { status: 'stale'; revision: number } | { status: 'conflict'; reason: string };

export interface TaskQuery {
  /** Assignee province. */
  province?: string;
  states?: readonly TaskState[];
  escalated?: boolean;
  supplier?: string;
  limit: number;
  /** Opaque, from a previous page's nextCursor. */
  cursor?: string;
}

export interface TaskStore {
  readonly kind: string;
  /** Creates tables, indexes and constraints; idempotent. */
  init(): Promise<void>;
  close(): Promise<void>;
  /** Throws when the store cannot answer. */
  ping(): Promise<void>;
  /**
   * The store's identity: random, created with the store (by the first init) and never changed.
   * It scopes every queue job id and deduplication key (queues.ts): revisions and event ids
   * restart with a new store, and a new store on a Redis that served another must not find its
   * jobs already done or deduplicated.
   */
  identity(): Promise<string>;
  /** revision, seq and the active tasks, read in one consistent read. */
  snapshot(): Promise<TaskSetSnapshot>;
  revision(): Promise<number>;
  get(id: string): Promise<TaskWithHistory | null>;
  /** Tasks without history, most urgent first (§7, model.byUrgency): stopsOn asc (none last), priority desc, id asc. */
  list(query: TaskQuery): Promise<Page<Task>>;
  commit(batch: TaskBatch): Promise<CommitResult>;
  /** Events with id > after, in id order. */
  eventsAfter(after: number, limit: number): Promise<TaskEvent[]>;
  /** The highest event id, 0 when there is none. */
  lastEventId(): Promise<number>;
  /** Events not yet handed to the queues, oldest first. */
  undispatched(limit: number): Promise<TaskEvent[]>;
  markDispatched(ids: readonly number[], at: string): Promise<void>;
  /** Deletes dispatched events older than `before` (ISO), runway events excepted; returns how many. */
  pruneEvents(before: string): Promise<number>;
}

/** A task list's cursor, the same for both adapters: the last item's place in the order of byUrgency (§7): stopsOn (null: none), priority, id. */
export type TaskCursor = [stopsOn: string | null, priority: number, id: string];

export const isTaskCursor = (v: unknown): v is TaskCursor =>
  Array.isArray(v) && v.length === 3 && (v[0] === null || typeof v[0] === 'string') && Number.isSafeInteger(v[1]) && typeof v[2] === 'string';

/** The cursor after `last`. */
export function taskCursor(last: Pick<Task, 'stopsOn' | 'priority' | 'id'>): TaskCursor {
  return [last.stopsOn ?? null, last.priority, last.id];
}
