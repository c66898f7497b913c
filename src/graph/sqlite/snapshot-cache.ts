/**
 * The SQLite store's packed snapshot cache: one row holding a snapshot's columns (SnapshotColumns)
 * as BLOBs, typed arrays as their bytes and the string tables as one text joined by NUL (split is
 * faster than JSON.parse; a snapshot with a NUL in a string is not cached), with the revision
 * whose committed state they describe. Reading it costs a few copies of ~100 MB where reading the
 * rows costs millions of row steps (issue #17). The store uses it only when no import landed
 * after that revision and the change log holds every revision since; status changes since are
 * patched in from the log (sqlite-store.ts snapshot()). An import of a large enough store brings
 * it to the import's own revision in the import's transaction (sqlite-store.ts keepCache).
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import { IdIndex } from '../../shared/id-index';
import type { SnapshotColumns } from '../store';

export const SNAPSHOT_CACHE_TABLE = `
CREATE TABLE IF NOT EXISTS snapshot_cache (
  key TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  strings TEXT NOT NULL,
  string_counts TEXT NOT NULL,
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

type CacheRow = [revision: number, strings: string, counts: string, ...arrays: Buffer[]];

const SEPARATOR = '\u0000';

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
      `SELECT revision, strings, string_counts, capacity, role, status, province_of, industry_of, link_supplier, link_customer, link_part, link_critical
       FROM snapshot_cache WHERE key = ?`,
    )
    .raw()
    .get(KEY) as CacheRow | undefined;
  if (!row) return null;
  const [revision, text, counts, capacity, role, status, provinceOf, industryOf, linkSupplier, linkCustomer, linkPart, linkCritical] = row;
  const strings = splitStrings(text, JSON.parse(counts) as number[]);
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
  return { revision, columns };
}

/**
 * Writes the columns as the cache of `revision` unless the cache already describes a later one.
 * The caller's columns must be exactly the committed state at `revision` (read in one transaction).
 */
export function writeCache(db: Database.Database, revision: number, c: SnapshotColumns): void {
  if (!LITTLE_ENDIAN) return;
  const tables = [c.ids, c.names, c.provinces, c.industries, c.parts];
  if (tables.some((t) => t.some((v) => v.includes(SEPARATOR)))) return;
  db.prepare(
    `INSERT INTO snapshot_cache (key, revision, strings, string_counts, capacity, role, status, province_of, industry_of, link_supplier, link_customer, link_part, link_critical)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET
       revision = excluded.revision, strings = excluded.strings, string_counts = excluded.string_counts, capacity = excluded.capacity, role = excluded.role,
       status = excluded.status, province_of = excluded.province_of, industry_of = excluded.industry_of,
       link_supplier = excluded.link_supplier, link_customer = excluded.link_customer, link_part = excluded.link_part,
       link_critical = excluded.link_critical
     WHERE excluded.revision > snapshot_cache.revision`,
  ).run(
    KEY,
    revision,
    tables.map((t) => t.join(SEPARATOR)).join(SEPARATOR),
    JSON.stringify(tables.map((t) => t.length)),
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

/** The five string tables back from their joined text (an empty table joins to nothing). */
function splitStrings(text: string, counts: number[]): Strings {
  const all = text.split(SEPARATOR);
  const tables: string[][] = [];
  let at = 0;
  for (const n of counts) {
    // An empty table still leaves its separator between its neighbours' pieces, or one empty piece alone.
    tables.push(n === 0 ? [] : all.slice(at, at + n));
    at += n === 0 ? 1 : n;
  }
  return { ids: tables[0], names: tables[1], provinces: tables[2], industries: tables[3], parts: tables[4] };
}

type TypedArrayOf<T> = { new (length: number): T; new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number };

/** The BLOB's bytes as a typed array of `length` elements: a view when aligned, else a copy. */
function copy<T extends Float64Array | Int32Array | Uint8Array>(blob: Buffer, Type: TypedArrayOf<T>, length: number): T {
  if (blob.length !== length * Type.BYTES_PER_ELEMENT) throw new Error(`sqlite snapshot cache: a column of ${blob.length} bytes for ${length} rows`);
  // A BLOB this large has a buffer of its own (not Node's shared pool), usually at offset 0.
  if (blob.byteOffset % Type.BYTES_PER_ELEMENT === 0 && blob.byteLength === blob.buffer.byteLength) return new Type(blob.buffer, blob.byteOffset, length);
  const out = new Type(length);
  new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(blob);
  return out;
}
