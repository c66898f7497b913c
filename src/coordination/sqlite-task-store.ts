/**
 * The SQLite adapter of TaskStore. It opens its own better-sqlite3 connection to the embedded
 * database file (the graph store's `linkage.sqlite`), in WAL mode, and keeps to tables named
 * task*. Several processes (API, workers, CLI) may open the file at once: every commit is a
 * BEGIN IMMEDIATE transaction, so writers queue on SQLite's lock (busy_timeout) instead of
 * failing half-way.
 *
 * One active task per supplier is the partial unique index task_one_active_per_supplier.
 */
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Page } from '../graph';
import { AUDIT_TABLE, appendAuditRows, openSqlite } from '../infra/sqlite';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { taskAuditEntries } from './audit';
import { LinkageError } from '../shared/errors';
import { ACTIVE_STATES, type Task, type TaskHistoryEntry, type TaskState, type TaskWithHistory } from './model';
import { isRunwayEvent, isTaskCursor, taskCursor } from './task-store';
import type { CommitResult, NewOutboxEvent, RunwayAlert, TaskBatch, TaskEvent, TaskPatch, TaskQuery, TaskSetSnapshot, TaskStore } from './task-store';

const ACTIVE_SQL = ACTIVE_STATES.map((s) => `'${s}'`).join(', ');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS task (
  id TEXT PRIMARY KEY,
  supplier TEXT NOT NULL,
  assignee_province TEXT NOT NULL,
  affected_leaders TEXT NOT NULL,
  requesting_provinces TEXT NOT NULL,
  blocked_enterprises INTEGER NOT NULL,
  priority INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'in_progress', 'resolved', 'cleared')),
  escalated INTEGER NOT NULL DEFAULT 0,
  escalated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT,
  previous_task TEXT,
  revision INTEGER NOT NULL,
  version INTEGER NOT NULL,
  stops_on TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS task_one_active_per_supplier ON task (supplier) WHERE state IN (${ACTIVE_SQL});
CREATE INDEX IF NOT EXISTS task_by_priority ON task (priority DESC, created_at, id);
CREATE INDEX IF NOT EXISTS task_by_province ON task (assignee_province, priority DESC, created_at, id);
CREATE INDEX IF NOT EXISTS task_by_supplier ON task (supplier);
CREATE TABLE IF NOT EXISTS task_history (
  task_id TEXT NOT NULL REFERENCES task (id),
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (task_id, n)
);
CREATE TABLE IF NOT EXISTS task_event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  task_id TEXT NOT NULL,
  province TEXT NOT NULL,
  at TEXT NOT NULL,
  task TEXT NOT NULL,
  dispatched_at TEXT,
  request_id TEXT
);
CREATE INDEX IF NOT EXISTS task_event_undispatched ON task_event (id) WHERE dispatched_at IS NULL;
CREATE TABLE IF NOT EXISTS task_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO task_meta (name, value) VALUES ('revision', 0), ('seq', 0);
`;

interface TaskRow {
  id: string;
  supplier: string;
  assignee_province: string;
  affected_leaders: string;
  requesting_provinces: string;
  blocked_enterprises: number;
  priority: number;
  state: TaskState;
  escalated: number;
  escalated_at: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  previous_task: string | null;
  revision: number;
  version: number;
  stops_on: string | null;
}

interface HistoryRow {
  at: string;
  actor: string;
  from_state: TaskState | null;
  to_state: TaskState;
  note: string | null;
}

interface EventRow {
  id: number;
  type: TaskEvent['type'];
  task_id: string;
  province: string;
  at: string;
  task: string;
  dispatched_at: string | null;
  request_id: string | null;
}

/** Patch field → column; the only column names an UPDATE is ever built from. */
const PATCH_COLUMNS: Record<keyof TaskPatch, string> = {
  state: 'state',
  assigneeProvince: 'assignee_province',
  affectedLeaders: 'affected_leaders',
  requestingProvinces: 'requesting_provinces',
  blockedEnterprises: 'blocked_enterprises',
  priority: 'priority',
  stopsOn: 'stops_on',
  escalated: 'escalated',
  escalatedAt: 'escalated_at',
  deliveredAt: 'delivered_at',
  revision: 'revision',
  updatedAt: 'updated_at',
};

function columnValue(key: keyof TaskPatch, value: unknown): unknown {
  if (key === 'affectedLeaders' || key === 'requestingProvinces') return JSON.stringify(value);
  if (key === 'escalated') return value ? 1 : 0;
  return value ?? null;
}

function rowToTask(r: TaskRow): Task {
  return {
    id: r.id,
    supplier: r.supplier,
    assigneeProvince: r.assignee_province,
    affectedLeaders: JSON.parse(r.affected_leaders) as string[],
    requestingProvinces: JSON.parse(r.requesting_provinces) as string[],
    blockedEnterprises: r.blocked_enterprises,
    priority: r.priority,
    ...(r.stops_on ? { stopsOn: r.stops_on } : {}),
    state: r.state,
    escalated: r.escalated === 1,
    ...(r.escalated_at ? { escalatedAt: r.escalated_at } : {}),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.delivered_at ? { deliveredAt: r.delivered_at } : {}),
    ...(r.previous_task ? { previousTask: r.previous_task } : {}),
    revision: r.revision,
    version: r.version,
  };
}

function rowToEvent(r: EventRow): TaskEvent {
  const common = {
    id: r.id,
    taskId: r.task_id,
    province: r.province,
    at: r.at,
    ...(r.dispatched_at ? { dispatchedAt: r.dispatched_at } : {}),
    ...(r.request_id ? { requestId: r.request_id } : {}),
  };
  if (r.type === 'runway') return { ...common, type: 'runway', runway: JSON.parse(r.task) as RunwayAlert };
  return {
    id: r.id,
    type: r.type,
    taskId: r.task_id,
    province: r.province,
    at: r.at,
    task: JSON.parse(r.task) as Task,
    ...(r.dispatched_at ? { dispatchedAt: r.dispatched_at } : {}),
    ...(r.request_id ? { requestId: r.request_id } : {}),
  };
}

/** Thrown inside a transaction to roll it back with a conflict answer. */
class Refused extends Error {
  constructor(readonly result: CommitResult) {
    super(result.status);
  }
}

export interface SqliteTaskStoreOptions {
  /** Path of the database file (normally `<dataDir>/linkage.sqlite`), or ':memory:'. */
  file: string;
}

export class SqliteTaskStore implements TaskStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  /** Prepared statements by SQL text: preparing costs more than running these small queries. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(opts: SqliteTaskStoreOptions) {
    // Workers, the API and the CLI share the file (owner-only, WAL); a commit waits for another's lock.
    this.db = openSqlite(opts.file);
  }

  async init(): Promise<void> {
    this.db.exec(SCHEMA);
    this.db.exec(AUDIT_TABLE);
    // The identity is created with the store; later inits (other processes) keep it.
    this.db.exec('CREATE TABLE IF NOT EXISTS task_store_identity (id TEXT PRIMARY KEY)');
    this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM task_store_identity').get() === undefined) {
          this.db.prepare('INSERT INTO task_store_identity (id) VALUES (?)').run(crypto.randomBytes(8).toString('hex'));
        }
      })
      .immediate();
    // Files written before events carried their request get the column in place; under the
    // write lock, since several processes may open an old file at once.
    this.db
      .transaction(() => {
        const columns = this.db.pragma('table_info(task_event)') as { name: string }[];
        if (!columns.some((c) => c.name === 'request_id')) this.db.exec('ALTER TABLE task_event ADD COLUMN request_id TEXT');
        // §7: tasks carry stopsOn and list by it.
        const taskColumns = this.db.pragma('table_info(task)') as { name: string }[];
        if (!taskColumns.some((c) => c.name === 'stops_on')) this.db.exec('ALTER TABLE task ADD COLUMN stops_on TEXT');
        this.db.exec('CREATE INDEX IF NOT EXISTS task_by_urgency ON task ((stops_on IS NULL), stops_on, priority DESC, id)');
      })
      .immediate();
  }

  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) this.statements.set(text, (st = this.db.prepare(text)));
    return st;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    try {
      this.sql('SELECT 1').get();
    } catch (cause) {
      throw new LinkageError('not_ready', 'sqlite task store is not available', { cause, retriable: true });
    }
  }

  async identity(): Promise<string> {
    const id = this.sql('SELECT id FROM task_store_identity').pluck().get() as string | undefined;
    if (!id) throw new LinkageError('not_ready', 'sqlite task store is not initialised (no identity): run init()', { retriable: true });
    return id;
  }

  private meta(name: 'revision' | 'seq'): number {
    return (this.sql('SELECT value FROM task_meta WHERE name = ?').pluck().get(name) as number | undefined) ?? 0;
  }

  async revision(): Promise<number> {
    return this.meta('revision');
  }

  async snapshot(): Promise<TaskSetSnapshot> {
    // One read transaction: revision, seq and the rows come from the same WAL snapshot.
    const read = this.db.transaction(() => ({
      revision: this.meta('revision'),
      seq: this.meta('seq'),
      active: (this.sql(`SELECT * FROM task WHERE state IN (${ACTIVE_SQL}) ORDER BY supplier`).all() as TaskRow[]).map(rowToTask),
    }));
    return read();
  }

  async get(id: string): Promise<TaskWithHistory | null> {
    const row = this.sql('SELECT * FROM task WHERE id = ?').get(id) as TaskRow | undefined;
    if (!row) return null;
    const history = (this.sql('SELECT * FROM task_history WHERE task_id = ? ORDER BY n').all(id) as HistoryRow[]).map((h): TaskHistoryEntry => ({
      at: h.at,
      actor: h.actor,
      from: h.from_state,
      to: h.to_state,
      ...(h.note !== null ? { note: h.note } : {}),
    }));
    return { ...rowToTask(row), history };
  }

  async list(q: TaskQuery): Promise<Page<Task>> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.province !== undefined) {
      where.push('assignee_province = ?');
      params.push(q.province);
    }
    if (q.states && q.states.length > 0) {
      where.push(`state IN (${q.states.map(() => '?').join(', ')})`);
      params.push(...q.states);
    }
    if (q.escalated !== undefined) {
      where.push('escalated = ?');
      params.push(q.escalated ? 1 : 0);
    }
    if (q.supplier !== undefined) {
      where.push('supplier = ?');
      params.push(q.supplier);
    }
    if (q.cursor) {
      const [stopsOn, p, id] = decodeCursor(q.cursor, isTaskCursor)!;
      const after = '(priority < ? OR (priority = ? AND id > ?))';
      if (stopsOn === null) {
        where.push(`(stops_on IS NULL AND ${after})`);
        params.push(p, p, id);
      } else {
        where.push(`(stops_on IS NULL OR stops_on > ? OR (stops_on = ? AND ${after}))`);
        params.push(stopsOn, stopsOn, p, p, id);
      }
    }
    const sql = `SELECT * FROM task ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY (stops_on IS NULL), stops_on, priority DESC, id ASC LIMIT ?`;
    const rows = this.sql(sql).all(...params, q.limit + 1) as TaskRow[];
    const items = rows.slice(0, q.limit).map(rowToTask);
    return { items, nextCursor: rows.length > q.limit ? encodeCursor(taskCursor(items[items.length - 1])) : null };
  }

  async commit(batch: TaskBatch): Promise<CommitResult> {
    const run = this.db.transaction((): CommitResult => {
      const revision = this.meta('revision');
      if (batch.revision !== undefined && batch.revision < revision) return { status: 'stale', revision };
      const seq = this.meta('seq');
      if (batch.expectSeq !== undefined && batch.expectSeq !== seq) {
        return { status: 'conflict', reason: `task set changed (seq ${seq}, planned at ${batch.expectSeq})` };
      }
      // Updates first: a follow-up may only be inserted once the task it follows has ended.
      for (const u of batch.updates) {
        const keys = (Object.keys(u.set) as (keyof TaskPatch)[]).filter((k) => u.set[k] !== undefined);
        const assignments = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`);
        const info = this.db
          .prepare(`UPDATE task SET ${[...assignments, 'version = version + 1'].join(', ')} WHERE id = ? AND version = ?`)
          .run(...keys.map((k) => columnValue(k, u.set[k])), u.id, u.expectVersion);
        if (info.changes === 0) throw new Refused({ status: 'conflict', reason: `task ${u.id} changed since it was read` });
        if (u.history) this.appendHistory(u.id, u.history);
      }
      for (const t of batch.creates) this.insertTask(t);
      // §7: a runway alert whose key is stored already was sent: committing it again adds nothing.
      const runwaySent = this.sql("SELECT 1 FROM task_event WHERE task_id = ? AND type = 'runway' LIMIT 1").pluck();
      const eventIds = batch.events.filter((e) => !isRunwayEvent(e) || runwaySent.get(e.taskId) === undefined).map((e) => this.insertEvent(e));
      const moved = batch.creates.length > 0 || batch.updates.some((u) => u.set.state !== undefined);
      const nextSeq = moved ? seq + 1 : seq;
      const nextRevision = Math.max(revision, batch.revision ?? revision);
      if (moved) this.sql("UPDATE task_meta SET value = ? WHERE name = 'seq'").run(nextSeq);
      if (nextRevision !== revision) this.sql("UPDATE task_meta SET value = ? WHERE name = 'revision'").run(nextRevision);
      // Every transition and escalation of the batch in the audit trail, in this transaction.
      appendAuditRows(this.db, taskAuditEntries(batch));
      return { status: 'committed', revision: nextRevision, seq: nextSeq, eventIds };
    });
    try {
      return run.immediate();
    } catch (err) {
      if (err instanceof Refused) return err.result;
      // By code, not instanceof: the native addon keeps the SqliteError class of the first
      // copy of better-sqlite3 loaded in the process (jest loads one per test file).
      const code = (err as { code?: unknown }).code;
      if (code === 'SQLITE_CONSTRAINT_UNIQUE') return { status: 'conflict', reason: 'a supplier would have two active tasks' };
      if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return { status: 'conflict', reason: 'a task id is taken' };
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
        throw new LinkageError('not_ready', 'task store is busy', { cause: err, retriable: true, retryAfter: 1 });
      }
      throw err;
    }
  }

  private insertTask(t: TaskWithHistory): void {
    this.db
      .prepare(
        `INSERT INTO task (id, supplier, assignee_province, affected_leaders, requesting_provinces, blocked_enterprises,
           priority, state, escalated, escalated_at, created_at, updated_at, delivered_at, previous_task, revision, version, stops_on)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        t.id,
        t.supplier,
        t.assigneeProvince,
        JSON.stringify(t.affectedLeaders),
        JSON.stringify(t.requestingProvinces),
        t.blockedEnterprises,
        t.priority,
        t.state,
        t.escalated ? 1 : 0,
        t.escalatedAt ?? null,
        t.createdAt,
        t.updatedAt,
        t.deliveredAt ?? null,
        t.previousTask ?? null,
        t.revision,
        t.version,
        t.stopsOn ?? null,
      );
    for (const h of t.history) this.appendHistory(t.id, h);
  }

  private appendHistory(taskId: string, h: TaskHistoryEntry): void {
    this.db
      .prepare(
        `INSERT INTO task_history (task_id, n, at, actor, from_state, to_state, note)
         VALUES (?, (SELECT COALESCE(MAX(n), 0) + 1 FROM task_history WHERE task_id = ?), ?, ?, ?, ?, ?)`,
      )
      .run(taskId, taskId, h.at, h.actor, h.from, h.to, h.note ?? null);
  }

  private insertEvent(e: NewOutboxEvent): number {
    // The task column holds the event's payload: the task, or a runway event's alert.
    const info = this.db
      .prepare('INSERT INTO task_event (type, task_id, province, at, task, request_id) VALUES (?, ?, ?, ?, ?, ?)')
      .run(e.type, e.taskId, e.province, e.at, JSON.stringify(isRunwayEvent(e) ? e.runway : e.task), e.requestId ?? null);
    return Number(info.lastInsertRowid);
  }

  async eventsAfter(after: number, limit: number): Promise<TaskEvent[]> {
    return (this.sql('SELECT * FROM task_event WHERE id > ? ORDER BY id LIMIT ?').all(after, limit) as EventRow[]).map(rowToEvent);
  }

  async lastEventId(): Promise<number> {
    return (this.sql('SELECT MAX(id) FROM task_event').pluck().get() as number | null) ?? 0;
  }

  async undispatched(limit: number): Promise<TaskEvent[]> {
    return (this.sql('SELECT * FROM task_event WHERE dispatched_at IS NULL ORDER BY id LIMIT ?').all(limit) as EventRow[]).map(rowToEvent);
  }

  async markDispatched(ids: readonly number[], at: string): Promise<void> {
    const mark = this.sql('UPDATE task_event SET dispatched_at = ? WHERE id = ? AND dispatched_at IS NULL');
    this.db
      .transaction(() => {
        for (const id of ids) mark.run(at, id);
      })
      .immediate();
  }

  async pruneEvents(before: string): Promise<number> {
    return this.sql("DELETE FROM task_event WHERE dispatched_at IS NOT NULL AND at < ? AND type <> 'runway'").run(before).changes;
  }
}
