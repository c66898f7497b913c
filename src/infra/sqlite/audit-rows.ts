/**
 * The audit trail's table in the embedded file, and the one way to append to it: inside the
 * transaction of the write it records, on that write's own connection. Every SQLite adapter
 * that writes (graph, tasks, tokens, and any new one) creates the table in its init() and
 * calls appendAuditRows() in its write transaction:
 *
 *   this.db.transaction(() => { …the change…; appendAuditRows(this.db, [entry]); })
 *
 * A crash between the change and its entry is then impossible: SQLite commits both or neither.
 */
import type Database from 'better-sqlite3';
import type { AuditRecord } from '../audit-record';

export const AUDIT_TABLE = `
CREATE TABLE IF NOT EXISTS audit_entry (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, revision INTEGER, before_json TEXT, after_json TEXT);
CREATE INDEX IF NOT EXISTS audit_entry_target ON audit_entry (target, seq);
CREATE INDEX IF NOT EXISTS audit_entry_actor ON audit_entry (actor, seq);
`;

const INSERT = 'INSERT INTO audit_entry (at, actor, action, target, revision, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?)';

const prepared = new WeakMap<Database.Database, Database.Statement>();

/** Appends entries in order; returns their seqs. Call it inside the caller's transaction. */
export function appendAuditRows(db: Database.Database, entries: readonly AuditRecord[]): number[] {
  if (entries.length === 0) return [];
  let insert = prepared.get(db);
  if (!insert) prepared.set(db, (insert = db.prepare(INSERT)));
  return entries.map((e) => Number(insert.run(e.at, e.actor, e.action, e.target, e.revision, JSON.stringify(e.before ?? null), JSON.stringify(e.after ?? null)).lastInsertRowid));
}
