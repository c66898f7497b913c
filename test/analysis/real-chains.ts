/**
 * Real supply-network structures as chain snapshots, for tests that should not depend only
 * on our own generators. The data lives in the shared folder beside the repository
 * (shared/data/real-chains, see its README and each folder's SOURCE.txt), resolved relative
 * to the repository root so that any checkout with shared/ beside it works.
 *
 * Every enterprise is returned `resumed`; tests suspend what they need.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { ChainSnapshot, SnapshotEnterprise, SnapshotLink } from '../../src/graph/store';

export const REAL_CHAINS_DIR = path.resolve(__dirname, '../../../shared/data/real-chains');

/** Provinces handed out deterministically; all valid GB/T 2260 codes. */
export const REAL_CHAIN_PROVINCES = ['110000', '310000', '320000', '420000', '440000', '330000', '370000', '510000'];

/** A slug (§1): lowercase, runs of anything but a-z0-9 become one '-', no '-' at the ends. */
export function toSlug(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  if (!slug) throw new Error(`toSlug: ${JSON.stringify(name)} has no letters or digits`);
  return slug;
}

function readCsv(file: string): string[][] {
  return parse(readFileSync(file), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
}

function column(header: string[], name: string, file: string): number {
  const i = header.indexOf(name);
  if (i < 0) throw new Error(`${file}: no column ${name}`);
  return i;
}

/**
 * Willems (2008) chain `n` (1–38).
 *
 * Conversion: each stage is an enterprise with the stage name as id; each arc
 * `@from → @to` is a critical supply link (a stage needs all of its inputs, a bill of
 * materials), and its part is the supplier stage's name as a slug, so no part has
 * alternates. Stages with no outgoing arc (the demand stages) are the leaders. Industry is
 * the stage classification as a slug (part, manuf, dist, trans, retail); provinces are
 * assigned round-robin in stage order. Row 1 is '/chain'; columns are found by the row-2
 * header names, which differ between files.
 */
export function loadWillemsChain(n: number): ChainSnapshot {
  if (!Number.isInteger(n) || n < 1 || n > 38) throw new RangeError(`loadWillemsChain: no chain ${n} (1-38)`);
  const file = path.join(REAL_CHAINS_DIR, 'willems_2008', `${String(n).padStart(2, '0')}.csv`);
  const rows = readCsv(file);
  if (rows[0]?.[0] !== '/chain') throw new Error(`${file}: row 1 is not /chain`);
  const header = rows[1];
  const from = column(header, '/arcs/arc/@from', file);
  const to = column(header, '/arcs/arc/@to', file);
  const name = column(header, '/stages/stage/@stageName', file);
  const classification = column(header, '/stages/stage/@stageClassification', file);

  const stages = new Map<string, string>();
  const arcs: [string, string][] = [];
  for (const row of rows.slice(2)) {
    if (row[name]) stages.set(row[name], row[classification] ?? '');
    if (row[from] && row[to]) arcs.push([row[from], row[to]]);
  }
  for (const [s, t] of arcs) {
    for (const id of [s, t]) if (!stages.has(id)) stages.set(id, '');
  }
  const suppliers = new Set(arcs.map(([s]) => s));
  const enterprises: SnapshotEnterprise[] = [...stages].map(([id, cls], i) => ({
    id,
    role: suppliers.has(id) ? 'supplier' : 'leader',
    province: REAL_CHAIN_PROVINCES[i % REAL_CHAIN_PROVINCES.length],
    industry: cls ? toSlug(cls) : 'unclassified',
    status: 'resumed',
  }));
  const seen = new Set<string>();
  const links: SnapshotLink[] = [];
  for (const [s, t] of arcs) {
    const key = `${s}|${t}`;
    if (seen.has(key) || s === t) continue;
    seen.add(key);
    links.push({ supplier: s, customer: t, part: toSlug(s), critical: true });
  }
  return { revision: 1, enterprises, links };
}

/**
 * The ETO advanced-semiconductor supply chain (eto_chip_explorer/).
 *
 * Conversion:
 * - Every input (inputs.csv: processes, tools, materials, design resources, the finished
 *   chip) is an enterprise with its input id (N…) as id, standing for "whoever performs or
 *   delivers that input". Every organisation in providers.csv that provides an input is an
 *   enterprise with its provider id (P…); country-level providers are aggregates, not firms,
 *   and are left out.
 * - An organisation providing input X supplies X the part slug(X): all providers of X are
 *   alternates (multi-sourcing; market shares do not matter for availability).
 * - sequence.csv `X goes_into Y`: X supplies Y the part slug(X).
 * - sequence.csv `X is_type_of Y`: X supplies its category Y the part slug(X); a category
 *   needs each of its kinds (a fab needs EUV and DUV tools, not one or the other).
 * - Links are critical except for inputs named as memory or non-IC items: the network's
 *   output is a finished logic chip, for which these are not needed (technical_notes.md).
 * - Leaders: the finished logic chip (ultimate_output) and each process that hands over to
 *   another stage (design → fabrication → assembly, testing and packaging), so leaders also
 *   supply leaders.
 * - Provinces: organisations by country (countries in order of first appearance, round-
 *   robin over REAL_CHAIN_PROVINCES); inputs by stage. Industry is `semiconductors`.
 */
export function loadEtoNetwork(): ChainSnapshot {
  const dir = path.join(REAL_CHAINS_DIR, 'eto_chip_explorer');
  const table = (file: string) => {
    const [header, ...rows] = readCsv(path.join(dir, file));
    return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])) as Record<string, string>);
  };
  const inputs = table('inputs.csv');
  const providers = table('providers.csv');
  const provision = table('provision.csv');
  const sequence = table('sequence.csv');

  const inputById = new Map(inputs.map((i) => [i.input_id, i]));
  const nameOf = (id: string) => {
    const input = inputById.get(id);
    if (!input) throw new Error(`eto: unknown input ${id}`);
    return input.input_name;
  };
  const isCritical = (inputId: string) => !/\bmemory\b|non-IC/i.test(nameOf(inputId));

  const stageOf = new Map(inputs.map((i) => [i.input_id, i.stage_id]));
  const outputs = new Set(inputs.filter((i) => i.type === 'ultimate_output').map((i) => i.input_id));
  const leaders = new Set(outputs);
  for (const s of sequence) {
    const x = inputById.get(s.input_id);
    const y = s.goes_into_id;
    if (x?.type === 'process' && y && (outputs.has(y) || stageOf.get(y) !== x.stage_id)) leaders.add(x.input_id);
  }

  const stageProvince: Record<string, string> = { S1: '110000', S2: '310000', S3: '320000' };
  const enterprises: SnapshotEnterprise[] = inputs.map((i) => ({
    id: i.input_id,
    role: leaders.has(i.input_id) ? 'leader' : 'supplier',
    province: stageProvince[i.stage_id] ?? '440000',
    industry: 'semiconductors',
    status: 'resumed',
  }));

  const organisations = new Map(providers.filter((p) => p.provider_type === 'organization').map((p) => [p.provider_id, p]));
  const countries: string[] = [];
  const links: SnapshotLink[] = [];
  const seen = new Set<string>();
  const link = (supplier: string, customer: string, partOf: string) => {
    const part = toSlug(nameOf(partOf));
    const key = `${supplier}|${customer}|${part}`;
    if (seen.has(key) || supplier === customer) return;
    seen.add(key);
    links.push({ supplier, customer, part, critical: isCritical(partOf) });
  };
  const added = new Set<string>();
  for (const p of provision) {
    const org = organisations.get(p.provider_id);
    if (!org || !inputById.has(p.provided_id)) continue;
    if (!added.has(org.provider_id)) {
      added.add(org.provider_id);
      const country = org.country || 'unknown';
      if (!countries.includes(country)) countries.push(country);
      enterprises.push({
        id: org.provider_id,
        role: 'supplier',
        province: REAL_CHAIN_PROVINCES[countries.indexOf(country) % REAL_CHAIN_PROVINCES.length],
        industry: 'semiconductors',
        status: 'resumed',
      });
    }
    link(org.provider_id, p.provided_id, p.provided_id);
  }
  for (const s of sequence) {
    if (s.goes_into_id) link(s.input_id, s.goes_into_id, s.input_id);
    if (s.is_type_of_id) link(s.input_id, s.is_type_of_id, s.input_id);
  }
  return { revision: 1, enterprises, links };
}
