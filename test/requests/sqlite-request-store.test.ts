/** The SQLite request store: the conformance suite on a real file shared with the task store and the audit trail. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteAuditStore } from '../../src/access/sqlite-audit-store';
import { SqliteTaskStore } from '../../src/coordination';
import { SqliteRequestStore } from '../../src/coordination/sqlite-request-store';
import { describeRequestStore, type RequestStoreWorld } from './request-store-conformance';

const dirs = new Map<RequestStoreWorld, string>();

describeRequestStore('sqlite', {
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-requests-'));
    const file = path.join(dir, 'linkage.sqlite');
    const tasks = new SqliteTaskStore({ file });
    const audit = new SqliteAuditStore(file);
    const requests = new SqliteRequestStore({ file });
    await tasks.init();
    await audit.init();
    await requests.init();
    const world = { tasks, audit, requests };
    dirs.set(world, dir);
    return world;
  },
  async dispose(w) {
    await Promise.all([w.requests.close(), w.tasks.close(), w.audit.close()]);
    fs.rmSync(dirs.get(w)!, { recursive: true, force: true });
    dirs.delete(w);
  },
});
