/**
 * Every store of a process on the configured backend, from one place: LINKAGE_STORE=neo4j puts all
 * of them in Neo4j, else all of them share the SQLite file in the data directory (a write and its
 * audit entry, a request and its task event, commit in one transaction because they share it).
 * Each store is opened when asked for, so a command that needs two opens two.
 */
import { createAuditStore, createTokenStore, type AuditStore, type TokenStore } from '../access';
import { createRequestStore, createTaskStore, type RequestStore, type TaskStore } from '../coordination';
import { SqliteStore, type GraphStore } from '../graph';
import { createNeo4jStore } from '../graph/neo4j';
import { dataFile } from '../infra/sqlite';
import type { Config } from '../shared/config';

export interface Stores {
  graph(): GraphStore;
  tokens(): TokenStore;
  audit(): AuditStore;
  tasks(): TaskStore;
  requests(): RequestStore;
}

export function createStores(config: Readonly<Config>): Stores {
  return {
    graph: () => {
      const changeLog = config.changeLogRevisions === undefined ? {} : { changeLogRevisions: config.changeLogRevisions };
      return config.store === 'neo4j' ? createNeo4jStore({ ...config.neo4j!, ...changeLog }) : new SqliteStore({ file: dataFile(config.dataDir), ...changeLog });
    },
    tokens: () => createTokenStore(config),
    audit: () => createAuditStore(config),
    tasks: () => createTaskStore(config),
    requests: () => createRequestStore(config),
  };
}
