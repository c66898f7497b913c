/**
 * `linkage import --links FILE --map supplier=COL,customer=COL[,part=COL]`: a plain
 * supplier→customer edge list (CSV with a header row — the shape most real data arrives in)
 * as an import document. Enterprises it names that the store does not hold yet are created
 * with documented defaults:
 *   - role: `leader` when it supplies nobody in the list, else `supplier`;
 *   - industry: --industry; province: --province (code, 湖北/湖北省 or Hubei); status: resumed;
 *   - name: its id.
 * Parts: the mapped column, made a slug (lowercase, other characters → "-"); without a part
 * column, the supplier's id as a slug (each supplier makes one part). Rows with an empty
 * supplier or customer cell (other records in the same file) are skipped and counted.
 */
import { parse } from 'csv-parse';
import type { GraphStore } from '../graph';
import { openCsvText } from '../graph/csv';
import { SLUG_PATTERN } from '../graph/schema';
import { provinceArg } from './args';
import { importRaw } from './import';
import { type Values, withStore } from './shared';
import { UsageError } from './usage';

export const LINKS_MAP_KEYS = ['supplier', 'customer', 'part'] as const;
type MapKey = (typeof LINKS_MAP_KEYS)[number];
export type LinksMap = { supplier: string; customer: string; part?: string };

/** `supplier=from,customer=to,part=item` → the column of each; supplier and customer required. */
export function parseLinksMap(v: string | boolean | undefined): LinksMap {
  if (typeof v !== 'string' || v.trim() === '') throw new UsageError('--links needs --map supplier=COL,customer=COL[,part=COL]');
  const out: Partial<Record<MapKey, string>> = {};
  for (const pair of v.split(',')) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq).trim() as MapKey;
    const col = pair.slice(eq + 1).trim();
    if (eq < 0 || !LINKS_MAP_KEYS.includes(key) || col === '') {
      throw new UsageError(`--map: "${pair}" is not KEY=COLUMN with KEY one of ${LINKS_MAP_KEYS.join(', ')}`);
    }
    out[key] = col;
  }
  if (!out.supplier || !out.customer) throw new UsageError('--map needs supplier=COL and customer=COL');
  return out as LinksMap;
}

/** A part name as a slug: "Part_0001" → "part-0001"; empty when nothing is left. */
export function partSlug(s: string): string {
  const t = s.trim();
  if (SLUG_PATTERN.test(t) && t.length <= 64) return t;
  return t
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

export interface EdgeListOptions {
  map: LinksMap;
  industry: string;
  province: string;
  /** Ids the store already holds: not created again (their role, province … stay). */
  known?: ReadonlySet<string>;
}

export interface EdgeListResult {
  doc: { enterprises: Record<string, unknown>[]; links: Record<string, unknown>[] };
  /** Rows without a supplier or a customer, or a supplier that is its own customer. */
  skippedRows: number;
  /** Header row number (1-based) the columns were found on. */
  headerRow: number;
}

/**
 * The header is the first of the first 50 rows holding every mapped column (a title row
 * before it, as in the Willems files, is passed over).
 */
export function edgeListDocument(rows: readonly string[][], o: EdgeListOptions): EdgeListResult {
  const wanted = [o.map.supplier, o.map.customer, ...(o.map.part ? [o.map.part] : [])];
  const h = rows.slice(0, 50).findIndex((r) => wanted.every((c) => r.includes(c)));
  if (h < 0) {
    const seen = (rows[0] ?? []).filter(Boolean).slice(0, 20).join(', ');
    throw new UsageError(`--map: no header row holds the columns ${wanted.join(', ')} (the first row has: ${seen || 'nothing'})`);
  }
  const col = (name: string) => rows[h].indexOf(name);
  const [si, ci, pi] = [col(o.map.supplier), col(o.map.customer), o.map.part ? col(o.map.part) : -1];
  const links = new Map<string, { supplier: string; customer: string; part: string }>();
  const suppliers = new Set<string>();
  const ids = new Set<string>();
  let skippedRows = 0;
  for (const r of rows.slice(h + 1)) {
    const supplier = (r[si] ?? '').trim();
    const customer = (r[ci] ?? '').trim();
    if (!supplier || !customer || supplier === customer) {
      skippedRows++;
      continue;
    }
    const part = partSlug(pi >= 0 ? (r[pi] ?? '') : supplier) || partSlug(supplier);
    links.set(JSON.stringify([supplier, customer, part]), { supplier, customer, part });
    suppliers.add(supplier);
    ids.add(supplier).add(customer);
  }
  const enterprises = [...ids]
    .filter((id) => !o.known?.has(id))
    .map((id) => ({ id, name: id, role: suppliers.has(id) ? 'supplier' : 'leader', industry: o.industry, province: o.province, status: 'resumed' }));
  return { doc: { enterprises, links: [...links.values()] }, skippedRows, headerRow: h + 1 };
}

async function readCsvRows(file: string): Promise<string[][]> {
  const rows: string[][] = [];
  const parser = openCsvText(file).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  for await (const r of parser as AsyncIterable<string[]>) rows.push(r);
  return rows;
}

async function knownIds(store: GraphStore, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const id of ids) if (await store.getEnterprise(id)) known.add(id);
  return known;
}

export async function runImportLinks(v: Values): Promise<number> {
  const started = Date.now();
  const file = v.links as string;
  const map = parseLinksMap(v.map);
  const industry = v.industry;
  if (typeof industry !== 'string' || !SLUG_PATTERN.test(industry)) {
    throw new UsageError(`--links needs --industry SLUG (a lowercase slug like "auto"; got ${industry === undefined ? 'none' : `"${industry}"`})`);
  }
  const province = provinceArg(v.province);
  if (!province) throw new UsageError('--links needs --province (a code like 420000, 湖北 or Hubei)');
  let rows: string[][];
  try {
    rows = await readCsvRows(file);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  const first = edgeListDocument(rows, { map, industry, province });
  const known = await withStore((store) =>
    knownIds(
      store,
      first.doc.enterprises.map((e) => e.id as string),
    ),
  );
  const { doc, skippedRows, headerRow } = known.size ? edgeListDocument(rows, { map, industry, province, known }) : first;
  if (!v.quiet) {
    process.stderr.write(
      `${file}: header on row ${headerRow}; ${doc.links.length} links, ${doc.enterprises.length} new enterprises` +
        `${known.size ? ` (${known.size} already stored, kept as they are)` : ''}${skippedRows ? `; ${skippedRows} rows without a supplier and a customer skipped` : ''}\n`,
    );
  }
  return importRaw(doc, Boolean(v.quiet), started);
}
