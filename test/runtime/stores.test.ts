import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteAuditStore, SqliteTokenStore } from '../../src/access';
import { SqliteRequestStore, SqliteTaskStore } from '../../src/coordination';
import { SqliteStore } from '../../src/graph';
import { DATA_FILE_NAME } from '../../src/infra/sqlite';
import { loadConfig } from '../../src/shared/config';
import { createStores } from '../../src/runtime/stores';

describe('createStores', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-stores-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('puts every store of the SQLite backend in the one data file of the data directory', async () => {
    const stores = createStores(loadConfig({ LINKAGE_DATA_DIR: dir }));
    const opened = [stores.graph(), stores.tokens(), stores.audit(), stores.tasks(), stores.requests()];
    expect(opened.map((s) => s.constructor)).toEqual([SqliteStore, SqliteTokenStore, SqliteAuditStore, SqliteTaskStore, SqliteRequestStore]);
    for (const s of opened) await s.init();
    for (const s of opened) await s.close();
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))).toEqual([DATA_FILE_NAME]);
  });
});
