import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../src/graph/sqlite';
import { describeStoreConformance } from '../store-conformance';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const files = new WeakMap<object, string>();

describeStoreConformance(
  'sqlite',
  async (opts) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'linkage.sqlite');
    const store = new SqliteStore({ file, ...opts });
    files.set(store, file);
    return store;
  },
  {
    // Another connection adds a trigger that refuses every change-log row.
    async breakChangeLog(store) {
      const db = new Database(files.get(store)!);
      db.exec("CREATE TRIGGER change_log_broken BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'change log broken'); END");
      db.close();
    },
  },
  async (store) => new SqliteStore({ file: files.get(store)! }),
);

// Again with every import keeping the snapshot cache (no threshold), so the conformance suite's
// snapshots after imports come from the cache the import wrote.
describeStoreConformance('sqlite, imports keeping the snapshot cache', async (opts) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-sqlite-'));
  dirs.push(dir);
  return new SqliteStore({ file: path.join(dir, 'linkage.sqlite'), importCacheMinLinks: 0, ...opts });
});

describe('sqlite store on disk', () => {
  it('keeps its data across reopening the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'linkage.sqlite');
    const a = new SqliteStore({ file });
    await a.init();
    await a.applyImport(
      { enterprises: [{ id: 'A', name: 'A', role: 'leader', industry: 'automotive', province: '420000', status: 'resumed' }], links: [], statusReports: [] },
      { actor: 't', now: new Date() },
    );
    await a.close();
    const b = new SqliteStore({ file });
    await b.init();
    expect(await b.revision()).toBe(1);
    expect((await b.exportDocument()).enterprises).toHaveLength(1);
    await b.close();
  });

  it('a file written before the change log existed: its old revisions are not covered, the ones written after are', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'linkage.sqlite');
    const a = new SqliteStore({ file });
    await a.init();
    const ctx = { actor: 't', now: new Date('2020-03-24T08:00:00Z') };
    await a.applyImport(
      { enterprises: [{ id: 'A', name: 'A', role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' }], links: [], statusReports: [] },
      ctx,
    );
    await a.appendStatusReport({ enterprise: 'A', status: 'suspended', asOf: '2020-03-01' }, ctx);
    await a.close();
    // As an older version left it: no change_log table.
    const old = new Database(file);
    old.exec('DROP TABLE change_log');
    old.close();
    const b = new SqliteStore({ file });
    await b.init();
    expect(await b.changesSince(0)).toMatchObject({ covered: false });
    expect(await b.changesSince(1)).toMatchObject({ covered: false });
    expect(await b.changesSince(2)).toMatchObject({ covered: true, changes: [] });
    await b.appendStatusReport({ enterprise: 'A', status: 'resumed', asOf: '2020-03-02' }, ctx);
    expect(await b.changesSince(1)).toMatchObject({ covered: false });
    const log = await b.changesSince(2);
    expect(log.covered && log.changes.map((c) => [c.revision, c.kind])).toEqual([[3, 'status']]);
    await b.close();
  });

  it('a file from before stores had an identity, put in place under an open store: no identity until an init gives it one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'linkage.sqlite');
    const store = new SqliteStore({ file });
    await store.init();
    const { store: before } = await store.head();
    // As an older version left it: no store_identity table.
    const old = new Database(file);
    old.exec('DROP TABLE store_identity');
    old.close();
    expect(await store.head()).toEqual({ store: null, revision: 0 });
    expect(await store.changesSince(0)).toEqual({ store: null, revision: 0, covered: true, changes: [] });
    expect((await store.snapshot()).store).toBeNull();
    await store.init();
    const { store: after } = await store.head();
    expect(after).toEqual(expect.any(String));
    expect(after).not.toBe(before);
    await store.close();
  });

  it('holds the write lock for the whole import, so another process committing meanwhile cannot make it fail', async () => {
    // A document of status reports only: the transaction's first statement is a read. Were it
    // a deferred transaction, a commit by another connection at that moment (a worker, the CLI)
    // would make its first write fail at once with "database is locked".
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-sqlite-'));
    dirs.push(dir);
    const file = path.join(dir, 'linkage.sqlite');
    const store = new SqliteStore({ file });
    await store.init();
    const ctx = { actor: 't', now: new Date('2020-03-24T08:00:00Z') };
    await store.applyImport(
      { enterprises: [{ id: 'A', name: 'A', role: 'leader', industry: 'automotive', province: '420000', status: 'resumed' }], links: [], statusReports: [] },
      ctx,
    );
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    let otherWrite = '';
    try {
      const out = await store.applyImport({ enterprises: [], links: [], statusReports: [{ enterprise: 'A', status: 'suspended', asOf: '2020-03-24' }] }, ctx, (phase) => {
        if (phase !== 'enterprises' || otherWrite) return;
        try {
          other.prepare('CREATE TABLE IF NOT EXISTS elsewhere (x)').run();
          otherWrite = 'committed';
        } catch (err) {
          otherWrite = (err as Error).message;
        }
      });
      expect(out.changed.statusReports).toBe(1);
      expect(otherWrite).toBe('database is locked');
      expect((await store.getEnterprise('A'))?.currentStatus).toBe('suspended');
    } finally {
      other.close();
      await store.close();
    }
  });
});
