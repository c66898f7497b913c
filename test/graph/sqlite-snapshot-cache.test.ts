import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/graph/sqlite';
import type { Enterprise, Link } from '../../src/graph/schema';
import type { ChainSnapshot, NewStatusReport, WriteContext } from '../../src/graph/store';
import { mulberry32 } from '../../src/shared/prng';

const ctx = (): WriteContext => ({ actor: 'test', now: new Date('2020-03-24T08:00:00Z') });
const STATUSES = ['resumed', 'partial', 'suspended'] as const;
const PROVINCES = ['420000', '310000', '440000'];
const INDUSTRIES = ['automotive', 'electronics'];
const PARTS = ['seat', 'chip', 'wafer', 'harness'];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-snapcache-'));
  dirs.push(dir);
  return path.join(dir, 'linkage.sqlite');
}

/** Everything a snapshot gives, as plain values. */
function plain(s: ChainSnapshot) {
  const c = s.columns!;
  return {
    revision: s.revision,
    ids: c.ids,
    names: c.names,
    capacityPct: Array.from(c.capacityPct),
    role: Array.from(c.role),
    status: Array.from(c.status),
    provinces: c.provinces,
    provinceOf: Array.from(c.provinceOf),
    industries: c.industries,
    industryOf: Array.from(c.industryOf),
    parts: c.parts,
    linkSupplier: Array.from(c.linkSupplier),
    linkCustomer: Array.from(c.linkCustomer),
    linkPart: Array.from(c.linkPart),
    linkCritical: Array.from(c.linkCritical),
    index: c.ids.map((id) => c.index.get(id)),
    enterprises: s.enterprises,
    links: s.links,
  };
}

function cacheRevision(file: string): number | null {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT revision FROM snapshot_cache WHERE key = 'snapshot'").pluck().get() as number | undefined) ?? null;
  } finally {
    db.close();
  }
}

async function randomRun(seed: number, changeLogRevisions: number | undefined): Promise<{ hits: number; snapshots: number }> {
  const file = tempFile();
  // Imports leave the cache stale here (the default threshold): snapshots after them read rows.
  const cached = new SqliteStore({ file, changeLogRevisions });
  const rows = new SqliteStore({ file, changeLogRevisions, snapshotCache: false });
  await cached.init();
  await rows.init();
  const rnd = mulberry32(seed); // seeded, so a failing sequence can be replayed
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ids: string[] = [];
  const links: Link[] = [];
  const date = () => `2020-03-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  const enterprise = (id: string): Enterprise => ({
    id,
    name: `Name ${id} ${Math.floor(rnd() * 3)}`,
    role: rnd() < 0.2 ? 'leader' : 'supplier',
    industry: pick(INDUSTRIES),
    province: pick(PROVINCES),
    status: pick(STATUSES),
    ...(rnd() < 0.5 ? { capacityPct: Math.floor(rnd() * 100) } : {}),
  });
  const report = (): NewStatusReport => ({
    enterprise: pick(ids),
    status: pick(STATUSES),
    asOf: date(),
    ...(rnd() < 0.5 ? { capacityPct: Math.floor(rnd() * 100) } : {}),
  });
  let hits = 0;
  let snapshots = 0;
  try {
    for (let step = 0; step < 60; step++) {
      const r = rnd();
      if (ids.length === 0 || r < 0.15) {
        // An import: new enterprises and links, some existing ones changed, maybe reports.
        const fresh = Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => `E${ids.length + Math.floor(rnd() * 1e6)}`).filter((id) => !ids.includes(id));
        const all = [...ids, ...fresh];
        const changed = ids.filter(() => rnd() < 0.2);
        const newLinks: Link[] = [];
        for (let k = 0; k < 1 + Math.floor(rnd() * 5) && all.length > 1; k++) {
          const supplier = pick(all);
          const customer = pick(all.filter((id) => id !== supplier));
          newLinks.push({ supplier, customer, part: pick(PARTS), critical: rnd() < 0.5 });
        }
        if (links.length > 0 && rnd() < 0.3) newLinks.push({ ...pick(links), critical: rnd() < 0.5 });
        ids.push(...fresh);
        const statusReports = rnd() < 0.3 ? [report()] : [];
        await cached.applyImport({ enterprises: [...fresh, ...changed].map(enterprise), links: newLinks, statusReports }, ctx());
        links.push(...newLinks);
      } else if (r < 0.6) {
        await cached.appendStatusReport(report(), ctx());
      } else if (r < 0.7 && links.length > 0) {
        const l = pick(links);
        await cached.appendInventoryReport({ customer: l.customer, part: l.part, days: Math.floor(rnd() * 30), asOf: date() }, ctx());
      } else {
        const before = cacheRevision(file);
        const revision = await cached.revision();
        const a = await cached.snapshot();
        const b = await rows.snapshot();
        snapshots++;
        if (before !== null && before <= revision && (await cached.changesSince(before)).covered) hits++;
        expect(plain(a)).toEqual(plain(b));
      }
    }
    expect(plain(await cached.snapshot())).toEqual(plain(await rows.snapshot()));
  } finally {
    await cached.close();
    await rows.close();
  }
  return { hits, snapshots };
}

/**
 * Imports that keep the cache (no threshold), interleaved with status and stock reports: new and
 * existing enterprises (renamed, moved to new provinces and industries, their own status and
 * capacity changed, with or without a report over them), new and existing links (critical
 * flipped, new parts), rows repeated within a document, reports in documents. After every write
 * the cache store's snapshot must equal the row read; `kept` counts imports after which the cache
 * was at the import's revision (the snapshot then came from it).
 */
async function importRun(seed: number, changeLogRevisions: number | undefined): Promise<{ kept: number; imports: number }> {
  const file = tempFile();
  const cached = new SqliteStore({ file, changeLogRevisions, importCacheMinLinks: 0 });
  const rows = new SqliteStore({ file, changeLogRevisions, snapshotCache: false });
  await cached.init();
  await rows.init();
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const provinces = [...PROVINCES];
  const industries = [...INDUSTRIES];
  const parts = [...PARTS];
  // Now and then a value no row has had.
  const fresh = (xs: string[], prefix: string) => (rnd() < 0.1 ? (xs.push(`${prefix}${xs.length}`), xs[xs.length - 1]) : pick(xs));
  const ids: string[] = [];
  const links: Link[] = [];
  const date = () => `2020-03-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`;
  const enterprise = (id: string): Enterprise => ({
    id,
    name: `Name ${id} ${Math.floor(rnd() * 3)}`,
    role: rnd() < 0.2 ? 'leader' : 'supplier',
    industry: fresh(industries, 'industry '),
    province: fresh(provinces, '9'),
    status: pick(STATUSES),
    ...(rnd() < 0.5 ? { capacityPct: Math.floor(rnd() * 100) } : {}),
  });
  const report = (among: readonly string[]): NewStatusReport => ({
    enterprise: pick(among),
    status: pick(STATUSES),
    asOf: date(),
    ...(rnd() < 0.5 ? { capacityPct: Math.floor(rnd() * 100) } : {}),
  });
  let kept = 0;
  let imports = 0;
  const compare = async () => expect(plain(await cached.snapshot())).toEqual(plain(await rows.snapshot()));
  try {
    for (let step = 0; step < 50; step++) {
      const r = rnd();
      if (ids.length === 0 || r < 0.5) {
        const added = Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => `E${step}-${k}`);
        const all = [...ids, ...added];
        // Few or many existing enterprises: a lookup each, or one pass over the rows.
        const share = rnd() < 0.5 ? 0.05 : 0.5;
        const changed = ids.filter(() => rnd() < share);
        const enterprises = [...added, ...changed].map(enterprise);
        if (enterprises.length > 0 && rnd() < 0.2) enterprises.push(enterprise(pick(enterprises).id));
        const newLinks: Link[] = [];
        for (let k = 0; k < Math.floor(rnd() * 6) && all.length > 1; k++) {
          const supplier = pick(all);
          const customer = pick(all.filter((id) => id !== supplier));
          newLinks.push({ supplier, customer, part: fresh(parts, 'part '), critical: rnd() < 0.5 });
        }
        for (let k = 0; links.length > 0 && k < Math.floor(rnd() * 3); k++) newLinks.push({ ...pick(links), critical: rnd() < 0.5 });
        if (newLinks.length > 0 && rnd() < 0.2) newLinks.push({ ...pick(newLinks), critical: rnd() < 0.5 });
        const statusReports = Array.from({ length: all.length > 0 && rnd() < 0.4 ? 1 + Math.floor(rnd() * 2) : 0 }, () => report(all));
        const outcome = await cached.applyImport({ enterprises, links: newLinks, statusReports }, ctx());
        ids.push(...added);
        links.push(...newLinks);
        imports++;
        if (cacheRevision(file) === outcome.revision) kept++;
      } else if (r < 0.85) {
        await cached.appendStatusReport(report(ids), ctx());
      } else if (links.length > 0) {
        const l = pick(links);
        await cached.appendInventoryReport({ customer: l.customer, part: l.part, days: Math.floor(rnd() * 30), asOf: date() }, ctx());
      }
      await compare();
    }
  } finally {
    await cached.close();
    await rows.close();
  }
  return { kept, imports };
}

describe('sqlite snapshot cache', () => {
  test.each([1, 2, 3, 4, 5, 6])('gives the row-based snapshot across random imports and reports (seed %i, default retention)', async (seed) => {
    const { hits, snapshots } = await randomRun(seed, undefined);
    expect(snapshots).toBeGreaterThan(0);
    // Some snapshots came from a valid cache (the comparison then checked its patching).
    expect(hits).toBeGreaterThan(0);
  });

  test.each([11, 12, 13, 14, 15, 16])('gives the row-based snapshot when the change log keeps only 3 revisions (seed %i)', async (seed) => {
    await randomRun(seed, 3);
  });

  test.each([21, 22, 23, 24, 25, 26])('an import keeps it current: after each write it gives the row-based snapshot (seed %i)', async (seed) => {
    const { kept, imports } = await importRun(seed, undefined);
    // Every import but those that changed nothing (a missed one would have been read from rows).
    expect(kept).toBeGreaterThan(imports / 2);
  });

  test.each([31, 32, 33])('an import keeps it current when the change log keeps only 3 revisions (seed %i)', async (seed) => {
    await importRun(seed, 3);
  });

  test('an import into an empty store writes it, and a fresh process reads it warm', async () => {
    const file = tempFile();
    const store = new SqliteStore({ file, importCacheMinLinks: 2 });
    await store.init();
    const ent = (id: string, role: Enterprise['role'] = 'supplier'): Enterprise => ({ id, name: id, role, industry: 'automotive', province: '420000', status: 'resumed' });
    const outcome = await store.applyImport(
      {
        enterprises: [ent('L1', 'leader'), ent('S1'), ent('S2'), { ...ent('S1'), status: 'partial', capacityPct: 40 }],
        links: [
          { supplier: 'S1', customer: 'L1', part: 'seat', critical: true },
          { supplier: 'S2', customer: 'L1', part: 'chip', critical: false },
          { supplier: 'S1', customer: 'L1', part: 'seat', critical: false },
        ],
        statusReports: [{ enterprise: 'S2', status: 'suspended', asOf: '2020-03-02' }],
      },
      ctx(),
    );
    expect(cacheRevision(file)).toBe(outcome.revision);
    await store.close();
    const fresh = new SqliteStore({ file });
    const rows = new SqliteStore({ file, snapshotCache: false });
    await fresh.init();
    await rows.init();
    expect(plain(await fresh.snapshot())).toEqual(plain(await rows.snapshot()));
    // Tampered from another connection (the last name, then the provinces): the fresh process shows it read the cache.
    const db = new Database(file);
    db.prepare('UPDATE snapshot_cache SET strings = replace(strings, ?, ?)').run('S2\u0000420000', 'from the cache\u0000420000');
    db.close();
    expect((await fresh.snapshot()).enterprises[2]).toMatchObject({ id: 'S2', name: 'from the cache', status: 'suspended' });
    expect(cacheRevision(file)).toBe(outcome.revision);
    await fresh.close();
    await rows.close();
  });

  test('an import below the threshold, or whose cache write fails, leaves it stale and still lands', async () => {
    const file = tempFile();
    const store = new SqliteStore({ file, importCacheMinLinks: 3 });
    const rows = new SqliteStore({ file, snapshotCache: false });
    await store.init();
    await rows.init();
    const ent = (id: string): Enterprise => ({ id, name: id, role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' });
    const link = (supplier: string, customer: string): Link => ({ supplier, customer, part: 'seat', critical: true });
    // Two links into an empty store: below 3, no cache.
    await store.applyImport({ enterprises: [ent('A'), ent('B'), ent('C')], links: [link('A', 'B'), link('B', 'C')], statusReports: [] }, ctx());
    expect(cacheRevision(file)).toBeNull();
    await store.snapshot();
    expect(cacheRevision(file)).toBe(1);
    // Still two links before this import: the cache stays at 1.
    await store.applyImport({ enterprises: [ent('D')], links: [link('C', 'D')], statusReports: [] }, ctx());
    expect(cacheRevision(file)).toBe(1);
    expect(plain(await store.snapshot())).toEqual(plain(await rows.snapshot()));
    expect(cacheRevision(file)).toBe(2);
    // Three links now: kept.
    await store.applyImport({ enterprises: [ent('E')], links: [link('D', 'E')], statusReports: [] }, ctx());
    expect(cacheRevision(file)).toBe(3);
    // A cache write that fails: the import lands all the same.
    const db = new Database(file);
    db.exec("CREATE TRIGGER snapshot_cache_broken BEFORE UPDATE ON snapshot_cache BEGIN SELECT RAISE(ABORT, 'cache broken'); END");
    db.close();
    const outcome = await store.applyImport({ enterprises: [ent('F')], links: [link('E', 'F')], statusReports: [] }, ctx());
    expect(outcome.revision).toBe(4);
    expect(cacheRevision(file)).toBe(3);
    const fix = new Database(file);
    fix.exec('DROP TRIGGER snapshot_cache_broken');
    fix.close();
    expect((await rows.snapshot()).links).toHaveLength(5);
    expect(plain(await store.snapshot())).toEqual(plain(await rows.snapshot()));
    await store.close();
    await rows.close();
  });

  test('a snapshot with a NUL in a string, or empty tables, reads back as the rows give it', async () => {
    const file = tempFile();
    const store = new SqliteStore({ file });
    const rows = new SqliteStore({ file, snapshotCache: false });
    await store.init();
    expect(plain(await store.snapshot())).toEqual(plain(await rows.snapshot()));
    expect(plain(await store.snapshot())).toEqual(plain(await rows.snapshot()));
    const e = (id: string, name: string): Enterprise => ({ id, name, role: 'leader', industry: '', province: 'p', status: 'partial' });
    await store.applyImport({ enterprises: [e('A', ''), e('B', 'x')], links: [], statusReports: [] }, ctx());
    await store.snapshot();
    expect(cacheRevision(file)).toBe(1);
    expect(plain(await store.snapshot())).toEqual(plain(await rows.snapshot()));
    await store.applyImport({ enterprises: [e('C', 'nul \u0000 inside')], links: [], statusReports: [] }, ctx());
    expect(plain(await store.snapshot())).toEqual(plain(await rows.snapshot()));
    expect(cacheRevision(file)).toBe(1);
    expect(plain(await store.snapshot())).toEqual(plain(await rows.snapshot()));
    await store.close();
    await rows.close();
  });

  test('is used while valid, and not after an import or past the change log', async () => {
    const file = tempFile();
    const store = new SqliteStore({ file, changeLogRevisions: 4 });
    await store.init();
    const ent = (id: string, role: Enterprise['role'] = 'supplier'): Enterprise => ({ id, name: id, role, industry: 'automotive', province: '420000', status: 'resumed' });
    await store.applyImport(
      { enterprises: [ent('L1', 'leader'), ent('S1'), ent('S2')], links: [{ supplier: 'S1', customer: 'L1', part: 'seat', critical: true }], statusReports: [] },
      ctx(),
    );
    expect(cacheRevision(file)).toBeNull();
    await store.snapshot();
    expect(cacheRevision(file)).toBe(1);
    // Tamper with the cache from another connection: a snapshot that shows it read the cache.
    const tamper = () => {
      const db = new Database(file);
      const strings = (db.prepare('SELECT strings FROM snapshot_cache').pluck().get() as string).split('\u0000');
      // ids L1 S1 S2 (S3), then the names: the second name.
      strings[strings.indexOf('S1', 2)] = 'from the cache';
      db.prepare('UPDATE snapshot_cache SET strings = ?').run(strings.join('\u0000'));
      db.close();
    };
    tamper();
    await store.appendStatusReport({ enterprise: 'S1', status: 'suspended', asOf: '2020-03-02', capacityPct: 0 }, ctx());
    let s = await store.snapshot();
    expect(s.enterprises[1]).toMatchObject({ name: 'from the cache', status: 'suspended', capacityPct: 0 });
    // An import after the cache: rows are read again, and the cache rewritten.
    await store.applyImport({ enterprises: [ent('S3')], links: [], statusReports: [] }, ctx());
    s = await store.snapshot();
    expect(s.enterprises.map((e) => e.name)).toEqual(['L1', 'S1', 'S2', 'S3']);
    expect(s.enterprises[1]).toMatchObject({ status: 'suspended', capacityPct: 0 });
    expect(cacheRevision(file)).toBe(3);
    // Past the change log's retention: rows again.
    tamper();
    for (let i = 0; i < 6; i++) await store.appendStatusReport({ enterprise: 'S2', status: 'partial', asOf: `2020-03-1${i}`, capacityPct: 10 + i }, ctx());
    s = await store.snapshot();
    expect(s.enterprises[1].name).toBe('S1');
    expect(s.enterprises[2]).toMatchObject({ status: 'partial', capacityPct: 15 });
    await store.close();
  });
});
