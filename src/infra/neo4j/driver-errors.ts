/**
 * Driver errors into LinkageError. The driver already knows which failures are worth retrying
 * (`isRetryableError`: ServiceUnavailable, SessionExpired, transient errors, expired
 * authorization) and its managed transactions retry those until maxTransactionRetryTime; what
 * still fails is reported as 'not_ready' + retriable, so callers (and /api/ready) back off.
 * Classification uses error codes only, never messages.
 */
import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { LinkageError } from '../../shared/errors';

/** The store is reachable but not usable as configured: retrying will not help. */
const MISCONFIGURED = ['Neo.ClientError.Security.', 'Neo.ClientError.Database.DatabaseNotFound'];
/** A uniqueness constraint stopped a concurrent duplicate; running the write again finds the winner. */
const CONSTRAINT_VIOLATION = 'Neo.ClientError.Schema.ConstraintValidationFailed';

/** Whether a uniqueness (or other schema) constraint refused the write; by code, as mapDriverError decides. */
export function isConstraintViolation(err: unknown): boolean {
  return err instanceof Neo4jError && err.code === CONSTRAINT_VIOLATION;
}

/** `action` names what was being done, for the message: "import", "status history", ... */
export function mapDriverError(err: unknown, action: string): LinkageError {
  if (err instanceof LinkageError) return err;
  if (!(err instanceof Neo4jError)) {
    const message = err instanceof Error ? err.message : String(err);
    return new LinkageError('internal', `neo4j ${action} failed: ${message}`, { cause: err });
  }
  const what = `neo4j ${action} failed (${err.code}): ${err.message}`;
  if (isRetryableError(err)) return new LinkageError('not_ready', what, { retriable: true, cause: err });
  if (MISCONFIGURED.some((prefix) => err.code.startsWith(prefix))) {
    return new LinkageError('not_ready', what, { retriable: false, cause: err });
  }
  if (isConstraintViolation(err)) return new LinkageError('conflict', what, { retriable: true, cause: err });
  return new LinkageError('internal', what, { retriable: false, cause: err });
}
