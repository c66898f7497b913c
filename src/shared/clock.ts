/** Time is injected everywhere it matters (SLA timers, asOf defaults) so tests never sleep. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2020-03-24T08:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: Date | string): void {
    this.t = new Date(at).getTime();
  }
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day of `d` as YYYY-MM-DD in `timeZone` (an IANA name; default UTC). China
 * Standard Time is UTC+8: before 08:00 in Beijing it is still the previous day in UTC.
 */
export function isoDate(d: Date, timeZone = 'UTC'): string {
  if (timeZone === 'UTC') return d.toISOString().slice(0, 10);
  let format = dayFormats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(d);
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of instant `t` in `timeZone`, read as if it were UTC (ms). */
function wallClock(t: number, timeZone: string): number {
  let format = wallFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** The instant (ms) a calendar day YYYY-MM-DD begins in `timeZone`. */
export function startOfDay(date: string, timeZone = 'UTC'): number {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  if (timeZone === 'UTC') return midnightUtc;
  // The zone's offset at a guess, then once more at the corrected instant (a DST change).
  let t = midnightUtc - (wallClock(midnightUtc, timeZone) - midnightUtc);
  t = midnightUtc - (wallClock(t, timeZone) - t);
  return t;
}

/** True when `tz` is a time zone this runtime knows (IANA name, e.g. Asia/Shanghai). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Settles as `p` does, or rejects after `ms` with `error` (a message, or the error to throw).
 * The timer is cleared once `p` settles and never keeps the process alive on its own.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, error: string | (() => Error)): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(typeof error === 'string' ? new Error(error) : error()), ms);
    t.unref();
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
