/**
 * The figures the dashboard is about: the data date (the day the data speaks of, not the
 * calendar's today: the 2020 demonstration reads as of its own last report) and the SME
 * resumption figure on it.
 */
import type { Api, Query } from './api';
import { capabilities } from './capabilities';
import { addDays } from './i18n';
import type { ResumptionFigure, Runway } from './model';

/**
 * SMEs are enterprises of size medium, small or micro (`sme=true`). On a server without
 * that filter, suppliers stand in (nearly all SMEs are suppliers), and the UI says so.
 */
export async function smeQuery(api: Api): Promise<Query> {
  return (await capabilities(api)).sme ? { sme: true } : { role: 'supplier' };
}

export function isSmeFilter(q: Query): boolean {
  return q.sme === true;
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

const dates = new WeakMap<Api, Promise<string>>();

/** The data date, found once per session. */
export function dataDate(api: Api): Promise<string> {
  let p = dates.get(api);
  if (!p) {
    p = findDataDate(api);
    p.catch(() => dates.delete(api));
    dates.set(api, p);
  }
  return p;
}

/**
 * The runway answer states the data date (CONTRACT §7). Without it, the last day on which
 * the resumption figure still moved is taken: the figure is constant after the latest
 * report, so a gallop back from today and a bisection find that day in ~25 small reads.
 */
async function findDataDate(api: Api): Promise<string> {
  if ((await capabilities(api)).runway) {
    const r = await api.get<Runway>('/api/runway', { within: 0 });
    if (r?.date) return r.date;
  }
  const key = async (date: string) => {
    const f = await api.get<ResumptionFigure>('/api/stats/resumption', { date });
    return `${f.total}/${f.resumed}`;
  };
  const end = today();
  const last = await key(end);
  let step = 1;
  let hi = end;
  let lo: string | null = null;
  for (let i = 0; i < 16; i++) {
    const d = addDays(end, -step);
    if ((await key(d)) !== last) {
      lo = d;
      break;
    }
    hi = d;
    step *= 2;
  }
  if (!lo) return end;
  // The figure on lo differs from the last one; on hi it is the same: bisect the day it stops moving.
  while (addDays(lo, 1) < hi) {
    const span = Math.round((Date.parse(hi) - Date.parse(lo)) / 86_400_000);
    const mid = addDays(lo, Math.floor(span / 2));
    if ((await key(mid)) === last) hi = mid;
    else lo = mid;
  }
  return hi;
}
