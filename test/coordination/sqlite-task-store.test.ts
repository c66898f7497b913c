/**
 * The SQLite task store: the conformance suite on a real file, plus what only a shared file
 * shows — two connections (two processes) cannot both open a task for one supplier.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteTaskStore, type TaskStore } from '../../src/coordination';
import { SqliteStore } from '../../src/graph';
import { describeTaskStore, newTask } from './task-store-conformance';

const files = new Map<TaskStore, string>();

describeTaskStore('sqlite', {
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-tasks-'));
    const store = new SqliteTaskStore({ file: path.join(dir, 'linkage.sqlite') });
    await store.init();
    files.set(store, dir);
    return store;
  },
  async dispose(store) {
    await store.close();
    fs.rmSync(files.get(store)!, { recursive: true, force: true });
    files.delete(store);
  },
});

describe('SqliteTaskStore on a shared file', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-tasks-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shares the graph store file, and two connections cannot both open a task for one supplier', async () => {
    const file = path.join(dir, 'linkage.sqlite');
    const graph = new SqliteStore({ file });
    await graph.init();
    const a = new SqliteTaskStore({ file });
    const b = new SqliteTaskStore({ file });
    await a.init();
    await b.init();
    expect((await a.commit({ revision: 1, creates: [newTask('t-a', 'S1')], updates: [], events: [] })).status).toBe('committed');
    expect((await b.commit({ revision: 1, creates: [newTask('t-b', 'S1')], updates: [], events: [] })).status).toBe('conflict');
    expect((await b.snapshot()).active.map((t) => t.id)).toEqual(['t-a']);
    expect(await graph.revision()).toBe(0);
    await Promise.all([a.close(), b.close(), graph.close()]);
  });
});
