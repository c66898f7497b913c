/**
 * A data file written before §7 opens with the runway's columns added in place: status reports
 * gain expectedResumeOn, tasks gain stopsOn, and what was stored stays as it was.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteTaskStore } from '../../src/coordination';
import { importDocument, SqliteStore } from '../../src/graph';

describe('opening a data file from before the runway', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-migrate-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds expected_resume_on to status reports and stops_on to tasks, keeping the rows', async () => {
    const file = path.join(dir, 'linkage.sqlite');
    const old = new Database(file);
    old.exec(`
      CREATE TABLE status_report (seq INTEGER PRIMARY KEY AUTOINCREMENT, enterprise TEXT NOT NULL, status TEXT NOT NULL,
        capacity_pct REAL, as_of TEXT NOT NULL, note TEXT, reporter TEXT, received_at TEXT NOT NULL, report_key TEXT NOT NULL);
      INSERT INTO status_report (enterprise, status, as_of, received_at, report_key) VALUES ('S1', 'suspended', '2020-02-10', 'x', 'k');
      CREATE TABLE task (id TEXT PRIMARY KEY, supplier TEXT NOT NULL, assignee_province TEXT NOT NULL, affected_leaders TEXT NOT NULL,
        requesting_provinces TEXT NOT NULL, blocked_enterprises INTEGER NOT NULL, priority INTEGER NOT NULL, state TEXT NOT NULL,
        escalated INTEGER NOT NULL DEFAULT 0, escalated_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
        delivered_at TEXT, previous_task TEXT, revision INTEGER NOT NULL, version INTEGER NOT NULL);
      INSERT INTO task VALUES ('t-1', 'S1', '420000', '["L1"]', '["440000"]', 1, 1010001, 'open', 0, NULL, 'a', 'a', NULL, NULL, 1, 1);
    `);
    old.close();

    const store = new SqliteStore({ file });
    await store.init();
    await store.init();
    expect((await store.statusHistory('S1', { limit: 5 })).items.map((r) => [r.asOf, r.expectedResumeOn ?? null])).toEqual([['2020-02-10', null]]);
    // A report needs its enterprise (refused otherwise, in the report's own transaction).
    await importDocument(
      store,
      { enterprises: [{ id: 'S1', name: 'S1', role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' }] },
      { actor: 't', now: new Date('2020-02-12T00:00:00Z') },
    );
    await store.appendStatusReport(
      { enterprise: 'S1', status: 'suspended', asOf: '2020-02-12', expectedResumeOn: '2020-03-01' },
      { actor: 't', now: new Date('2020-02-12T00:00:00Z') },
    );
    expect((await store.statusHistory('S1', { limit: 1 })).items[0]).toMatchObject({ expectedResumeOn: '2020-03-01' });
    await store.close();

    const tasks = new SqliteTaskStore({ file });
    await tasks.init();
    expect((await tasks.get('t-1'))!.stopsOn).toBeUndefined();
    expect((await tasks.list({ limit: 5 })).items.map((t) => t.id)).toEqual(['t-1']);
    await tasks.close();
  });
});
