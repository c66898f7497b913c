/**
 * The Neo4j token and audit stores (on the fake driver) answer exactly as the SQLite ones do,
 * JSON key order included, for random sequences of writes: tokens repeating ids and hashes,
 * revoked twice or never issued; audit entries with clashing times, filters and page sizes.
 */
import fc from 'fast-check';
import { SqliteAuditStore, SqliteTokenStore, type AuditFilter, type AuditStore, type NewAuditEntry, type TokenRecord, type TokenStore } from '../../src/access';
import { createNeo4jAuditStore, createNeo4jTokenStore } from '../../src/access';
import { FakeNeo4j } from './fake-neo4j';
import { assertSameAnswers } from './same-answers';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const TIMES = ['2020-03-01T00:00:00.000Z', '2020-03-02T00:00:00.000Z', '2020-03-02T12:00:00.000Z', '2020-03-03T00:00:00.000Z'];

/** The outcome of a call, failures included, in a form both stores can be compared on. */
async function outcome<T>(p: Promise<T>): Promise<{ ok: T } | { failed: true }> {
  return p.then(
    (ok) => ({ ok }),
    () => ({ failed: true }),
  );
}

describe('the neo4j token store matches the sqlite token store', () => {
  const IDS = ['tok_a', 'tok_b', 'tok_c'];
  const HASHES = ['h1', 'h2', 'h3'];
  const record = fc
    .record({
      id: fc.constantFrom(...IDS),
      scope: fc.constantFrom({ role: 'coordinator' as const }, { role: 'liaison' as const, province: '420000' }, { role: 'lead' as const, enterprise: 'E1' }),
      actor: fc.constantFrom('a', 'b', 'o\'neil "q"'),
      createdAt: fc.constantFrom(...TIMES),
      expiresAt: maybe(fc.constantFrom(...TIMES)),
    })
    .map(({ scope, expiresAt, ...r }): TokenRecord => ({ ...r, ...scope, ...(expiresAt !== undefined ? { expiresAt } : {}) }));
  type Op = { kind: 'insert'; hash: string; record: TokenRecord } | { kind: 'revoke'; id: string; at: string };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), hash: fc.constantFrom(...HASHES), record }),
    fc.record({ kind: fc.constant('revoke' as const), id: fc.constantFrom(...IDS, 'tok_unknown'), at: fc.constantFrom(...TIMES) }),
  );

  const apply = (store: TokenStore, o: Op) => outcome<unknown>(o.kind === 'insert' ? store.insert({ hash: o.hash, record: o.record }) : store.revoke(o.id, o.at));
  const observe = async (store: TokenStore) => JSON.stringify({ list: await store.list(), found: await Promise.all([...HASHES, 'h-none'].map((h) => store.findByHash(h))) });

  it('on random sequences of inserts and revocations', async () => {
    await assertSameAnswers<TokenStore, Op>({
      stores: () => [new SqliteTokenStore(':memory:'), createNeo4jTokenStore({ driver: new FakeNeo4j().asDriver() })],
      ops: fc.array(op, { minLength: 1, maxLength: 8 }),
      apply,
      observe,
      numRuns: 100,
    });
  });
});

describe('the neo4j audit store matches the sqlite audit store', () => {
  const ACTORS = ['alice', 'bob'];
  const ACTIONS = ['import', 'status.report', 'task.ack'] as const;
  const TARGETS = ['document', 'S1', 'task_1'];
  const entry: fc.Arbitrary<NewAuditEntry> = fc.record({
    at: fc.constantFrom(...TIMES),
    actor: fc.constantFrom(...ACTORS),
    action: fc.constantFrom(...ACTIONS),
    target: fc.constantFrom(...TARGETS),
    revision: fc.option(fc.nat({ max: 20 }), { nil: null }),
    before: fc.constantFrom<unknown>(null, undefined, { status: 'resumed' }, 'say "hi"', [1, { b: null }]),
    after: fc.constantFrom<unknown>(null, { changed: { enterprises: 2 } }, 0, true),
  });
  const filter: fc.Arbitrary<AuditFilter> = fc
    .record({
      actor: maybe(fc.constantFrom(...ACTORS, 'carol')),
      action: maybe(fc.constantFrom(...ACTIONS)),
      target: maybe(fc.constantFrom(...TARGETS)),
      from: maybe(fc.constantFrom(...TIMES)),
      to: maybe(fc.constantFrom(...TIMES)),
    })
    .map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as AuditFilter);
  type Op = { kind: 'append'; entry: NewAuditEntry } | { kind: 'list'; filter: AuditFilter; limit: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('append' as const), entry }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('list' as const), filter, limit: fc.integer({ min: 1, max: 4 }) }), weight: 1 },
  );

  /** Every page of a listing, cursors included. */
  async function pages(store: AuditStore, f: AuditFilter, limit: number): Promise<string> {
    const out: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list(f, { limit, cursor });
      out.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return JSON.stringify(out);
  }

  it('on random sequences of appends and filtered, paged listings', async () => {
    await assertSameAnswers<AuditStore, Op>({
      stores: () => [new SqliteAuditStore(':memory:'), createNeo4jAuditStore({ driver: new FakeNeo4j().asDriver() })],
      ops: fc.array(op, { minLength: 1, maxLength: 12 }),
      apply: async (store, o) => (o.kind === 'append' ? JSON.stringify(await store.append(o.entry)) : pages(store, o.filter, o.limit)),
      observe: (store) => pages(store, {}, 3),
      numRuns: 100,
    });
  });
});
