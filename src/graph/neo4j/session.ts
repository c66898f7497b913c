/**
 * What every Neo4j adapter (graph, token and audit store) does the same way: it owns or borrows
 * a driver, runs each unit of work as one managed read or write transaction in a session of its
 * own, reports a failure as a LinkageError naming what was being done, always releases the
 * session, and runs the statements of cypher/ with their parameters checked against the header.
 *
 * Each adapter has its own `Neo4jSessions`, so its own bookmark manager: a read sees every write
 * that adapter made before it, also on a cluster.
 */
import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';
import { checkParams, type CypherStatement } from './cypher';
import { mapDriverError } from './driver-errors';

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
