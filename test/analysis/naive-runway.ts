/**
 * A deliberately naive second implementation of the stop dates of CONTRACT §7, the oracle of
 * the runway tests: shares no code with src/analysis, works on dates as day numbers in plain
 * maps, and iterates the equations until nothing changes, starting from "nothing stops but the
 * down enterprises" (T = ∞), which is how the least solution is reached.
 */
import type { ChainSnapshot } from '../../src/graph/store';

export interface NaiveRunwayInput {
  /** downSince day of each suspended enterprise (default: `date`). */
  downSince?: Record<string, number>;
  /** Current inventory per "customer|part": asOf day and days. */
  stock?: Record<string, { asOf: number; days: number }>;
  /** The data date D as a day number. */
  date: number;
}

export interface NaiveRunway {
  stop: Map<string, number>;
  /** Part ids of each enterprise's complete critical groups with E = T. */
  givingParts: Map<string, string[]>;
}

export function naiveRunway(snapshot: ChainSnapshot, input: NaiveRunwayInput): NaiveRunway {
  const groups = new Map<string, { customer: string; part: string; suppliers: string[]; critical: boolean }>();
  for (const l of snapshot.links) {
    const key = `${l.customer}|${l.part}`;
    const g = groups.get(key) ?? { customer: l.customer, part: l.part, suppliers: [], critical: false };
    g.suppliers.push(l.supplier);
    g.critical ||= l.critical;
    groups.set(key, g);
  }
  const stop = new Map<string, number>();
  const down = new Set(snapshot.enterprises.filter((e) => e.status === 'suspended').map((e) => e.id));
  for (const id of down) stop.set(id, input.downSince?.[id] ?? input.date);
  const exhausted = (key: string): number => {
    const g = groups.get(key)!;
    if (!g.critical || !g.suppliers.every((s) => stop.has(s))) return Infinity;
    const latest = Math.max(...g.suppliers.map((s) => stop.get(s)!));
    const stock = input.stock?.[key];
    return stock ? Math.max(latest, stock.asOf) + stock.days : latest;
  };
  for (let changed = true; changed;) {
    changed = false;
    for (const e of snapshot.enterprises) {
      if (down.has(e.id)) continue;
      let t = Infinity;
      for (const [key, g] of groups) if (g.customer === e.id) t = Math.min(t, exhausted(key));
      if (t !== (stop.get(e.id) ?? Infinity)) {
        if (t === Infinity) stop.delete(e.id);
        else stop.set(e.id, t);
        changed = true;
      }
    }
  }
  const givingParts = new Map<string, string[]>();
  for (const [key, g] of groups) {
    if (down.has(g.customer) || !stop.has(g.customer) || exhausted(key) !== stop.get(g.customer)) continue;
    givingParts.set(g.customer, [...(givingParts.get(g.customer) ?? []), g.part].sort());
  }
  return { stop, givingParts };
}
