/**
 * Cutting rows into UNWIND batches, for every Neo4j adapter that writes many rows at once.
 *
 * Cypher runs a statement clause by clause: every row of a batch is read before any row is
 * written. SQLite's adapters upsert row by row, each row seeing the rows before it. The two
 * agree when a batch never holds the same key twice, so `batches` starts a new batch at a
 * repeated key; in real documents repeats are rare and batches stay full.
 */

/** Rows per UNWIND statement. */
export const BATCH_SIZE = 10_000;
/**
 * Cuts `items` into consecutive batches of at most `size`, starting a new batch whenever an
 * item's key already occurs in the current one. Order is preserved.
 */
export function batches<T>(items: readonly T[], size: number, keyOf?: (item: T) => string): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  let current: T[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = keyOf?.(item);
    if (current.length === size || (key !== undefined && keys.has(key))) {
      out.push(current);
      current = [];
      keys = new Set();
    }
    current.push(item);
    if (key !== undefined) keys.add(key);
  }
  if (current.length > 0) out.push(current);
  return out;
}
