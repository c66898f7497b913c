/**
 * Which adapter serves the access ports: Neo4j with LINKAGE_STORE=neo4j, else the SQLite backend's
 * one data file. The composition root takes these through createStores (src/runtime/stores.ts).
 */
import { dataFile } from '../infra/sqlite';
import type { Config } from '../shared/config';
import type { AuditStore } from './audit';
import { createNeo4jAuditStore } from './neo4j-audit-store';
import { createNeo4jTokenStore } from './neo4j-token-store';
import { SqliteAuditStore } from './sqlite-audit-store';
import { SqliteTokenStore } from './sqlite-token-store';
import type { TokenStore } from './tokens';

/** Tokens live in the configured store, so every instance knows every token. */
export function createTokenStore(config: Readonly<Config>): TokenStore {
  if (config.store === 'neo4j') return createNeo4jTokenStore({ ...config.neo4j! });
  return new SqliteTokenStore(dataFile(config.dataDir));
}

/** The audit trail lives in the configured store too. */
export function createAuditStore(config: Readonly<Config>): AuditStore {
  if (config.store === 'neo4j') return createNeo4jAuditStore({ ...config.neo4j! });
  return new SqliteAuditStore(dataFile(config.dataDir));
}
