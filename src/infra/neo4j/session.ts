/**
 * What every Neo4j adapter (graph, token, audit and task store) does the same way: it owns or
 * borrows a driver, runs each unit of work as one managed read or write transaction in a session
 * of its own, reports a failure as a LinkageError naming what was being done, always releases the
 * session, and runs the statements of cypher/ with their parameters checked against the header.
 * Counters (advanceCounters, readCounters) and reads that must see one state (readAtOneState)
 * are shared here too.
 *
 * Each adapter has its own `Neo4jSessions`, so its own bookmark manager: a read sees every write
 * that adapter made before it, also on a cluster.
 */
import { isDeepStrictEqual } from 'node:util';
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { LinkageError } from '../../shared/errors';
import { checkParams, cypher, type CypherStatement } from './cypher';
import { mapDriverError } from './driver-errors';
import { int, toNumber } from './values';

export interface Neo4jConnectionOptions {
  uri: string;
  user: string;
  password: string;
  /** Database name; the server's default database when absent. */
  database?: string;
}

export interface Neo4jDriverOptions {
  driver: Driver;
  database?: string;
  /** Whether close() closes the driver. Default false: whoever made the driver closes it. */
  ownsDriver?: boolean;
}

export type Neo4jStoreOptions = Neo4jConnectionOptions | Neo4jDriverOptions;

/** One unit of work: the statements of one managed transaction. */
export type TransactionWork<T> = (tx: ManagedTransaction) => Promise<T>;

/**
 * Reads that must reflect one state of the store (see Neo4jSessions.readAtOneState) first run
 * optimistically; after this many tries they hold the lock instead.
 */
export const OPTIMISTIC_READ_ATTEMPTS = 3;

/** What tells a read that no write committed while it ran: counters every relevant write moves. */
export interface ReadStamp<S> {
  /** Reads the counters. */
  read: TransactionWork<S>;
  /** Write-locks the same counters until commit (writers then wait) and reads them. */
  lock: TransactionWork<S>;
}

type Session = ReturnType<Driver['session']>;

export class Neo4jSessions {
  private readonly driver: Driver;
  private readonly database: string | undefined;
  private readonly ownsDriver: boolean;
  /** Chains these sessions causally: a read sees every write made through them before it. */
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

  /** `action` names the work in error messages: "import", "token lookup", ... */
  read<T>(action: string, work: TransactionWork<T>): Promise<T> {
    return this.inSession(neo4j.session.READ, action, (session) => session.executeRead(work));
  }

  write<T>(action: string, work: TransactionWork<T>): Promise<T> {
    return this.inSession(neo4j.session.WRITE, action, (session) => session.executeWrite(work));
  }

  /**
   * Runs `work` so that what it reads is one state of the store. Neo4j reads are
   * read-committed, so a write may commit between two statements of a read transaction: the
   * stamp read before and after tells. When writers keep winning, the read takes the stamp's
   * lock, and writers wait for it instead.
   */
  async readAtOneState<S, T>(action: string, stamp: ReadStamp<S>, work: TransactionWork<T>): Promise<{ stamp: S; value: T }> {
    for (let attempt = 0; attempt < OPTIMISTIC_READ_ATTEMPTS; attempt++) {
      const out = await this.read(action, async (tx) => {
        const before = await stamp.read(tx);
        const value = await work(tx);
        return isDeepStrictEqual(before, await stamp.read(tx)) ? { stamp: before, value } : null;
      });
      if (out !== null) return out;
    }
    return this.write(action, async (tx) => ({ stamp: await stamp.lock(tx), value: await work(tx) }));
  }

  /** Runs each statement of a schema script (see cypherScript) in a write transaction of its own. */
  async applySchema(statements: readonly string[], action: string): Promise<void> {
    // Schema commands may not share a transaction with each other or with data writes.
    for (const statement of statements) {
      await this.write(action, async (tx) => {
        await tx.run(statement);
      });
    }
  }

  /** Closes the driver if it was made here or handed over with `ownsDriver`. */
  async close(): Promise<void> {
    if (this.ownsDriver) await this.driver.close();
  }

  private async inSession<T>(mode: 'READ' | 'WRITE', action: string, use: (session: Session) => Promise<T>): Promise<T> {
    let session: Session;
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

/** Runs one statement of cypher/ in `tx`, once its parameters match its header. */
export async function run(tx: ManagedTransaction, statement: CypherStatement, params: Record<string, unknown> = {}): Promise<Neo4jRecord[]> {
  checkParams(statement, params);
  return (await tx.run(statement.text, params)).records;
}

/**
 * Advances (:Counter) nodes by the given amounts and returns their new values. Reading c.value
 * to write it write-locks each counter until commit, so concurrent writers never share a value;
 * advancing by 0 takes the lock alone. Throws `missing()` when a counter does not exist.
 */
export async function advanceCounters<N extends string>(tx: ManagedTransaction, by: ReadonlyArray<readonly [N, number]>, missing: () => LinkageError): Promise<Record<N, number>> {
  const records = await run(tx, cypher('advance-counters'), { counters: by.map(([name, n]) => ({ name, by: int(n) })) });
  return counterValues(
    records,
    by.map(([name]) => name),
    missing,
  );
}

/** The current values of (:Counter) nodes, without locking them; throws `missing()` as advanceCounters does. */
export async function readCounters<N extends string>(tx: ManagedTransaction, names: readonly N[], missing: () => LinkageError): Promise<Record<N, number>> {
  return counterValues(await run(tx, cypher('read-counters'), { names: [...names] }), names, missing);
}

function counterValues<N extends string>(records: readonly Neo4jRecord[], names: readonly N[], missing: () => LinkageError): Record<N, number> {
  const values = {} as Record<N, number>;
  for (const r of records) values[r.get('name') as N] = toNumber(r.get('value'), `counter ${String(r.get('name'))}`);
  if (names.some((name) => values[name] === undefined)) throw missing();
  return values;
}

/**
 * The error of a store whose init() has not run (or whose counters were removed): retriable, since
 * another instance may be initialising the database right now. `what` names the store, `missing` what is absent.
 */
export function notInitialised(what: string, missing = 'its counters are missing'): LinkageError {
  return new LinkageError('not_ready', `neo4j ${what} is not initialised: ${missing} (run init())`, { retriable: true });
}
