/**
 * Interns strings to dense indices, in first-seen order: the string tables (provinces,
 * industries, parts) of compact networks, snapshot columns and their patches.
 */
export class Interner {
  private map: Map<string, number> | undefined;
  private last = '';
  private lastIndex = -1;

  /** `values`: a table to go on from (its entries keep their indices); taken, not copied. */
  constructor(readonly values: string[] = []) {}

  of(value: string): number {
    // Rows come in insertion order, where the same value often repeats.
    if (value === this.last && this.lastIndex >= 0) return this.lastIndex;
    // The map of a table given to go on from is built on first use.
    this.map ??= new Map(this.values.map((v, i) => [v, i]));
    let i = this.map.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.map.set(value, i);
    }
    this.last = value;
    this.lastIndex = i;
    return i;
  }
}
