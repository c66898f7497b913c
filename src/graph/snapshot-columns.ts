/**
 * Chain snapshots read as columns (SnapshotColumns, store.ts): a store fills them row by row
 * with ids and repeated strings interned, and the snapshot's `enterprises` and `links` object
 * arrays are built only when read. At a million enterprises and six million links, an object
 * per row was most of the cost of a snapshot, in allocation and in garbage collection.
 */
import { IdIndex } from '../shared/id-index';
import type { Role, Status } from './schema';
import type { ChainSnapshot, SnapshotColumns, SnapshotEnterprise, SnapshotLink } from './store';

const ROLES: readonly Role[] = ['supplier', 'leader'];
const STATUSES: readonly Status[] = ['resumed', 'partial', 'suspended'];
/** The code of each status in `SnapshotColumns.status` (the index in STATUSES; readColumns inlines the same). */
export const STATUS_COLUMN_CODE = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Readonly<Record<Status, number>>;

/** Interns strings to dense indices, in first-seen order. */
class Interner {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  private last = '';
  private lastIndex = -1;
  of(value: string): number {
    // Rows come in insertion order, where the same value often repeats.
    if (value === this.last && this.lastIndex >= 0) return this.lastIndex;
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
