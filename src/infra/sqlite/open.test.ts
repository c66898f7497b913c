import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite } from './open';

describe('the embedded database file', () => {
  it('is readable by its owner only, in a directory of its own made 0700', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-perm-'));
    const file = path.join(root, 'data', 'linkage.sqlite');
    const db = openSqlite(file);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    try {
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
    } finally {
      db.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('an existing world-readable file is narrowed to 0600 when opened', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-perm-'));
    const file = path.join(root, 'linkage.sqlite');
    fs.writeFileSync(file, '', { mode: 0o644 });
    const db = openSqlite(file);
    try {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      db.close();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
