/** The token store conformance suite against the SQLite adapter, each test on a fresh file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteTokenStore } from '../../src/access';
import { describeTokenStoreConformance } from './token-store-conformance';

let dir: string;
let files = 0;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-tokens-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describeTokenStoreConformance('sqlite', async () => new SqliteTokenStore(path.join(dir, `tokens-${++files}.sqlite`)));
