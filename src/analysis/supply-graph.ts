/**
 * The supply network as a graphology graph: the readable, library-friendly form of the
 * network (one node per enterprise, one edge per supply link), for callers that want to
 * traverse or render it. The analysis itself compiles it (compile.ts) before running.
 */
import { MultiDirectedGraph } from 'graphology';
import type { Role, Status } from '../graph/schema';
import type { ChainSnapshot } from '../graph/store';

export interface EnterpriseAttributes {
  role: Role;
  province: string;
  industry: string;
  status: Status;
}

export interface LinkAttributes {
  part: string;
  critical: boolean;
}

export type SupplyGraph = MultiDirectedGraph<EnterpriseAttributes, LinkAttributes>;

/** The key of a supply link's edge: links are unique by (supplier, customer, part), §1. */
export function linkKey(supplier: string, customer: string, part: string): string {
  return `${supplier}|${customer}|${part}`;
}

/**
 * Builds the graph of a snapshot. A multi-graph, because one supplier may deliver several
 * parts to the same customer; each edge is keyed `${supplier}|${customer}|${part}`.
 */
export function buildSupplyGraph(snapshot: ChainSnapshot): SupplyGraph {
  if (!snapshot || !Array.isArray(snapshot.enterprises) || !Array.isArray(snapshot.links)) {
    throw new TypeError('buildSupplyGraph: expected a chain snapshot with enterprises and links');
  }
  const graph: SupplyGraph = new MultiDirectedGraph<EnterpriseAttributes, LinkAttributes>({ allowSelfLoops: false });
  for (const e of snapshot.enterprises) {
    if (graph.hasNode(e.id)) throw new RangeError(`buildSupplyGraph: enterprise "${e.id}" appears twice`);
    graph.addNode(e.id, { role: e.role, province: e.province, industry: e.industry, status: e.status });
  }
  for (const l of snapshot.links) {
    for (const id of [l.supplier, l.customer]) {
      if (!graph.hasNode(id)) {
        throw new RangeError(`buildSupplyGraph: link ${l.supplier} -> ${l.customer} (${l.part}): unknown enterprise "${id}"`);
      }
    }
    if (l.supplier === l.customer) {
      throw new RangeError(`buildSupplyGraph: link ${l.supplier} -> ${l.customer}: an enterprise cannot supply itself`);
    }
    const key = linkKey(l.supplier, l.customer, l.part);
    if (graph.hasEdge(key)) throw new RangeError(`buildSupplyGraph: link ${key} appears twice`);
    graph.addDirectedEdgeWithKey(key, l.supplier, l.customer, { part: l.part, critical: l.critical !== false });
  }
  return graph;
}

/** Duck-typed, so that a graph built by another copy of graphology is still recognised. */
export function isSupplyGraph(x: unknown): x is SupplyGraph {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as SupplyGraph).forEachNode === 'function' &&
    typeof (x as SupplyGraph).forEachEdge === 'function' &&
    typeof (x as SupplyGraph).order === 'number'
  );
}
