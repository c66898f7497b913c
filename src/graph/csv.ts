/**
 * The CSV form of an import document: enterprises.csv + links.csv (+ status-reports.csv,
 * inventories.csv)
 * in one directory, with the document's field names as column headers. Cells are coerced
 * only where unambiguous (numbers, booleans, empty = absent); anything else is passed on
 * as text so validation reports it by path like a JSON document.
 */
import fs from 'node:fs';
import path from 'node:path';
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

async function readRows(file: string, onRow?: () => void): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  const parser = fs.createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: false }));
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
