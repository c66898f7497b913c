/**
 * How the Neo4j task store drives the database: statements, transactions, the commit lock,
 * parameters, activeSupplier, and what it makes of constraint violations, failures and
 * unreadable data. Runs on the in-memory fake driver; the contract itself is checked by the
 * conformance suite (test/coordination/task-store-conformance.ts).
 */
import neo4j, { Neo4jError, error as driverErrors } from 'neo4j-driver';
import type { TaskBatch } from '../../src/coordination/task-store';
import { FakeNeo4j } from '../cypher/fake-neo4j';
import { initialisedOnFake, itOwnsOnlyTheDriverItIsGiven, rejection } from '../cypher/fake-setup';
import { newTask } from './task-store-conformance';
import { cypherScript } from '../../src/infra/neo4j/cypher';
import { Neo4jTaskStore, TASK_COUNTERS, patchRow, toTask } from '../../src/coordination/neo4j-task-store';
import { OPTIMISTIC_READ_ATTEMPTS } from '../../src/infra/neo4j/session';
import { createNeo4jTaskStore } from '../../src/coordination';

const T1 = '2020-03-24T09:00:00.000Z';
const setup = () => initialisedOnFake((driver) => createNeo4jTaskStore({ driver }));
const batch = (over: Partial<TaskBatch>): TaskBatch => ({ creates: [], updates: [], events: [], ...over });

describe('Neo4jTaskStore.init', () => {
  it('applies each statement of task-schema.cypher in its own write transaction, then creates its counters', async () => {
    const fake = new FakeNeo4j();
    await new Neo4jTaskStore({ driver: fake.asDriver() }).init();
    const statements = cypherScript('task-schema');
    expect(fake.state.schema).toEqual(statements);
    expect(fake.log.at(-2)).toMatchObject({ name: 'init-counters', params: { names: [...TASK_COUNTERS, 'audit_seq'] } });
    // Then the store's identity, set once on its commit counter.
    expect(fake.log.at(-1)).toMatchObject({ name: 'task-store-identity', params: { id: expect.stringMatching(/^[0-9a-f]{16}$/) } });
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(statements.length + 2);
    expect(fake.log.every((e) => e.mode === 'WRITE')).toBe(true);
    expect(fake.state.counters).toEqual({ task_commits: 0, task_revision: 0, task_seq: 0, task_event_id: 0, audit_seq: 0 });
  });

  it('makes activeSupplier unique, and task and event ids', () => {
    expect(cypherScript('task-schema')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/REQUIRE t\.id IS UNIQUE$/),
        expect.stringMatching(/REQUIRE t\.activeSupplier IS UNIQUE$/),
        expect.stringMatching(/REQUIRE e\.id IS UNIQUE$/),
      ]),
    );
  });

  it('before init, the store is not ready', async () => {
    const store = createNeo4jTaskStore({ driver: new FakeNeo4j().asDriver() });
    expect(await rejection(store.ping())).toMatchObject({ code: 'not_ready', retriable: true });
    expect(await rejection(store.commit(batch({ creates: [newTask('t-1', 'S1')] })))).toMatchObject({ code: 'not_ready' });
  });
});

describe('Neo4jTaskStore.commit', () => {
  it('is one write transaction that first takes the commit lock, and sends integers as integers', async () => {
    const { fake, store } = await setup();
    const t = newTask('t-1', 'S1');
    const { history: _h, ...task } = t;
    const out = await store.commit(batch({ revision: 3, creates: [t], events: [{ type: 'task.opened', taskId: 't-1', province: '420000', at: T1, task }] }));
    expect(out).toEqual({ status: 'committed', revision: 3, seq: 1, eventIds: [1] });
    expect(fake.names()).toEqual([
      'advance-counters',
      'existing-tasks',
      'create-tasks',
      'append-task-history',
      'advance-counters',
      'create-task-events',
      'advance-counters',
      // The task.open entry, in the same transaction.
      'advance-counters',
      'create-audit-entry',
    ]);
    expect(new Set(fake.log.map((e) => `${e.tx}:${e.mode}`))).toEqual(new Set([`${fake.log[0].tx}:WRITE`]));
    expect(fake.log[0].params).toEqual({
      counters: [
        { name: 'task_commits', by: neo4j.int(1) },
        { name: 'task_revision', by: neo4j.int(0) },
        { name: 'task_seq', by: neo4j.int(0) },
      ],
    });
    expect(fake.log[2].params).toMatchObject({
      active: ['open', 'acknowledged', 'in_progress'],
      rows: [expect.objectContaining({ priority: neo4j.int(1_010_003), version: neo4j.int(1), escalatedAt: null, deliveredAt: null, previousTask: null })],
    });
    expect(fake.log.at(-3)!.params).toEqual({
      counters: [
        { name: 'task_seq', by: neo4j.int(1) },
        { name: 'task_revision', by: neo4j.int(3) },
      ],
    });
    expect(fake.state.tasks[0]).toMatchObject({ activeSupplier: 'S1', affectedLeaders: ['L1'] });
    expect(fake.state.taskEvents[0]).toMatchObject({ id: 1, task: JSON.stringify(task) });
    expect(fake.state.taskEvents[0]).not.toHaveProperty('requestId');
  });

  it('removes activeSupplier when a task ends, freeing its supplier', async () => {
    const { fake, store } = await setup();
    await store.commit(batch({ creates: [newTask('t-1', 'S1')] }));
    fake.log.length = 0;
    const out = await store.commit(batch({ updates: [{ id: 't-1', expectVersion: 1, set: { state: 'resolved', priority: 7 } }] }));
    expect(out).toMatchObject({ status: 'committed', seq: 2 });
    expect(fake.log.find((e) => e.name === 'update-tasks')!.params).toMatchObject({
      rows: [{ id: 't-1', expectVersion: neo4j.int(1), patch: { state: 'resolved', priority: neo4j.int(7) } }],
    });
    expect(fake.state.tasks[0]).not.toHaveProperty('activeSupplier');
    expect(fake.state.tasks[0]).toMatchObject({ state: 'resolved', version: 2, priority: 7 });
  });

  it('answers a violated activeSupplier constraint with a conflict, and stores nothing of the batch', async () => {
    const { fake, store } = await setup();
    await store.commit(batch({ revision: 1, creates: [newTask('t-1', 'S1')] }));
    const before = structuredClone(fake.state);
    const out = await store.commit(batch({ revision: 2, creates: [newTask('t-2', 'S2'), newTask('t-3', 'S1')] }));
    expect(out).toEqual({ status: 'conflict', reason: 'a supplier would have two active tasks' });
    expect(fake.state).toEqual(before);
    expect(fake.sessionsOpen).toBe(0);
  });

  it('refuses a taken task id before creating anything', async () => {
    const { fake, store } = await setup();
    await store.commit(batch({ creates: [newTask('t-1', 'S1', { state: 'cleared' })] }));
    fake.log.length = 0;
    expect(await store.commit(batch({ creates: [newTask('t-1', 'S2')] }))).toEqual({ status: 'conflict', reason: 'a task id is taken' });
    expect(await store.commit(batch({ creates: [newTask('t-2', 'S2'), newTask('t-2', 'S3')] }))).toEqual({ status: 'conflict', reason: 'a task id is taken' });
    expect(fake.names()).not.toContain('create-tasks');
    expect(fake.state.tasks).toHaveLength(1);
  });

  it('rolls back a refused batch: an update that went through before a later one missed its version', async () => {
    const { fake, store } = await setup();
    await store.commit(batch({ creates: [newTask('t-1', 'S1'), newTask('t-2', 'S2')] }));
    const before = structuredClone(fake.state);
    const out = await store.commit(
      batch({
        updates: [
          { id: 't-1', expectVersion: 1, set: { priority: 1 } },
          { id: 't-2', expectVersion: 5, set: { priority: 1 } },
        ],
      }),
    );
    expect(out).toEqual({ status: 'conflict', reason: 'task t-2 changed since it was read' });
    expect(fake.state).toEqual(before);
  });

  it('sends two updates of one task in separate statements, so the second sees the first', async () => {
    const { fake, store } = await setup();
    await store.commit(batch({ creates: [newTask('t-1', 'S1')] }));
    fake.log.length = 0;
    const out = await store.commit(
      batch({
        updates: [
          { id: 't-1', expectVersion: 1, set: { state: 'acknowledged' }, history: { at: T1, actor: 'li', from: 'open', to: 'acknowledged' } },
          { id: 't-1', expectVersion: 2, set: { state: 'in_progress' }, history: { at: T1, actor: 'li', from: 'acknowledged', to: 'in_progress' } },
        ],
      }),
    );
    expect(out).toMatchObject({ status: 'committed', seq: 2 });
    expect(fake.names().filter((n) => n === 'update-tasks')).toHaveLength(2);
    expect((await store.get('t-1'))!.history.map((h) => h.to)).toEqual(['open', 'acknowledged', 'in_progress']);
  });

  it('when the database fails midway, nothing is stored and the caller may retry', async () => {
    const { fake, store } = await setup();
    fake.beforeRun = (name) => {
      if (name === 'append-task-history') throw new Neo4jError('connection lost', driverErrors.SERVICE_UNAVAILABLE as never, '08000', 'connection exception');
    };
    const err = await rejection(store.commit(batch({ creates: [newTask('t-1', 'S1')] })));
    expect(err).toMatchObject({ code: 'not_ready', retriable: true, message: 'neo4j task commit failed (ServiceUnavailable): connection lost' });
    expect(fake.state.tasks).toEqual([]);
    expect(fake.state.counters.task_commits).toBe(0);
    fake.beforeRun = undefined;
    expect(await store.commit(batch({ creates: [newTask('t-1', 'S1')] }))).toMatchObject({ status: 'committed' });
  });
});

describe('Neo4jTaskStore reads', () => {
  it('a snapshot is one read transaction when no commit lands meanwhile', async () => {
    const { fake, store } = await setup();
    await store.commit(batch({ revision: 2, creates: [newTask('t-1', 'S1')] }));
    fake.log.length = 0;
    expect(await store.snapshot()).toMatchObject({ revision: 2, seq: 1, active: [expect.objectContaining({ id: 't-1' })] });
    expect(fake.names()).toEqual(['read-counters', 'active-tasks', 'read-counters']);
    expect(new Set(fake.log.map((e) => `${e.tx}:${e.mode}`)).size).toBe(1);
    expect(fake.log[0].mode).toBe('READ');
  });

  it('a snapshot reads again when a commit lands meanwhile, and holds the commit lock when commits keep landing', async () => {
    const { fake, store } = await setup();
    let bumps = 1;
    fake.beforeRun = (name, state) => {
      if (name === 'active-tasks' && bumps-- > 0) state.counters.task_commits += 1;
    };
    await store.snapshot();
    expect(new Set(fake.log.map((e) => e.tx)).size).toBe(2);
    fake.log.length = 0;
    fake.beforeRun = (name, state) => {
      if (name === 'active-tasks') state.counters.task_commits += 1;
    };
    await store.snapshot();
    const locked = fake.log.filter((e) => e.mode === 'WRITE');
    expect(new Set(fake.log.filter((e) => e.mode === 'READ').map((e) => e.tx)).size).toBe(OPTIMISTIC_READ_ATTEMPTS);
    expect(locked.map((e) => e.name)).toEqual(['advance-counters', 'active-tasks']);
    expect(locked[0].params).toEqual({
      counters: [
        { name: 'task_commits', by: neo4j.int(0) },
        { name: 'task_revision', by: neo4j.int(0) },
        { name: 'task_seq', by: neo4j.int(0) },
      ],
    });
  });

  it('an invalid cursor is refused before the database is asked; a page asks for one row more, as an integer', async () => {
    const { fake, store } = await setup();
    expect(await rejection(store.list({ limit: 2, cursor: 'bm90LWEtY3Vyc29y' }))).toMatchObject({ code: 'invalid_input' });
    expect(fake.log).toEqual([]);
    await store.list({ limit: 2, states: [], escalated: false });
    expect(fake.log[0]).toMatchObject({
      mode: 'READ',
      params: { province: null, states: null, escalated: false, supplier: null, afterStopsOn: null, afterPriority: null, afterId: null, limit: neo4j.int(3) },
    });
  });

  it('marking no events dispatched asks nothing; event reads send integers', async () => {
    const { fake, store } = await setup();
    await store.markDispatched([], T1);
    expect(fake.log).toEqual([]);
    expect(await store.undispatched(5)).toEqual([]);
    expect(fake.log[0].params).toEqual({ after: neo4j.int(0), undispatched: true, limit: neo4j.int(5) });
    expect(await store.lastEventId()).toBe(0);
  });

  it('a task with an unreadable field is an internal error naming it', async () => {
    const { fake, store } = await setup();
    await store.commit(batch({ creates: [newTask('t-1', 'S1')] }));
    fake.state.tasks[0].affectedLeaders = 'L1';
    expect(await rejection(store.get('t-1'))).toMatchObject({
      code: 'internal',
      message: 'neo4j store holds an unreadable task "t-1": affectedLeaders is not a list of strings',
    });
  });
});

describe('task mapping', () => {
  it('reads integers from Integers and leaves missing optional fields out', () => {
    const { history: _h, ...task } = newTask('t-1', 'S1');
    expect(
      toTask({ ...task, blockedEnterprises: neo4j.int(3), priority: neo4j.int(1_010_003), revision: neo4j.int(1), version: neo4j.int(1), activeSupplier: 'S1' }),
    ).toStrictEqual(task);
  });

  it('a patch carries only the fields it sets', () => {
    expect(patchRow({ escalated: true, escalatedAt: T1, revision: 4, affectedLeaders: ['L2'], priority: undefined })).toEqual({
      escalated: true,
      escalatedAt: T1,
      revision: neo4j.int(4),
      affectedLeaders: ['L2'],
    });
  });
});

describe('Neo4jTaskStore lifecycle', () => {
  it('is the neo4j kind', () => {
    expect(createNeo4jTaskStore({ driver: new FakeNeo4j().asDriver() }).kind).toBe('neo4j');
  });

  itOwnsOnlyTheDriverItIsGiven(createNeo4jTaskStore);
});
