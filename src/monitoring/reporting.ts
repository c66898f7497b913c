/**
 * Reporting completeness (CONTRACT §10): of the enterprises that count on a date D (as in
 * resumption statistics: from the earlier of `since` and the first report), how many reported
 * on D, and which have gone quiet: no report on or before D, or the latest one more than
 * `staleDays` days before D. The stale list is ranked by weight in the chains (leadersServed,
 * most first), then id, so a liaison phones the enterprises that matter most first.
 */
import type { DatedStatus, StatusTimeline } from '../graph';
import { countsOn, firstReports, matches, type ResumptionFilter } from './resumption';

export interface StaleEnterprise {
  id: string;
  province: string;
  /** The latest report dated on or before D, or null when it never reported. */
  lastReport: string | null;
  leadersServed: number;
}

export interface ReportingFigure {
  date: string;
  expected: number;
  reported: number;
  /** reported / expected in percent, one decimal; null when nothing is expected. */
  rate: number | null;
  staleCount: number;
  /** Every stale enterprise, most leaders served first, then id. */
  stale: StaleEnterprise[];
}

const DAY_MS = 86_400_000;
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The figure on `date` from a status timeline read up to `date` or later. `weight` gives an
 * enterprise's leadersServed (0 when the analysis does not know it).
 */
export function reporting(date: string, timeline: StatusTimeline, filter: ResumptionFilter, staleDays: number, weight: (id: string) => number): ReportingFigure {
  const first = firstReports(timeline);
  const last = new Map<string, string>();
  // Reports come in asOf order: the last one seen on or before D is the latest.
  for (const r of timeline.reports) if (r.asOf <= date) last.set(r.enterprise, r.asOf);
  let expected = 0;
  let reported = 0;
  const stale: StaleEnterprise[] = [];
  for (const e of timeline.enterprises) {
    if (!countsOn(e, first.get(e.id), date) || !matches(e as DatedStatus, filter)) continue;
    expected++;
    const lastReport = last.get(e.id) ?? null;
    if (lastReport === date) reported++;
    if (lastReport === null || daysBetween(lastReport, date) > staleDays) {
      stale.push({ id: e.id, province: e.province, lastReport, leadersServed: weight(e.id) });
    }
  }
  stale.sort((a, b) => b.leadersServed - a.leadersServed || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { date, expected, reported, rate: expected ? round1((100 * reported) / expected) : null, staleCount: stale.length, stale };
}

/** The stale enterprises on `date` by province (what the daily reminders list). */
export function staleByProvince(figure: ReportingFigure): Map<string, StaleEnterprise[]> {
  const out = new Map<string, StaleEnterprise[]>();
  for (const s of figure.stale) out.set(s.province, [...(out.get(s.province) ?? []), s]);
  return out;
}
