/**
 * Compiles a supply network into the index the chain analysis runs on: enterprises become
 * integers, links are grouped by (customer, part) — alternates share a group — and both
 * directions are stored CSR-style in typed arrays.
 *
 * Why a compiled form: at a million enterprises the analysis must stay linear and light on
 * memory, and string keys or an object per link (graphology, store snapshots) cost too much
 * in the hot loops. Compiling is linear too (counting sorts), apart from sorting the leader
 * ids and the links of each customer, which are few.
 *
 * Accepted inputs: a graphology graph as built by buildSupplyGraph, a store ChainSnapshot,
 * or CompactNetwork arrays (what generators at scale produce without building objects).
 */
import type { ChainSnapshot } from '../graph/store';
import {
  byCodeUnits,
  LEADER,
  roleCode,
  statusCode,
  STATUS_NAMES,
} from './codes';
import { IdIndex, type IdLookup } from './id-index';
import { isSupplyGraph, type SupplyGraph } from './supply-graph';

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

/**
 * The compiled index. Read-only by contract: the analysis never writes to it, so one
 * compiled network can back many analyses (what-if, incremental, bottleneck trials).
 */
export interface CompiledNetwork {
  readonly kind: 'compiled-network';
  readonly revision: number;
  /** Number of enterprises. */
  readonly size: number;
  readonly ids: readonly string[];
  readonly index: IdLookup;
  readonly role: Uint8Array;
  /** Statuses the network was compiled with; analyses copy them before changing any. */
  readonly status: Uint8Array;
  readonly provinces: readonly string[];
  readonly provinceOf: Int32Array;
  readonly industries: readonly string[];
  readonly industryOf: Int32Array;
  readonly parts: readonly string[];
  /** Leader indices, sorted by id. */
  readonly leaders: Int32Array;
  readonly groupCount: number;
  /** Number of distinct (supplier, customer, part) links. */
  readonly linkCount: number;
  /** Groups of customer c: customerGroups[c] .. customerGroups[c + 1] - 1. */
  readonly customerGroups: Int32Array;
  readonly groupCustomer: Int32Array;
  readonly groupPart: Int32Array;
  /** 1 when the group has at least one critical link (only such a part can be lost, §2.2). */
  readonly groupCritical: Uint8Array;
  /** Links of group g: groupLinks[g] .. groupLinks[g + 1] - 1, indexing linkSupplier/linkCritical. */
  readonly groupLinks: Int32Array;
  readonly linkSupplier: Int32Array;
  readonly linkCritical: Uint8Array;
  /** Groups supplied by s: supplierGroup[supplierLinks[s] .. supplierLinks[s + 1] - 1]. */
  readonly supplierLinks: Int32Array;
  readonly supplierGroup: Int32Array;
}

export type NetworkInput = SupplyGraph | ChainSnapshot | CompactNetwork | CompiledNetwork;

export function isCompiledNetwork(x: unknown): x is CompiledNetwork {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'compiled-network';
}

function isCompactNetwork(x: unknown): x is CompactNetwork {
  return typeof x === 'object' && x !== null && (x as { linkSupplier?: unknown }).linkSupplier instanceof Int32Array;
}

function isSnapshot(x: unknown): x is ChainSnapshot {
  return (
    typeof x === 'object' &&
    x !== null &&
    Array.isArray((x as ChainSnapshot).enterprises) &&
    Array.isArray((x as ChainSnapshot).links)
  );
}

/** Compiles any accepted input; a compiled network is returned as is. */
export function compileNetwork(input: NetworkInput): CompiledNetwork {
  if (isCompiledNetwork(input)) return input;
  if (isCompactNetwork(input)) return compileCompact(input);
  if (isSupplyGraph(input)) return compileCompact(compactFromGraph(input));
  if (isSnapshot(input)) return compileCompact(compactFromSnapshot(input));
  throw new TypeError('compileNetwork: expected a graphology graph, a chain snapshot or compact network arrays');
}

/** Interns strings to dense indices, in first-seen order. */
class Interner {
  readonly values: string[] = [];
  private readonly map = new Map<string, number>();
  of(value: string): number {
    let i = this.map.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.map.set(value, i);
    }
    return i;
  }
}

export function compactFromSnapshot(snapshot: ChainSnapshot): CompactNetwork {
  const where = 'compileNetwork';
  const enterprises = snapshot.enterprises;
  const n = enterprises.length;
  const ids: string[] = new Array(n);
  for (let i = 0; i < n; i++) ids[i] = enterprises[i].id;
  const index = new IdIndex(ids);
  const role = new Uint8Array(n);
  const status = new Uint8Array(n);
  const provinceOf = new Int32Array(n);
  const industryOf = new Int32Array(n);
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
  const linkSupplier = new Int32Array(m);
  const linkCustomer = new Int32Array(m);
  const linkPart = new Int32Array(m);
  const linkCritical = new Uint8Array(m);
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

function lookup(
  index: IdLookup,
  id: string,
  link: { supplier: string; customer: string; part: string },
  where: string,
): number {
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
  const role = new Uint8Array(n);
  const status = new Uint8Array(n);
  const provinceOf = new Int32Array(n);
  const industryOf = new Int32Array(n);
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
  const linkSupplier = new Int32Array(m);
  const linkCustomer = new Int32Array(m);
  const linkPart = new Int32Array(m);
  const linkCritical = new Uint8Array(m);
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

function checkCompact(c: CompactNetwork): void {
  const where = 'compileNetwork';
  const n = c.ids.length;
  for (const [name, arr] of [
    ['role', c.role],
    ['status', c.status],
    ['provinceOf', c.provinceOf],
    ['industryOf', c.industryOf],
  ] as const) {
    if (arr.length !== n) throw new RangeError(`${where}: ${name} has ${arr.length} entries for ${n} enterprises`);
  }
  const m = c.linkSupplier.length;
  for (const [name, arr] of [
    ['linkCustomer', c.linkCustomer],
    ['linkPart', c.linkPart],
    ['linkCritical', c.linkCritical],
  ] as const) {
    if (arr.length !== m) throw new RangeError(`${where}: ${name} has ${arr.length} entries for ${m} links`);
  }
  for (let i = 0; i < n; i++) {
    if (c.role[i] > LEADER) throw new RangeError(`${where}: enterprise "${c.ids[i]}": role code ${c.role[i]}`);
    if (c.status[i] >= STATUS_NAMES.length) throw new RangeError(`${where}: enterprise "${c.ids[i]}": status code ${c.status[i]}`);
  }
  const parts = c.parts.length;
  for (let k = 0; k < m; k++) {
    const s = c.linkSupplier[k];
    const t = c.linkCustomer[k];
    if (s < 0 || s >= n || t < 0 || t >= n) throw new RangeError(`${where}: link ${k} names no enterprise`);
    if (c.linkPart[k] < 0 || c.linkPart[k] >= parts) throw new RangeError(`${where}: link ${k} names no part`);
    // §1: self-links are invalid; one would also make a supplier its own alternate.
    if (s === t) throw new RangeError(`${where}: link ${c.ids[s]} -> ${c.ids[t]}: an enterprise cannot supply itself`);
  }
}

function compileCompact(c: CompactNetwork): CompiledNetwork {
  checkCompact(c);
  const n = c.ids.length;
  let index = c.index;
  if (!index) {
    index = new IdIndex(c.ids);
  } else if (index.size !== n) {
    throw new RangeError(`compileNetwork: index has ${index.size} ids for ${n} enterprises`);
  }

  // Counting sort of links by customer, then each customer's few links by (part, supplier).
  const custStart = countingOrder(c.linkCustomer, n);
  const order = custStart.order;
  const part = c.linkPart;
  const sup = c.linkSupplier;
  for (let i = 0; i < n; i++) sortSegment(order, custStart.start[i], custStart.start[i + 1], part, sup);
  const groups = buildGroups(n, custStart.start, order, part, sup, c.linkCritical);
  const { groupCount, linkCount, groupLinks, linkSupplier } = groups;
  const { supplierLinks, supplierGroup } = indexSuppliers(n, groupCount, groupLinks, linkSupplier);

  const leaderList: number[] = [];
  for (let i = 0; i < n; i++) if (c.role[i] === LEADER) leaderList.push(i);
  leaderList.sort((a, b) => byCodeUnits(c.ids[a], c.ids[b]));

  return Object.freeze({
    kind: 'compiled-network' as const,
    revision: c.revision ?? 0,
    size: n,
    ids: c.ids,
    index,
    role: c.role,
    status: c.status,
    provinces: c.provinces,
    provinceOf: c.provinceOf,
    industries: c.industries,
    industryOf: c.industryOf,
    parts: c.parts,
    leaders: Int32Array.from(leaderList),
    groupCount,
    linkCount,
    customerGroups: groups.customerGroups,
    groupCustomer: groups.groupCustomer,
    groupPart: groups.groupPart,
    groupCritical: groups.groupCritical,
    groupLinks,
    linkSupplier,
    linkCritical: groups.linkCritical,
    supplierLinks,
    supplierGroup,
  });
}

/**
 * A stable counting sort of 0..keys.length-1 by key (keys in [0, n)): `order` lists the
 * positions, those with key i at order[start[i]] .. order[start[i + 1] - 1]. Linear.
 */
function countingOrder(keys: Int32Array, n: number): { start: Int32Array; order: Int32Array } {
  const m = keys.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) start[keys[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[fill[keys[k]]++] = k;
  return { start, order };
}

interface Groups {
  groupCount: number;
  linkCount: number;
  customerGroups: Int32Array;
  groupCustomer: Int32Array;
  groupPart: Int32Array;
  groupCritical: Uint8Array;
  groupLinks: Int32Array;
  linkSupplier: Int32Array;
  linkCritical: Uint8Array;
}

/**
 * One group per (customer, part), from links sorted by (customer, part, supplier). A
 * (supplier, customer, part) key seen twice is merged, critical if either copy is (the
 * store keys links uniquely, so this only guards other inputs).
 */
function buildGroups(
  n: number,
  custStart: Int32Array,
  order: Int32Array,
  part: Int32Array,
  sup: Int32Array,
  critical: Uint8Array,
): Groups {
  const m = order.length;
  const customerGroups = new Int32Array(n + 1);
  const groupCustomer = new Int32Array(m);
  const groupPart = new Int32Array(m);
  const groupCritical = new Uint8Array(m);
  const groupLinks = new Int32Array(m + 1);
  const linkSupplier = new Int32Array(m);
  const linkCritical = new Uint8Array(m);
  let g = -1;
  let l = 0;
  for (let i = 0; i < n; i++) {
    customerGroups[i] = g + 1;
    let lastPart = -1;
    let lastSup = -1;
    const end = custStart[i + 1];
    for (let j = custStart[i]; j < end; j++) {
      const k = order[j];
      const crit = critical[k] === 0 ? 0 : 1;
      const p = part[k];
      const s = sup[k];
      if (p !== lastPart) {
        g++;
        groupCustomer[g] = i;
        groupPart[g] = p;
        groupLinks[g] = l;
        lastPart = p;
        lastSup = -1;
      }
      if (s === lastSup) {
        linkCritical[l - 1] |= crit;
      } else {
        linkSupplier[l] = s;
        linkCritical[l] = crit;
        l++;
        lastSup = s;
      }
      groupCritical[g] |= crit;
    }
  }
  const groupCount = g + 1;
  customerGroups[n] = groupCount;
  groupLinks[groupCount] = l;
  // Views, not copies: copying would allocate again, and at scale every large allocation
  // can trigger a full collection of the caller's heap (a snapshot's millions of objects).
  return {
    groupCount,
    linkCount: l,
    customerGroups,
    groupCustomer: groupCustomer.subarray(0, groupCount),
    groupPart: groupPart.subarray(0, groupCount),
    groupCritical: groupCritical.subarray(0, groupCount),
    groupLinks: groupLinks.subarray(0, groupCount + 1),
    linkSupplier: linkSupplier.subarray(0, l),
    linkCritical: linkCritical.subarray(0, l),
  };
}

/** For each supplier, the groups it supplies, in group (customer) order: a counting sort. */
function indexSuppliers(
  n: number,
  groupCount: number,
  groupLinks: Int32Array,
  linkSupplier: Int32Array,
): { supplierLinks: Int32Array; supplierGroup: Int32Array } {
  const linkCount = linkSupplier.length;
  const supplierLinks = new Int32Array(n + 1);
  for (let j = 0; j < linkCount; j++) supplierLinks[linkSupplier[j] + 1]++;
  for (let i = 0; i < n; i++) supplierLinks[i + 1] += supplierLinks[i];
  const next = supplierLinks.slice(0, n);
  const supplierGroup = new Int32Array(linkCount);
  for (let g = 0; g < groupCount; g++) {
    const end = groupLinks[g + 1];
    for (let j = groupLinks[g]; j < end; j++) supplierGroup[next[linkSupplier[j]]++] = g;
  }
  return { supplierLinks, supplierGroup };
}

/**
 * Sorts the links order[from, to) of one customer by (part, supplier). Insertion sort with
 * the comparison inlined: a customer has a handful of links, and this runs once per
 * enterprise, so a comparator closure would dominate compile time at scale.
 */
function sortSegment(order: Int32Array, from: number, to: number, part: Int32Array, sup: Int32Array): void {
  if (to - from > 32) {
    const seg = Array.from(order.subarray(from, to)).sort((a, b) => part[a] - part[b] || sup[a] - sup[b]);
    order.set(seg, from);
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = order[i];
    const vp = part[v];
    const vs = sup[v];
    let j = i - 1;
    while (j >= from) {
      const w = order[j];
      if (part[w] < vp || (part[w] === vp && sup[w] <= vs)) break;
      order[j + 1] = w;
      j--;
    }
    order[j + 1] = v;
  }
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
