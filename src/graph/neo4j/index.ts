/**
 * The Neo4j adapter of the GraphStore (LINKAGE_STORE=neo4j). The token and audit adapters are in
 * src/access, the task and request adapters in src/coordination, each beside its SQLite twin; the
 * driver plumbing they share is src/infra/neo4j.
 */
import { Neo4jStore } from './neo4j-store';
import type { Neo4jStoreOptions } from '../../infra/neo4j';

export { Neo4jStore } from './neo4j-store';
export type { Neo4jStoreOptions, Neo4jConnectionOptions, Neo4jDriverOptions } from '../../infra/neo4j';

/** A store on the Neo4j database at `uri`, or on an injected driver; call init() before use. */
export function createNeo4jStore(opts: Neo4jStoreOptions & { changeLogRevisions?: number }): Neo4jStore {
  return new Neo4jStore(opts);
}
