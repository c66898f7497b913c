/** The audit store conformance suite against the SQLite adapter, each test on a fresh file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteAuditStore } from '../../src/access';
import { describeAuditStoreConformance } from './audit-store-conformance';

let dir: string;
let files = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-audit-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeAuditStoreConformance('sqlite', async () => new SqliteAuditStore(path.join(dir, `audit-${++files}.sqlite`)));
