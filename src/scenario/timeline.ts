/**
 * The scenario's calendar, 2020-02-10 (first working day after the extended Spring Festival
 * break) to 2020-03-31, and the resumption curves that drive the status history.
 *
 * Two points are source figures (MIIT, 2020): SMEs' work-resumption rate was 71.7% on
 * 2020-03-24, 42.1 points above 2020-02-23, i.e. 29.6%. The scenario hits both exactly (to
 * 0.1 point). The other anchors are illustrative shapes: leaders ahead of SMEs, and Hubei
 * held back by its lockdown until mid-March, then catching up once it eased.
 */
export const SCENARIO_START = '2020-02-10';
export const SCENARIO_END = '2020-03-31';
const DAY_MS = 86_400_000;
const START_MS = Date.parse(`${SCENARIO_START}T00:00:00Z`);

/** Days from SCENARIO_START to SCENARIO_END inclusive. */
export const DAYS = (Date.parse(`${SCENARIO_END}T00:00:00Z`) - START_MS) / DAY_MS + 1;
export const LAST_DAY = DAYS - 1;

/** Day index of a YYYY-MM-DD date (0 = SCENARIO_START; may be negative or past LAST_DAY). */
export function dayOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - START_MS) / DAY_MS);
}

/** The YYYY-MM-DD date of a day index. */
export function dateOf(day: number): string {
  return new Date(START_MS + day * DAY_MS).toISOString().slice(0, 10);
}

export const DATES: readonly string[] = Array.from({ length: DAYS }, (_, d) => dateOf(d));

/** A resumption curve: percent resumed at anchor dates, linear in between, flat after the last. */
export type Curve = ReadonlyArray<readonly [date: string, pct: number]>;

/** The published SME figures the scenario reproduces. */
export const SOURCE_FIGURES = Object.freeze([
  { date: '2020-02-23', role: 'supplier', rate: 29.6 },
  { date: '2020-03-24', role: 'supplier', rate: 71.7 },
] as const);

export const CURVES = Object.freeze({
  /** Every supporting SME in the country; passes through both source figures. */
  smesNational: [
    ['2020-02-10', 9.0],
    ['2020-02-17', 18.5],
    ['2020-02-23', 29.6],
    ['2020-03-01', 44.0],
    ['2020-03-10', 56.5],
    ['2020-03-17', 65.0],
    ['2020-03-24', 71.7],
    ['2020-03-31', 76.8],
  ] as Curve,
  /** Hubei's SMEs: a trickle of exempted firms until mid-March, then orderly reopening. */
  smesHubei: [
    ['2020-02-10', 0.4],
    ['2020-02-23', 2.5],
    ['2020-03-10', 7.0],
    ['2020-03-13', 10.0],
    ['2020-03-20', 28.0],
    ['2020-03-24', 42.0],
    ['2020-03-31', 70.0],
  ] as Curve,
  leadersElsewhere: [
    ['2020-02-10', 16],
    ['2020-02-17', 52],
    ['2020-02-23', 76],
    ['2020-03-02', 92],
    ['2020-03-09', 100],
  ] as Curve,
  /** Hubei's plants restarted from 11 March under the province's key-enterprise exemptions. */
  leadersHubei: [
    ['2020-02-10', 0],
    ['2020-03-12', 0],
    ['2020-03-18', 20],
    ['2020-03-24', 50],
    ['2020-03-31', 100],
  ] as Curve,
});

/** First day Hubei's enterprises could restart (partially) under exemptions. */
export const HUBEI_EXEMPTIONS_FROM = dayOf('2020-03-11');

export function curvePct(curve: Curve, day: number): number {
  if (day < dayOf(curve[0][0])) return 0;
  for (let i = 1; i < curve.length; i++) {
    const d1 = dayOf(curve[i][0]);
    if (day === d1) return curve[i][1];
    if (day < d1) {
      const d0 = dayOf(curve[i - 1][0]);
      const [p0, p1] = [curve[i - 1][1], curve[i][1]];
      return p0 + ((p1 - p0) * (day - d0)) / (d1 - d0);
    }
  }
  return curve[curve.length - 1][1];
}

/** How many of `n` enterprises are resumed on each day when `n` follow the curve. */
export function cumulativeCounts(curve: Curve, n: number): Int32Array {
  const counts = new Int32Array(DAYS);
  for (let d = 0; d < DAYS; d++) counts[d] = Math.round((curvePct(curve, d) / 100) * n);
  return counts;
}
