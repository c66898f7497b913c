/** `--state a,b|active` of `linkage tasks list` and `linkage requests list`: one parser for both. */
import { UsageError } from './usage';

/** The states named by a comma list, `active` standing for every active state; undefined when absent. */
export function stateList<S extends string>(v: string | undefined, all: readonly S[], active: readonly S[]): S[] | undefined {
  if (v === undefined) return undefined;
  const out = new Set<S>();
  for (const s of v.split(',')) {
    if (s === 'active') active.forEach((a) => out.add(a));
    else if ((all as readonly string[]).includes(s)) out.add(s as S);
    else throw new UsageError(`--state must be one of ${[...all, 'active'].join(', ')} (got "${s}")`);
  }
  return [...out];
}
