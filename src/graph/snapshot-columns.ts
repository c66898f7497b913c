/**
 * Chain snapshots read as columns (SnapshotColumns, store.ts): a store fills them row by row
 * with ids and repeated strings interned, and the snapshot's `enterprises` and `links` object
 * arrays are built only when read. At a million enterprises and six million links, an object
 * per row was most of the cost of a snapshot, in allocation and in garbage collection.
 */
import { IdIndex } from '../shared/id-index';
import type { Role, Status } from './schema';
import type { ChainSnapshot, SnapshotColumns, SnapshotEnterprise, SnapshotLink } from './store';
import { Interner } from '../shared/interner';

const ROLES: readonly Role[] = ['supplier', 'leader'];
const STATUSES: readonly Status[] = ['resumed', 'partial', 'suspended'];
/** The code of each status in `SnapshotColumns.status` (the index in STATUSES; readColumns inlines the same). */
export const STATUS_COLUMN_CODE = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Readonly<Record<Status, number>>;

/**
 * Enterprise rows: [id, name, role, province, industry, status, capacityPct | null].
 * Link rows: [supplier, customer, part, critical (0 or 1)].
 */
export type EnterpriseRow = [string, string, string, string, string, string, number | null];
export type LinkRow = [string, string, string, number];

/** Reads the rows into columns, enterprises first; `where` names the store in errors. */
export function readColumns(
  enterpriseCount: number,
  enterpriseRows: () => Iterable<EnterpriseRow>,
  linkCount: number,
  linkRows: () => Iterable<LinkRow>,
  where: string,
): SnapshotColumns {
  const n = enterpriseCount;
  const ids: string[] = new Array(n);
  const names: string[] = new Array(n);
  const capacityPct = new Float64Array(n);
  const role = new Uint8Array(n);
  const status = new Uint8Array(n);
  const provinceOf = new Int32Array(n);
  const industryOf = new Int32Array(n);
  const provinces = new Interner();
  const industries = new Interner();
  let i = 0;
  // Rows are read by index, not destructured: destructuring walks each row with an iterator.
  for (const row of enterpriseRows()) {
    if (i === n) throw new Error(`${where}: more enterprises than counted`);
    const id = row[0];
    const name = row[1];
    const r = row[2];
    const province = row[3];
    const industry = row[4];
    const s = row[5];
    const capacity = row[6];
    ids[i] = id;
    names[i] = name;
    role[i] = r === 'supplier' ? 0 : r === 'leader' ? 1 : badValue(where, id, 'role', r);
    status[i] = s === 'resumed' ? 0 : s === 'partial' ? 1 : s === 'suspended' ? 2 : badValue(where, id, 'status', s);
    provinceOf[i] = provinces.of(province);
    industryOf[i] = industries.of(industry);
    capacityPct[i] = typeof capacity === 'number' ? capacity : NaN;
    i++;
  }
  if (i !== n) throw new Error(`${where}: ${i} enterprises read, ${n} counted`);
  const index = new IdIndex(ids);
  const m = linkCount;
  const linkSupplier = new Int32Array(m);
  const linkCustomer = new Int32Array(m);
  const linkPart = new Int32Array(m);
  const linkCritical = new Uint8Array(m);
  const parts = new Interner();
  // Links come in insertion order, which usually keeps a customer's links together:
  // remembering the last id looked up on each side skips most hash lookups.
  let lastSupplier = '';
  let lastSupplierIndex = -1;
  let lastCustomer = '';
  let lastCustomerIndex = -1;
  let k = 0;
  for (const row of linkRows()) {
    if (k === m) throw new Error(`${where}: more links than counted`);
    const s = row[0];
    const c = row[1];
    const p = row[2];
    const critical = row[3];
    if (s !== lastSupplier || lastSupplierIndex < 0) {
      lastSupplier = s;
      lastSupplierIndex = index.get(s) ?? unknownEnterprise(where, s, c, p, s);
    }
    if (c !== lastCustomer || lastCustomerIndex < 0) {
      lastCustomer = c;
      lastCustomerIndex = index.get(c) ?? unknownEnterprise(where, s, c, p, c);
    }
    linkSupplier[k] = lastSupplierIndex;
    linkCustomer[k] = lastCustomerIndex;
    linkPart[k] = parts.of(p);
    linkCritical[k] = critical === 0 ? 0 : 1;
    k++;
  }
  if (k !== m) throw new Error(`${where}: ${k} links read, ${m} counted`);
  return {
    ids,
    names,
    capacityPct,
    role,
    status,
    provinces: provinces.values,
    provinceOf,
    industries: industries.values,
    industryOf,
    parts: parts.values,
    linkSupplier,
    linkCustomer,
    linkPart,
    linkCritical,
    index,
  };
}

/**
 * A typed array a patch grows; `length` is the live prefix. By an eighth: the columns are
 * millions long and a patch usually adds a few rows.
 */
function grown<T extends Float64Array | Int32Array | Uint8Array>(a: T, length: number, needed: number): T {
  if (needed <= a.length) return a;
  const out = new (a.constructor as new (n: number) => T)(Math.max(needed, a.length + (a.length >> 3) + 1024));
  out.set(a.subarray(0, length));
  return out;
}

/**
 * Rewrites a string table into first-seen order over its codes, dropping unused strings: the
 * table readColumns would intern from the same rows. The codes are rewritten in place.
 */
function internedOrder(table: readonly string[], codes: Int32Array): string[] {
  const to = new Int32Array(table.length).fill(-1);
  const out: string[] = [];
  for (let k = 0; k < codes.length; k++) {
    const c = codes[k];
    let t = to[c];
    if (t < 0) {
      t = out.length;
      to[c] = t;
      out.push(table[c]);
    }
    codes[k] = t;
  }
  return out;
}

/**
 * Columns changed row by row into the columns a fresh readColumns would give for the changed
 * rows: enterprises are set in place or added at the end (rows are read in insertion order, so
 * a new one comes last), links likewise (a link's critical flag set in place). finish() then puts
 * each string table back into first-seen order, without the strings no row uses any more, so the
 * result equals the row read exactly. Takes ownership of the base columns' arrays.
 */
export class ColumnsPatch {
  private readonly ids: string[];
  private readonly names: string[];
  private capacityPct: Float64Array;
  private role: Uint8Array;
  private status: Uint8Array;
  private provinceOf: Int32Array;
  private industryOf: Int32Array;
  private linkSupplier: Int32Array;
  private linkCustomer: Int32Array;
  private linkPart: Int32Array;
  private linkCritical: Uint8Array;
  private readonly provinces: Interner;
  private readonly industries: Interner;
  private readonly parts: Interner;
  private n: number;
  private m: number;
  private readonly index: SnapshotColumns['index'];
  /** Added enterprises' positions: the base index still answers for the others. */
  private readonly added = new Map<string, number>();

  constructor(
    base: SnapshotColumns,
    private readonly where: string,
  ) {
    this.ids = base.ids;
    this.names = base.names;
    this.capacityPct = base.capacityPct;
    this.role = base.role;
    this.status = base.status;
    this.provinceOf = base.provinceOf;
    this.industryOf = base.industryOf;
    this.linkSupplier = base.linkSupplier;
    this.linkCustomer = base.linkCustomer;
    this.linkPart = base.linkPart;
    this.linkCritical = base.linkCritical;
    this.provinces = new Interner(base.provinces);
    this.industries = new Interner(base.industries);
    this.parts = new Interner(base.parts);
    this.n = base.ids.length;
    this.m = base.linkSupplier.length;
    this.index = base.index;
  }

  get enterpriseCount(): number {
    return this.n;
  }

  get linkCount(): number {
    return this.m;
  }

  /** The enterprise row at position i, which must hold the row's id. */
  setEnterprise(i: number, row: EnterpriseRow): void {
    if (i < 0 || i >= this.n || this.ids[i] !== row[0]) throw new Error(`${this.where}: enterprise "${row[0]}" is not at position ${i}`);
    this.write(i, row);
  }

  addEnterprise(row: EnterpriseRow): void {
    if (this.index.has(row[0]) || this.added.has(row[0])) throw new Error(`${this.where}: enterprise "${row[0]}" added twice`);
    const i = this.n;
    this.capacityPct = grown(this.capacityPct, i, i + 1);
    this.role = grown(this.role, i, i + 1);
    this.status = grown(this.status, i, i + 1);
    this.provinceOf = grown(this.provinceOf, i, i + 1);
    this.industryOf = grown(this.industryOf, i, i + 1);
    this.ids[i] = row[0];
    this.n = i + 1;
    this.added.set(row[0], i);
    this.write(i, row);
  }

  private write(i: number, row: EnterpriseRow): void {
    const id = row[0];
    const r = row[2];
    const s = row[5];
    const capacity = row[6];
    this.names[i] = row[1];
    this.role[i] = r === 'supplier' ? 0 : r === 'leader' ? 1 : badValue(this.where, id, 'role', r);
    this.status[i] = s === 'resumed' ? 0 : s === 'partial' ? 1 : s === 'suspended' ? 2 : badValue(this.where, id, 'status', s);
    this.provinceOf[i] = this.provinces.of(row[3]);
    this.industryOf[i] = this.industries.of(row[4]);
    this.capacityPct[i] = typeof capacity === 'number' ? capacity : NaN;
  }

  private enterprise(id: string, row: LinkRow): number {
    return this.index.get(id) ?? this.added.get(id) ?? unknownEnterprise(this.where, row[0], row[1], row[2], id);
  }

  /** The critical flag of link k, which must be the row's link. */
  setLink(k: number, row: LinkRow): void {
    const s = this.enterprise(row[0], row);
    const c = this.enterprise(row[1], row);
    if (k < 0 || k >= this.m || this.linkSupplier[k] !== s || this.linkCustomer[k] !== c || this.parts.values[this.linkPart[k]] !== row[2]) {
      throw new Error(`${this.where}: link ${row[0]} -> ${row[1]} (${row[2]}) is not at position ${k}`);
    }
    this.linkCritical[k] = row[3] === 0 ? 0 : 1;
  }

  addLink(row: LinkRow): void {
    const k = this.m;
    const s = this.enterprise(row[0], row);
    const c = this.enterprise(row[1], row);
    this.linkSupplier = grown(this.linkSupplier, k, k + 1);
    this.linkCustomer = grown(this.linkCustomer, k, k + 1);
    this.linkPart = grown(this.linkPart, k, k + 1);
    this.linkCritical = grown(this.linkCritical, k, k + 1);
    this.linkSupplier[k] = s;
    this.linkCustomer[k] = c;
    this.linkPart[k] = this.parts.of(row[2]);
    this.linkCritical[k] = row[3] === 0 ? 0 : 1;
    this.m = k + 1;
  }

  /** The patched columns; the patch is not used after. */
  finish(): SnapshotColumns {
    const { n, m } = this;
    const provinceOf = this.provinceOf.subarray(0, n);
    const industryOf = this.industryOf.subarray(0, n);
    const linkPart = this.linkPart.subarray(0, m);
    return {
      ids: this.ids,
      names: this.names,
      capacityPct: this.capacityPct.subarray(0, n),
      role: this.role.subarray(0, n),
      status: this.status.subarray(0, n),
      provinces: internedOrder(this.provinces.values, provinceOf),
      provinceOf,
      industries: internedOrder(this.industries.values, industryOf),
      industryOf,
      parts: internedOrder(this.parts.values, linkPart),
      linkSupplier: this.linkSupplier.subarray(0, m),
      linkCustomer: this.linkCustomer.subarray(0, m),
      linkPart,
      linkCritical: this.linkCritical.subarray(0, m),
      index: this.added.size === 0 ? this.index : lazyIndex(this.ids),
    };
  }
}

/** An IdIndex over the ids built on first use: a patch that is only written (the SQLite cache) never needs it. */
function lazyIndex(ids: readonly string[]): SnapshotColumns['index'] {
  let index: IdIndex | undefined;
  return {
    get: (id) => (index ??= new IdIndex(ids)).get(id),
    has: (id) => (index ??= new IdIndex(ids)).has(id),
    size: ids.length,
  };
}

/** Columns with no rows: what an empty store reads. */
export function emptyColumns(): SnapshotColumns {
  return readColumns(
    0,
    () => [],
    0,
    () => [],
    'empty',
  );
}

function badValue(where: string, id: string, field: string, value: string): never {
  throw new RangeError(`${where}: enterprise "${id}" has ${field} ${JSON.stringify(value)}`);
}

function unknownEnterprise(where: string, s: string, c: string, p: string, id: string): never {
  throw new RangeError(`${where}: link ${s} -> ${c} (${p}): unknown enterprise "${id}"`);
}

/** A ChainSnapshot over columns; its object arrays are built on first read, once. */
export function columnSnapshot(revision: number, columns: SnapshotColumns): ChainSnapshot {
  let enterprises: SnapshotEnterprise[] | undefined;
  let links: SnapshotLink[] | undefined;
  const snapshot: ChainSnapshot = {
    revision,
    columns,
    get enterprises(): SnapshotEnterprise[] {
      enterprises ??= columns.ids.map((id, i) => ({
        id,
        role: ROLES[columns.role[i]],
        province: columns.provinces[columns.provinceOf[i]],
        industry: columns.industries[columns.industryOf[i]],
        status: STATUSES[columns.status[i]],
        name: columns.names[i],
        capacityPct: Number.isNaN(columns.capacityPct[i]) ? null : columns.capacityPct[i],
      }));
      return enterprises;
    },
    set enterprises(value: SnapshotEnterprise[]) {
      // The columns no longer describe the snapshot.
      snapshot.columns = undefined;
      enterprises = value;
    },
    get links(): SnapshotLink[] {
      if (!links) {
        const { ids, parts, linkSupplier, linkCustomer, linkPart, linkCritical } = columns;
        links = new Array(linkSupplier.length);
        for (let k = 0; k < links.length; k++) {
          links[k] = {
            supplier: ids[linkSupplier[k]],
            customer: ids[linkCustomer[k]],
            part: parts[linkPart[k]],
            critical: linkCritical[k] === 1,
          };
        }
      }
      return links;
    },
    set links(value: SnapshotLink[]) {
      snapshot.columns = undefined;
      links = value;
    },
  };
  return snapshot;
}
