/**
 * The Neo4j adapter of TokenStore: one (:ApiToken {id, hash, role, actor, province, enterprise,
 * createdAt, expiresAt, revokedAt}) node per token, with id and hash unique
 * (cypher/token-schema.cypher). Only the hash of the secret is stored. Timestamps are the ISO
 * strings the caller gives, kept verbatim as the SQLite adapter keeps them; an absent optional
 * field is a missing property.
 */
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import type { NewToken, TokenRecord, TokenStore } from '../../access';
import { LinkageError } from '../../shared/errors';
import { checkParams, cypher, cypherScript, type CypherStatement } from './cypher';
import { mapDriverError } from './driver-errors';
import { toNumber, type Props } from './mapping';
import type { Neo4jStoreOptions } from './neo4j-store';

export class Neo4jTokenStore implements TokenStore {
  private readonly driver: Driver;
  private readonly database: string | undefined;
  private readonly ownsDriver: boolean;
  /** A read sees every write this store made before it, also on a cluster. */
  private readonly bookmarks = neo4j.bookmarkManager();

  constructor(opts: Neo4jStoreOptions) {
    if ('driver' in opts) {
      this.driver = opts.driver;
      this.ownsDriver = opts.ownsDriver ?? false;
    } else {
      this.driver = neo4j.driver(opts.uri, neo4j.auth.basic(opts.user, opts.password));
      this.ownsDriver = true;
    }
    this.database = opts.database;
  }

  async init(): Promise<void> {
    // Schema commands may not share a transaction: one transaction each.
    for (const statement of cypherScript('token-schema')) {
      await this.write('token init', async (tx) => {
        await tx.run(statement);
      });
    }
  }

  /** A repeated id or hash is refused by the constraints ('conflict'). */
  async insert({ hash, record: r }: NewToken): Promise<void> {
    // As in the SQLite adapter, a new token is never revoked: r.revokedAt is not stored.
    await this.write('token insert', (tx) =>
      run(tx, cypher('insert-token'), {
        id: r.id,
        hash,
        role: r.role,
        actor: r.actor,
        province: r.province ?? null,
        enterprise: r.enterprise ?? null,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt ?? null,
      }),
    );
  }

  async findByHash(hash: string): Promise<TokenRecord | null> {
    const records = await this.read('token lookup', (tx) => run(tx, cypher('find-token'), { hash }));
    return records.length === 0 ? null : toTokenRecord(props(records[0]));
  }

  /** Oldest first: createdAt, then id. */
  async list(): Promise<TokenRecord[]> {
    const records = await this.read('token list', (tx) => run(tx, cypher('list-tokens')));
    return records.map((r) => toTokenRecord(props(r)));
  }

  /** Revoking again keeps the first revocation time and still answers true. */
  async revoke(id: string, at: string): Promise<boolean> {
    const records = await this.write('token revoke', (tx) => run(tx, cypher('revoke-token'), { id, at }));
    return toNumber(records[0]?.get('matched'), 'revoked tokens') > 0;
  }

  async close(): Promise<void> {
    if (this.ownsDriver) await this.driver.close();
  }

  private read<T>(action: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.inSession(neo4j.session.READ, action, (session) => session.executeRead(work));
  }

  private write<T>(action: string, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    return this.inSession(neo4j.session.WRITE, action, (session) => session.executeWrite(work));
  }

  private async inSession<T>(
    mode: 'READ' | 'WRITE',
    action: string,
    use: (session: ReturnType<Driver['session']>) => Promise<T>,
  ): Promise<T> {
    let session: ReturnType<Driver['session']>;
    try {
      session = this.driver.session({ database: this.database, defaultAccessMode: mode, bookmarkManager: this.bookmarks });
    } catch (err) {
      throw mapDriverError(err, action);
    }
    try {
      return await use(session);
    } catch (err) {
      throw mapDriverError(err, action);
    } finally {
      // The outcome is already decided; a failure to release the connection must not change it.
      await session.close().catch(() => undefined);
    }
  }
}

async function run(tx: ManagedTransaction, statement: CypherStatement, params: Record<string, unknown> = {}): Promise<Neo4jRecord[]> {
  checkParams(statement, params);
  return (await tx.run(statement.text, params)).records;
}

function props(record: Neo4jRecord): Props {
  return record.get('token') as Props;
}

/** Stored properties into a record, in the SQLite adapter's key order; the hash stays behind. */
export function toTokenRecord(p: Props): TokenRecord {
  const id = text(p, 'id', 'token');
  const where = `token "${id}"`;
  const optional = (key: 'province' | 'enterprise' | 'expiresAt' | 'revokedAt') =>
    p[key] === null || p[key] === undefined ? {} : { [key]: text(p, key, where) };
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

function text(p: Props, key: string, where: string): string {
  const v = p[key];
  if (typeof v !== 'string') {
    throw new LinkageError('internal', `neo4j store holds an unreadable ${where}: ${key} is ${v === undefined || v === null ? 'missing' : `a ${typeof v}`}, expected a string`);
  }
  return v;
}
