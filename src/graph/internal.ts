/**
 * Helpers both store adapters share, so that they agree to the letter: the identity of a
 * status report (for idempotent import), cursors, and paging bounds.
 */
import { invalidInput } from '../shared/errors';
import { isoDate } from '../shared/clock';
import type { StatusReportInput } from './schema';
import type { NewStatusReport, WriteContext } from './store';

/** Two reports with the same key are the same report: re-importing one does not add it twice. */
export function reportKey(r: NewStatusReport): string {
  return JSON.stringify([r.enterprise, r.status, r.capacityPct ?? null, r.asOf, r.note ?? null, r.reporter ?? null]);
}

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

export const isSeqCursor = (v: unknown): v is { asOf: string; seq: number } =>
  typeof v === 'object' && v !== null && typeof (v as { asOf?: unknown }).asOf === 'string' &&
  Number.isInteger((v as { seq?: unknown }).seq);

/** A report without asOf is as of the day it is received. */
export function resolveReport(r: StatusReportInput, ctx: WriteContext): NewStatusReport {
  return { ...r, asOf: r.asOf ?? isoDate(ctx.now, ctx.timeZone) };
}
