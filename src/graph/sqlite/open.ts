/**
 * Opens the embedded database file the way every SQLite adapter needs it: WAL so readers
 * never wait for the writer, and a busy timeout because the API, the workers and the CLI
 * share one file and a commit may wait for another's lock.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return db;
}
