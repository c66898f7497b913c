/** Ids, slugs and provinces compare by UTF-16 code units: the same order everywhere, in any locale (unlike localeCompare). */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
