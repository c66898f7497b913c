/**
 * The Neo4j adapter of TokenStore: one (:ApiToken {id, hash, role, actor, province, enterprise,
 * createdAt, expiresAt, revokedAt}) node per token, with id and hash unique
 * (cypher/token-schema.cypher). Only the hash of the secret is stored. Timestamps are the ISO
 * strings the caller gives, kept verbatim as the SQLite adapter keeps them; an absent optional
 * field is a missing property.
 */
import type { Record as Neo4jRecord } from 'neo4j-driver';
import { tokenCreateAudit, tokenRevokeAudit, type NewToken, type TokenRecord, type TokenStore } from './tokens';
import { AUDIT_SEQ_COUNTER, appendAuditEntries, cypher, cypherScript, text, toNumber, type Props, Neo4jSessions, run, type Neo4jStoreOptions } from '../infra/neo4j';

export class Neo4jTokenStore implements TokenStore {
  private readonly sessions: Neo4jSessions;

  constructor(opts: Neo4jStoreOptions) {
    this.sessions = new Neo4jSessions(opts);
  }

  async init(): Promise<void> {
    await this.sessions.applySchema(cypherScript('token-schema'), 'token init');
    // The audit trail's counter: token writes append their entries (audit-rows.ts).
    await this.sessions.write('token init', (tx) => run(tx, cypher('init-counters'), { names: [AUDIT_SEQ_COUNTER] }));
  }

  /** A repeated id or hash is refused by the constraints ('conflict'). */
  async insert({ hash, record: r }: NewToken, actor = 'system'): Promise<void> {
    // As in the SQLite adapter, a new token is never revoked: r.revokedAt is not stored.
    await this.sessions.write('token insert', async (tx) => {
      await run(tx, cypher('insert-token'), {
        id: r.id,
        hash,
        role: r.role,
        actor: r.actor,
        province: r.province ?? null,
        enterprise: r.enterprise ?? null,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt ?? null,
      });
      await appendAuditEntries(tx, [tokenCreateAudit(r, actor)]);
    });
  }

  async findByHash(hash: string): Promise<TokenRecord | null> {
    const records = await this.sessions.read('token lookup', (tx) => run(tx, cypher('find-token'), { hash }));
    return records.length === 0 ? null : toTokenRecord(props(records[0]));
  }

  /** Oldest first: createdAt, then id. */
  async list(): Promise<TokenRecord[]> {
    const records = await this.sessions.read('token list', (tx) => run(tx, cypher('list-tokens')));
    return records.map((r) => toTokenRecord(props(r)));
  }

  /** Revoking again keeps the first revocation time and still answers true. */
  async revoke(id: string, at: string, actor = 'system'): Promise<boolean> {
    return this.sessions.write('token revoke', async (tx) => {
      // `before` read in the revoking transaction (tokens are few: the list is the lookup).
      const before = (await run(tx, cypher('list-tokens'))).map((r) => toTokenRecord(props(r))).find((t) => t.id === id);
      const records = await run(tx, cypher('revoke-token'), { id, at });
      const matched = toNumber(records[0]?.get('matched'), 'revoked tokens') > 0;
      if (matched && before && !before.revokedAt) await appendAuditEntries(tx, [tokenRevokeAudit(before, at, actor)]);
      return matched;
    });
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }
}

function props(record: Neo4jRecord): Props {
  return record.get('token') as Props;
}

/** Stored properties into a record, in the SQLite adapter's key order; the hash stays behind. */
export function toTokenRecord(p: Props): TokenRecord {
  const id = text(p, 'id', 'token');
  const where = `token "${id}"`;
  const optional = (key: 'province' | 'enterprise' | 'expiresAt' | 'revokedAt') => (p[key] === null || p[key] === undefined ? {} : { [key]: text(p, key, where) });
  return {
    id,
    role: text(p, 'role', where) as TokenRecord['role'],
    actor: text(p, 'actor', where),
    ...optional('province'),
    ...optional('enterprise'),
    createdAt: text(p, 'createdAt', where),
    ...optional('expiresAt'),
    ...optional('revokedAt'),
  };
}

/** API tokens in the Neo4j database at `uri`, or on an injected driver (which may be the graph
 * store's: pass `ownsDriver: false`, the default, and close it yourself); call init() before use. */
export function createNeo4jTokenStore(opts: Neo4jStoreOptions): Neo4jTokenStore {
  return new Neo4jTokenStore(opts);
}
