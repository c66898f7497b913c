/**
 * The small integer codes the compiled network and the propagation use instead of strings,
 * and their names in the public API. One place, so that every file agrees on them.
 */
import type { Role, Status } from '../graph/schema';

export type Availability = 'operating' | 'down' | 'blocked';
export type ChainState = 'clear' | 'blocked' | 'down';

export const RESUMED = 0;
export const PARTIAL = 1;
export const SUSPENDED = 2;
export const STATUS_NAMES: readonly Status[] = ['resumed', 'partial', 'suspended'];

export const SUPPLIER = 0;
export const LEADER = 1;
export const ROLE_NAMES: readonly Role[] = ['supplier', 'leader'];

// Hot loops copy these into locals first: once transpiled to CommonJS by esbuild (tsx),
// an imported constant is a getter on the module object, which costs a call per use.
export const OPERATING = 0;
export const DOWN = 1;
export const BLOCKED = 2;
export const AVAILABILITY_NAMES: readonly Availability[] = ['operating', 'down', 'blocked'];
/** A leader's chain state is its availability under another name (§2.7). */
export const CHAIN_STATE_NAMES: readonly ChainState[] = ['clear', 'down', 'blocked'];

export function statusCode(status: string, where: string): number {
  const code = STATUS_NAMES.indexOf(status as Status);
  if (code < 0) throw new RangeError(`${where}: status must be resumed, partial or suspended, got ${JSON.stringify(status)}`);
  return code;
}

export function roleCode(role: string, where: string): number {
  const code = ROLE_NAMES.indexOf(role as Role);
  if (code < 0) throw new RangeError(`${where}: role must be leader or supplier, got ${JSON.stringify(role)}`);
  return code;
}

export { byCodeUnits } from '../shared/order';

/**
 * Sorts strings in place by UTF-16 code units. The default sort of an array of strings uses
 * exactly that order, natively, without a JS comparator call per comparison: it matters when
 * sorting millions of root-cause ids.
 */
export function sortIds(ids: string[]): string[] {
  return ids.sort();
}
