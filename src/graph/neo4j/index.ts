/** The Neo4j adapters: GraphStore (LINKAGE_STORE=neo4j), and the token, audit and task stores beside it. */
import { Neo4jAuditStore } from './neo4j-audit-store';
import { Neo4jStore } from './neo4j-store';
import { Neo4jTaskStore } from './neo4j-task-store';
import { Neo4jTokenStore } from './neo4j-token-store';
import { Neo4jRequestStore } from './neo4j-request-store';
import type { Neo4jStoreOptions } from './session';

export { Neo4jStore } from './neo4j-store';
export type { Neo4jStoreOptions, Neo4jConnectionOptions, Neo4jDriverOptions } from './session';
export { Neo4jTokenStore } from './neo4j-token-store';
export { Neo4jAuditStore, AUDIT_SEQ_COUNTER } from './neo4j-audit-store';
export { Neo4jTaskStore, TASK_COUNTERS } from './neo4j-task-store';
export { Neo4jRequestStore, REQUEST_COUNTERS } from './neo4j-request-store';

/** A store on the Neo4j database at `uri`, or on an injected driver; call init() before use. */
export function createNeo4jStore(opts: Neo4jStoreOptions): Neo4jStore {
  return new Neo4jStore(opts);
}

/**
 * API tokens in the Neo4j database at `uri`, or on an injected driver (which may be the graph
 * store's: pass `ownsDriver: false`, the default, and close it yourself); call init() before use.
 */
export function createNeo4jTokenStore(opts: Neo4jStoreOptions): Neo4jTokenStore {
  return new Neo4jTokenStore(opts);
}

/** The audit trail in the Neo4j database at `uri`, or on an injected driver; call init() before use. */
export function createNeo4jAuditStore(opts: Neo4jStoreOptions): Neo4jAuditStore {
  return new Neo4jAuditStore(opts);
}

/** Coordination tasks and their outbox in the Neo4j database at `uri`, or on an injected driver; call init() before use. */
export function createNeo4jTaskStore(opts: Neo4jStoreOptions): Neo4jTaskStore {
  return new Neo4jTaskStore(opts);
}

/** Enterprise requests in the Neo4j database at `uri`, or on an injected driver; init() after the task and audit stores. */
export function createNeo4jRequestStore(opts: Neo4jStoreOptions): Neo4jRequestStore {
  return new Neo4jRequestStore(opts);
}
