/**
 * The Neo4j adapter of TaskStore (the contract is in src/coordination/task-store.ts; the SQLite
 * adapter is src/coordination/sqlite-task-store.ts, and both pass one conformance suite).
 *
 * Model: one (:Task {id, supplier, assigneeProvince, affectedLeaders, requestingProvinces,
 * blockedEnterprises, priority, state, escalated, escalatedAt, createdAt, updatedAt,
 * deliveredAt, previousTask, revision, version, activeSupplier}) node per task, the two lists
 * as list properties; its history as (:Task)-[:HAS_HISTORY]->(:TaskHistory {n, at, actor,
 * fromState, toState, note}); the outbox as (:TaskEvent {id, type, taskId, province, at, task,
 * dispatchedAt, requestId}), task as JSON text; the stored revision and seq, the event ids and
 * a commit count as (:Counter) nodes. An absent optional field is a missing property.
 *
 * One active task per supplier is the constraint task_one_active_per_supplier
 * (cypher/task-schema.cypher): activeSupplier holds the supplier only while the task is active,
 * every statement that creates a task or changes its state sets or removes it, and a batch that
 * would leave a second active task fails on the constraint, which commit() answers `conflict`.
 *
 * A commit is one managed write transaction. It first advances 'task_commits' and write-locks
 * 'task_revision' and 'task_seq' (advancing them by 0), so commits are serialised as SQLite's
 * BEGIN IMMEDIATE serialises them: the revision and seq checks, "is this id taken?" and the event
 * ids are decided under that lock. A refused batch is rolled back, so it writes nothing.
 */
import crypto from 'node:crypto';
import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import { ACTIVE_STATES, type Task, type TaskHistoryEntry, type TaskState, type TaskWithHistory } from './model';
import { isRunwayEvent, isTaskCursor, taskCursor } from './task-store';
import type { CommitResult, NewOutboxEvent, RunwayAlert, TaskBatch, TaskEvent, TaskPatch, TaskQuery, TaskSetSnapshot, TaskStore, TaskUpdate } from './task-store';
import { taskAuditEntries } from './audit';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import {
  AUDIT_SEQ_COUNTER,
  appendAuditEntries,
  BATCH_SIZE,
  batches,
  cypher,
  cypherScript,
  isConstraintViolation,
  int,
  jsonText,
  text,
  toNumber,
  type Props,
  Neo4jSessions,
  advanceCounters,
  readCounters,
  run,
  type Neo4jStoreOptions,
  notInitialised as notInitialisedError,
} from '../infra/neo4j';
import type { Page } from '../graph/store';
import { LinkageError } from '../shared/errors';

/** The Counter nodes of the task store; 'task_commits' moves on every commit. */
export const TASK_COUNTERS = ['task_commits', 'task_revision', 'task_seq', 'task_event_id'] as const;
type TaskCounter = (typeof TASK_COUNTERS)[number];

/** What a snapshot must read at one state: a commit moves task_commits. */
const SNAPSHOT_STAMP = ['task_commits', 'task_revision', 'task_seq'] as const satisfies readonly TaskCounter[];

/** How each patch field is sent; the only keys `SET t += row.patch` is ever given. */
const PATCH_FIELDS: Record<keyof TaskPatch, 'value' | 'integer' | 'list'> = {
  state: 'value',
  assigneeProvince: 'value',
  affectedLeaders: 'list',
  requestingProvinces: 'list',
  blockedEnterprises: 'integer',
  priority: 'integer',
  stopsOn: 'value',
  escalated: 'value',
  escalatedAt: 'value',
  deliveredAt: 'value',
  revision: 'integer',
  updatedAt: 'value',
};

/** Thrown inside the commit transaction to roll it back with this answer. */
class Refused extends LinkageError {
  constructor(readonly result: Exclude<CommitResult, { status: 'committed' }>) {
    // A LinkageError, so the session passes it through unchanged and the driver never retries it.
    super('conflict', result.status === 'conflict' ? result.reason : `stale: revision ${result.revision} is stored`);
  }
}

export class Neo4jTaskStore implements TaskStore {
  readonly kind = 'neo4j';
  private readonly sessions: Neo4jSessions;

  constructor(opts: Neo4jStoreOptions) {
    this.sessions = new Neo4jSessions(opts);
  }

  async init(): Promise<void> {
    await this.sessions.applySchema(cypherScript('task-schema'), 'task init');
    // The audit trail's counter too: every commit appends its transitions (audit-rows.ts).
    await this.sessions.write('task init', (tx) => run(tx, cypher('init-counters'), { names: [...TASK_COUNTERS, AUDIT_SEQ_COUNTER] }));
    // Created with the store: the first init sets it, later ones (other processes) read it back.
    const records = await this.sessions.write('task init', (tx) => run(tx, cypher('task-store-identity'), { id: crypto.randomBytes(8).toString('hex') }));
    this.storeId = records[0]?.get('id') as string | undefined;
  }

  private storeId: string | undefined;

  async identity(): Promise<string> {
    if (!this.storeId) throw notInitialised();
    return this.storeId;
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }

  async ping(): Promise<void> {
    await this.revision();
  }

  async revision(): Promise<number> {
    return this.sessions.read('task revision', async (tx) => (await readCounters(tx, ['task_revision'], notInitialised)).task_revision);
  }

  /** Read-committed reads made consistent by the commit count (see Neo4jSessions.readAtOneState). */
  async snapshot(): Promise<TaskSetSnapshot> {
    const { stamp, value: active } = await this.sessions.readAtOneState(
      'task snapshot',
      {
        read: (tx) => readCounters(tx, SNAPSHOT_STAMP, notInitialised),
        lock: (tx) =>
          advanceCounters(
            tx,
            SNAPSHOT_STAMP.map((name) => [name, 0] as const),
            notInitialised,
          ),
      },
      async (tx) => (await run(tx, cypher('active-tasks'))).map((r) => toTask(props(r, 'task'))),
    );
    return { revision: stamp.task_revision, seq: stamp.task_seq, active };
  }

  async get(id: string): Promise<TaskWithHistory | null> {
    const records = await this.sessions.read('task lookup', (tx) => run(tx, cypher('get-task'), { id }));
    if (records.length === 0) return null;
    const task = toTask(props(records[0], 'task'));
    return { ...task, history: (records[0].get('history') as Props[]).map((h) => toHistoryEntry(h, task.id)) };
  }

  async list(q: TaskQuery): Promise<Page<Task>> {
    const after = decodeCursor(q.cursor, isTaskCursor);
    const records = await this.sessions.read('task list', (tx) =>
      run(tx, cypher('list-tasks'), {
        province: q.province ?? null,
        states: q.states && q.states.length > 0 ? [...q.states] : null,
        escalated: q.escalated ?? null,
        supplier: q.supplier ?? null,
        afterStopsOn: after?.[0] ?? null,
        afterPriority: after ? int(after[1]) : null,
        afterId: after?.[2] ?? null,
        limit: int(q.limit + 1),
      }),
    );
    const items = records.slice(0, q.limit).map((r) => toTask(props(r, 'task')));
    const last = items[items.length - 1];
    return { items, nextCursor: records.length > q.limit ? encodeCursor(taskCursor(last)) : null };
  }

  async commit(batch: TaskBatch): Promise<CommitResult> {
    try {
      return await this.sessions.write('task commit', (tx) => commitBatch(tx, batch));
    } catch (err) {
      if (err instanceof Refused) return err.result;
      // Ids are checked under the commit lock, so the constraint that refused is the one on activeSupplier.
      if (err instanceof LinkageError && isConstraintViolation(err.cause)) return { status: 'conflict', reason: 'a supplier would have two active tasks' };
      throw err;
    }
  }

  async eventsAfter(after: number, limit: number): Promise<TaskEvent[]> {
    return this.events('task events', after, false, limit);
  }

  async lastEventId(): Promise<number> {
    const records = await this.sessions.read('last task event', (tx) => run(tx, cypher('last-task-event-id')));
    const last = records[0]?.get('last') as unknown;
    return last === null || last === undefined ? 0 : toNumber(last, 'last task event id');
  }

  async undispatched(limit: number): Promise<TaskEvent[]> {
    return this.events('undispatched task events', 0, true, limit);
  }

  async markDispatched(ids: readonly number[], at: string): Promise<void> {
    if (ids.length === 0) return;
    await this.sessions.write('task events dispatched', async (tx) => {
      for (const batch of batches(ids, BATCH_SIZE)) await run(tx, cypher('mark-task-events-dispatched'), { ids: batch.map(int), at });
    });
  }

  async pruneEvents(before: string): Promise<number> {
    const records = await this.sessions.write('task event pruning', (tx) => run(tx, cypher('prune-task-events'), { before }));
    return toNumber(records[0].get('deleted'), 'pruned task events');
  }

  private async events(action: string, after: number, undispatched: boolean, limit: number): Promise<TaskEvent[]> {
    const records = await this.sessions.read(action, (tx) => run(tx, cypher('task-events'), { after: int(after), undispatched, limit: int(limit) }));
    return records.map((r) => toTaskEvent(props(r, 'event')));
  }
}

// ---- the commit, step by step ------------------------------------------------------------------

async function commitBatch(tx: ManagedTransaction, batch: TaskBatch): Promise<CommitResult> {
  const locked = await advanceCounters(
    tx,
    [
      ['task_commits', 1],
      ['task_revision', 0],
      ['task_seq', 0],
    ],
    notInitialised,
  );
  const revision = locked.task_revision;
  const seq = locked.task_seq;
  if (batch.revision !== undefined && batch.revision < revision) throw new Refused({ status: 'stale', revision });
  if (batch.expectSeq !== undefined && batch.expectSeq !== seq) {
    throw new Refused({ status: 'conflict', reason: `task set changed (seq ${seq}, planned at ${batch.expectSeq})` });
  }
  // Updates first: a follow-up may only be created once the task it follows has ended.
  await updateTasks(tx, batch.updates);
  await createTasks(tx, batch.creates);
  await appendHistory(tx, batch.updates, batch.creates);
  const eventIds = await createEvents(tx, batch.events);
  const moved = batch.creates.length > 0 || batch.updates.some((u) => u.set.state !== undefined);
  const nextRevision = Math.max(revision, batch.revision ?? revision);
  const advance = (
    [
      ['task_seq', moved ? 1 : 0],
      ['task_revision', nextRevision - revision],
    ] as const
  ).filter(([, by]) => by !== 0);
  if (advance.length > 0) await advanceCounters(tx, advance, notInitialised);
  // Every transition and escalation of the batch in the audit trail, in this transaction.
  await appendAuditEntries(tx, taskAuditEntries(batch));
  return { status: 'committed', revision: nextRevision, seq: moved ? seq + 1 : seq, eventIds };
}

/** The active states, as $active: the states in which a task holds activeSupplier. */
const activeStates = (): string[] => [...ACTIVE_STATES];

async function updateTasks(tx: ManagedTransaction, updates: readonly TaskUpdate[]): Promise<void> {
  // A batch holds each task once, so each row sees the version the row before it left.
  for (const batch of batches(updates, BATCH_SIZE, (u) => u.id)) {
    const rows = batch.map((u) => ({ id: u.id, expectVersion: int(u.expectVersion), patch: patchRow(u.set) }));
    const updated = new Set((await run(tx, cypher('update-tasks'), { rows, active: activeStates() })).map((r) => r.get('id') as string));
    const missed = batch.find((u) => !updated.has(u.id));
    if (missed) throw new Refused({ status: 'conflict', reason: `task ${missed.id} changed since it was read` });
  }
}

async function createTasks(tx: ManagedTransaction, creates: readonly TaskWithHistory[]): Promise<void> {
  if (creates.length === 0) return;
  const ids = creates.map((t) => t.id);
  if (new Set(ids).size < ids.length || (await existingTasks(tx, ids))) throw new Refused({ status: 'conflict', reason: 'a task id is taken' });
  for (const batch of batches(creates, BATCH_SIZE)) await run(tx, cypher('create-tasks'), { rows: batch.map(taskRow), active: activeStates() });
}

async function existingTasks(tx: ManagedTransaction, ids: readonly string[]): Promise<boolean> {
  for (const batch of batches(ids, BATCH_SIZE)) {
    if ((await run(tx, cypher('existing-tasks'), { ids: batch })).length > 0) return true;
  }
  return false;
}

/** The updates' transitions, then the new tasks' histories, each task's entries in order. */
async function appendHistory(tx: ManagedTransaction, updates: readonly TaskUpdate[], creates: readonly TaskWithHistory[]): Promise<void> {
  const entries = new Map<string, TaskHistoryEntry[]>();
  const add = (id: string, h: readonly TaskHistoryEntry[]) => entries.set(id, [...(entries.get(id) ?? []), ...h]);
  for (const u of updates) if (u.history) add(u.id, [u.history]);
  for (const t of creates) if (t.history.length > 0) add(t.id, t.history);
  const rows = [...entries].map(([id, h]) => ({ id, entries: h.map(historyRow) }));
  for (const batch of batches(rows, BATCH_SIZE)) await run(tx, cypher('append-task-history'), { rows: batch });
}

async function createEvents(tx: ManagedTransaction, all: readonly NewOutboxEvent[]): Promise<number[]> {
  // §7: a runway alert whose key is stored already was sent: committing it again adds nothing.
  const runwayKeys = all.filter(isRunwayEvent).map((e) => e.taskId);
  const sent = new Set<string>();
  for (const batch of batches(runwayKeys, BATCH_SIZE)) {
    for (const r of await run(tx, cypher('sent-runway-events'), { keys: batch })) sent.add(r.get('key') as string);
  }
  const events = all.filter((e) => !isRunwayEvent(e) || !sent.has(e.taskId));
  if (events.length === 0) return [];
  const last = (await advanceCounters(tx, [['task_event_id', events.length]], notInitialised)).task_event_id;
  const ids = events.map((_, i) => last - events.length + 1 + i);
  for (const batch of batches(
    events.map((e, i) => eventRow(e, ids[i])),
    BATCH_SIZE,
  )) {
    await run(tx, cypher('create-task-events'), { rows: batch });
  }
  return ids;
}

const notInitialised = (): LinkageError => notInitialisedError('task store');

// ---- domain → parameter rows ---------------------------------------------------------------------

/** One row of create-tasks: every field, null where absent, integers as integers. */
export function taskRow(t: Task): Record<string, unknown> {
  return {
    id: t.id,
    supplier: t.supplier,
    assigneeProvince: t.assigneeProvince,
    affectedLeaders: [...t.affectedLeaders],
    requestingProvinces: [...t.requestingProvinces],
    blockedEnterprises: int(t.blockedEnterprises),
    priority: int(t.priority),
    state: t.state,
    escalated: t.escalated,
    escalatedAt: t.escalatedAt ?? null,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    deliveredAt: t.deliveredAt ?? null,
    previousTask: t.previousTask ?? null,
    revision: int(t.revision),
    version: int(t.version),
    stopsOn: t.stopsOn ?? null,
  };
}

/** The fields a patch sets, as `SET t += row.patch` takes them; an undefined field is left alone. */
export function patchRow(set: TaskPatch): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, kind] of Object.entries(PATCH_FIELDS) as Array<[keyof TaskPatch, 'value' | 'integer' | 'list']>) {
    const v = set[key];
    if (v === undefined) continue;
    patch[key] = kind === 'integer' ? int(v as number) : kind === 'list' ? [...(v as string[])] : v;
  }
  return patch;
}

function historyRow(h: TaskHistoryEntry): Record<string, unknown> {
  return { at: h.at, actor: h.actor, fromState: h.from, toState: h.to, note: h.note ?? null };
}

/** The `task` property holds the event's payload as JSON: the task, or a runway event's alert. */
function eventRow(e: NewOutboxEvent, id: number): Record<string, unknown> {
  const payload = isRunwayEvent(e) ? e.runway : e.task;
  return { id: int(id), type: e.type, taskId: e.taskId, province: e.province, at: e.at, task: JSON.stringify(payload), requestId: e.requestId ?? null };
}

// ---- stored properties → domain, in the SQLite adapter's key order -------------------------------

function props(record: Neo4jRecord, key: string): Props {
  return record.get(key) as Props;
}

/** An optional text field as the SQLite adapter reads it: absent when missing or empty. */
function optionalText<K extends string>(p: Props, key: K, where: string): Partial<Record<K, string>> {
  return p[key] === undefined || p[key] === null || p[key] === '' ? {} : ({ [key]: text(p, key, where) } as Record<K, string>);
}

function textList(p: Props, key: string, where: string): string[] {
  const v = p[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new LinkageError('internal', `neo4j store holds an unreadable ${where}: ${key} is not a list of strings`);
  }
  return [...v];
}

export function toTask(p: Props): Task {
  const id = text(p, 'id', 'task');
  const where = `task "${id}"`;
  if (typeof p.escalated !== 'boolean') throw new LinkageError('internal', `neo4j store holds an unreadable ${where}: escalated is not a boolean`);
  return {
    id,
    supplier: text(p, 'supplier', where),
    assigneeProvince: text(p, 'assigneeProvince', where),
    affectedLeaders: textList(p, 'affectedLeaders', where),
    requestingProvinces: textList(p, 'requestingProvinces', where),
    blockedEnterprises: toNumber(p.blockedEnterprises, `${where} blockedEnterprises`),
    priority: toNumber(p.priority, `${where} priority`),
    ...optionalText(p, 'stopsOn', where),
    state: text(p, 'state', where) as TaskState,
    escalated: p.escalated,
    ...optionalText(p, 'escalatedAt', where),
    createdAt: text(p, 'createdAt', where),
    updatedAt: text(p, 'updatedAt', where),
    ...optionalText(p, 'deliveredAt', where),
    ...optionalText(p, 'previousTask', where),
    revision: toNumber(p.revision, `${where} revision`),
    version: toNumber(p.version, `${where} version`),
  };
}

export function toHistoryEntry(p: Props, taskId: string): TaskHistoryEntry {
  const where = `history entry of task "${taskId}"`;
  return {
    at: text(p, 'at', where),
    actor: text(p, 'actor', where),
    from: p.fromState === undefined || p.fromState === null ? null : (text(p, 'fromState', where) as TaskState),
    to: text(p, 'toState', where) as TaskState,
    ...(p.note !== undefined && p.note !== null ? { note: text(p, 'note', where) } : {}),
  };
}

export function toTaskEvent(p: Props): TaskEvent {
  const id = toNumber(p.id, 'task event id');
  const where = `task event ${id}`;
  text(p, 'task', where);
  const type = text(p, 'type', where) as TaskEvent['type'];
  if (type === 'runway') {
    return {
      id,
      type,
      taskId: text(p, 'taskId', where),
      province: text(p, 'province', where),
      at: text(p, 'at', where),
      runway: jsonText(p, 'task', where) as RunwayAlert,
      ...optionalText(p, 'dispatchedAt', where),
      ...optionalText(p, 'requestId', where),
    };
  }
  return {
    id,
    type,
    taskId: text(p, 'taskId', where),
    province: text(p, 'province', where),
    at: text(p, 'at', where),
    task: jsonText(p, 'task', where) as Task,
    ...optionalText(p, 'dispatchedAt', where),
    ...optionalText(p, 'requestId', where),
  };
}

/** Coordination tasks and their outbox in the Neo4j database at `uri`, or on an injected driver; call init() before use. */
export function createNeo4jTaskStore(opts: Neo4jStoreOptions): Neo4jTaskStore {
  return new Neo4jTaskStore(opts);
}
