export { SqliteStore, type SqliteStoreOptions } from './sqlite-store';
export { AUDIT_TABLE, appendAuditRows } from './audit-rows';
