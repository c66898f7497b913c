/**
 * The SQLite store's packed snapshot cache: one row holding a snapshot's columns (SnapshotColumns)
 * as BLOBs, typed arrays as their bytes and the string tables as one JSON text, with the revision
 * whose committed state they describe. Reading it costs a few copies of ~100 MB where reading the
 * rows costs millions of row steps (issue #17). The store uses it only when no import landed
 * after that revision and the change log holds every revision since; status changes since are
 * patched in from the log (sqlite-store.ts snapshot()).
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import { IdIndex } from '../../shared/id-index';
import type { SnapshotColumns } from '../store';

export const SNAPSHOT_CACHE_TABLE = `
CREATE TABLE IF NOT EXISTS snapshot_cache (
  key TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  strings BLOB NOT NULL,
  capacity BLOB NOT NULL,
  role BLOB NOT NULL,
  status BLOB NOT NULL,
  province_of BLOB NOT NULL,
  industry_of BLOB NOT NULL,
  link_supplier BLOB NOT NULL,
  link_customer BLOB NOT NULL,
  link_part BLOB NOT NULL,
  link_critical BLOB NOT NULL
);
`;

const KEY = 'snapshot';

/** Typed arrays are stored in the machine's byte order; a file moved to a big-endian machine is read from rows. */
const LITTLE_ENDIAN = os.endianness() === 'LE';

interface Strings {
  ids: string[];
  names: string[];
  provinces: string[];
  industries: string[];
  parts: string[];
}

type CacheRow = [revision: number, strings: Buffer, ...arrays: Buffer[]];

export interface CachedColumns {
  revision: number;
  columns: SnapshotColumns;
}

/** The cache's revision, or null when there is none; cheap (no BLOB is read). */
export function cachedRevision(db: Database.Database): number | null {
  const r = db.prepare('SELECT revision FROM snapshot_cache WHERE key = ?').pluck().get(KEY) as number | undefined;
  return r ?? null;
}

/** The cached columns, or null when there is no usable cache; call inside the snapshot's read transaction. */
export function readCache(db: Database.Database): CachedColumns | null {
  if (!LITTLE_ENDIAN) return null;
  const row = db
    .prepare(
      `SELECT revision, strings, capacity, role, status, province_of, industry_of, link_supplier, link_customer, link_part, link_critical
       FROM snapshot_cache WHERE key = ?`,
    )
    .raw()
    .get(KEY) as CacheRow | undefined;
  if (!row) return null;
  const [revision, stringsBlob, capacity, role, status, provinceOf, industryOf, linkSupplier, linkCustomer, linkPart, linkCritical] = row;
  const strings = JSON.parse(stringsBlob.toString('utf8')) as Strings;
  const n = strings.ids.length;
  const m = linkSupplier.length / 4;
  const columns: SnapshotColumns = {
    ids: strings.ids,
    names: strings.names,
    capacityPct: copy(capacity, Float64Array, n),
    role: copy(role, Uint8Array, n),
    status: copy(status, Uint8Array, n),
    provinces: strings.provinces,
    provinceOf: copy(provinceOf, Int32Array, n),
    industries: strings.industries,
    industryOf: copy(industryOf, Int32Array, n),
    parts: strings.parts,
    linkSupplier: copy(linkSupplier, Int32Array, m),
    linkCustomer: copy(linkCustomer, Int32Array, m),
    linkPart: copy(linkPart, Int32Array, m),
    linkCritical: copy(linkCritical, Uint8Array, m),
    index: new IdIndex(strings.ids),
  };
  if (strings.names.length !== n) throw new Error('sqlite snapshot cache: names and ids differ in length');
  return { revision, columns };
}

/**
 * Writes the columns as the cache of `revision` unless the cache already describes a later one.
 * The caller's columns must be exactly the committed state at `revision` (read in one transaction).
 */
export function writeCache(db: Database.Database, revision: number, c: SnapshotColumns): void {
  if (!LITTLE_ENDIAN) return;
  const strings: Strings = { ids: c.ids, names: c.names, provinces: c.provinces, industries: c.industries, parts: c.parts };
  db.prepare(
    `INSERT INTO snapshot_cache (key, revision, strings, capacity, role, status, province_of, industry_of, link_supplier, link_customer, link_part, link_critical)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET
       revision = excluded.revision, strings = excluded.strings, capacity = excluded.capacity, role = excluded.role,
       status = excluded.status, province_of = excluded.province_of, industry_of = excluded.industry_of,
       link_supplier = excluded.link_supplier, link_customer = excluded.link_customer, link_part = excluded.link_part,
       link_critical = excluded.link_critical
     WHERE excluded.revision > snapshot_cache.revision`,
  ).run(
    KEY,
    revision,
    Buffer.from(JSON.stringify(strings), 'utf8'),
    bytes(c.capacityPct),
    bytes(c.role),
    bytes(c.status),
    bytes(c.provinceOf),
    bytes(c.industryOf),
    bytes(c.linkSupplier),
    bytes(c.linkCustomer),
    bytes(c.linkPart),
    bytes(c.linkCritical),
  );
}

function bytes(a: Float64Array | Int32Array | Uint8Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

type TypedArrayOf<T> = { new (length: number): T; readonly BYTES_PER_ELEMENT: number };

/** A copy of the BLOB's bytes into a fresh (aligned) typed array of `length` elements. */
function copy<T extends Float64Array | Int32Array | Uint8Array>(blob: Buffer, Type: TypedArrayOf<T>, length: number): T {
  if (blob.length !== length * Type.BYTES_PER_ELEMENT) throw new Error(`sqlite snapshot cache: a column of ${blob.length} bytes for ${length} rows`);
  const out = new Type(length);
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(blob);
  return out;
}
