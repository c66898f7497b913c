/**
 * The Neo4j task store (on the fake driver) answers exactly as the SQLite one does, JSON key
 * order included, for random sequences of commits (tasks created on taken ids and on suppliers
 * that already have an active task, stale revisions, outdated seqs and versions, state changes
 * that free a supplier or take one), event dispatching and pruning.
 */
import fc from 'fast-check';
import {
  SqliteTaskStore,
  type CommitResult,
  type NewTaskEvent,
  type TaskBatch,
  type TaskPatch,
  type TaskQuery,
  type TaskStore,
  type TaskWithHistory,
} from '../../src/coordination';
import { createNeo4jTaskStore } from '../../src/coordination';
import { newTask } from '../coordination/task-store-conformance';
import { FakeNeo4j } from './fake-neo4j';
import { assertSameAnswers } from './same-answers';

const IDS = ['t1', 't2', 't3', 't4', 't5', 't6'];
const SUPPLIERS = ['S1', 'S2', 'S3'];
const STATES = ['open', 'acknowledged', 'in_progress', 'resolved', 'cleared'] as const;
const TIMES = ['2020-03-01T00:00:00.000Z', '2020-03-02T00:00:00.000Z', '2020-03-03T00:00:00.000Z'];
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Mostly absent: a batch that sets every check rarely commits. */
const seldom = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
/** Leaves out the undefined fields, as the planner's object literals do. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const historyEntry = fc
  .record({
    at: fc.constantFrom(...TIMES),
    actor: fc.constantFrom('system', 'li'),
    from: fc.constantFrom(null, ...STATES),
    to: fc.constantFrom(...STATES),
    note: maybe(fc.constantFrom('opened', 'ok "q"')),
  })
  .map(defined);

const task: fc.Arbitrary<TaskWithHistory> = fc
  .record({
    id: fc.constantFrom(...IDS),
    supplier: fc.constantFrom(...SUPPLIERS),
    assigneeProvince: fc.constantFrom('420000', '310000'),
    affectedLeaders: fc.constantFrom<string[]>(['L1'], ['L1', 'L2']),
    requestingProvinces: fc.constantFrom<string[]>(['440000'], ['110000', '440000']),
    blockedEnterprises: fc.nat({ max: 5 }),
    priority: fc.constantFrom(10, 20),
    state: fc.constantFrom<TaskWithHistory['state']>('open', 'open', 'cleared'),
    escalated: fc.boolean(),
    escalatedAt: maybe(fc.constantFrom(...TIMES)),
    createdAt: fc.constantFrom(...TIMES),
    updatedAt: fc.constantFrom(...TIMES),
    deliveredAt: maybe(fc.constantFrom(...TIMES)),
    previousTask: maybe(fc.constantFrom(...IDS)),
    revision: fc.nat({ max: 4 }),
    version: fc.constant(1),
    history: fc.array(historyEntry, { minLength: 1, maxLength: 2 }),
  })
  .map(defined);

const patch: fc.Arbitrary<TaskPatch> = fc
  .record({
    state: maybe(fc.constantFrom(...STATES)),
    assigneeProvince: maybe(fc.constantFrom('420000', '310000')),
    affectedLeaders: maybe(fc.constantFrom<string[]>(['L3'], ['L1', 'L3'])),
    blockedEnterprises: maybe(fc.nat({ max: 5 })),
    priority: maybe(fc.constantFrom(10, 15, 20)),
    escalated: maybe(fc.boolean()),
    escalatedAt: maybe(fc.constantFrom(...TIMES)),
    deliveredAt: maybe(fc.constantFrom(...TIMES)),
    revision: maybe(fc.nat({ max: 6 })),
    updatedAt: maybe(fc.constantFrom(...TIMES)),
  })
  .map(defined);

const event: fc.Arbitrary<NewTaskEvent> = fc
  .record({
    type: fc.constantFrom('task.opened' as const, 'task.updated' as const, 'task.cleared' as const),
    taskId: fc.constantFrom(...IDS),
    province: fc.constantFrom('420000', '310000'),
    at: fc.constantFrom(...TIMES),
    requestId: maybe(fc.constantFrom('req-1', 'req-2')),
  })
  .map((e) => {
    const { history: _h, ...about } = newTask(e.taskId, 'S1');
    return defined({ ...e, task: about });
  });

const batch: fc.Arbitrary<TaskBatch> = fc
  .record({
    revision: maybe(fc.nat({ max: 6 })),
    expectSeq: seldom(fc.nat({ max: 4 })),
    creates: fc.array(task, { maxLength: 2 }),
    updates: fc.array(fc.record({ id: fc.constantFrom(...IDS), expectVersion: fc.integer({ min: 1, max: 2 }), set: patch, history: maybe(historyEntry) }).map(defined), {
      maxLength: 2,
    }),
    events: fc.array(event, { maxLength: 2 }),
  })
  .map(defined);

type Op = { kind: 'commit'; batch: TaskBatch } | { kind: 'dispatch'; ids: number[]; at: string } | { kind: 'prune'; before: string };
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('commit' as const), batch }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('dispatch' as const), ids: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }), at: fc.constantFrom(...TIMES) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('prune' as const), before: fc.constantFrom(...TIMES) }), weight: 1 },
);

/** What the caller learns; a conflict by its status (the reasons are prose, see the adapter). */
async function apply(store: TaskStore, o: Op): Promise<unknown> {
  if (o.kind === 'dispatch') return store.markDispatched(o.ids, o.at);
  if (o.kind === 'prune') return store.pruneEvents(o.before);
  const out: CommitResult = await store.commit(o.batch);
  return out.status === 'conflict' ? { status: 'conflict' } : out;
}

const QUERIES: Omit<TaskQuery, 'cursor'>[] = [
  { limit: 2 },
  { limit: 10, province: '420000' },
  { limit: 1, states: ['open', 'acknowledged', 'in_progress'] },
  { limit: 10, states: [] },
  { limit: 3, escalated: true },
  { limit: 10, supplier: 'S2', escalated: false },
];

/** Every page of a listing, cursors included. */
async function pages(store: TaskStore, q: Omit<TaskQuery, 'cursor'>): Promise<unknown[]> {
  const out: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...q, cursor });
    out.push(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return out;
}

async function observe(store: TaskStore): Promise<string> {
  return JSON.stringify({
    snapshot: await store.snapshot(),
    revision: await store.revision(),
    tasks: await Promise.all(IDS.map((id) => store.get(id))),
    lists: await Promise.all(QUERIES.map((q) => pages(store, q))),
    events: await store.eventsAfter(0, 100),
    later: await store.eventsAfter(2, 2),
    undispatched: await store.undispatched(2),
    lastEventId: await store.lastEventId(),
  });
}

describe('the neo4j task store matches the sqlite task store', () => {
  it('on random sequences of commits, dispatches and prunings', async () => {
    await assertSameAnswers<TaskStore, Op>({
      stores: () => [new SqliteTaskStore({ file: ':memory:' }), createNeo4jTaskStore({ driver: new FakeNeo4j().asDriver() })],
      ops: fc.array(op, { minLength: 1, maxLength: 14 }),
      apply,
      observe,
      numRuns: 200,
    });
  });
});
