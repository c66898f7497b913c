/**
 * Network inputs as compact arrays: the one form the compiler reads. Store snapshots and
 * graphology graphs are converted here (ids interned once, no object per link kept), and a
 * compiled network can be turned back into arrays to be extended and recompiled.
 */
import type { ChainSnapshot } from '../graph/store';
import { roleCode, statusCode } from './codes';
import type { CompiledNetwork } from './compile';
import { Arena } from './arena';
import { IdIndex, type IdLookup } from './id-index';
import type { SupplyGraph } from './supply-graph';
import { Interner } from '../shared/interner';

/** A network as parallel arrays: enterprise i is ids[i]; link k is linkSupplier[k] → linkCustomer[k]. */
export interface CompactNetwork {
  revision?: number;
  ids: readonly string[];
  /** 0 supplier, 1 leader. */
  role: Uint8Array;
  /** 0 resumed, 1 partial, 2 suspended. */
  status: Uint8Array;
  provinces: readonly string[];
  provinceOf: Int32Array;
  industries: readonly string[];
  industryOf: Int32Array;
  parts: readonly string[];
  linkSupplier: Int32Array;
  linkCustomer: Int32Array;
  linkPart: Int32Array;
  /** 1 critical, 0 not. */
  linkCritical: Uint8Array;
  /** ids[i] → i, when the producer already has it (saves rebuilding it at a million ids). */
  index?: IdLookup;
}

export function compactFromSnapshot(snapshot: ChainSnapshot): CompactNetwork {
  const where = 'compileNetwork';
  const enterprises = snapshot.enterprises;
  const n = enterprises.length;
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) ids[i] = enterprises[i].id;
  const index = new IdIndex(ids);
  const perEnterprise = new Arena(2 * n, 2 * n);
  const provinceOf = perEnterprise.int32(n);
  const industryOf = perEnterprise.int32(n);
  const role = perEnterprise.uint8(n);
  const status = perEnterprise.uint8(n);
  const provinces = new Interner();
  const industries = new Interner();
  for (let i = 0; i < n; i++) {
    const e = enterprises[i];
    role[i] = fastRoleCode(e.role) ?? roleCode(e.role, `${where}: enterprise "${e.id}"`);
    status[i] = fastStatusCode(e.status) ?? statusCode(e.status, `${where}: enterprise "${e.id}"`);
    provinceOf[i] = provinces.of(e.province);
    industryOf[i] = industries.of(e.industry);
  }
  const m = snapshot.links.length;
  const perLink = new Arena(3 * m, m);
  const linkSupplier = perLink.int32(m);
  const linkCustomer = perLink.int32(m);
  const linkPart = perLink.int32(m);
  const linkCritical = perLink.uint8(m);
  const parts = new Interner();
  // Stores list links in insertion order, which usually keeps a customer's or a supplier's
  // links together: remembering the last id looked up on each side skips most hash lookups.
  let lastSupplier = '';
  let lastSupplierIndex = -1;
  let lastCustomer = '';
  let lastCustomerIndex = -1;
  let lastPart = '';
  let lastPartIndex = -1;
  const links = snapshot.links;
  for (let k = 0; k < m; k++) {
    const l = links[k];
    const s = l.supplier;
    const c = l.customer;
    const p = l.part;
    if (s !== lastSupplier || lastSupplierIndex < 0) {
      lastSupplier = s;
      lastSupplierIndex = lookup(index, s, l, where);
    }
    if (c !== lastCustomer || lastCustomerIndex < 0) {
      lastCustomer = c;
      lastCustomerIndex = lookup(index, c, l, where);
    }
    if (p !== lastPart || lastPartIndex < 0) {
      lastPart = p;
      lastPartIndex = parts.of(p);
    }
    linkSupplier[k] = lastSupplierIndex;
    linkCustomer[k] = lastCustomerIndex;
    linkPart[k] = lastPartIndex;
    linkCritical[k] = l.critical === false ? 0 : 1;
  }
  return {
    revision: snapshot.revision,
    ids,
    role,
    status,
    provinces: provinces.values,
    provinceOf,
    industries: industries.values,
    industryOf,
    parts: parts.values,
    linkSupplier,
    linkCustomer,
    linkPart,
    linkCritical,
    index,
  };
}

/** The codes of valid values without building an error context per enterprise. */
function fastRoleCode(role: string): number | undefined {
  return role === 'supplier' ? 0 : role === 'leader' ? 1 : undefined;
}

function fastStatusCode(status: string): number | undefined {
  return status === 'resumed' ? 0 : status === 'partial' ? 1 : status === 'suspended' ? 2 : undefined;
}

function lookup(index: IdLookup, id: string, link: { supplier: string; customer: string; part: string }, where: string): number {
  const i = index.get(id);
  if (i === undefined) {
    throw new RangeError(`${where}: link ${link.supplier} -> ${link.customer} (${link.part}): unknown enterprise "${id}"`);
  }
  return i;
}

export function compactFromGraph(graph: SupplyGraph): CompactNetwork {
  const where = 'compileNetwork';
  const n = graph.order;
  const ids: string[] = graph.nodes();
  const index = new IdIndex(ids);
  const perEnterprise = new Arena(2 * n, 2 * n);
  const provinceOf = perEnterprise.int32(n);
  const industryOf = perEnterprise.int32(n);
  const role = perEnterprise.uint8(n);
  const status = perEnterprise.uint8(n);
  const provinces = new Interner();
  const industries = new Interner();
  let i = 0;
  graph.forEachNode((id, a) => {
    if (ids[i] !== id) throw new Error(`${where}: graph nodes changed while reading`);
    role[i] = roleCode(a.role, `${where}: node "${id}"`);
    status[i] = statusCode(a.status, `${where}: node "${id}"`);
    provinceOf[i] = provinces.of(String(a.province));
    industryOf[i] = industries.of(String(a.industry));
    i++;
  });
  const m = graph.size;
  const perLink = new Arena(3 * m, m);
  const linkSupplier = perLink.int32(m);
  const linkCustomer = perLink.int32(m);
  const linkPart = perLink.int32(m);
  const linkCritical = perLink.uint8(m);
  const parts = new Interner();
  let k = 0;
  graph.forEachEdge((key, a, source, target) => {
    if (typeof a.part !== 'string' || a.part === '') throw new RangeError(`${where}: edge "${key}" has no part`);
    linkSupplier[k] = index.get(source)!;
    linkCustomer[k] = index.get(target)!;
    linkPart[k] = parts.of(a.part);
    linkCritical[k] = a.critical === false ? 0 : 1;
    k++;
  });
  return {
    revision: 0,
    ids,
    role,
    status,
    provinces: provinces.values,
    provinceOf,
    industries: industries.values,
    industryOf,
    parts: parts.values,
    linkSupplier,
    linkCustomer,
    linkPart,
    linkCritical,
    index,
  };
}

/**
 * The network's links and enterprises back as compact arrays, with the given statuses.
 * Used to recompile after adding enterprises or links (IncrementalAnalysis.upsert).
 */
export function decompile(net: CompiledNetwork, status: Uint8Array = net.status): CompactNetwork {
  const m = net.linkCount;
  const linkCustomer = new Int32Array(m);
  const linkPart = new Int32Array(m);
  for (let g = 0; g < net.groupCount; g++) {
    for (let j = net.groupLinks[g]; j < net.groupLinks[g + 1]; j++) {
      linkCustomer[j] = net.groupCustomer[g];
      linkPart[j] = net.groupPart[g];
    }
  }
  return {
    revision: net.revision,
    ids: net.ids,
    role: net.role,
    status,
    provinces: net.provinces,
    provinceOf: net.provinceOf,
    industries: net.industries,
    industryOf: net.industryOf,
    parts: net.parts,
    linkSupplier: net.linkSupplier,
    linkCustomer,
    linkPart,
    linkCritical: net.linkCritical,
  };
}
