/** `linkage import --links FILE --map …`: a plain supplier→customer edge list, with documented defaults. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { edgeListDocument, parseLinksMap, partSlug } from '../../src/cli/import-links';
import { cli } from './support';

const WILLEMS = path.resolve(__dirname, '../../../shared/data/real-chains/willems_2008/01.csv');
const MAP = 'supplier=/arcs/arc/@from,customer=/arcs/arc/@to';

describe('edge list → import document', () => {
  const o = { map: { supplier: 'from', customer: 'to', part: 'item' }, industry: 'auto', province: '420000' };

  it('creates every named enterprise: leader when it supplies nobody, supplier otherwise; parts as slugs; duplicates once', () => {
    const rows = [
      ['a title row', '', ''],
      ['from', 'to', 'item'],
      ['S1', 'M1', 'Seat Frame'],
      ['S1', 'M1', 'Seat Frame'],
      ['M1', 'L1', 'seats'],
      ['', '', ''],
      ['S2', 'S2', 'x'],
    ];
    const out = edgeListDocument(rows, o);
    expect(out.headerRow).toBe(2);
    expect(out.skippedRows).toBe(2);
    expect(out.doc.links).toEqual([
      { supplier: 'S1', customer: 'M1', part: 'seat-frame' },
      { supplier: 'M1', customer: 'L1', part: 'seats' },
    ]);
    expect(out.doc.enterprises).toEqual([
      { id: 'S1', name: 'S1', role: 'supplier', industry: 'auto', province: '420000', status: 'resumed' },
      { id: 'M1', name: 'M1', role: 'supplier', industry: 'auto', province: '420000', status: 'resumed' },
      { id: 'L1', name: 'L1', role: 'leader', industry: 'auto', province: '420000', status: 'resumed' },
    ]);
    expect(edgeListDocument(rows, { ...o, known: new Set(['M1']) }).doc.enterprises.map((e) => e.id)).toEqual(['S1', 'L1']);
  });

  it('without a part column, the part is the supplier id as a slug', () => {
    const out = edgeListDocument(
      [
        ['from', 'to'],
        ['Part_0001', 'Manuf_0001'],
      ],
      { ...o, map: { supplier: 'from', customer: 'to' } },
    );
    expect(out.doc.links).toEqual([{ supplier: 'Part_0001', customer: 'Manuf_0001', part: 'part-0001' }]);
    expect(partSlug('Wiring Harness (main)')).toBe('wiring-harness-main');
  });

  it('names the missing columns', () => {
    expect(() => edgeListDocument([['a', 'b']], o)).toThrow(/no header row holds the columns from, to, item \(the first row has: a, b\)/);
  });

  it.each(['', 'supplier=a', 'supplier=a,buyer=b', 'supplier=a,customer='])('--map %j is refused', (m) => {
    expect(() => parseLinksMap(m)).toThrow(/--map|--links/);
  });
});

describe('linkage import --links on a Willems chain', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-links-'));
    process.env.LINKAGE_DATA_DIR = dir;
    delete process.env.REDIS_URL;
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports chain 01 (title row, then the header, stage rows without arcs skipped) and analyses it', async () => {
    const r = await cli(['import', '--links', WILLEMS, '--map', MAP, '--industry', 'auto', '--province', '湖北', '--quiet']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ enterprises: 8, links: 10 });
    const doc = JSON.parse((await cli(['export'])).out) as { enterprises: { id: string; role: string; province: string }[] };
    expect(
      doc.enterprises
        .filter((e) => e.role === 'leader')
        .map((e) => e.id)
        .sort(),
    ).toEqual(['Retail_0001', 'Retail_0002', 'Retail_0003']);
    expect(new Set(doc.enterprises.map((e) => e.province))).toEqual(new Set(['420000']));
    const analysed = await cli(['analyze', '--json']);
    expect(JSON.parse(analysed.out).chains).toHaveLength(3);

    // Again, with another province: the stored enterprises stay as they are.
    const again = await cli(['import', '--links', WILLEMS, '--map', MAP, '--industry', 'auto', '--province', 'Hunan']);
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/0 new enterprises \(8 already stored, kept as they are\)/);
    const after = JSON.parse((await cli(['export'])).out) as { enterprises: { province: string }[] };
    expect(new Set(after.enterprises.map((e) => e.province))).toEqual(new Set(['420000']));
  });

  it.each([
    [['import', '--links', WILLEMS, '--industry', 'auto', '--province', '湖北'], /--map/],
    [['import', '--links', WILLEMS, '--map', MAP, '--province', '湖北'], /--industry/],
    [['import', '--links', WILLEMS, '--map', MAP, '--industry', 'auto'], /--province/],
    [['import', '--links', WILLEMS, '--map', MAP, '--industry', 'auto', '--province', 'Atlantis'], /not a province/],
    [['import', '--links', WILLEMS, '--map', 'supplier=from,customer=to', '--industry', 'auto', '--province', '湖北'], /no header row holds the columns from, to/],
    [['import', 'x.json', '--map', MAP], /--map goes with --links/],
  ])('%j exits 2', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});
