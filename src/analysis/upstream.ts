/**
 * The lead view (CONTRACT §4, GET /api/enterprises/:id/upstream): an enterprise's supplier
 * tree by tier. Tier 1 are its direct suppliers, tier k + 1 the suppliers of tier k, found
 * breadth-first so that each enterprise is listed once, at its smallest tier, even when the
 * network has cycles or the same supplier serves several tiers.
 */
import { AVAILABILITY_NAMES, byCodeUnits, ROLE_NAMES, sortIds, STATUS_NAMES, type Availability } from './codes';
import type { Role, Status } from '../graph/schema';
import type { CompiledNetwork } from './compile';
import type { AvailabilityState } from './state';

export interface UpstreamEnterprise {
  id: string;
  tier: number;
  role: Role;
  province: string;
  status: Status;
  availability: Availability;
  /** Parts it supplies to the enterprises of the tier below (sorted). */
  parts: string[];
  /** The enterprises of the tier below it supplies (sorted). */
  customers: string[];
}

export interface UpstreamTier {
  tier: number;
  /** Sorted by id. */
  enterprises: UpstreamEnterprise[];
}

export interface UpstreamView {
  id: string;
  tiers: UpstreamTier[];
}

export function upstreamTiers(net: CompiledNetwork, state: AvailabilityState, x: number, maxDepth: number = Infinity): UpstreamView {
  if (!(maxDepth === Infinity || (Number.isInteger(maxDepth) && maxDepth >= 0))) {
    throw new RangeError(`upstream: maxDepth must be a non-negative integer, got ${maxDepth}`);
  }
  const tierOf = new Map<number, number>([[x, 0]]);
  const parts = new Map<number, Set<number>>();
  const customers = new Map<number, Set<number>>();
  const levels: number[][] = [];
  let frontier = [x];
  for (let tier = 1; tier <= maxDepth && frontier.length > 0; tier++) {
    const level: number[] = [];
    for (const c of frontier) {
      for (let g = net.customerGroups[c]; g < net.customerGroups[c + 1]; g++) {
        for (let j = net.groupLinks[g]; j < net.groupLinks[g + 1]; j++) {
          const s = net.linkSupplier[j];
          const seen = tierOf.get(s);
          if (seen === undefined) {
            tierOf.set(s, tier);
            parts.set(s, new Set());
            customers.set(s, new Set());
            level.push(s);
          } else if (seen !== tier) {
            continue;
          }
          parts.get(s)!.add(net.groupPart[g]);
          customers.get(s)!.add(c);
        }
      }
    }
    if (level.length > 0) levels.push(level);
    frontier = level;
  }
  const sortedNames = (names: Iterable<string>) => sortIds([...names]);
  return {
    id: net.ids[x],
    tiers: levels.map((level, k) => ({
      tier: k + 1,
      enterprises: level
        .map((s) => ({
          id: net.ids[s],
          tier: k + 1,
          role: ROLE_NAMES[net.role[s]],
          province: net.provinces[net.provinceOf[s]],
          status: STATUS_NAMES[state.status[s]],
          availability: AVAILABILITY_NAMES[state.avail[s]],
          parts: sortedNames([...parts.get(s)!].map((p) => net.parts[p])),
          customers: sortedNames([...customers.get(s)!].map((c) => net.ids[c])),
        }))
        .sort((a, b) => byCodeUnits(a.id, b.id)),
    })),
  };
}
