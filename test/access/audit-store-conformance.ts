/**
 * The audit store conformance suite: every AuditStore adapter must pass it (SQLite, Neo4j on
 * the fake driver, Neo4j on a server). `makeStore` gives a store on an empty database, not yet
 * initialised; the suite initialises and closes it.
 */
import type { AuditEntry, AuditFilter, AuditStore, NewAuditEntry } from '../../src/access';
import { encodeCursor } from '../../src/shared/cursor';
import { LinkageError } from '../../src/shared/errors';
import { HOSTILE } from './token-store-conformance';

const entry = (over: Partial<NewAuditEntry> = {}): NewAuditEntry => ({
  at: '2020-03-24T08:00:00.000Z',
  actor: 'coordinator:national',
  action: 'import',
  target: 'document',
  revision: 1,
  before: null,
  after: { enterprises: 2 },
  ...over,
});

/** Every entry that matches, following nextCursor to the end. */
async function all(store: AuditStore, filter: AuditFilter, limit: number): Promise<{ items: AuditEntry[]; pages: number }> {
  const items: AuditEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.list(filter, { limit, cursor });
    items.push(...page.items);
    pages++;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && pages < 100);
  return { items, pages };
}

async function rejection(p: Promise<unknown>): Promise<LinkageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LinkageError);
  return err as LinkageError;
}

export function describeAuditStoreConformance(name: string, makeStore: () => Promise<AuditStore>): void {
  describe(`${name} audit store conformance`, () => {
    let store: AuditStore;
    beforeEach(async () => {
      store = await makeStore();
      await store.init();
    });
    afterEach(async () => {
      await store.close();
    });

    /** Appends the entries in order; returns them as stored. */
    const appendAll = async (entries: NewAuditEntry[]): Promise<AuditEntry[]> => {
      const out: AuditEntry[] = [];
      for (const e of entries) out.push(await store.append(e));
      return out;
    };
    const seqs = (entries: readonly AuditEntry[]) => entries.map((e) => e.seq);

    it('starts empty', async () => {
      expect(await store.list({}, { limit: 10 })).toEqual({ items: [], nextCursor: null });
    });

    it('append returns the entry with a seq, and seqs increase', async () => {
      const first = await store.append(entry({ target: 'A' }));
      const second = await store.append(entry({ target: 'B' }));
      const third = await store.append(entry({ target: 'C' }));
      expect(first).toEqual({ seq: first.seq, ...entry({ target: 'A' }) });
      expect(Number.isSafeInteger(first.seq) && first.seq > 0).toBe(true);
      expect(second.seq).toBeGreaterThan(first.seq);
      expect(third.seq).toBeGreaterThan(second.seq);
    });

    it('lists newest first, each entry as append returned it, in the same key order', async () => {
      const stored = await appendAll([
        entry({ action: 'import', target: 'document', at: '2020-03-24T08:00:00.000Z' }),
        entry({ action: 'status.report', target: 'S1', at: '2020-03-24T09:00:00.000Z', before: { status: 'resumed' }, after: { status: 'suspended' } }),
        entry({ action: 'task.ack', target: 'task_1', at: '2020-03-24T07:00:00.000Z', actor: 'liaison:420000', revision: null }),
      ]);
      const page = await store.list({}, { limit: 10 });
      expect(page).toEqual({ items: [...stored].reverse(), nextCursor: null });
      expect(page.items.map((e) => Object.keys(e))).toEqual(stored.map(() => ['seq', 'at', 'actor', 'action', 'target', 'revision', 'before', 'after']));
    });

    describe('filters', () => {
      let stored: AuditEntry[];
      beforeEach(async () => {
        stored = await appendAll([
          entry({ actor: 'alice', action: 'import', target: 'document', at: '2020-03-01T00:00:00.000Z' }),
          entry({ actor: 'bob', action: 'status.report', target: 'S1', at: '2020-03-02T00:00:00.000Z' }),
          entry({ actor: 'alice', action: 'status.report', target: 'S2', at: '2020-03-03T00:00:00.000Z' }),
          entry({ actor: 'bob', action: 'task.resolve', target: 'task_1', at: '2020-03-04T00:00:00.000Z' }),
          entry({ actor: 'alice', action: 'status.report', target: 'S1', at: '2020-03-05T00:00:00.000Z' }),
          entry({ actor: 'carol', action: 'token.revoke', target: 'tok_1', at: '2020-03-06T00:00:00.000Z' }),
        ]);
      });
      const listed = async (filter: AuditFilter) => seqs((await store.list(filter, { limit: 100 })).items);
      const expected = (...indexes: number[]) => indexes.map((i) => stored[i].seq);

      it('by actor', async () => {
        expect(await listed({ actor: 'alice' })).toEqual(expected(4, 2, 0));
        expect(await listed({ actor: 'Alice' })).toEqual([]);
      });

      it('by action', async () => {
        expect(await listed({ action: 'status.report' })).toEqual(expected(4, 2, 1));
        expect(await listed({ action: 'task.open' })).toEqual([]);
      });

      it('by target', async () => {
        expect(await listed({ target: 'S1' })).toEqual(expected(4, 1));
        expect(await listed({ target: 'S' })).toEqual([]);
      });

      it('from a time, inclusive', async () => {
        expect(await listed({ from: '2020-03-04T00:00:00.000Z' })).toEqual(expected(5, 4, 3));
        expect(await listed({ from: '2020-03-07T00:00:00.000Z' })).toEqual([]);
      });

      it('to a time, inclusive', async () => {
        expect(await listed({ to: '2020-03-02T00:00:00.000Z' })).toEqual(expected(1, 0));
        expect(await listed({ to: '2020-02-28T00:00:00.000Z' })).toEqual([]);
      });

      it('all at once: every filter must match', async () => {
        expect(await listed({ actor: 'alice', action: 'status.report', target: 'S1', from: '2020-03-01T00:00:00.000Z', to: '2020-03-05T00:00:00.000Z' })).toEqual(expected(4));
        expect(await listed({ actor: 'alice', action: 'status.report', from: '2020-03-02T00:00:00.000Z', to: '2020-03-04T00:00:00.000Z' })).toEqual(expected(2));
        expect(await listed({ actor: 'bob', target: 'S2' })).toEqual([]);
      });

      it('a filter carries across pages', async () => {
        const { items, pages } = await all(store, { actor: 'alice' }, 1);
        expect(seqs(items)).toEqual(expected(4, 2, 0));
        expect(pages).toBe(3);
      });
    });

    describe('paging', () => {
      it('pages newest first with the cursor, every entry once, nextCursor null on the last page', async () => {
        const stored = await appendAll(Array.from({ length: 5 }, (_, i) => entry({ target: `E${i}` })));
        const first = await store.list({}, { limit: 2 });
        expect(seqs(first.items)).toEqual([stored[4].seq, stored[3].seq]);
        expect(first.nextCursor).toEqual(expect.any(String));
        const second = await store.list({}, { limit: 2, cursor: first.nextCursor! });
        expect(seqs(second.items)).toEqual([stored[2].seq, stored[1].seq]);
        const third = await store.list({}, { limit: 2, cursor: second.nextCursor! });
        expect(third).toEqual({ items: [stored[0]], nextCursor: null });
      });

      it('a last page that is exactly full has no next cursor', async () => {
        await appendAll(Array.from({ length: 4 }, (_, i) => entry({ target: `E${i}` })));
        const { items, pages } = await all(store, {}, 2);
        expect(items).toHaveLength(4);
        expect(pages).toBe(2);
        expect(await store.list({}, { limit: 4 })).toEqual({ items: expect.any(Array), nextCursor: null });
      });

      it('entries appended while paging do not shift the pages after the cursor', async () => {
        const stored = await appendAll(Array.from({ length: 4 }, (_, i) => entry({ target: `E${i}` })));
        const first = await store.list({}, { limit: 2 });
        await appendAll([entry({ target: 'late1' }), entry({ target: 'late2' })]);
        const second = await store.list({}, { limit: 2, cursor: first.nextCursor! });
        expect(seqs(second.items)).toEqual([stored[1].seq, stored[0].seq]);
        expect(second.nextCursor).toBeNull();
      });

      it('any page size gives the same entries in the same order', async () => {
        await appendAll(Array.from({ length: 7 }, (_, i) => entry({ target: `E${i % 3}`, actor: `a${i % 2}` })));
        const whole = (await store.list({}, { limit: 1000 })).items;
        for (const limit of [1, 2, 3, 6, 7, 8]) expect((await all(store, {}, limit)).items).toEqual(whole);
      });

      it.each([
        ['not base64 of JSON', 'not-a-cursor!'],
        ['JSON that is not a cursor', encodeCursor({ asOf: '2020-03-01' })],
        ['a seq that is not a number', encodeCursor({ seq: '3' })],
        ['a seq that is not an integer', encodeCursor({ seq: 2.5 })],
        ['null', encodeCursor(null)],
        ['empty', ''],
      ])('rejects a cursor it did not issue: %s', async (_what, cursor) => {
        await store.append(entry());
        const err = await rejection(store.list({}, { limit: 10, cursor }));
        expect(err.code).toBe('invalid_input');
        expect(err.details).toEqual([expect.objectContaining({ path: 'cursor' })]);
      });
    });

    describe('before and after', () => {
      it.each<[string, unknown]>([
        ['an object', { status: 'suspended', capacityPct: 12.5, nested: { list: [1, 'two', null, true], empty: {} } }],
        ['null', null],
        ['a string with quotes', `he said "stop" and 'go' \\ done`],
        ['a string that is JSON text', '{"not":"parsed"}'],
        ['an empty string', ''],
        ['an array', [{ id: 'E1' }, [], 0, -1.5, false]],
        ['a number', 42],
        ['false', false],
        ['hostile text as keys and values', { [HOSTILE]: HOSTILE, 'k\'"': [HOSTILE] }],
      ])('round-trip %s', async (_what, value) => {
        await store.append(entry({ before: value, after: value }));
        const [got] = (await store.list({}, { limit: 1 })).items;
        expect(got.before).toEqual(value);
        expect(got.after).toEqual(value);
        expect(JSON.stringify(got.before)).toBe(JSON.stringify(value));
      });

      it('absent before and after are read back as null', async () => {
        await store.append(entry({ before: undefined, after: undefined }));
        const [got] = (await store.list({}, { limit: 1 })).items;
        expect(got.before).toBeNull();
        expect(got.after).toBeNull();
      });
    });

    it('round-trips the revision, null included', async () => {
      await appendAll([entry({ revision: null }), entry({ revision: 0 }), entry({ revision: 9_007_199_254_740_991 })]);
      expect((await store.list({}, { limit: 10 })).items.map((e) => e.revision)).toEqual([9_007_199_254_740_991, 0, null]);
    });

    it('stores hostile and non-ASCII text verbatim, and filters on it exactly', async () => {
      const hostile = entry({ actor: HOSTILE, target: HOSTILE, at: '2020-03-24T08:00:00.000Z' });
      const stored = await store.append(hostile);
      await store.append(entry({ actor: `${HOSTILE} `, target: 'other' }));
      expect((await store.list({ actor: HOSTILE }, { limit: 10 })).items).toEqual([stored]);
      expect((await store.list({ target: HOSTILE }, { limit: 10 })).items).toEqual([stored]);
    });

    it('init is idempotent: entries stay and seqs are never reused', async () => {
      const before = await appendAll([entry(), entry()]);
      await store.init();
      const after = await store.append(entry());
      expect(after.seq).toBeGreaterThan(before[1].seq);
      expect(seqs((await store.list({}, { limit: 10 })).items)).toEqual([after.seq, before[1].seq, before[0].seq]);
    });
  });
}
