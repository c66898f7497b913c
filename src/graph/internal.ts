/**
 * Helpers both store adapters share, so that they agree to the letter: the identity of a
 * status report (for idempotent import), the seq cursor, paging bounds, and the change log's
 * answer. The cursor codec itself is src/shared/cursor.ts.
 */
import { isoDate } from '../shared/clock';
import type { InventoryReportInput, StatusReportInput } from './schema';
import crypto from 'node:crypto';
import type { ChangesSince, NewInventoryReport, NewStatusReport, RevisionChange, RunwayRecords, StoreHead, WriteContext } from './store';
import { CHANGES_PER_READ } from './store';
import { invalidInput } from '../shared/errors';

/** Two reports with the same key are the same report: re-importing one does not add it twice. */
export function reportKey(r: NewStatusReport): string {
  const key: unknown[] = [r.enterprise, r.status, r.capacityPct ?? null, r.asOf, r.note ?? null, r.reporter ?? null];
  // Appended only when present, so the keys of reports stored before §7 stay what they were.
  if (r.expectedResumeOn !== undefined) key.push(r.expectedResumeOn);
  return JSON.stringify(key);
}

/** The same for inventory reports (§7). */
export function inventoryKey(r: NewInventoryReport): string {
  return JSON.stringify([r.customer, r.part, r.days, r.asOf, r.note ?? null, r.reporter ?? null]);
}

/** An inventory report without asOf is as of the day it is received. */
export function resolveInventory(r: InventoryReportInput, ctx: WriteContext): NewInventoryReport {
  return { ...r, asOf: r.asOf ?? isoDate(ctx.now, ctx.timeZone) };
}

/**
 * The suspension of one enterprise from its reports, newest first (asOf desc, then received
 * desc): when the newest is `suspended`, the asOf of the first report of that unbroken run of
 * suspended reports, and the newest one's expectedResumeOn. Null when it is not suspended.
 */
export function suspensionOf(
  enterprise: string,
  newestFirst: ReadonlyArray<{ status: string; asOf: string; expectedResumeOn?: string | null }>,
): RunwayRecords['suspensions'][number] | null {
  if (newestFirst.length === 0 || newestFirst[0].status !== 'suspended') return null;
  let downSince = newestFirst[0].asOf;
  for (const r of newestFirst) {
    if (r.status !== 'suspended') break;
    downSince = r.asOf;
  }
  const expected = newestFirst[0].expectedResumeOn;
  return { enterprise, downSince, ...(expected ? { expectedResumeOn: expected } : {}) };
}

export const isSeqCursor = (v: unknown): v is { asOf: string; seq: number } =>
  typeof v === 'object' && v !== null && typeof (v as { asOf?: unknown }).asOf === 'string' && Number.isInteger((v as { seq?: unknown }).seq);

/** A report without asOf is as of the day it is received. */
export function resolveReport(r: StatusReportInput, ctx: WriteContext): NewStatusReport {
  return { ...r, asOf: r.asOf ?? isoDate(ctx.now, ctx.timeZone) };
}

// ---- change log ----------------------------------------------------------------------------

/** A change as both logs store it: JSON beside its revision (which is the key, so not repeated). */
export function encodeChange(change: RevisionChange): string {
  const { revision: _revision, ...rest } = change;
  return JSON.stringify(rest);
}

export function decodeChange(revision: number, text: string): RevisionChange {
  return { revision, ...(JSON.parse(text) as Omit<RevisionChange, 'revision'>) } as RevisionChange;
}

/** changesSince's limit: a positive integer, CHANGES_PER_READ when absent. */
export function changesLimit(limit: number | undefined): number {
  if (limit === undefined) return CHANGES_PER_READ;
  if (!Number.isInteger(limit) || limit < 1) throw invalidInput(`changesSince: limit must be a positive integer, got ${limit}`);
  return limit;
}

/**
 * changesSince's answer from the store's head (its latest revision), read first, and the log
 * entries after `since`, read after it. Every revision since the log began has exactly one
 * entry, written in its transaction, so the entries are covered when they start right after
 * `since` and run on without a gap; none at all is covered only when nothing came after `since`.
 */
export function changesAfter(since: number, head: StoreHead, entries: RevisionChange[]): ChangesSince {
  if (entries.length === 0) return head.revision > since ? { ...head, covered: false } : { ...head, covered: true, changes: [] };
  if (entries.some((c, k) => c.revision !== since + 1 + k)) return { ...head, covered: false };
  return { ...head, covered: true, changes: entries };
}

/** A new store's identity (StoreHead.store), made once by its first init(). */
export function newStoreIdentity(): string {
  return crypto.randomUUID();
}

/** The revisions at or below which the log prunes once `revision` is written, keeping `keep`. */
export function prunedThrough(revision: number, keep: number): number {
  return revision - keep;
}

/** A retention of at least one revision (the latest change is never pruned). */
export function changeLogRetention(keep: number | undefined, fallback: number): number {
  const n = keep ?? fallback;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`change log retention must be a positive integer, got ${n}`);
  return n;
}
