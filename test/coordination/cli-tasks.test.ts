/**
 * `linkage tasks` on a data directory, without a server or Redis: the same use cases as the
 * API, so the same states, 409s and follow-ups.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analysisDesiredSource, SqliteTaskStore, TaskService } from '../../src/coordination';
import { importDocument, SqliteStore } from '../../src/graph';
import { cli } from '../cli/support';
import { ChainState } from '../../src/runtime/chain-state';
import { systemClock } from '../../src/shared/clock';
import { CHAIN_DOC, HUBEI } from './fixtures/network';

const lines = (s: string) =>
  s
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

describe('linkage tasks', () => {
  let dir: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-tasks-'));
    process.env.LINKAGE_DATA_DIR = dir;
    process.env.LINKAGE_ACTOR = 'tester';
    delete process.env.REDIS_URL;
    const file = path.join(dir, 'linkage.sqlite');
    const graph = new SqliteStore({ file });
    await graph.init();
    await importDocument(graph, { ...CHAIN_DOC, statusReports: [{ enterprise: 'S2', status: 'suspended', asOf: '2020-03-20' }] }, { actor: 'test', now: new Date() });
    // Open the tasks the way a worker would, with the same use case.
    const store = new SqliteTaskStore({ file });
    await store.init();
    const chains = new ChainState(graph, 1000);
    const service = new TaskService({
      store,
      clock: systemClock,
      slaMs: 86_400_000,
      waitMs: 0,
      desired: analysisDesiredSource(chains, { storeRevision: () => graph.revision(), followsWrites: false }),
    });
    await service.reconcileLatest();
    await store.close();
    await graph.close();
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--province takes the code, the Chinese name (湖北, 湖北省) or the English name (Hubei); an unknown one exits 2', async () => {
    const byCode = lines((await cli(['tasks', 'list', '--json', '--province', HUBEI])).out);
    expect(byCode).toHaveLength(1);
    for (const name of ['湖北', '湖北省', 'Hubei', 'hubei']) {
      const r = await cli(['tasks', 'list', '--json', '--province', name]);
      expect(r.code).toBe(0);
      expect(lines(r.out)).toEqual(byCode);
    }
    expect(lines((await cli(['tasks', 'list', '--json', '--province', 'Shanghai'])).out)).toEqual(lines((await cli(['tasks', 'list', '--json', '--province', '310000'])).out));
    const bad = await cli(['tasks', 'list', '--province', 'Atlantis']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/"Atlantis" is not a province/);
  });

  it('lists, shows and walks a task to resolved; resolving while the supplier still blocks opens a follow-up', async () => {
    const listed = await cli(['tasks', 'list', '--json', '--province', HUBEI]);
    expect(listed.code).toBe(0);
    const [task] = lines(listed.out);
    expect(task).toMatchObject({ supplier: 'S2', state: 'open', affectedLeaders: ['L1', 'L3'] });
    expect(task).not.toHaveProperty('version');

    expect((await cli(['tasks', 'start', task.id])).code).toBe(1); // open → in_progress is illegal
    expect(lines((await cli(['tasks', 'ack', task.id, '--note', 'calling them'])).out)[0]).toMatchObject({ state: 'acknowledged' });
    expect(lines((await cli(['tasks', 'start', task.id])).out)[0]).toMatchObject({ state: 'in_progress' });
    const resolved = await cli(['tasks', 'resolve', task.id]);
    expect(resolved.code).toBe(0);
    expect(resolved.err).toContain('next sweep');

    const shown = lines((await cli(['tasks', 'show', task.id])).out)[0];
    expect(shown.history.map((h: { to: string; actor: string }) => [h.to, h.actor])).toEqual([
      ['open', 'system'],
      ['acknowledged', 'cli:tester'],
      ['in_progress', 'cli:tester'],
      ['resolved', 'cli:tester'],
    ]);
    expect(shown.history[1].note).toBe('calling them');
    const active = lines((await cli(['tasks', 'list', '--state', 'active', '--json'])).out);
    expect(active).toEqual([expect.objectContaining({ supplier: 'S2', state: 'open', escalated: true, previousTask: task.id })]);
    const text = await cli(['tasks', 'list', '--escalated']);
    expect(text.out).toContain('escalated');
    expect(text.out.trim().split('\n')).toHaveLength(1);
  });

  it('reports an illegal move, an unknown task and a bad filter with a non-zero exit', async () => {
    const [task] = lines((await cli(['tasks', 'list', '--json'])).out);
    const illegal = await cli(['tasks', 'resolve', task.id]);
    expect(illegal.code).toBe(1);
    expect(illegal.err).toContain('open');
    expect((await cli(['tasks', 'show', 'tk_nope'])).code).toBe(1);
    expect((await cli(['tasks', 'list', '--state', 'sleeping'])).code).toBe(2);
    expect((await cli(['tasks', 'frobnicate'])).code).toBe(2);
  });
});
