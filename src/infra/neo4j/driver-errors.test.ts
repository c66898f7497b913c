import { Neo4jError, error as driverErrors } from 'neo4j-driver';
import { LinkageError, invalidInput } from '../../shared/errors';
import { mapDriverError } from './driver-errors';

const neo4jError = (code: string, message = 'boom') => new Neo4jError(message, code as never, '50N42', 'general processing exception');

describe('mapDriverError', () => {
  it.each([
    ['the server is unreachable', driverErrors.SERVICE_UNAVAILABLE],
    ['the session expired', driverErrors.SESSION_EXPIRED],
    ['a transient error', 'Neo.TransientError.Transaction.DeadlockDetected'],
    ['the database is unavailable', 'Neo.TransientError.General.DatabaseUnavailable'],
    ['authorization expired', 'Neo.ClientError.Security.AuthorizationExpired'],
  ])('when %s, the store is not ready and a retry may help', (_what, code) => {
    const err = mapDriverError(neo4jError(code), 'import');
    expect(err).toBeInstanceOf(LinkageError);
    expect(err).toMatchObject({ code: 'not_ready', status: 503, retriable: true });
    expect(err.message).toBe(`neo4j import failed (${code}): boom`);
  });

  it.each([
    ['credentials are wrong', 'Neo.ClientError.Security.Unauthorized'],
    ['the database does not exist', 'Neo.ClientError.Database.DatabaseNotFound'],
  ])('when %s, the store is not ready and retrying will not help', (_what, code) => {
    expect(mapDriverError(neo4jError(code), 'ping')).toMatchObject({ code: 'not_ready', retriable: false });
  });

  it('a uniqueness race is a conflict that a retry resolves', () => {
    expect(mapDriverError(neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed'), 'status report')).toMatchObject({
      code: 'conflict',
      status: 409,
      retriable: true,
    });
  });

  it('a rejected statement is an internal error, not retriable', () => {
    expect(mapDriverError(neo4jError('Neo.ClientError.Statement.SyntaxError'), 'snapshot')).toMatchObject({ code: 'internal', retriable: false });
    expect(mapDriverError(neo4jError('Neo.DatabaseError.General.UnknownError'), 'snapshot')).toMatchObject({ code: 'internal', retriable: false });
  });

  it('classifies by code, not by message', () => {
    expect(mapDriverError(neo4jError('Neo.ClientError.Statement.SyntaxError', 'ServiceUnavailable: connection lost'), 'x').code).toBe('internal');
  });

  it('keeps the driver error as the cause', () => {
    const cause = neo4jError(driverErrors.SERVICE_UNAVAILABLE);
    expect(mapDriverError(cause, 'import').cause).toBe(cause);
  });

  it('passes a LinkageError through unchanged', () => {
    const err = invalidInput('links name unknown enterprises', [{ path: 'links[0].customer', message: 'unknown enterprise "X"' }]);
    expect(mapDriverError(err, 'import')).toBe(err);
  });

  it('anything else is internal', () => {
    const err = mapDriverError(new TypeError('Cannot pack undefined'), 'import');
    expect(err).toMatchObject({ code: 'internal', retriable: false, message: 'neo4j import failed: Cannot pack undefined' });
    expect(mapDriverError('weird', 'import').message).toBe('neo4j import failed: weird');
  });
});
