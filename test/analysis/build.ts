/**
 * A small notation for inline test networks, so a test reads like the chain it describes:
 *
 *   net(['S1>A:seat', 'S2>A:seat?', 'A>L:cabin'], { leaders: ['L'], suspended: ['S1'] })
 *
 * `x>y:part` is a critical link from supplier x to customer y; a trailing `?` makes it
 * non-critical. Enterprises are the ones named in links plus any listed in the options.
 */
import type { Status } from '../../src/graph/schema';
import type { ChainSnapshot, SnapshotLink } from '../../src/graph/store';

export interface NetOptions {
  leaders?: string[];
  suspended?: string[];
  partial?: string[];
  /** Extra enterprises with no links. */
  others?: string[];
  provinces?: Record<string, string>;
  revision?: number;
}

export function net(links: string[], opts: NetOptions = {}): ChainSnapshot {
  const parsed: SnapshotLink[] = links.map((spec) => {
    const m = /^([^>]+)>([^:]+):([a-z0-9-]+)(\?)?$/.exec(spec);
    if (!m) throw new Error(`bad link spec ${spec}`);
    return { supplier: m[1], customer: m[2], part: m[3], critical: m[4] !== '?' };
  });
  const ids: string[] = [];
  const add = (id: string) => {
    if (!ids.includes(id)) ids.push(id);
  };
  for (const l of parsed) {
    add(l.supplier);
    add(l.customer);
  }
  for (const id of [...(opts.leaders ?? []), ...(opts.suspended ?? []), ...(opts.partial ?? []), ...(opts.others ?? [])]) add(id);
  const statusOf = (id: string): Status => (opts.suspended?.includes(id) ? 'suspended' : opts.partial?.includes(id) ? 'partial' : 'resumed');
  return {
    revision: opts.revision ?? 1,
    enterprises: ids.map((id) => ({
      id,
      role: opts.leaders?.includes(id) ? 'leader' : 'supplier',
      province: opts.provinces?.[id] ?? '420000',
      industry: 'automotive',
      status: statusOf(id),
    })),
    links: parsed,
  };
}
