/**
 * Driver values to JS and back, for every Neo4j adapter: integers sent as integers (Cypher sees a
 * JS number as a float), neo4j Integers read back as numbers, and typed reads of stored properties
 * that call anything else corrupt data. The domain mappings (graph, tasks, tokens…) build on these.
 */
import neo4j, { type Integer } from 'neo4j-driver';
import { LinkageError } from '../../shared/errors';

/** Properties of a node or relationship, or a row of a RETURN, as the driver gives them. */
export type Props = Readonly<Record<string, unknown>>;

/** A JS number from a neo4j Integer, a bigint or a float; throws outside the safe range. */
export function toNumber(value: unknown, what: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw unsafe(what, value);
    return Number(value);
  }
  if (neo4j.isInt(value)) {
    if (!neo4j.integer.inSafeRange(value)) throw unsafe(what, value);
    return value.toNumber();
  }
  throw corrupt(what, `expected a number, found ${describe(value)}`);
}

/** An integer parameter: Cypher sees a JS number as a float, which LIMIT and seq must not be. */
export function int(n: number): Integer {
  if (!Number.isSafeInteger(n)) throw new LinkageError('internal', `neo4j integer parameter must be a safe integer, got ${n}`);
  return neo4j.int(n);
}

/** The string property `key` of what `where` names; a missing or non-string value is corrupt data. */
export function text(p: Props, key: string, where: string): string {
  const v = p[key];
  if (typeof v !== 'string') throw corrupt(where, `${key} is ${v === undefined || v === null ? 'missing' : describe(v)}, expected a string`);
  return v;
}

/** The JSON text property `key`, parsed; missing or null is null, text that is not JSON is corrupt data. */
export function jsonText(p: Props, key: string, where: string): unknown {
  if (!present(p[key])) return null;
  const raw = text(p, key, where);
  try {
    return JSON.parse(raw) as unknown;
  } catch (cause) {
    throw new LinkageError('internal', `neo4j store holds an unreadable ${where}: ${key} is not JSON`, { cause });
  }
}

/** Neo4j stores no null: a property is there with a value or not there. */
export function present(v: unknown): boolean {
  return v !== null && v !== undefined;
}

export function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : `a ${typeof v}`;
}

/** Stored data the adapter cannot read: a bug or a hand edit, never the client's fault. */
export function corrupt(where: string, problem: string): LinkageError {
  return new LinkageError('internal', `neo4j store holds an unreadable ${where}: ${problem}`);
}

function unsafe(what: string, value: unknown): LinkageError {
  return new LinkageError('internal', `${what} ${String(value)} is beyond the range of a JS number`);
}
