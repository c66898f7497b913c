/**
 * How the Neo4j adapter drives the database: which statements, in which transactions, with
 * which parameters, and what it makes of failures. Runs on the in-memory fake driver; the
 * contract itself is checked by the conformance suite (test/cypher/).
 */
import neo4j, { Neo4jError, error as driverErrors } from 'neo4j-driver';
import type { Enterprise, ImportDocument } from '../../src/graph/schema';
import type { ImportPhase, WriteContext } from '../../src/graph/store';
import { FakeNeo4j } from '../cypher/fake-neo4j';
import { initialisedOnFake, itOwnsOnlyTheDriverItIsGiven, rejection } from '../cypher/fake-setup';
import { COUNTERS, Neo4jStore, OPTIMISTIC_READ_ATTEMPTS } from '../../src/graph/neo4j/neo4j-store';
import { createNeo4jStore } from '../../src/graph/neo4j';

const ctx: WriteContext = { actor: 'test', now: new Date('2020-03-24T08:00:00Z') };
const ent = (id: string, over: Partial<Enterprise> = {}): Enterprise => ({
  id,
  name: `Enterprise ${id}`,
  role: 'supplier',
  industry: 'automotive',
  province: '420000',
  status: 'resumed',
  ...over,
});
const doc = (over: Partial<ImportDocument>): ImportDocument => ({ enterprises: [], links: [], statusReports: [], ...over });

const setup = () => initialisedOnFake((driver) => new Neo4jStore({ driver }));

describe('Neo4jStore.init', () => {
  it('applies each schema statement in its own transaction, then creates the counters and the identity', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jStore({ driver: fake.asDriver() }).init();
    expect(fake.names()).toEqual([
      ...['schema', 'schema', 'schema', 'schema', 'schema'],
      ...['inventory-schema', 'inventory-schema', 'inventory-schema'],
      'change-log-schema',
      'init-counters',
      'store-identity',
    ]);
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(11);
    expect(fake.log.every((e) => e.mode === 'WRITE')).toBe(true);
    expect(fake.log[9].params).toEqual({ names: [...COUNTERS, 'audit_seq'] });
    expect(fake.state.counters).toEqual({ revision: 0, report_seq: 0, enterprise_ord: 0, link_ord: 0, inventory_seq: 0, audit_seq: 0 });
    expect(fake.state.storeId).toBe(fake.log[10].params.id);
  });

  it('keeps counters when run again', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('A')] }), ctx);
    await store.init();
    expect(fake.state.counters.revision).toBe(1);
  });

  it('before init, the store is not ready', async () => {
    const store = new Neo4jStore({ driver: new FakeNeo4j().asDriver() });
    expect(await rejection(store.ping())).toMatchObject({ code: 'not_ready', retriable: true, message: expect.stringMatching(/not initialised/) });
    expect((await rejection(store.applyImport(doc({}), ctx))).code).toBe('not_ready');
  });
});

describe('Neo4jStore.applyImport', () => {
  it('runs the whole import in one write transaction that first locks the revision', async () => {
    const { fake, store } = await setup();
    await store.applyImport(
      doc({
        enterprises: [ent('A'), ent('B')],
        links: [{ supplier: 'A', customer: 'B', part: 'seats', critical: true }],
        statusReports: [{ enterprise: 'A', status: 'suspended', asOf: '2020-02-23' }],
      }),
      ctx,
    );
    expect(fake.names()).toEqual([
      'advance-counters',
      'upsert-enterprises',
      'upsert-links',
      'existing-report-keys',
      'advance-counters',
      'create-status-reports',
      'update-current-status',
      'advance-counters',
      // The audit entry and the change log entry, in the same transaction.
      'advance-counters',
      'create-audit-entry',
      'append-change',
      'prune-changes',
    ]);
    expect(new Set(fake.log.map((e) => `${e.tx}:${e.mode}`))).toEqual(new Set([`${fake.log[0].tx}:WRITE`]));
    expect(fake.log[0].params).toEqual({
      counters: [
        { name: 'revision', by: neo4j.int(0) },
        { name: 'enterprise_ord', by: neo4j.int(2) },
        { name: 'link_ord', by: neo4j.int(1) },
      ],
    });
    expect(fake.log[4].params).toEqual({ counters: [{ name: 'report_seq', by: neo4j.int(1) }] });
    expect(fake.log[7].params).toEqual({ counters: [{ name: 'revision', by: neo4j.int(1) }] });
  });

  it('sends UNWIND batches of at most 10,000 rows', async () => {
    const { fake, store } = await setup();
    const progress: Array<[ImportPhase, number, number]> = [];
    const enterprises = Array.from({ length: 25_001 }, (_, i) => ent(`E${i}`));
    const out = await store.applyImport(doc({ enterprises }), ctx, (...args) => progress.push(args));
    const batches = fake.log.filter((e) => e.name === 'upsert-enterprises');
    expect(batches.map((b) => (b.params.rows as unknown[]).length)).toEqual([10_000, 10_000, 5_001]);
    expect(batches.every((b) => neo4j.isInt(b.params.ordBase))).toBe(true);
    expect(out.changed.enterprises).toBe(25_001);
    expect(progress.filter(([phase]) => phase === 'enterprises')).toEqual([
      ['enterprises', 10_000, 25_001],
      ['enterprises', 20_000, 25_001],
      ['enterprises', 25_001, 25_001],
    ]);
    expect(progress.filter(([phase]) => phase !== 'enterprises')).toEqual([
      ['links', 0, 0],
      ['statusReports', 0, 0],
    ]);
  });

  it('gives new enterprises and links ords after every earlier one, so export keeps insertion order', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('B'), ent('A')] }), ctx);
    await store.applyImport(doc({ enterprises: [ent('A', { name: 'renamed' }), ent('C')] }), ctx);
    expect(fake.state.enterprises.map((e) => [e.id, e.ord])).toEqual([
      ['B', 1],
      ['A', 2],
      ['C', 4],
    ]);
    expect((await store.exportDocument()).enterprises.map((e) => e.id)).toEqual(['B', 'A', 'C']);
  });

  it('an import that changes nothing leaves the revision alone', async () => {
    const { fake, store } = await setup();
    const d = doc({ enterprises: [ent('A')], statusReports: [{ enterprise: 'A', status: 'partial', asOf: '2020-03-01' }] });
    expect((await store.applyImport(d, ctx)).revision).toBe(1);
    fake.log.length = 0;
    const again = await store.applyImport(d, ctx);
    expect(again).toMatchObject({ revision: 1, changed: { enterprises: 0, links: 0, statusReports: 0 } });
    expect(fake.log.filter((e) => e.name === 'advance-counters')).toHaveLength(1);
    expect(fake.names()).not.toContain('create-status-reports');
  });

  it('numbers new reports consecutively, skipping those already stored or repeated', async () => {
    const { store } = await setup();
    const r1 = { enterprise: 'A', status: 'partial' as const, asOf: '2020-03-01' };
    const r2 = { enterprise: 'A', status: 'suspended' as const, asOf: '2020-03-02' };
    const r3 = { enterprise: 'A', status: 'resumed' as const, asOf: '2020-03-03' };
    await store.applyImport(doc({ enterprises: [ent('A')], statusReports: [r1] }), ctx);
    const out = await store.applyImport(doc({ statusReports: [r1, r2, r2, r3] }), ctx);
    expect(out.changed.statusReports).toBe(2);
    const history = await store.statusHistory('A', { limit: 10 });
    expect(history.items.map((r) => [r.seq, r.asOf])).toEqual([
      [3, '2020-03-03'],
      [2, '2020-03-02'],
      [1, '2020-03-01'],
    ]);
    expect(await store.getEnterprise('A')).toMatchObject({ currentStatus: 'resumed', currentAsOf: '2020-03-03' });
  });

  it('refuses links naming enterprises it does not hold, by path, and stores nothing', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('A')] }), ctx);
    const before = structuredClone(fake.state);
    const err = await rejection(
      store.applyImport(
        doc({
          enterprises: [ent('B')],
          links: [
            { supplier: 'A', customer: 'B', part: 'seats', critical: true },
            { supplier: 'X', customer: 'B', part: 'seats', critical: true },
            { supplier: 'A', customer: 'Y', part: 'glass', critical: false },
          ],
        }),
        ctx,
      ),
    );
    expect(err).toMatchObject({ code: 'invalid_input', retriable: false });
    expect(err.details).toEqual([
      { path: 'links[1].supplier', message: 'unknown enterprise "X"' },
      { path: 'links[2].customer', message: 'unknown enterprise "Y"' },
    ]);
    expect(fake.state).toEqual(before);
  });

  it('when the database fails midway, nothing is stored and the caller may retry', async () => {
    const { fake, store } = await setup();
    fake.beforeRun = (name) => {
      if (name === 'upsert-links') throw new Neo4jError('connection lost', driverErrors.SERVICE_UNAVAILABLE as never, '08000', 'connection exception');
    };
    const err = await rejection(store.applyImport(doc({ enterprises: [ent('A'), ent('B')], links: [{ supplier: 'A', customer: 'B', part: 'seats', critical: true }] }), ctx));
    expect(err).toMatchObject({ code: 'not_ready', retriable: true });
    expect(err.message).toMatch(/^neo4j import failed \(ServiceUnavailable\): connection lost$/);
    expect(fake.state.enterprises).toEqual([]);
    expect(fake.state.counters.revision).toBe(0);
    expect(fake.sessionsOpen).toBe(0);
  });
});

describe('Neo4jStore.appendStatusReport', () => {
  it('bumps the revision and takes the next seq in one write transaction', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('A')] }), ctx);
    fake.log.length = 0;
    const out = await store.appendStatusReport({ enterprise: 'A', status: 'partial', capacityPct: 50, asOf: '2020-03-20', reporter: 'r1' }, ctx);
    expect(out).toEqual({
      revision: 2,
      report: { seq: 1, enterprise: 'A', status: 'partial', capacityPct: 50, asOf: '2020-03-20', reporter: 'r1', receivedAt: '2020-03-24T08:00:00.000Z' },
      change: { revision: 2, kind: 'status', enterprise: 'A', currentStatus: 'partial', currentCapacityPct: 50, asOf: '2020-03-20', suspension: null },
    });
    // `before` and `after` are read inside the transaction, and the audit entry and the change log entry written in it.
    expect(fake.names()).toEqual([
      ...['advance-counters', 'get-enterprise', 'create-status-reports', 'update-current-status', 'get-enterprise', 'advance-counters', 'create-audit-entry'],
      ...['append-change', 'prune-changes'],
    ]);
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(1);
    expect(fake.log[0].params).toEqual({
      counters: [
        { name: 'revision', by: neo4j.int(1) },
        { name: 'report_seq', by: neo4j.int(1) },
      ],
    });
    expect(fake.state.reported).toEqual([1]);
  });

  it('refuses a report about an unknown enterprise as the SQLite adapter does (not_found), writing nothing', async () => {
    const { fake, store } = await setup();
    expect(await rejection(store.appendStatusReport({ enterprise: 'Ghost', status: 'resumed', asOf: '2020-03-20' }, ctx))).toMatchObject({ code: 'not_found' });
    expect((await store.statusHistory('Ghost', { limit: 5 })).items).toHaveLength(0);
    expect(fake.state.reports).toEqual([]);
    expect(fake.state.audit).toEqual([]);
    expect(fake.state.counters.revision).toBe(0);
  });
});

describe('Neo4jStore reads', () => {
  it('an invalid cursor is refused before the database is asked', async () => {
    const { fake, store } = await setup();
    expect(await rejection(store.statusHistory('A', { limit: 3, cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'invalid_input' });
    expect(fake.log).toEqual([]);
  });

  it('asks for one row more than the page, as an integer, to know whether another page follows', async () => {
    const { fake, store } = await setup();
    await store.statusHistory('A', { limit: 3 });
    expect(fake.log[0].params).toEqual({ enterprise: 'A', afterAsOf: null, afterSeq: neo4j.int(0), limit: neo4j.int(4) });
    expect(fake.log[0].mode).toBe('READ');
  });

  it('missingEnterprises asks about each id once, and not at all for none', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('A')] }), ctx);
    fake.log.length = 0;
    expect(await store.missingEnterprises([])).toEqual([]);
    expect(fake.log).toEqual([]);
    expect(await store.missingEnterprises(['Q', 'A', 'Q', 'R'])).toEqual(['Q', 'R']);
    expect(fake.log.map((e) => e.params)).toEqual([{ ids: ['Q', 'A', 'R'] }]);
  });

  it('a snapshot reads at one revision: a write committing meanwhile makes it read again', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('A')] }), ctx);
    let bumps = 1;
    fake.beforeRun = (name, state) => {
      if (name === 'snapshot-enterprises' && bumps-- > 0) state.counters.revision += 1;
    };
    fake.log.length = 0;
    const snap = await store.snapshot();
    expect(snap.revision).toBe(2);
    expect(new Set(fake.log.map((e) => e.mode))).toEqual(new Set(['READ']));
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(2);
  });

  it('when writes keep committing, a snapshot holds the revision lock instead', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('A')] }), ctx);
    fake.beforeRun = (name, state) => {
      if (name === 'snapshot-enterprises') state.counters.revision += 1;
    };
    fake.log.length = 0;
    const snap = await store.snapshot();
    const reads = fake.log.filter((e) => e.mode === 'READ');
    const locked = fake.log.filter((e) => e.mode === 'WRITE');
    expect(new Set(reads.map((e) => e.tx)).size).toBe(OPTIMISTIC_READ_ATTEMPTS);
    // The lock, then the head (revision and identity) read under it.
    expect(locked.map((e) => e.name)).toEqual(['advance-counters', 'revision', 'snapshot-enterprises', 'export-links']);
    expect(locked[0].params).toEqual({ counters: [{ name: 'revision', by: neo4j.int(0) }] });
    expect(snap.revision).toBe(1 + OPTIMISTIC_READ_ATTEMPTS);
  });

  it('the status timeline reads enterprises and reports up to `to` at one revision, in one read transaction', async () => {
    const { fake, store } = await setup();
    await store.applyImport(doc({ enterprises: [ent('A', { size: 'small' })], statusReports: [{ enterprise: 'A', status: 'partial', asOf: '2020-03-01' }] }), ctx);
    fake.log.length = 0;
    expect(await store.statusTimeline('2020-03-01')).toStrictEqual({
      enterprises: [{ id: 'A', role: 'supplier', province: '420000', industry: 'automotive', size: 'small', status: 'resumed', since: '2020-03-24' }],
      reports: [{ enterprise: 'A', status: 'partial', asOf: '2020-03-01' }],
    });
    expect(fake.names()).toEqual(['revision', 'status-timeline-enterprises', 'status-timeline-reports', 'revision']);
    expect(new Set(fake.log.map((e) => `${e.tx}:${e.mode}`))).toEqual(new Set([`${fake.log[0].tx}:READ`]));
    expect(fake.log[2].params).toEqual({ to: '2020-03-01' });
  });

  it('a status timeline read while a write commits is read again', async () => {
    const { fake, store } = await setup();
    let bumps = 1;
    fake.beforeRun = (name, state) => {
      if (name === 'status-timeline-reports' && bumps-- > 0) state.counters.revision += 1;
    };
    await store.statusTimeline('2020-03-01');
    expect(fake.names().filter((n) => n === 'status-timeline-reports')).toHaveLength(2);
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(2);
  });

  it('closes every session, also after a failure', async () => {
    const { fake, store } = await setup();
    fake.failNext.push(new Neo4jError('syntax', 'Neo.ClientError.Statement.SyntaxError' as never, '42001', 'syntax error'));
    expect(await rejection(store.revision())).toMatchObject({ code: 'internal', retriable: false });
    await store.revision();
    await store.exportDocument();
    expect(fake.sessionsOpen).toBe(0);
  });
});

describe('Neo4jStore lifecycle', () => {
  it('is the neo4j kind', () => {
    expect(createNeo4jStore({ driver: new FakeNeo4j().asDriver() }).kind).toBe('neo4j');
  });

  itOwnsOnlyTheDriverItIsGiven(createNeo4jStore);

  it('an unreachable server makes the store not ready, retriable', async () => {
    const driver = neo4j.driver('bolt://127.0.0.1:1', neo4j.auth.basic('neo4j', 'secret'), {
      maxTransactionRetryTime: 0,
      connectionTimeout: 2_000,
    });
    const store = createNeo4jStore({ driver, ownsDriver: true });
    try {
      const err = await rejection(store.ping());
      expect(err).toMatchObject({ code: 'not_ready', retriable: true });
      expect(err.message).toMatch(/^neo4j revision failed \(ServiceUnavailable\)/);
    } finally {
      await store.close();
    }
  });
});
