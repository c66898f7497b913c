/** The Neo4j adapter of GraphStore (LINKAGE_STORE=neo4j). */
import { Neo4jStore, type Neo4jStoreOptions } from './neo4j-store';

export { Neo4jStore, type Neo4jStoreOptions, type Neo4jConnectionOptions, type Neo4jDriverOptions } from './neo4j-store';

/** A store on the Neo4j database at `uri`, or on an injected driver; call init() before use. */
export function createNeo4jStore(opts: Neo4jStoreOptions): Neo4jStore {
  return new Neo4jStore(opts);
}
