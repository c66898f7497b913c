/** The audit trail in the embedded SQLite file (table `audit_entry`). */
import type Database from 'better-sqlite3';
import { openSqlite, AUDIT_TABLE, appendAuditRows } from '../infra/sqlite';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import { invalidInput } from '../shared/errors';
import type { AuditEntry, AuditFilter, AuditStore, NewAuditEntry } from './audit';

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: AuditEntry['action'];
  target: string;
  revision: number | null;
  before_json: string | null;
  after_json: string | null;
}

const isSeq = (v: unknown): v is { seq: number } => typeof v === 'object' && v !== null && Number.isInteger((v as { seq?: unknown }).seq);

export class SqliteAuditStore implements AuditStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqlite(file);
  }

  async init(): Promise<void> {
    this.db.exec(AUDIT_TABLE);
  }

  async append(e: NewAuditEntry): Promise<AuditEntry> {
    const [seq] = appendAuditRows(this.db, [e]);
    return { seq, ...e, before: e.before ?? null, after: e.after ?? null };
  }

  async list(f: AuditFilter, page: { limit: number; cursor?: string }): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    if (!Number.isInteger(page.limit) || page.limit < 1) throw invalidInput('invalid page size', [{ path: 'limit', message: 'must be a whole number ≥ 1' }]);
    const after = decodeCursor(page.cursor, isSeq);
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_entry WHERE (@before IS NULL OR seq < @before)
           AND (@actor IS NULL OR actor = @actor) AND (@action IS NULL OR action = @action)
           AND (@target IS NULL OR target = @target) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at <= @to)
         ORDER BY seq DESC LIMIT @limit`,
      )
      .all({
        before: after?.seq ?? null,
        actor: f.actor ?? null,
        action: f.action ?? null,
        target: f.target ?? null,
        from: f.from === undefined ? null : new Date(f.from).toISOString(),
        to: f.to === undefined ? null : new Date(f.to).toISOString(),
        limit: page.limit + 1,
      }) as Row[];
    const items = rows.slice(0, page.limit).map((r): AuditEntry => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      target: r.target,
      revision: r.revision,
      before: r.before_json === null ? null : JSON.parse(r.before_json),
      after: r.after_json === null ? null : JSON.parse(r.after_json),
    }));
    return { items, nextCursor: rows.length > page.limit ? encodeCursor({ seq: items[items.length - 1].seq }) : null };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
