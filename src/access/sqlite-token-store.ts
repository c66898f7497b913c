/** Token records in the embedded SQLite file (table `api_token`), hashes only. */
import type Database from 'better-sqlite3';
import { openSqlite, AUDIT_TABLE, appendAuditRows } from '../infra/sqlite';
import { LinkageError } from '../shared/errors';
import { tokenCreateAudit, tokenRevokeAudit, type NewToken, type TokenRecord, type TokenStore } from './tokens';

/** The audit actor of a token write that names none. */
const SYSTEM = 'system';

interface Row {
  id: string;
  role: TokenRecord['role'];
  actor: string;
  province: string | null;
  enterprise: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

function toRecord(r: Row): TokenRecord {
  return {
    id: r.id,
    role: r.role,
    actor: r.actor,
    ...(r.province !== null ? { province: r.province } : {}),
    ...(r.enterprise !== null ? { enterprise: r.enterprise } : {}),
    createdAt: r.created_at,
    ...(r.expires_at !== null ? { expiresAt: r.expires_at } : {}),
    ...(r.revoked_at !== null ? { revokedAt: r.revoked_at } : {}),
  };
}

export class SqliteTokenStore implements TokenStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSqlite(file);
  }

  async init(): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS api_token (
      id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL, actor TEXT NOT NULL,
      province TEXT, enterprise TEXT, created_at TEXT NOT NULL, expires_at TEXT, revoked_at TEXT)`);
    this.db.exec(AUDIT_TABLE);
  }

  async insert({ hash, record: r }: NewToken, actor = SYSTEM): Promise<void> {
    try {
      this.db.transaction(() => {
        this.db
          .prepare('INSERT INTO api_token (id, hash, role, actor, province, enterprise, created_at, expires_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(r.id, hash, r.role, r.actor, r.province ?? null, r.enterprise ?? null, r.createdAt, r.expiresAt ?? null, r.revokedAt ?? null);
        appendAuditRows(this.db, [tokenCreateAudit(r, actor)]);
      })();
    } catch (cause) {
      // A clash of random ids or hashes: the caller may simply try again.
      if ((cause as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || (cause as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new LinkageError('conflict', `token ${r.id} already exists`, { retriable: true, cause });
      }
      throw cause;
    }
  }

  async findByHash(hash: string): Promise<TokenRecord | null> {
    const row = this.db.prepare('SELECT * FROM api_token WHERE hash = ?').get(hash) as Row | undefined;
    return row ? toRecord(row) : null;
  }

  async list(): Promise<TokenRecord[]> {
    return (this.db.prepare('SELECT * FROM api_token ORDER BY created_at, id').all() as Row[]).map(toRecord);
  }

  async revoke(id: string, at: string, actor = SYSTEM): Promise<boolean> {
    const run = this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM api_token WHERE id = ?').get(id) as Row | undefined;
      if (!row) return false;
      if (row.revoked_at !== null) return true;
      this.db.prepare('UPDATE api_token SET revoked_at = ? WHERE id = ?').run(at, id);
      appendAuditRows(this.db, [tokenRevokeAudit(toRecord(row), at, actor)]);
      return true;
    });
    return run.immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
