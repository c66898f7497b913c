/**
 * Driver plumbing every Neo4j adapter shares (graph, tokens, audit, tasks, requests): sessions and
 * retries, statements loaded by name from cypher/*.cypher, driver values, UNWIND batches, driver
 * errors as LinkageErrors, and the one way to append to the audit trail.
 */
export { Neo4jSessions, run, advanceCounters, readCounters, notInitialised, OPTIMISTIC_READ_ATTEMPTS } from './session';
export type { Neo4jStoreOptions, Neo4jConnectionOptions, Neo4jDriverOptions, TransactionWork, ReadStamp } from './session';
export { cypher, cypherScript, CYPHER_DIR, type CypherStatement } from './cypher';
export { int, jsonText, text, toNumber, corrupt, present, type Props } from './values';
export { BATCH_SIZE, batches } from './batches';
export { isConstraintViolation, mapDriverError } from './driver-errors';
export { AUDIT_SEQ_COUNTER, appendAuditEntries } from './audit-rows';
