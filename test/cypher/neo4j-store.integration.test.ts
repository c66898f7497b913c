/**
 * The Neo4j adapters against a real Neo4j 5 server: the graph, token, audit and task store
 * conformance suites, and concurrent writers. One file, so that no two tests share the database at once.
 * Runs only when NEO4J_TEST_URI or NEO4J_URI is set (e.g. bolt://localhost:7687 from `docker
 * compose up neo4j`), with NEO4J_TEST_USER/NEO4J_USER (default "neo4j") and
 * NEO4J_TEST_PASSWORD/NEO4J_PASSWORD. It EMPTIES the database before each test: point it at a
 * throwaway one.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { Neo4jStore } from '../../src/graph/neo4j';
import { createNeo4jAuditStore, createNeo4jTokenStore } from '../../src/access';
import { createNeo4jRequestStore, createNeo4jTaskStore } from '../../src/coordination';
import { describeRequestStore } from '../requests/request-store-conformance';
import { load } from '../../src/infra/neo4j/cypher';
import { describeAuditStoreConformance } from '../access/audit-store-conformance';
import { describeTokenStoreConformance } from '../access/token-store-conformance';
import { describeTaskStore, newTask } from '../coordination/task-store-conformance';
import { describeStoreConformance } from '../store-conformance';
import { FIXTURES_DIR } from './fake-neo4j';

const uri = process.env.NEO4J_TEST_URI ?? process.env.NEO4J_URI;
const user = process.env.NEO4J_TEST_USER ?? process.env.NEO4J_USER ?? 'neo4j';
const password = process.env.NEO4J_TEST_PASSWORD ?? process.env.NEO4J_PASSWORD ?? '';

if (!uri) {
  console.info('neo4j store on a server: SKIPPED (no NEO4J_URI / NEO4J_TEST_URI); the suites ran on the fake driver only');
  describe('neo4j store on a server', () => {
    it.skip('SKIPPED: no Neo4j server (set NEO4J_URI or NEO4J_TEST_URI to run the conformance suites against one)', () => undefined);
  });
} else {
  const driver: Driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
  afterAll(() => driver.close());

  const wipe = async (): Promise<void> => {
    const session = driver.session();
    try {
      await session.executeWrite((tx) => tx.run(load('wipe', FIXTURES_DIR).text));
    } finally {
      await session.close();
    }
  };
  const freshStore = async (opts?: { changeLogRevisions?: number }): Promise<Neo4jStore> => {
    await wipe();
    return new Neo4jStore({ driver, ...opts });
  };

  describeStoreConformance('neo4j (server)', freshStore, undefined, async () => new Neo4jStore({ driver }));
  describeTokenStoreConformance('neo4j (server)', async () => (await wipe(), createNeo4jTokenStore({ driver })));
  describeAuditStoreConformance('neo4j (server)', async () => (await wipe(), createNeo4jAuditStore({ driver })));
  const freshTaskStore = async () => {
    await wipe();
    const store = createNeo4jTaskStore({ driver });
    await store.init();
    return store;
  };
  describeTaskStore('neo4j (server)', { create: freshTaskStore, dispose: (store) => store.close() });
  describeRequestStore('neo4j (server)', {
    async create() {
      await wipe();
      const tasks = createNeo4jTaskStore({ driver });
      const audit = createNeo4jAuditStore({ driver });
      const requests = createNeo4jRequestStore({ driver });
      await tasks.init();
      await audit.init();
      await requests.init();
      return { tasks, audit, requests };
    },
    dispose: async (w) => {
      await Promise.all([w.requests.close(), w.tasks.close(), w.audit.close()]);
    },
  });

  describe('neo4j store on a server, under concurrent writers', () => {
    it('gives every appended report its own seq and every write its own revision', async () => {
      const store = await freshStore();
      await store.init();
      const at = { actor: 'test', now: new Date('2020-03-24T08:00:00Z') };
      await store.applyImport(
        { enterprises: [{ id: 'A', name: 'A', role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' }], links: [], statusReports: [] },
        at,
      );
      const outs = await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendStatusReport({ enterprise: 'A', status: 'partial', asOf: '2020-03-10', note: `n${i}` }, at)));
      expect(new Set(outs.map((o) => o.report.seq)).size).toBe(20);
      expect(outs.map((o) => o.revision).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
      const latest = outs.reduce((a, b) => (b.report.seq > a.report.seq ? b : a));
      expect((await store.getEnterprise('A'))!.currentStatus).toBe('partial');
      expect((await store.statusHistory('A', { limit: 1 })).items[0].note).toBe(latest.report.note);
    });

    it('gives every audit entry its own seq, beside a graph store sharing the counters', async () => {
      await wipe();
      const graph = new Neo4jStore({ driver });
      const audit = createNeo4jAuditStore({ driver });
      await audit.init();
      await graph.init();
      const at = '2020-03-24T08:00:00.000Z';
      const outs = await Promise.all(
        Array.from({ length: 20 }, (_, i) => audit.append({ at, actor: `a${i}`, action: 'import', target: 'document', revision: i, before: null, after: { i } })),
      );
      expect(outs.map((o) => o.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const listed = await audit.list({}, { limit: 100 });
      expect(listed.items.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
      expect(await graph.revision()).toBe(0);
    });

    it('lets exactly one of many concurrent openers for one supplier win, on the activeSupplier constraint', async () => {
      const store = await freshTaskStore();
      const outs = await Promise.all(Array.from({ length: 10 }, (_, i) => store.commit({ revision: 1, creates: [newTask(`t-${i}`, 'S1')], updates: [], events: [] })));
      expect(outs.filter((o) => o.status === 'committed')).toHaveLength(1);
      expect(outs.filter((o) => o.status === 'conflict')).toEqual(Array(9).fill({ status: 'conflict', reason: 'a supplier would have two active tasks' }));
      expect((await store.snapshot()).active.map((t) => t.supplier)).toEqual(['S1']);
    });

    it('gives concurrent commits their own seq and consecutive event ids, in commit order', async () => {
      const store = await freshTaskStore();
      const outs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => {
          const { history: _h, ...task } = newTask(`t-${i}`, `S${i}`);
          const event = { type: 'task.opened' as const, taskId: task.id, province: task.assigneeProvince, at: task.createdAt, task };
          return store.commit({ creates: [newTask(`t-${i}`, `S${i}`)], updates: [], events: [event, { ...event, type: 'task.escalated' as const }] });
        }),
      );
      const committed = outs.map((o) => (o.status === 'committed' ? o : null)).filter((o) => o !== null);
      expect(committed.map((o) => o.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      for (const o of committed) expect(o.eventIds[1]).toBe(o.eventIds[0] + 1);
      expect(committed.flatMap((o) => o.eventIds).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      const bySeq = [...committed].sort((a, b) => a.seq - b.seq);
      expect(bySeq.map((o) => o.eventIds[0])).toEqual([...bySeq.map((o) => o.eventIds[0])].sort((a, b) => a - b));
    });
  });
}
