/**
 * How the Neo4j audit store drives the database: statements, transactions, parameters, seqs
 * from the counter, and what it makes of failures and of unreadable data. Runs on the in-memory
 * fake driver; the contract itself is checked by the conformance suite
 * (test/access/audit-store-conformance.ts).
 */
import neo4j, { Neo4jError, error as driverErrors } from 'neo4j-driver';
import type { NewAuditEntry } from '../../src/access';
import { encodeCursor } from '../../src/shared/cursor';
import { FakeNeo4j } from '../cypher/fake-neo4j';
import { initialisedOnFake, itOwnsOnlyTheDriverItIsGiven, rejection } from '../cypher/fake-setup';
import { cypherScript } from '../../src/infra/neo4j/cypher';
import { AUDIT_SEQ_COUNTER, Neo4jAuditStore, toAuditEntry } from '../../src/access/neo4j-audit-store';
import { Neo4jStore } from '../../src/graph/neo4j/neo4j-store';
import { createNeo4jAuditStore } from '../../src/access';

const entry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: '2020-03-24T08:00:00.000Z',
  actor: 'coordinator',
  action: 'status.report',
  target: 'S1',
  revision: 7,
  before: { status: 'resumed' },
  after: { status: 'suspended' },
  ...over,
});

const setup = () => initialisedOnFake((driver) => createNeo4jAuditStore({ driver }));

describe('Neo4jAuditStore.init', () => {
  it('applies each schema statement in its own write transaction, then creates its counter', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jAuditStore({ driver: fake.asDriver() }).init();
    const statements = cypherScript('audit-schema');
    expect(fake.state.schema).toEqual(statements);
    expect(fake.names().at(-1)).toBe('init-counters');
    expect(fake.log.at(-1)!.params).toEqual({ names: [AUDIT_SEQ_COUNTER] });
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(statements.length + 1);
    expect(fake.log.every((e) => e.mode === 'WRITE')).toBe(true);
    expect(fake.state.counters).toEqual({ audit_seq: 0 });
  });

  it('shares the database with the graph store: neither resets the other counters', async () => {
    const fake = new FakeNeo4j();
    const graph = new Neo4jStore({ driver: fake.asDriver() });
    const audit = new Neo4jAuditStore({ driver: fake.asDriver() });
    await audit.init();
    await audit.append(entry());
    await graph.init();
    await audit.init();
    expect(fake.state.counters).toEqual({ audit_seq: 1, revision: 0, report_seq: 0, enterprise_ord: 0, link_ord: 0, inventory_seq: 0 });
    expect((await audit.append(entry())).seq).toBe(2);
  });

  it("the Counter constraint it repeats is exactly the graph schema's, so either creates it once", () => {
    const counter = (name: string) => cypherScript(name).filter((s) => s.includes('(c:Counter)'));
    expect(counter('audit-schema')).toEqual(counter('schema'));
    expect(counter('schema')).toHaveLength(1);
  });

  it('before init, appending is refused as not ready, retriable', async () => {
    const store = new Neo4jAuditStore({ driver: new FakeNeo4j().asDriver() });
    expect(await rejection(store.append(entry()))).toMatchObject({ code: 'not_ready', retriable: true, message: expect.stringMatching(/not initialised/) });
  });
});

describe('Neo4jAuditStore.append', () => {
  it('takes the next seq and creates the entry in one write transaction, integers as Integers', async () => {
    const { fake, store } = await setup();
    expect(await store.append(entry())).toEqual({ seq: 1, ...entry() });
    expect(fake.names()).toEqual(['advance-counters', 'create-audit-entry']);
    expect(new Set(fake.log.map((e) => `${e.tx}:${e.mode}`))).toEqual(new Set([`${fake.log[0].tx}:WRITE`]));
    expect(fake.log[0].params).toEqual({ counters: [{ name: AUDIT_SEQ_COUNTER, by: neo4j.int(1) }] });
    expect(fake.log[1].params).toEqual({
      entries: [
        {
          seq: neo4j.int(1),
          at: '2020-03-24T08:00:00.000Z',
          actor: 'coordinator',
          action: 'status.report',
          target: 'S1',
          revision: neo4j.int(7),
          before: '{"status":"resumed"}',
          after: '{"status":"suspended"}',
        },
      ],
    });
  });

  it('sends a null revision as null, and absent before/after as JSON null', async () => {
    const { fake, store } = await setup();
    await store.append(entry({ revision: null, before: undefined, after: null }));
    expect(fake.log[1].params).toMatchObject({ entries: [{ revision: null, before: 'null', after: 'null' }] });
    expect(fake.state.audit[0]).not.toHaveProperty('revision');
  });

  it('when the database fails midway, the seq is not spent and the caller may retry', async () => {
    const { fake, store } = await setup();
    fake.beforeRun = (name) => {
      if (name === 'create-audit-entry') throw new Neo4jError('connection lost', driverErrors.SERVICE_UNAVAILABLE as never, '08000', 'connection exception');
    };
    const err = await rejection(store.append(entry()));
    expect(err).toMatchObject({ code: 'not_ready', retriable: true, message: 'neo4j audit append failed (ServiceUnavailable): connection lost' });
    expect(fake.state.counters[AUDIT_SEQ_COUNTER]).toBe(0);
    expect(fake.state.audit).toEqual([]);
    expect(fake.sessionsOpen).toBe(0);
    fake.beforeRun = undefined;
    expect((await store.append(entry())).seq).toBe(1);
  });
});

describe('Neo4jAuditStore.list', () => {
  it('reads in one read transaction, asking for one row more than the page', async () => {
    const { fake, store } = await setup();
    await store.list({ actor: 'a', target: 't' }, { limit: 3 });
    expect(fake.log).toEqual([
      {
        name: 'audit-entries',
        mode: 'READ',
        tx: expect.any(Number),
        params: { beforeSeq: neo4j.Integer.MAX_VALUE, actor: 'a', action: null, target: 't', from: null, to: null, limit: neo4j.int(4) },
      },
    ]);
  });

  it('sends the cursor seq as an integer bound', async () => {
    const { fake, store } = await setup();
    await store.list({ from: 'f', to: 't', action: 'import' }, { limit: 1, cursor: encodeCursor({ seq: 5 }) });
    expect(fake.log[0].params).toEqual({ beforeSeq: neo4j.int(5), actor: null, action: 'import', target: null, from: 'f', to: 't', limit: neo4j.int(2) });
  });

  it('an invalid cursor or page size is refused before the database is asked', async () => {
    const { fake, store } = await setup();
    expect(await rejection(store.list({}, { limit: 3, cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'invalid_input' });
    expect(await rejection(store.list({}, { limit: 3, cursor: encodeCursor({ seq: 2 ** 60 }) }))).toMatchObject({ code: 'invalid_input' });
    for (const limit of [0, -1, 1.5, Number.NaN]) {
      expect(await rejection(store.list({}, { limit }))).toMatchObject({ code: 'invalid_input', details: [expect.objectContaining({ path: 'limit' })] });
    }
    expect(fake.log).toEqual([]);
  });

  it('an entry whose JSON is unreadable is an internal error naming it', async () => {
    const { fake, store } = await setup();
    await store.append(entry());
    fake.state.audit[0].after = '{broken';
    expect(await rejection(store.list({}, { limit: 5 }))).toMatchObject({ code: 'internal', message: 'neo4j store holds an unreadable audit entry 1: after is not JSON' });
  });
});

describe('toAuditEntry', () => {
  it('reads integers from Integers, a missing revision as null, and parses before/after', () => {
    expect(toAuditEntry({ seq: neo4j.int(3), at: 'a', actor: 'x', action: 'import', target: 'document', before: 'null', after: '{"n":[1,"2"]}' })).toEqual({
      seq: 3,
      at: 'a',
      actor: 'x',
      action: 'import',
      target: 'document',
      revision: null,
      before: null,
      after: { n: [1, '2'] },
    });
  });
});

describe('Neo4jAuditStore lifecycle', () => {
  itOwnsOnlyTheDriverItIsGiven(createNeo4jAuditStore);
});
