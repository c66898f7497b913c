/**
 * The SQLite adapter of RequestStore: table `request` in the embedded database file, beside the
 * task store's outbox (`task_event`) and the audit trail (`audit_entry`), which its writes append
 * to in the same BEGIN IMMEDIATE transaction. The history is a short JSON list on the row (a
 * request moves at most four times).
 */
import type Database from 'better-sqlite3';
import { AUDIT_TABLE, appendAuditRows } from '../infra/sqlite';
import type { NewTaskEvent } from './task-store';
import type { Page } from '../graph';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { openSqlite } from '../infra/sqlite';
import { LinkageError } from '../shared/errors';
import { ACTIVE_REQUEST_STATES, type Request, type RequestHistoryEntry, type RequestWithHistory } from './request-model';
import { isRequestCursor, type RequestPatch, type RequestQuery, type RequestStore, type RequestWriteExtras } from './request-store';

const ACTIVE_SQL = ACTIVE_REQUEST_STATES.map((s) => `'${s}'`).join(', ');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS request (
  id TEXT PRIMARY KEY,
  enterprise TEXT NOT NULL,
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  counterpart_province TEXT,
  counterpart_enterprise TEXT,
  assignee_province TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'in_progress', 'resolved', 'rejected')),
  raised_on TEXT NOT NULL,
  raised_by TEXT NOT NULL,
  escalated INTEGER NOT NULL DEFAULT 0,
  escalated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT,
  resolved_at TEXT,
  reason TEXT,
  history TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS request_by_created ON request (created_at, id);
CREATE INDEX IF NOT EXISTS request_by_province ON request (assignee_province, created_at, id);
CREATE INDEX IF NOT EXISTS request_by_enterprise ON request (enterprise, created_at, id);
CREATE INDEX IF NOT EXISTS request_open ON request (created_at) WHERE state = 'open' AND escalated = 0;
`;

/** Columns by field, for patches. */
const PATCH_COLUMNS: Record<keyof RequestPatch, string> = {
  state: 'state',
  escalated: 'escalated',
  escalatedAt: 'escalated_at',
  updatedAt: 'updated_at',
  deliveredAt: 'delivered_at',
  resolvedAt: 'resolved_at',
  reason: 'reason',
};

interface Row {
  id: string;
  enterprise: string;
  category: string;
  title: string;
  description: string;
  counterpart_province: string | null;
  counterpart_enterprise: string | null;
  assignee_province: string;
  state: string;
  raised_on: string;
  raised_by: string;
  escalated: number;
  escalated_at: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  resolved_at: string | null;
  reason: string | null;
  history: string;
  version: number;
}

export class SqliteRequestStore implements RequestStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(opts: { file: string }) {
    this.db = openSqlite(opts.file);
  }

  private sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.db.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  async init(): Promise<void> {
    this.db.exec(SCHEMA);
    this.db.exec(AUDIT_TABLE);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async ping(): Promise<void> {
    try {
      this.sql('SELECT 1').get();
    } catch (cause) {
      throw new LinkageError('not_ready', 'sqlite request store is not available', { cause });
    }
  }

  async create(r: RequestWithHistory, extras: RequestWriteExtras = {}): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      const info = this.sql(
        `INSERT OR IGNORE INTO request (id, enterprise, category, title, description, counterpart_province, counterpart_enterprise,
           assignee_province, state, raised_on, raised_by, escalated, escalated_at, created_at, updated_at, delivered_at,
           resolved_at, reason, history, version)
         VALUES (@id, @enterprise, @category, @title, @description, @counterpartProvince, @counterpartEnterprise,
           @assigneeProvince, @state, @raisedOn, @raisedBy, @escalated, @escalatedAt, @createdAt, @updatedAt, @deliveredAt,
           @resolvedAt, @reason, @history, @version)`,
      ).run({
        ...r,
        counterpartProvince: r.counterpartProvince ?? null,
        counterpartEnterprise: r.counterpartEnterprise ?? null,
        escalated: r.escalated ? 1 : 0,
        escalatedAt: r.escalatedAt ?? null,
        deliveredAt: r.deliveredAt ?? null,
        resolvedAt: r.resolvedAt ?? null,
        reason: r.reason ?? null,
        history: JSON.stringify(r.history),
      });
      if (info.changes === 0) return false;
      this.extras(extras);
      return true;
    });
    return run.immediate();
  }

  async update(id: string, expectVersion: number, set: RequestPatch, extras: RequestWriteExtras = {}): Promise<RequestWithHistory | null> {
    const run = this.db.transaction((): RequestWithHistory | null => {
      const row = this.sql('SELECT * FROM request WHERE id = ? AND version = ?').get(id, expectVersion) as Row | undefined;
      if (!row) return null;
      const assignments: string[] = ['version = version + 1'];
      const params: Record<string, unknown> = { id };
      for (const [key, column] of Object.entries(PATCH_COLUMNS) as Array<[keyof RequestPatch, string]>) {
        const v = set[key];
        if (v === undefined) continue;
        assignments.push(`${column} = @${key}`);
        params[key] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
      }
      if (extras.history) {
        assignments.push('history = @history');
        params.history = JSON.stringify([...(JSON.parse(row.history) as RequestHistoryEntry[]), extras.history]);
      }
      this.db.prepare(`UPDATE request SET ${assignments.join(', ')} WHERE id = @id`).run(params);
      this.extras(extras);
      return rowToRequest(this.sql('SELECT * FROM request WHERE id = ?').get(id) as Row);
    });
    return run.immediate();
  }

  /** The outbox event and the audit entry of a write, inside its transaction. */
  private extras(extras: RequestWriteExtras): void {
    if (extras.event) this.insertEvent(extras.event);
    if (extras.audit) appendAuditRows(this.db, [extras.audit]);
  }

  private insertEvent(e: NewTaskEvent): void {
    this.sql('INSERT INTO task_event (type, task_id, province, at, task, request_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      e.type,
      e.taskId,
      e.province,
      e.at,
      JSON.stringify(e.task),
      e.requestId ?? null,
    );
  }

  async get(id: string): Promise<RequestWithHistory | null> {
    const row = this.sql('SELECT * FROM request WHERE id = ?').get(id) as Row | undefined;
    return row ? rowToRequest(row) : null;
  }

  async list(q: RequestQuery): Promise<Page<Request>> {
    const after = decodeCursor(q.cursor, isRequestCursor);
    const where: string[] = [];
    const params: unknown[] = [];
    const filter = (condition: string, ...values: unknown[]) => {
      where.push(condition);
      params.push(...values);
    };
    if (q.province !== undefined) filter('assignee_province = ?', q.province);
    if (q.states !== undefined) filter(`state IN (${q.states.map(() => '?').join(', ') || 'NULL'})`, ...q.states);
    if (q.category !== undefined) filter('category = ?', q.category);
    if (q.enterprise !== undefined) filter('enterprise = ?', q.enterprise);
    if (q.escalated !== undefined) filter('escalated = ?', q.escalated ? 1 : 0);
    if (q.scope !== undefined) {
      const either: string[] = [];
      if (q.scope.province !== undefined) {
        either.push('assignee_province = ?');
        params.push(q.scope.province);
      }
      if (q.scope.enterprises !== undefined && q.scope.enterprises.length > 0) {
        // A lead's upstream may hold thousands of ids: one JSON parameter, not one placeholder each.
        either.push('enterprise IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(q.scope.enterprises));
      }
      where.push(either.length ? `(${either.join(' OR ')})` : '0');
    }
    if (after) filter('(created_at > ? OR (created_at = ? AND id > ?))', after[0], after[0], after[1]);
    const rows = this.db
      .prepare(`SELECT * FROM request ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT ?`)
      .all(...params, q.limit + 1) as Row[];
    const items = rows.slice(0, q.limit).map((r) => withoutHistory(rowToRequest(r)));
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > q.limit ? encodeCursor([last.createdAt, last.id]) : null };
  }

  async overdue(before: string, limit: number): Promise<Request[]> {
    return (this.sql("SELECT * FROM request WHERE state = 'open' AND escalated = 0 AND created_at <= ? ORDER BY created_at, id LIMIT ?").all(before, limit) as Row[]).map((r) =>
      withoutHistory(rowToRequest(r)),
    );
  }

  async undelivered(limit: number): Promise<Request[]> {
    return (this.sql(`SELECT * FROM request WHERE state IN (${ACTIVE_SQL}) AND delivered_at IS NULL ORDER BY created_at, id LIMIT ?`).all(limit) as Row[]).map((r) =>
      withoutHistory(rowToRequest(r)),
    );
  }

  async appendEventOnce(event: NewTaskEvent): Promise<boolean> {
    const run = this.db.transaction((): boolean => {
      if (this.sql('SELECT 1 FROM task_event WHERE task_id = ? LIMIT 1').get(event.taskId) !== undefined) return false;
      this.insertEvent(event);
      return true;
    });
    return run.immediate();
  }
}

function withoutHistory(r: RequestWithHistory): Request {
  const { history: _h, ...rest } = r;
  return rest;
}

function rowToRequest(r: Row): RequestWithHistory {
  const out: RequestWithHistory = {
    id: r.id,
    enterprise: r.enterprise,
    category: r.category as Request['category'],
    title: r.title,
    description: r.description,
    assigneeProvince: r.assignee_province,
    state: r.state as Request['state'],
    raisedOn: r.raised_on,
    raisedBy: r.raised_by,
    escalated: r.escalated === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    history: JSON.parse(r.history) as RequestHistoryEntry[],
  };
  if (r.counterpart_province !== null) out.counterpartProvince = r.counterpart_province;
  if (r.counterpart_enterprise !== null) out.counterpartEnterprise = r.counterpart_enterprise;
  if (r.escalated_at !== null) out.escalatedAt = r.escalated_at;
  if (r.delivered_at !== null) out.deliveredAt = r.delivered_at;
  if (r.resolved_at !== null) out.resolvedAt = r.resolved_at;
  if (r.reason !== null) out.reason = r.reason;
  return out;
}
