/**
 * The property the "Neo4j adapter answers as the SQLite one does" tests share: for each random
 * sequence of operations, a fresh pair of stores, every operation applied to both with the same
 * answer, and the same observable state after each one.
 */
import fc from 'fast-check';

interface Lifecycle {
  init(): Promise<void>;
  close(): Promise<void>;
}

export interface SameAnswers<S extends Lifecycle, Op> {
  /** A fresh, uninitialised pair: the SQLite store, then the Neo4j one (on the fake driver). */
  stores: () => [sqlite: S, neo4j: S];
  ops: fc.Arbitrary<Op[]>;
  /** What the caller learns from one operation. */
  apply: (store: S, op: Op) => Promise<unknown>;
  /** Everything a reader can see, as JSON text, so that key order counts too. */
  observe: (store: S) => Promise<string>;
  numRuns: number;
}

export async function assertSameAnswers<S extends Lifecycle, Op>({ stores, ops, apply, observe, numRuns }: SameAnswers<S, Op>): Promise<void> {
  await fc.assert(
    fc.asyncProperty(ops, async (sequence) => {
      const [sqlite, neo] = stores();
      await Promise.all([sqlite.init(), neo.init()]);
      try {
        for (const o of sequence) {
          expect(await apply(neo, o)).toEqual(await apply(sqlite, o));
          expect(await observe(neo)).toBe(await observe(sqlite));
        }
      } finally {
        await Promise.all([sqlite.close(), neo.close()]);
      }
    }),
    { numRuns },
  );
}
