/** What every SQLite adapter shares: opening the one data file, and the audit trail's table and append. */
export { openSqlite, dataFile, DATA_FILE_NAME, SQLITE_BUSY_TIMEOUT_MS } from './open';
export { AUDIT_TABLE, appendAuditRows } from './audit-rows';
