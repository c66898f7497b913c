/**
 * Status timelines: for every enterprise, the day it turned `partial` and the day it
 * `resumed` (either may never come). Everyone starts suspended (the Spring Festival
 * shutdown, extended by the epidemic).
 *
 * Counts, not chance, decide who has resumed on each day: each group (Hubei / elsewhere,
 * leaders / SMEs) follows its curve exactly, readiest first, so the national SME rate is the
 * source figure on the anchor dates. On 24 March the suspended SMEs are chosen so that every
 * need keeps at least one operating source; the only blocked chains that day are the
 * designed ones (see designs.ts), which makes the demonstration deterministic.
 */
import { HUBEI_INDEX } from './geography';
import { MAX_ALTERNATES, NEED_DESIGNED, type Enterprises, type NeedTable } from './network';
import type { ForcedSchedule } from './designs';
import type { Rng } from './rng';
import { CURVES, DAYS, HUBEI_EXEMPTIONS_FROM, LAST_DAY, SOURCE_FIGURES, cumulativeCounts, dayOf } from './timeline';

export const NEVER = -1;

export interface Schedule {
  partialDay: Int8Array;
  resumeDay: Int8Array;
  partialCapacity: Uint8Array;
  resumeCapacity: Uint8Array;
}

/** The day the designed chains are checked against (the later source figure). */
export const CHECK_DAY = dayOf(SOURCE_FIGURES[1].date);
/** Of the SMEs not resumed on the check day, the share that is still fully suspended. */
const STILL_SUSPENDED = { hubei: 0.75, elsewhere: 0.6 };

export type StatusCode = 0 | 1 | 2;
export const SUSPENDED: StatusCode = 0;
export const PARTIAL: StatusCode = 1;
export const RESUMED: StatusCode = 2;

export function statusOnDay(s: Schedule, i: number, day: number): StatusCode {
  const r = s.resumeDay[i];
  if (r !== NEVER && r <= day) return RESUMED;
  const p = s.partialDay[i];
  return p !== NEVER && p <= day ? PARTIAL : SUSPENDED;
}

export function planStatuses(e: Enterprises, needs: NeedTable, forced: readonly ForcedSchedule[], rng: Rng): Schedule {
  const s: Schedule = {
    partialDay: new Int8Array(e.total).fill(NEVER),
    resumeDay: new Int8Array(e.total).fill(NEVER),
    partialCapacity: new Uint8Array(e.total),
    resumeCapacity: new Uint8Array(e.total),
  };
  const isForced = new Uint8Array(e.total);
  for (const f of forced) {
    isForced[f.enterprise] = 1;
    s.partialDay[f.enterprise] = f.partialDay;
    s.resumeDay[f.enterprise] = f.resumeDay;
  }
  const inHubei = (i: number) => e.province[i] === HUBEI_INDEX;
  const leaders = range(0, e.leaders);
  const suppliers = range(e.leaders, e.total);

  // Leaders: readiness is pure chance; Hubei's follow their own, later curve.
  const leaderKey = (_i: number) => rng.float();
  for (const [group, curve] of [
    [leaders.filter(inHubei), CURVES.leadersHubei],
    [leaders.filter((i) => !inHubei(i)), CURVES.leadersElsewhere],
  ] as const) {
    resumeByQuota(s, group, isForced, cumulativeCounts(curve, group.length), leaderKey);
  }

  // SMEs: tier-1 and medium-sized firms tend to be readier. Hubei follows its own curve and
  // the rest of the country makes up the national figure exactly.
  const smeKey = (i: number) => (rng.float() + 0.15 * (e.tier[i] - 1) + 0.1 * (e.size[i] - 1)) / 2;
  const hubeiSmes = suppliers.filter(inHubei);
  const otherSmes = suppliers.filter((i) => !inHubei(i));
  const national = cumulativeCounts(CURVES.smesNational, suppliers.length);
  const hubei = cumulativeCounts(CURVES.smesHubei, hubeiSmes.length);
  const elsewhere = national.map((n, d) => n - hubei[d]);
  const hubeiOrder = resumeByQuota(s, hubeiSmes, isForced, hubei, smeKey);
  const otherOrder = resumeByQuota(s, otherSmes, isForced, elsewhere, smeKey);

  const down = chooseStillSuspended(s, needs, e.total, isForced, [
    [hubeiOrder, STILL_SUSPENDED.hubei],
    [otherOrder, STILL_SUSPENDED.elsewhere],
  ]);
  for (const i of leaders) if (!isForced[i]) planLeaderPartial(s, i, inHubei(i), rng);
  for (const i of suppliers) if (!isForced[i]) planSmePartial(s, i, inHubei(i), down[i] === 1, rng);

  for (let i = 0; i < e.total; i++) {
    s.partialCapacity[i] = 5 * rng.range(4, 14); // 20–70 %
    s.resumeCapacity[i] = 5 * rng.range(16, 20); // 80–100 %
  }
  return s;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

/**
 * Sorts the group's unforced members by readiness and gives the k-th of them the first day
 * on which the curve's count, less the forced members already resumed, exceeds k.
 * Returns the unforced members, readiest first.
 */
function resumeByQuota(s: Schedule, group: readonly number[], isForced: Uint8Array, counts: ArrayLike<number>, key: (i: number) => number): Int32Array {
  const forcedBy = new Int32Array(DAYS);
  const free: number[] = [];
  for (const i of group) {
    if (!isForced[i]) free.push(i);
    else if (s.resumeDay[i] !== NEVER) forcedBy[s.resumeDay[i]]++;
  }
  for (let d = 1; d < DAYS; d++) forcedBy[d] += forcedBy[d - 1];

  // Sort by a packed float (readiness in the high bits, position in the low bits): exact and fast.
  const packed = new Float64Array(free.length);
  const SCALE = 2 ** 26;
  for (let k = 0; k < free.length; k++) packed[k] = Math.floor(key(free[k]) * SCALE) * SCALE + k;
  packed.sort();
  const order = new Int32Array(free.length);
  for (let k = 0; k < free.length; k++) order[k] = free[packed[k] % SCALE];

  const quota = new Int32Array(DAYS);
  for (let d = 0; d < DAYS; d++) {
    const q = counts[d] - forcedBy[d];
    quota[d] = Math.min(free.length, Math.max(q, d > 0 ? quota[d - 1] : 0));
  }
  let day = 0;
  for (let k = 0; k < order.length; k++) {
    while (day < DAYS && quota[day] <= k) day++;
    s.resumeDay[order[k]] = day < DAYS ? day : NEVER;
  }
  return order;
}

/**
 * Picks which SMEs not yet resumed on the check day are fully suspended (the rest run
 * partially), least ready first, never taking the last operating source of a critical need
 * outside the designed chains. Returns a flag per enterprise.
 */
function chooseStillSuspended(s: Schedule, needs: NeedTable, total: number, isForced: Uint8Array, groups: readonly (readonly [Int32Array, number])[]): Uint8Array {
  // Needs each supplier serves, as compressed lists.
  const start = new Int32Array(total + 1);
  for (let n = 0; n < needs.count; n++) {
    for (let k = 0; k < needs.size[n]; k++) start[needs.suppliers[n * MAX_ALTERNATES + k] + 1]++;
  }
  for (let i = 0; i < total; i++) start[i + 1] += start[i];
  const fill = start.slice(0, total);
  const served = new Int32Array(start[total]);
  const operating = new Uint8Array(needs.count);
  const guarded = new Uint8Array(needs.count);
  for (let n = 0; n < needs.count; n++) {
    let critical = false;
    for (let k = 0; k < needs.size[n]; k++) {
      const sup = needs.suppliers[n * MAX_ALTERNATES + k];
      served[fill[sup]++] = n;
      critical ||= needs.critical[n * MAX_ALTERNATES + k] === 1;
      const forcedDown = isForced[sup] && (s.partialDay[sup] === NEVER || s.partialDay[sup] > CHECK_DAY) && (s.resumeDay[sup] === NEVER || s.resumeDay[sup] > CHECK_DAY);
      if (!forcedDown) operating[n]++;
    }
    guarded[n] = critical && needs.kind[n] !== NEED_DESIGNED ? 1 : 0;
  }

  const down = new Uint8Array(total);
  for (const [order, share] of groups) {
    const candidates: number[] = [];
    for (let k = order.length - 1; k >= 0; k--) {
      const i = order[k];
      if (s.resumeDay[i] === NEVER || s.resumeDay[i] > CHECK_DAY) candidates.push(i);
    }
    const target = Math.floor(candidates.length * share);
    let chosen = 0;
    for (const i of candidates) {
      if (chosen >= target) break;
      let safe = true;
      for (let j = start[i]; j < start[i + 1] && safe; j++) safe = !guarded[served[j]] || operating[served[j]] >= 2;
      if (!safe) continue;
      for (let j = start[i]; j < start[i + 1]; j++) operating[served[j]]--;
      down[i] = 1;
      chosen++;
    }
  }
  return down;
}

/** Plants ramp up for a few days (partial) before they count as resumed. */
function planLeaderPartial(s: Schedule, i: number, hubei: boolean, rng: Rng): void {
  const r = s.resumeDay[i];
  const floor = hubei ? HUBEI_EXEMPTIONS_FROM : 0;
  if (r === NEVER) {
    s.partialDay[i] = rng.range(floor, hubei ? LAST_DAY : floor + 10);
    return;
  }
  const p = Math.max(floor, r - rng.range(3, 9));
  if (p < r) s.partialDay[i] = p;
}

function planSmePartial(s: Schedule, i: number, hubei: boolean, stillSuspended: boolean, rng: Rng): void {
  const r = s.resumeDay[i];
  if (stillSuspended) {
    // Suspended through the check day; some reopen partially afterwards.
    const until = r === NEVER ? LAST_DAY : r - 1;
    if (until > CHECK_DAY && rng.chance(0.4)) s.partialDay[i] = rng.range(CHECK_DAY + 1, until);
    return;
  }
  if (r === NEVER || r > CHECK_DAY) {
    // Not resumed on the check day but running partially by then.
    const from = Math.max(hubei ? HUBEI_EXEMPTIONS_FROM : 0, CHECK_DAY - 20);
    s.partialDay[i] = rng.range(from, CHECK_DAY);
    return;
  }
  if (r > 0 && rng.chance(0.55)) s.partialDay[i] = Math.max(0, r - rng.range(2, 12));
}
