/**
 * The window every date a client sends must fall in (CONTRACT §1): not before 2000-01-01 and
 * not more than one day after today in LINKAGE_TIME_ZONE. A report dated 9999-12-31 would
 * otherwise be the latest `asOf` forever and hide every real suspension after it.
 *
 * One check for every date field: `dateSchema` (schema.ts) applies it, so a new date field
 * is covered by declaring it with `dateSchema`. "Today" depends on the injected clock and the
 * configured time zone, which a static zod schema cannot take as arguments: the entry point
 * (the HTTP app per request, the write use cases for the CLI and seeding) runs the parse inside
 * `withClientToday`. Outside any such scope, today is the system clock's day in UTC.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { isoDate } from '../shared/clock';

export const EARLIEST_CLIENT_DATE = '2000-01-01';

const todayScope = new AsyncLocalStorage<() => string>();

/** Runs `fn` with `today` (YYYY-MM-DD, computed when a date is checked) as the client's today. */
export function withClientToday<T>(today: () => string, fn: () => T): T {
  return todayScope.run(today, fn);
}

/** Today for the current scope: the entry point's clock and time zone, else the system's UTC day. */
export function clientToday(): string {
  const today = todayScope.getStore();
  return today ? today() : isoDate(new Date());
}

/** The day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Why a well-formed YYYY-MM-DD date is out of the window, or null when it is in. */
export function clientDateProblem(date: string): string | null {
  if (date < EARLIEST_CLIENT_DATE) return `must be on or after ${EARLIEST_CLIENT_DATE}`;
  const latest = nextDay(clientToday());
  if (date > latest) return `must be at most one day after today (${latest} at the latest)`;
  return null;
}
