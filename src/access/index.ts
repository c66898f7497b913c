/** Access control: API tokens and their scopes, and the audit trail of every write. */
export * from './tokens';
export * from './audit';
export { SqliteTokenStore } from './sqlite-token-store';
export { SqliteAuditStore } from './sqlite-audit-store';
export { issueToken, revokeToken, type AccessServices } from './use-cases';
