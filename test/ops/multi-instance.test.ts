/**
 * Scale-out with real processes: two API instances (`linkage serve --role api`) and two
 * worker instances (`--role worker`) over one SQLite data directory and one Redis, under a
 * queue prefix of the test's own. A document goes in through API #1, status changes go in
 * through both APIs in turn, and one worker is killed with SIGKILL half-way. Then:
 *
 * (a) both APIs answer the same chains at the latest revision, the contract's (naive oracle);
 * (b) the active tasks are the contract's set at every revision, one per supplier in the store;
 * (c) each revision was reconciled once, though every instance asked for its analysis;
 * (d) a client of API #2's event stream sees the task opened by a write made through API #1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { ChainSnapshot } from '../../src/graph/store';
import type { Status } from '../../src/graph/schema';
import { NaiveAnalysis } from '../analysis/naive';
import { expectedTasks } from '../coordination/fixtures/random';
import { removeQueueKeys, TEST_REDIS_URL, uniquePrefix } from '../integration/harness';
import { callInstance, startInstance, stopAll, type Instance } from './fixtures/instances';
import { JobInspector, waitFor } from './support';

jest.setTimeout(90_000);

const TOKEN = 'test-coordinator-token-0123456789';
const HUBEI = '420000';
const GUANGDONG = '440000';
const SHANGHAI = '310000';
const JIANGSU = '320000';
const BEIJING = '110000';

const ent = (id: string, role: 'leader' | 'supplier', province: string) => ({ id, name: `Enterprise ${id}`, role, industry: 'automotive', province, status: 'resumed' as Status });

/**
 * Leaders in five provinces; suppliers in four. Suspending H2 (Hubei) blocks H1 and through it
 * LGD1 (Guangdong) and LSH1 (Shanghai); GD1 (Guangdong) blocks LHB1 (Hubei) and LJS1 (Jiangsu);
 * SH2 and JS2 are alternates for LBJ1's paint.
 */
const DOC = {
  enterprises: [
    ent('LGD1', 'leader', GUANGDONG),
    ent('LGD2', 'leader', GUANGDONG),
    ent('LSH1', 'leader', SHANGHAI),
    ent('LJS1', 'leader', JIANGSU),
    ent('LHB1', 'leader', HUBEI),
    ent('LBJ1', 'leader', BEIJING),
    ent('H1', 'supplier', HUBEI),
    ent('H2', 'supplier', HUBEI),
    ent('H3', 'supplier', HUBEI),
    ent('H4', 'supplier', HUBEI),
    ent('SH1', 'supplier', SHANGHAI),
    ent('SH2', 'supplier', SHANGHAI),
    ent('JS1', 'supplier', JIANGSU),
    ent('JS2', 'supplier', JIANGSU),
    ent('GD1', 'supplier', GUANGDONG),
  ],
  links: [
    { supplier: 'H2', customer: 'H1', part: 'foam' },
    { supplier: 'H1', customer: 'LGD1', part: 'seats' },
    { supplier: 'H1', customer: 'LSH1', part: 'seats' },
    { supplier: 'H3', customer: 'LHB1', part: 'glass' },
    { supplier: 'H4', customer: 'LJS1', part: 'chips' },
    { supplier: 'H4', customer: 'LGD2', part: 'chips' },
    { supplier: 'SH1', customer: 'LGD1', part: 'wiring' },
    { supplier: 'SH2', customer: 'LBJ1', part: 'paint' },
    { supplier: 'JS2', customer: 'LBJ1', part: 'paint' },
    { supplier: 'JS1', customer: 'LSH1', part: 'steel' },
    { supplier: 'JS1', customer: 'LJS1', part: 'steel' },
    { supplier: 'GD1', customer: 'LHB1', part: 'batteries' },
    { supplier: 'GD1', customer: 'LJS1', part: 'batteries' },
  ],
  statusReports: [
    { enterprise: 'H2', status: 'suspended' as Status, asOf: '2020-02-20' },
    { enterprise: 'GD1', status: 'suspended' as Status, asOf: '2020-02-20' },
  ],
};

/** Status changes, sent through API #1 and API #2 in turn; the worker dies after the fourth. */
const STEPS: [string, Status][] = [
  ['H4', 'suspended'],
  ['H2', 'resumed'],
  ['SH2', 'suspended'],
  ['JS2', 'suspended'],
  ['H3', 'suspended'],
  ['GD1', 'resumed'],
  ['JS1', 'suspended'],
  ['SH2', 'resumed'],
  ['H2', 'suspended'],
  ['H4', 'resumed'],
];
const KILL_AFTER = 4;

function snapshotOf(statuses: ReadonlyMap<string, Status>): ChainSnapshot {
  return {
    revision: 0,
    enterprises: DOC.enterprises.map((e) => ({ id: e.id, role: e.role, province: e.province, industry: e.industry, status: statuses.get(e.id) ?? e.status })),
    links: DOC.links.map((l) => ({ ...l, critical: true })),
  };
}

interface StreamedEvent {
  id: number;
  type: string;
  data: { task: { supplier: string; id: string } };
}

/** A server-sent-events client: collects what the stream sends until closed. */
async function followEvents(url: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`GET /api/events: ${res.status}`);
  const events: StreamedEvent[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const fields = new Map(
            buffer
              .slice(0, end)
              .split('\n')
              .filter((line) => !line.startsWith(':'))
              .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
          );
          buffer = buffer.slice(end + 2);
          if (fields.has('data')) events.push({ id: Number(fields.get('id')), type: fields.get('event')!, data: JSON.parse(fields.get('data')!) });
        }
      }
    } catch {
      /* aborted at the end of the test */
    }
  })();
  return {
    events,
    async close() {
      abort.abort();
      await pump;
    },
  };
}

describe('two API and two worker processes over one store and one Redis', () => {
  const prefix = uniquePrefix('lk-scale');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-scale-'));
  const env: Record<string, string> = {
    LINKAGE_DATA_DIR: dir,
    REDIS_URL: TEST_REDIS_URL,
    LINKAGE_QUEUE_PREFIX: prefix,
    LINKAGE_ADMIN_TOKEN: TOKEN,
    LINKAGE_DEMO: 'off',
    PORT: '0',
    // Other instances' writes are noticed within 100 ms; a dead worker's job is taken over in about a second.
    LINKAGE_REVISION_POLL_MS: '100',
    LINKAGE_JOB_LOCK_MS: '1000',
    LINKAGE_JOB_BACKOFF_MS: '50',
    LINKAGE_MIN_REVISION_WAIT_MS: '5000',
  };
  const instances: Instance[] = [];
  let jobs: JobInspector;
  let stream: Awaited<ReturnType<typeof followEvents>> | undefined;

  const call = <T = any>(inst: Instance, method: string, p: string, body?: unknown) => callInstance<T>(inst, TOKEN, method, p, body);

  beforeAll(async () => {
    // API #1 creates the store; the others open it once it exists.
    instances.push(await startInstance('api', env));
    instances.push(...(await Promise.all([startInstance('api', env), startInstance('worker', env), startInstance('worker', env)])));
    jobs = new JobInspector(TEST_REDIS_URL, prefix);
  });

  afterAll(async () => {
    await stream?.close();
    await jobs?.close();
    await stopAll(instances);
    await removeQueueKeys(TEST_REDIS_URL, prefix);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('converge on one answer, keep the contract set of tasks, reconcile each revision once, and stream events across instances — with a worker killed half-way', async () => {
    const [api1, api2, worker1, worker2] = instances;
    const apis = [api1, api2];
    stream = await followEvents(api2.url);

    const statuses = new Map<string, Status>(DOC.statusReports.map((r) => [r.enterprise, r.status]));
    const written: number[] = [];
    const checkTasks = async (via: Instance, revision: number) => {
      const { revision: at, tasks } = await call(via, 'GET', `/api/tasks?minRevision=${revision}&state=active&limit=1000`);
      expect(at).toBe(revision);
      const got = tasks
        .map((t: any) => ({ supplier: t.supplier, assigneeProvince: t.assigneeProvince, affectedLeaders: t.affectedLeaders, requestingProvinces: t.requestingProvinces }))
        .sort((a: { supplier: string }, b: { supplier: string }) => (a.supplier < b.supplier ? -1 : 1));
      const want = expectedTasks(snapshotOf(statuses)).map(({ blockedEnterprises: _b, ...t }) => t);
      expect(got).toEqual(want);
    };

    const imported = await call<{ revision: number }>(api1, 'POST', '/api/import', DOC);
    written.push(imported.revision);
    await checkTasks(api2, imported.revision);
    expect(expectedTasks(snapshotOf(statuses)).map((t) => t.supplier)).toEqual(['GD1', 'H2']);

    for (const [i, [id, status]] of STEPS.entries()) {
      const via = apis[i % 2];
      const { revision } = await call<{ revision: number }>(via, 'PUT', `/api/enterprises/${id}/status`, { status, note: `step ${i + 1}` });
      written.push(revision);
      statuses.set(id, status);
      if (i + 1 === KILL_AFTER) {
        // Mid-run: the analysis of this revision has just been asked for; either worker may hold it.
        worker1.child.kill('SIGKILL');
        expect(await worker1.exited).toBe('SIGKILL');
      }
      // Read through the other API: the tasks follow whichever instance took the write.
      await checkTasks(apis[(i + 1) % 2], revision);
    }
    const latest = written[written.length - 1];
    expect(written).toEqual([...written].sort((a, b) => a - b));

    // (a) Both APIs answer the same chains at the latest revision, and they are the contract's.
    const answers = await Promise.all(apis.map((a) => call<{ revision: number; chains: any[] }>(a, 'GET', `/api/chains?minRevision=${latest}`)));
    expect(answers[0].revision).toBe(latest);
    expect(answers[1]).toEqual(answers[0]);
    const naive = new NaiveAnalysis(snapshotOf(statuses));
    expect(answers[0].chains.map((c) => ({ leader: c.leader, state: c.state, rootCauses: c.rootCauses })).sort((a, b) => (a.leader < b.leader ? -1 : 1))).toEqual(
      naive.leaders
        .map((leader) => ({ leader, state: naive.chainState(leader), rootCauses: naive.chainState(leader) === 'blocked' ? naive.rootCauses(leader) : expect.anything() }))
        .sort((a, b) => (a.leader < b.leader ? -1 : 1)),
    );

    // (b) The contract's set, in the store itself: one active task per supplier, never two.
    expect(expectedTasks(snapshotOf(statuses)).map((t) => t.supplier)).toEqual(['H2', 'JS1']);
    const db = new Database(path.join(dir, 'linkage.sqlite'), { readonly: true, fileMustExist: true });
    try {
      const active = db.prepare("SELECT supplier FROM task WHERE state IN ('open', 'acknowledged', 'in_progress') ORDER BY supplier").pluck().all();
      expect(active).toEqual(['H2', 'JS1']);
      expect(db.prepare("SELECT supplier FROM task WHERE state IN ('open', 'acknowledged', 'in_progress') GROUP BY supplier HAVING COUNT(*) > 1").all()).toEqual([]);
      // H2 blocked, stopped blocking and blocked again: its first task was cleared and a new one opened.
      expect(db.prepare("SELECT state FROM task WHERE supplier = 'H2' ORDER BY created_at").pluck().all()).toEqual(['cleared', 'open']);
    } finally {
      db.close();
    }

    // (d) API #2's stream saw the task for H4, whose suspension went in through API #1.
    const h4 = await waitFor(() => stream!.events.find((e) => e.type === 'task.opened' && e.data.task.supplier === 'H4'), 'task.opened for H4 on API #2');
    expect(h4.id).toBeGreaterThan(0);
    const ids = stream.events.map((e) => e.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));

    // (c) Once the queues are quiet: one reconcile job per revision written, none for any twice.
    await waitFor(async () => (await jobs.idle('analysis')) && (await jobs.idle('tasks')), 'quiet queues');
    const reconciles = await jobs.jobs('tasks', 'reconcile');
    const perRevision: Record<number, number> = {};
    for (const j of reconciles) perRevision[j.data.revision] = (perRevision[j.data.revision] ?? 0) + 1;
    expect(perRevision).toEqual(Object.fromEntries(written.map((r) => [r, 1])));
    expect(reconciles.every((j) => j.finishedOn && !j.failedReason)).toBe(true);
    // Every instance asks for the analysis of what it sees (at start-up, after its own writes,
    // after noticing another's): those requests were coalesced by the queue, or found their
    // revision already reconciled and stopped there.
    const analyses = await jobs.jobs('analysis', 'analyze');
    expect(analyses.filter((j) => j.returnvalue?.skipped === 'tasks already reflect it').length).toBeGreaterThan(0);

    // The surviving worker did the work after the kill; it is still running.
    expect(worker2.child.exitCode).toBeNull();
  });
});
