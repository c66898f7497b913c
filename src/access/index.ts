/** Access control: API tokens and their scopes, and the audit trail of every write. */
export * from './tokens';
export type { Principal, Role, TokenResolver } from './principal';
export { adminTokenResolver } from './admin-token';
export * from './audit';
export { SqliteTokenStore } from './sqlite-token-store';
export { SqliteAuditStore } from './sqlite-audit-store';
export { issueToken, revokeToken, type AccessServices } from './use-cases';
export { Neo4jTokenStore, createNeo4jTokenStore } from './neo4j-token-store';
export { Neo4jAuditStore, AUDIT_SEQ_COUNTER, createNeo4jAuditStore } from './neo4j-audit-store';
export { createTokenStore, createAuditStore } from './stores';
