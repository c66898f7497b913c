/**
 * The runway records (§7: suspension runs, current stock, the latest date) of one process, kept
 * in memory so that a runway read after a write does not read them all from the store again
 * (that read, not the pass, is what a revision's runway costs). The chain state feeds it every
 * change it applies, its own writes' and other processes' alike (the store's change log): each
 * carries what the records need, the enterprise's suspension run included. A change applies
 * only to the revision right after the one held; anything else (an import, a gap) drops the
 * records, and the next read loads them from the store.
 */
import type { GraphStore, RevisionChange, RunwayRecords } from '../graph';

export class RunwayRecordsCache {
  private revision = -1;
  /** Moves at each drop: a read that was out meanwhile (perhaps of a store since swapped) is not kept. */
  private generation = 0;
  private latestAsOf: string | null = null;
  private readonly suspensions = new Map<string, RunwayRecords['suspensions'][number]>();
  /** By `customer\u0000part`. */
  private readonly inventories = new Map<string, RunwayRecords['inventories'][number]>();

  /** The records at revision `atLeast` or later: the ones held when recent enough, else the store's. */
  async read(store: GraphStore, atLeast: number): Promise<RunwayRecords> {
    if (this.revision >= 0 && this.revision >= atLeast) return this.records();
    const generation = this.generation;
    const records = await store.runwayRecords();
    // Changes applied while the read was out may have moved the records past it.
    if (generation === this.generation && records.revision > this.revision) this.load(records);
    return records;
  }

  /** Moves the records to the change's revision, or drops them when they do not hold the one before. */
  apply(change: RevisionChange): void {
    if (this.revision < 0 || change.revision <= this.revision) return;
    if (change.revision !== this.revision + 1 || change.kind === 'import') return this.drop();
    if (change.kind === 'status') {
      if (change.suspension) this.suspensions.set(change.enterprise, { enterprise: change.enterprise, ...change.suspension });
      else this.suspensions.delete(change.enterprise);
    } else {
      const key = `${change.customer}\u0000${change.part}`;
      const current = this.inventories.get(key);
      // Ties go to the latest received: this one.
      if (!current || change.asOf >= current.asOf) this.inventories.set(key, { customer: change.customer, part: change.part, days: change.days, asOf: change.asOf });
    }
    if (this.latestAsOf === null || change.asOf > this.latestAsOf) this.latestAsOf = change.asOf;
    this.revision = change.revision;
  }

  drop(): void {
    this.generation++;
    this.clear();
  }

  private load(records: RunwayRecords): void {
    this.clear();
    this.revision = records.revision;
    this.latestAsOf = records.latestAsOf;
    for (const x of records.suspensions) this.suspensions.set(x.enterprise, x);
    for (const x of records.inventories) this.inventories.set(`${x.customer}\u0000${x.part}`, x);
  }

  private clear(): void {
    this.revision = -1;
    this.suspensions.clear();
    this.inventories.clear();
  }

  private records(): RunwayRecords {
    return { revision: this.revision, latestAsOf: this.latestAsOf, suspensions: [...this.suspensions.values()], inventories: [...this.inventories.values()] };
  }
}
