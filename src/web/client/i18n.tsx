/**
 * The language of the UI: Simplified Chinese by default, English on request, remembered in
 * localStorage; `<html lang>` follows it. Every text goes through t()/tn() with a key of the
 * one catalogue (messages.ts), and numbers and dates through Intl for the language. The
 * language is a signal, so every component that renders text re-renders when it changes.
 */
import { signal } from '@preact/signals';
import { CATALOGUES, LANGS, type Lang, type MessageKey } from './messages';

export type { Lang, MessageKey };
export { LANGS };

const STORAGE_KEY = 'linkage.lang';

function stored(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v && (LANGS as readonly string[]).includes(v)) return v as Lang;
  } catch {
    // Storage refused (private mode): the default.
  }
  return 'zh-CN';
}

export const lang = signal<Lang>(stored());
document.documentElement.lang = lang.value;

export function setLang(l: Lang): void {
  lang.value = l;
  document.documentElement.lang = l;
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // Not remembered, still switched.
  }
}

export type Params = Record<string, string | number>;

function fill(msg: string, params?: Params): string {
  if (!params) return msg;
  return msg.replace(/\{(\w+)\}/g, (all, k: string) => {
    const v = params[k];
    return v === undefined ? all : typeof v === 'number' ? fmtNum(v) : v;
  });
}

/** The message for a key in the current language, with {placeholders} filled. */
export function t(key: MessageKey, params?: Params): string {
  return fill(CATALOGUES[lang.value][key], params);
}

/**
 * A counted message: "one|other" forms chosen by Intl.PluralRules ({n} is the count).
 * Chinese messages have one form.
 */
export function tn(key: MessageKey, n: number, params?: Params): string {
  const forms = CATALOGUES[lang.value][key].split('|');
  const form = forms.length > 1 && new Intl.PluralRules(lang.value).select(n) === 'one' ? forms[0] : forms[forms.length - 1];
  return fill(form, { ...params, n });
}

/** A translated message when the catalogue has the key, else undefined. */
export function tMaybe(key: string, params?: Params): string | undefined {
  const cat = CATALOGUES[lang.value] as Record<string, string>;
  return key in cat ? fill(cat[key], params) : undefined;
}

export function fmtNum(n: number, digits = 0): string {
  return new Intl.NumberFormat(lang.value, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
}

/** A rate in percent (the API's unit) as the language writes it: "61.3%". */
export function fmtPct(n: number | undefined | null): string {
  if (n === undefined || n === null || Number.isNaN(n)) return '–';
  return new Intl.NumberFormat(lang.value, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n / 100);
}

/** Percentage points with a sign: "+3.2 pts" / "+3.2 个百分点". */
export function fmtPoints(n: number): string {
  const v = new Intl.NumberFormat(lang.value, { signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
  return t('unit.points', { v });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (YYYY-MM-DD) as the language writes it: "2020年3月24日" / "Mar 24, 2020". */
export function fmtDate(day: string | undefined | null, opts: { short?: boolean } = {}): string {
  if (!day) return '';
  if (!DAY.test(day)) return day;
  const d = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(lang.value, { timeZone: 'UTC', month: 'short', day: 'numeric', ...(opts.short ? {} : { year: 'numeric' }) }).format(d);
}

/** A moment in the reader's time zone: "2020/3/24 16:05" / "Mar 24, 2020, 4:05 PM". */
export function fmtTime(iso: string | undefined): string {
  if (!iso) return '';
  if (DAY.test(iso)) return fmtDate(iso);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang.value, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/** Whole days between two calendar days (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
