/**
 * Opens the embedded database file the way every SQLite adapter needs it: WAL so readers
 * never wait for the writer, and a busy timeout because the API, the workers and the CLI
 * share one file and a commit may wait for another's lock.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** The one file of the SQLite backend, in the data directory: graph, tokens, audit trail, tasks and requests. */
export const DATA_FILE_NAME = 'linkage.sqlite';

/** The SQLite backend's file in `dataDir` (LINKAGE_DATA_DIR). */
export function dataFile(dataDir: string): string {
  return path.join(dataDir, DATA_FILE_NAME);
}

/**
 * The file holds tokens' hashes, the audit trail and every enterprise's contact: readable by
 * its owner only (0600, WAL and shared-memory files too), in a directory of its own made 0700.
 */
export function openSqlite(file: string): Database.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  if (file !== ':memory:') ownerOnly(file);
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  return db;
}

function ownerOnly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}
