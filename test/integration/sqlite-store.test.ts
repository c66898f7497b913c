import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../src/graph/sqlite';
import { describeStoreConformance } from '../store-conformance';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describeStoreConformance('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-sqlite-'));
  dirs.push(dir);
  return new SqliteStore({ file: path.join(dir, 'linkage.sqlite') });
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
});
