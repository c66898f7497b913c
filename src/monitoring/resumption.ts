/**
 * Resumption statistics, computed from the status history (never from stored aggregates):
 * the share of enterprises whose status on a date is `resumed`. `partial` is operating but
 * not resumed, as in the source figures.
 *
 * Who counts on a date D (CONTRACT §1, §4): an enterprise whose `since` or first status report
 * is on or before D, whichever is earlier; never before. An enterprise imported today without
 * reports therefore leaves every past figure as it was.
 */
import type { DatedStatus, Role, Size, StatusTimeline } from '../graph';

export interface ResumptionFilter {
  province?: string;
  industry?: string;
  role?: Role;
  size?: Size;
  /** true: size medium, small or micro (an SME); false: any other (large, or no size given). */
  sme?: boolean;
}

/** The sizes that make an SME (the `sme` filter). */
export const SME_SIZES: ReadonlySet<Size> = new Set<Size>(['medium', 'small', 'micro']);

export const isSme = (s: Pick<DatedStatus, 'size'>): boolean => s.size !== undefined && SME_SIZES.has(s.size);

/**
 * True when the enterprise counts in statistics on `date`: from the earlier of its `since` and
 * its first report (`firstReport`, its earliest asOf). No `since` (stored before it existed): always.
 */
export function countsOn(e: Pick<DatedStatus, 'since'>, firstReport: string | undefined, date: string): boolean {
  return e.since === undefined || e.since <= date || (firstReport !== undefined && firstReport <= date);
}

/** Each enterprise's earliest report date, from a timeline (its reports are in asOf order). */
export function firstReports(timeline: StatusTimeline): Map<string, string> {
  const first = new Map<string, string>();
  for (const r of timeline.reports) if (!first.has(r.enterprise)) first.set(r.enterprise, r.asOf);
  return first;
}

export interface ResumptionFigure {
  date: string;
  total: number;
  resumed: number;
  /** Percent, to one decimal like the source figures; null when nothing matches. */
  rate: number | null;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function matches(s: DatedStatus, f: ResumptionFilter): boolean {
  return (
    (f.province === undefined || s.province === f.province) &&
    (f.industry === undefined || s.industry === f.industry) &&
    (f.role === undefined || s.role === f.role) &&
    (f.size === undefined || s.size === f.size) &&
    (f.sme === undefined || isSme(s) === f.sme)
  );
}

export function resumption(date: string, statuses: readonly DatedStatus[], filter: ResumptionFilter = {}): ResumptionFigure {
  let total = 0;
  let resumed = 0;
  for (const s of statuses) {
    if (!matches(s, filter)) continue;
    total++;
    if (s.status === 'resumed') resumed++;
  }
  return { date, total, resumed, rate: total ? round1((100 * resumed) / total) : null };
}

/** Percentage points from `before` to `after`, on the rounded rates people compare. */
export function changePoints(before: ResumptionFigure, after: ResumptionFigure): number | null {
  return before.rate === null || after.rate === null ? null : round1(after.rate - before.rate);
}

/** Figures per group (province or industry) on one date, groups sorted by key. */
export function resumptionBy(
  date: string,
  statuses: readonly DatedStatus[],
  by: 'province' | 'industry',
  filter: ResumptionFilter = {},
): Array<ResumptionFigure & { key: string }> {
  const keys = [...new Set(statuses.filter((s) => matches(s, filter)).map((s) => s[by]))].sort();
  return keys.map((key) => ({ key, ...resumption(date, statuses, { ...filter, [by]: key }) }));
}

/** Every date from `from` to `to` inclusive (YYYY-MM-DD, UTC). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Each enterprise that counts on the date (countsOn) with its status then, for every date in
 * `dates`, from one read of the status timeline: the reports are replayed once in the order
 * that decides the current status, so a series of D days over E enterprises and R reports costs
 * O(R + D·E), not D queries.
 */
export function statusesOnDates(timeline: StatusTimeline, dates: readonly string[]): Map<string, DatedStatus[]> {
  const sorted = [...new Set(dates)].sort();
  const current = new Map(timeline.enterprises.map((e) => [e.id, e.status]));
  const first = firstReports(timeline);
  const out = new Map<string, DatedStatus[]>();
  let next = 0;
  for (const date of sorted) {
    for (; next < timeline.reports.length && timeline.reports[next].asOf <= date; next++) {
      const r = timeline.reports[next];
      if (current.has(r.enterprise)) current.set(r.enterprise, r.status);
    }
    out.set(
      date,
      timeline.enterprises.filter((e) => countsOn(e, first.get(e.id), date)).map((e) => ({ ...e, status: current.get(e.id)! })),
    );
  }
  return out;
}
