/**
 * The `linkage` command as users run it: real processes over a real SQLite file, including
 * the Willems (2008) chain 38 (2,025 stages, 16,225 arcs) round-tripping through import and
 * export.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChainSnapshot, ImportDocument } from '../../src/graph';
import { loadWillemsChain } from '../analysis/real-chains';

const BIN = path.resolve(__dirname, '../../scripts/linkage.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-'));
  dirs.push(d);
  return d;
}

function linkage(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, LINKAGE_DATA_DIR: dataDir, LINKAGE_STORE: 'sqlite' },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A real chain as an import document: stage names become enterprise names, statuses vary. */
function documentOf(snapshot: ChainSnapshot): ImportDocument {
  return {
    enterprises: snapshot.enterprises.map((e, i) => ({
      id: e.id,
      name: `Stage ${e.id}`,
      role: e.role,
      industry: e.industry,
      province: e.province,
      status: i % 17 === 0 ? 'suspended' : i % 5 === 0 ? 'partial' : 'resumed',
      ...(i % 3 === 0 ? { size: 'small' as const, capacityPct: i % 101 } : {}),
      since: '2020-01-20',
    })),
    links: snapshot.links.map((l, i) => ({ ...l, critical: i % 11 !== 0 })),
    statusReports: snapshot.enterprises
      .filter((_, i) => i % 23 === 0)
      .map((e, i) => ({ enterprise: e.id, status: 'resumed' as const, asOf: '2020-03-0' + ((i % 9) + 1), note: `report ${i}` })),
  };
}

describe('linkage CLI', () => {
  it('lists its commands', () => {
    const r = linkage(tmp(), '--help');
    expect(r.code).toBe(0);
    for (const c of ['import', 'export', 'generate', 'analyze', 'token', 'bench']) expect(r.stdout).toContain(c);
  });

  it('round-trips Willems chain 38 through import and export unchanged', () => {
    const snapshot = loadWillemsChain(38);
    expect(snapshot.enterprises).toHaveLength(2025);
    expect(snapshot.links).toHaveLength(16225);
    const doc = documentOf(snapshot);
    const dir = tmp();
    const file = path.join(dir, 'chain38.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const imported = linkage(dir, 'import', file, '--quiet');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ revision: 1, enterprises: 2025, links: 16225 });
    const out = path.join(dir, 'export.json');
    expect(linkage(dir, 'export', out).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(doc);
    const again = linkage(dir, 'import', out, '--quiet');
    expect(JSON.parse(again.stdout)).toMatchObject({ revision: 1, changed: { enterprises: 0, links: 0, statusReports: 0 } });
  });

  it('imports enterprises.csv, links.csv and status-reports.csv', () => {
    const dir = tmp();
    const csv = path.join(dir, 'csv');
    fs.mkdirSync(csv);
    fs.writeFileSync(
      path.join(csv, 'enterprises.csv'),
      '\ufeffid,name,role,industry,province,status,capacityPct,size,city,uscc,contact,since\n' +
        'L1,"Leader, One",leader,automotive,440000,resumed,,large,Guangzhou,,,2020-01-20\n' +
        'S1,武汉座椅,supplier,automotive,420000,suspended,0,small,,91350100M000100Y43,"Wang ""Wei""",\n',
    );
    fs.writeFileSync(path.join(csv, 'links.csv'), 'supplier,customer,part,critical\nS1,L1,seats,true\nS1,L1,foam,false\n');
    fs.writeFileSync(path.join(csv, 'status-reports.csv'), 'enterprise,status,capacityPct,asOf,note\nS1,partial,30,2020-03-01,half shift\n');
    const r = linkage(dir, 'import', csv, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const exported = JSON.parse(linkage(dir, 'export').stdout);
    expect(exported).toEqual({
      enterprises: [
        { id: 'L1', name: 'Leader, One', role: 'leader', industry: 'automotive', province: '440000', status: 'resumed', size: 'large', city: 'Guangzhou', since: '2020-01-20' },
        {
          id: 'S1',
          name: '武汉座椅',
          role: 'supplier',
          industry: 'automotive',
          province: '420000',
          status: 'suspended',
          capacityPct: 0,
          size: 'small',
          uscc: '91350100M000100Y43',
          contact: 'Wang "Wei"',
          since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        },
      ],
      links: [
        { supplier: 'S1', customer: 'L1', part: 'seats', critical: true },
        { supplier: 'S1', customer: 'L1', part: 'foam', critical: false },
      ],
      statusReports: [{ enterprise: 'S1', status: 'partial', capacityPct: 30, asOf: '2020-03-01', note: 'half shift' }],
    });
  });

  it('imports inventories.csv and expectedResumeOn from status-reports.csv (§7), and refuses bad stock by path', () => {
    const dir = tmp();
    const csv = path.join(dir, 'csv');
    fs.mkdirSync(csv);
    fs.writeFileSync(
      path.join(csv, 'enterprises.csv'),
      'id,name,role,industry,province,status\nL1,L1,leader,automotive,440000,resumed\nS1,S1,supplier,automotive,420000,resumed\n',
    );
    fs.writeFileSync(path.join(csv, 'links.csv'), 'supplier,customer,part\nS1,L1,seats\n');
    fs.writeFileSync(path.join(csv, 'status-reports.csv'), 'enterprise,status,asOf,expectedResumeOn\nS1,suspended,2020-02-20,2020-03-05\n');
    fs.writeFileSync(path.join(csv, 'inventories.csv'), 'customer,part,days,asOf,note\nL1,seats,6,2020-02-21,two pallets\n');
    expect(linkage(dir, 'import', csv, '--quiet').code).toBe(0);
    const exported = JSON.parse(linkage(dir, 'export').stdout);
    expect(exported.statusReports).toEqual([{ enterprise: 'S1', status: 'suspended', asOf: '2020-02-20', expectedResumeOn: '2020-03-05' }]);
    expect(exported.inventories).toEqual([{ customer: 'L1', part: 'seats', days: 6, asOf: '2020-02-21', note: 'two pallets' }]);
    fs.writeFileSync(path.join(csv, 'inventories.csv'), 'customer,part,days\nL1,seats,-3\nL1,glass,2\n');
    const bad = linkage(dir, 'import', csv, '--quiet');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('inventories[0].days');
    expect(bad.stderr).toContain('inventories[1].part');
  });

  it('rejects an invalid document with every problem by path and leaves the store as it was', () => {
    const dir = tmp();
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        enterprises: [{ id: 'A', name: 'A', role: 'boss', industry: 'auto', province: '420000', status: 'resumed' }],
        links: [{ supplier: 'A', customer: 'B', part: 'x' }],
      }),
    );
    const r = linkage(dir, 'import', file, '--quiet');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('enterprises[0].role');
    expect(r.stderr).toContain('links[0].customer: unknown enterprise "B"');
    expect(JSON.parse(linkage(dir, 'export').stdout)).toEqual({ enterprises: [], links: [], statusReports: [] });
  });

  it('analyzes a document file and reports blocked leaders and bottlenecks', () => {
    const dir = tmp();
    const file = path.join(dir, 'doc.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        enterprises: [
          { id: 'L1', name: 'L1', role: 'leader', industry: 'automotive', province: '440000', status: 'resumed' },
          { id: 'S1', name: 'S1', role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' },
        ],
        links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }],
        statusReports: [{ enterprise: 'S1', status: 'suspended', asOf: '2020-02-23' }],
      }),
    );
    const json = linkage(dir, 'analyze', file, '--json');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.chains).toEqual([{ leader: 'L1', state: 'blocked', rootCauses: ['S1'], lostParts: ['seats'] }]);
    expect(parsed.bottlenecks[0]).toMatchObject({ id: 'S1', blockedLeaders: 1, unblocksIfResumed: 1 });
    const text = linkage(dir, 'analyze', file);
    expect(text.stdout).toContain('1 blocked');
    expect(text.stdout).toContain('L1: seats ← S1');
  });

  it('prints the alternate suppliers of a leader by name and id', () => {
    const dir = tmp();
    const file = path.join(dir, 'doc.json');
    const ent = (id: string, name: string, role: string, province: string, extra: object = {}) => ({
      id,
      name,
      role,
      industry: 'automotive',
      province,
      status: 'resumed',
      ...extra,
    });
    fs.writeFileSync(
      file,
      JSON.stringify({
        enterprises: [
          ent('L1', '广汽乘用车', 'leader', '440000'),
          ent('L3', 'Dongfeng', 'leader', '420000'),
          ent('S9', '武汉座椅', 'supplier', '420000', { status: 'suspended' }),
          ent('A1', 'Foshan Seats', 'supplier', '440000', { capacityPct: 60 }),
          ent('A2', 'Xiangyang Seats', 'supplier', '420000'),
        ],
        links: [
          { supplier: 'S9', customer: 'L1', part: 'seats' },
          { supplier: 'A1', customer: 'L3', part: 'seats' },
          { supplier: 'A2', customer: 'L3', part: 'seats' },
        ],
        statusReports: [{ enterprise: 'A2', status: 'partial', capacityPct: 80, asOf: '2020-03-01' }],
      }),
    );
    const text = linkage(dir, 'analyze', file, '--alternates', 'L1');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('seats for 广汽乘用车 (L1): in the way of 1 blocked leader, 2 candidates');
    expect(text.stdout).toMatch(/1\. Foshan Seats \(A1\) — .*same province; capacity 60%; clears 广汽乘用车 \(L1\)\n\s+2\. Xiangyang Seats \(A2\) — .*capacity 80%/);
    const json = JSON.parse(linkage(dir, 'analyze', file, '--alternates', 'L1', '--json', '--limit', '1').stdout);
    expect(json.groups[0].candidates.map((c: { id: string }) => c.id)).toEqual(['A1']);
    expect(linkage(dir, 'analyze', file, '--alternates', 'L3').stdout).toContain('not blocked');
    const bad = linkage(dir, 'analyze', file, '--alternates', 'S9');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('"S9" is not a leader');
  });

  it("analyze prints the runway (§7), soonest stops first, from the document's reports and stock", () => {
    const dir = tmp();
    const file = path.join(dir, 'doc.json');
    const e = (id: string, role: string) => ({ id, name: `企业${id}`, role, industry: 'automotive', province: '440000', status: 'resumed' });
    fs.writeFileSync(
      file,
      JSON.stringify({
        enterprises: [e('L1', 'leader'), e('L2', 'leader'), e('S1', 'supplier')],
        links: [
          { supplier: 'S1', customer: 'L1', part: 'seats' },
          { supplier: 'S1', customer: 'L2', part: 'seats' },
        ],
        statusReports: [{ enterprise: 'S1', status: 'suspended', asOf: '2020-02-20', expectedResumeOn: '2020-03-01' }],
        inventories: [
          { customer: 'L1', part: 'seats', days: 9, asOf: '2020-02-20' },
          { customer: 'L2', part: 'seats', days: 2, asOf: '2020-02-22' },
        ],
      }),
    );
    const json = JSON.parse(linkage(dir, 'analyze', file, '--json').stdout);
    expect(json.runway).toEqual({
      date: '2020-02-22',
      leaders: [
        { leader: 'L2', stopsOn: '2020-02-24', daysLeft: 2, bindingPart: 'seats', bindingRoot: 'S1' },
        { leader: 'L1', stopsOn: '2020-02-29', daysLeft: 7, bindingPart: 'seats', bindingRoot: 'S1' },
      ],
    });
    const text = linkage(dir, 'analyze', file).stdout;
    expect(text).toContain('Runway as of 2020-02-22');
    // By name and id, the fixed-width columns first.
    const l2 = text.indexOf('  2020-02-24     2  企业L2 (L2): seats ← 企业S1 (S1)\n');
    expect(l2).toBeGreaterThan(0);
    expect(l2).toBeLessThan(text.indexOf('  2020-02-29     7  企业L1 (L1): seats ← 企业S1 (S1)\n'));
    expect(text).toContain('  企业L1 (L1): seats ← 企业S1 (S1)\n');
    expect(text).toMatch(/ {2}2 \/ 2 \/ 2 +广东省 Guangdong {2}企业S1 \(S1\)\n/);
  });

  it('generates the same scenario for the same seed', () => {
    const dir = tmp();
    const a = linkage(dir, 'generate', '--seed', '7', '--leaders', '4', '--suppliers', '200', '--out', path.join(dir, 'a.json'));
    const b = linkage(dir, 'generate', '--seed', '7', '--leaders', '4', '--suppliers', '200', '--out', path.join(dir, 'b.json'));
    expect([a.code, b.code]).toEqual([0, 0]);
    const text = fs.readFileSync(path.join(dir, 'a.json'), 'utf8');
    expect(text).toBe(fs.readFileSync(path.join(dir, 'b.json'), 'utf8'));
    const doc = JSON.parse(text);
    expect(doc.enterprises).toHaveLength(204);
    // The file holds the whole document, the leaders' stock (§7) included, as npm start loads it.
    expect(doc.inventories.length).toBeGreaterThan(0);
    expect(doc.inventories.every((r: { customer: string; days: number }) => typeof r.customer === 'string' && r.days >= 0)).toBe(true);
  });

  it('refuses unknown commands and options with a usage message', () => {
    expect(linkage(tmp(), 'frobnicate').code).toBe(2);
    const r = linkage(tmp(), 'export', '--colour');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('linkage export');
  });
});
