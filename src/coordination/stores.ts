/**
 * Which adapter serves the coordination's ports: Neo4j with LINKAGE_STORE=neo4j, else the SQLite
 * backend's one data file. The composition root takes these through createStores (src/runtime/stores.ts).
 */
import { dataFile } from '../infra/sqlite';
import type { Config } from '../shared/config';
import { createNeo4jRequestStore } from './neo4j-request-store';
import { createNeo4jTaskStore } from './neo4j-task-store';
import type { RequestStore } from './request-store';
import { SqliteRequestStore } from './sqlite-request-store';
import { SqliteTaskStore } from './sqlite-task-store';
import type { TaskStore } from './task-store';

/** The SQLite file the tasks (and everything else) live in. */
export function taskStoreFile(config: Readonly<Config>): string {
  return dataFile(config.dataDir);
}

/** Tasks live in the configured store: Neo4j with LINKAGE_STORE=neo4j, else the SQLite file in the data directory. */
export function createTaskStore(config: Readonly<Config>): TaskStore {
  if (config.store === 'neo4j') return createNeo4jTaskStore({ ...config.neo4j! });
  return new SqliteTaskStore({ file: taskStoreFile(config) });
}

/** Requests live beside the tasks: their events go into the task store's outbox in the same transaction. */
export function createRequestStore(config: Readonly<Config>): RequestStore {
  if (config.store === 'neo4j') return createNeo4jRequestStore({ ...config.neo4j! });
  return new SqliteRequestStore({ file: taskStoreFile(config) });
}
