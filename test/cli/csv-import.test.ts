/**
 * CSV import directories as people make them: the columns listed in the help, GBK/GB18030
 * files (Chinese Excel) decoded, a single .csv file answered with a clear message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importedRequestSchema } from '../../src/coordination';
import { enterpriseSchema, inventoryReportInputSchema, linkSchema, statusReportInputSchema } from '../../src/graph';
import { CSV_COLUMNS } from '../../src/graph/csv-columns';
import { CSV_FILES, csvEncoding, readCsvDocument } from '../../src/graph/csv';
import { cli } from './support';

/** A GB18030 encoder for the test (Node has only the decoder): the two-byte table, inverted. */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const b = table.get(ch);
      if (!b) throw new Error(`no GBK bytes for ${ch}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}

describe('CSV import', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-csv-'));
    process.env.LINKAGE_DATA_DIR = path.join(dir, 'data');
    delete process.env.REDIS_URL;
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists exactly the columns the import schema accepts, for every file it reads', () => {
    const shapes: Record<string, Record<string, { safeParse(v: unknown): { success: boolean } }>> = {
      enterprises: enterpriseSchema.shape,
      links: linkSchema.shape,
      statusReports: statusReportInputSchema.shape,
      inventories: inventoryReportInputSchema.shape,
      requests: importedRequestSchema.shape,
    };
    expect(Object.keys(CSV_COLUMNS).sort()).toEqual(Object.keys(CSV_FILES).sort());
    for (const [key, spec] of Object.entries(CSV_COLUMNS)) {
      expect(spec.file).toBe(CSV_FILES[key as keyof typeof CSV_FILES]);
      const expected = Object.entries(shapes[key]).map(([col, s]) => (s.safeParse(undefined).success ? `${col}?` : col));
      expect([...spec.columns].sort()).toEqual(expected.sort());
    }
  });

  it('import --help lists every file and its columns', async () => {
    const r = await cli(['import', '--help']);
    expect(r.code).toBe(0);
    for (const spec of Object.values(CSV_COLUMNS)) expect(r.out).toContain(`${spec.file.padEnd(19)}${spec.required ? '' : '(optional) '}${spec.columns.join(', ')}`);
    expect(r.out).toMatch(/GBK/);
  });

  it('reads GBK/GB18030 files (what Chinese Excel saves) as the text they hold', async () => {
    const csv = path.join(dir, 'csv');
    fs.mkdirSync(csv);
    fs.writeFileSync(
      path.join(csv, 'enterprises.csv'),
      gbk('id,name,role,industry,province,status,city\nL1,东风汽车集团,leader,auto,420000,resumed,武汉\nS1,湖北零部件有限公司,supplier,auto,420000,suspended,襄阳\n'),
    );
    fs.writeFileSync(path.join(csv, 'links.csv'), gbk('supplier,customer,part\nS1,L1,seats\n'));
    expect(csvEncoding(path.join(csv, 'enterprises.csv'))).toBe('gb18030');
    expect(csvEncoding(path.join(csv, 'links.csv'))).toBe('utf-8');
    const doc = await readCsvDocument(csv);
    expect(doc.enterprises).toEqual([
      { id: 'L1', name: '东风汽车集团', role: 'leader', industry: 'auto', province: '420000', status: 'resumed', city: '武汉' },
      { id: 'S1', name: '湖北零部件有限公司', role: 'supplier', industry: 'auto', province: '420000', status: 'suspended', city: '襄阳' },
    ]);

    const r = await cli(['import', csv, '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ enterprises: 2, links: 1 });
    const exported = await cli(['export']);
    expect(exported.out).toContain('东风汽车集团');
  });

  it('keeps UTF-8 files (with or without a BOM) as they are', async () => {
    const file = path.join(dir, 'e.csv');
    fs.writeFileSync(file, '\uFEFFid,name\nL1,东风\n');
    expect(csvEncoding(file)).toBe('utf-8');
  });

  it('a single .csv file given to import gets a clear message and exit 2, not a JSON parse error', async () => {
    const file = path.join(dir, 'links.csv');
    fs.writeFileSync(file, 'supplier,customer,part\nS1,L1,seats\n');
    const r = await cli(['import', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/single CSV file: give the DIRECTORY holding enterprises\.csv and links\.csv/);
    expect(r.err).toMatch(/--links FILE --map/);
    expect(r.err).not.toMatch(/JSON|Unexpected token/);
  });

  it('a file that is not JSON says so', async () => {
    const file = path.join(dir, 'doc.txt');
    fs.writeFileSync(file, 'id,name\n');
    const r = await cli(['import', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not a JSON import document/);
  });
});
