/**
 * The one cursor codec of every paged list (stores, directory, reporting): opaque to clients,
 * base64url of a JSON value, and a cursor this server did not issue is the client's error.
 */
import { invalidInput } from './errors';

/** Cursors are opaque to clients: base64url of a JSON value. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/** Decodes a cursor made by encodeCursor; a cursor that is not one is the client's error. */
export function decodeCursor<T>(cursor: string | undefined, check: (v: unknown) => v is T): T | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!check(parsed)) throw invalidInput('invalid cursor', [{ path: 'cursor', message: 'not a cursor this server issued' }]);
  return parsed;
}
