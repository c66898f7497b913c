/**
 * The CSV form of an import document: enterprises.csv + links.csv (+ status-reports.csv,
 * inventories.csv)
 * in one directory, with the document's field names as column headers. Cells are coerced
 * only where unambiguous (numbers, booleans, empty = absent); anything else is passed on
 * as text so validation reports it by path like a JSON document. Files are UTF-8 (a BOM is
 * fine) or, when their bytes are not valid UTF-8, GB18030/GBK as Chinese Excel saves them.
 * The columns of each file: csv-columns.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';

export const CSV_FILES = {
  enterprises: 'enterprises.csv',
  links: 'links.csv',
  statusReports: 'status-reports.csv',
  inventories: 'inventories.csv',
  requests: 'requests.csv',
} as const;

/** Files a CSV import may leave out. */
const OPTIONAL_FILES = new Set<string>(['statusReports', 'inventories', 'requests']);

const NUMERIC = new Set(['capacityPct', 'days']);
const BOOLEAN = new Set(['critical']);
const TRUE = new Set(['true', '1', 'yes', 'y']);
const FALSE = new Set(['false', '0', 'no', 'n']);

function coerce(column: string, cell: string): unknown {
  if (cell === '') return undefined;
  if (NUMERIC.has(column)) {
    const n = Number(cell);
    return Number.isFinite(n) ? n : cell;
  }
  if (BOOLEAN.has(column)) {
    const v = cell.trim().toLowerCase();
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
  }
  return cell;
}

/** The encoding of a CSV file: UTF-8 when its bytes are valid UTF-8, else GB18030 (a superset of GBK, what Chinese Excel saves). */
export function csvEncoding(file: string): 'utf-8' | 'gb18030' {
  const fd = fs.openSync(file, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buf = Buffer.alloc(1 << 16);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) {
      try {
        decoder.decode(buf.subarray(0, n), { stream: true });
      } catch {
        return 'gb18030';
      }
    }
    try {
      decoder.decode();
    } catch {
      return 'gb18030';
    }
    return 'utf-8';
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's text as UTF-8 chunks, decoded from GB18030/GBK when it is not UTF-8. */
export function openCsvText(file: string): NodeJS.ReadableStream {
  const raw = fs.createReadStream(file);
  if (csvEncoding(file) === 'utf-8') return raw;
  const decoder = new TextDecoder('gb18030');
  return raw.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        done(null, decoder.decode(chunk, { stream: true }));
      },
      flush(done) {
        done(null, decoder.decode());
      },
    }),
  );
}

async function readRows(file: string, onRow?: () => void): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const parser = openCsvText(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: false }));
  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) {
      const value = coerce(k, v);
      if (value !== undefined) row[k] = value;
    }
    rows.push(row);
    onRow?.();
  }
  return rows;
}

/** Reads a CSV directory into a raw (not yet validated) import document. */
export async function readCsvDocument(dir: string, onRow?: () => void): Promise<Record<string, unknown[]>> {
  const doc: Record<string, unknown[]> = {};
  for (const [key, name] of Object.entries(CSV_FILES)) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) {
      if (OPTIONAL_FILES.has(key)) continue;
      throw new Error(`${file}: missing (a CSV import needs ${CSV_FILES.enterprises} and ${CSV_FILES.links})`);
    }
    doc[key] = await readRows(file, onRow);
  }
  return doc;
}
