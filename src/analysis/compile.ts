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
import { byCodeUnits, LEADER, STATUS_NAMES } from './codes';
import { compactFromGraph, compactFromSnapshot, type CompactNetwork } from './compact';
import { Arena } from './arena';
import { IdIndex, type IdLookup } from './id-index';
import { cumulate } from './critical-index';
import { criticalIndexInParallel, searchInParallel, warmRootSearchHelper } from './parallel-search';
import { isSupplyGraph, type SupplyGraph } from './supply-graph';

export type { CompactNetwork } from './compact';

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
  /**
   * Groups supplied by s: supplierGroup[supplierLinks[s] .. supplierLinks[s + 1] - 1]. Built on
   * the first read of either (the availability needs only the critical ones, below).
   */
  readonly supplierLinks: Int32Array;
  readonly supplierGroup: Int32Array;
  /**
   * The critical ones among them: criticalGroup[criticalLinks[s] .. criticalLinks[s + 1] - 1].
   * Only a critical group can be lost (§2.2), so availability counts suppliers of those alone.
   */
  readonly criticalLinks: Int32Array;
  readonly criticalGroup: Int32Array;
}

export type NetworkInput = SupplyGraph | ChainSnapshot | CompactNetwork | CompiledNetwork;

export function isCompiledNetwork(x: unknown): x is CompiledNetwork {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'compiled-network';
}

function isCompactNetwork(x: unknown): x is CompactNetwork {
  return typeof x === 'object' && x !== null && (x as { linkSupplier?: unknown }).linkSupplier instanceof Int32Array;
}

function isSnapshot(x: unknown): x is ChainSnapshot {
  return typeof x === 'object' && x !== null && Array.isArray((x as ChainSnapshot).enterprises) && Array.isArray((x as ChainSnapshot).links);
}

/** Compiles any accepted input; a compiled network is returned as is. */
export function compileNetwork(input: NetworkInput): CompiledNetwork {
  if (isCompiledNetwork(input)) return input;
  if (isCompactNetwork(input)) return compileCompact(input);
  if (isSupplyGraph(input)) return compileCompact(compactFromGraph(input));
  // Checked first: reading a column snapshot's `enterprises` or `links` would build its objects.
  const columns = (input as Partial<ChainSnapshot>).columns;
  if (columns) return compileCompact({ ...columns, revision: (input as ChainSnapshot).revision });
  if (isSnapshot(input)) return compileCompact(compactFromSnapshot(input));
  throw new TypeError('compileNetwork: expected a graphology graph, a chain snapshot or compact network arrays');
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
  const badCode = firstBadCode(c.role, c.status);
  if (badCode >= 0) {
    const i = badCode;
    if (c.role[i] > LEADER) throw new RangeError(`${where}: enterprise "${c.ids[i]}": role code ${c.role[i]}`);
    throw new RangeError(`${where}: enterprise "${c.ids[i]}": status code ${c.status[i]}`);
  }
  const k = firstBadLink(c.linkSupplier, c.linkCustomer, c.linkPart, n, c.parts.length);
  if (k >= 0) {
    const s = c.linkSupplier[k];
    const t = c.linkCustomer[k];
    if (s < 0 || s >= n || t < 0 || t >= n) throw new RangeError(`${where}: link ${k} names no enterprise`);
    if (c.linkPart[k] < 0 || c.linkPart[k] >= c.parts.length) throw new RangeError(`${where}: link ${k} names no part`);
    // §1: self-links are invalid; one would also make a supplier its own alternate.
    throw new RangeError(`${where}: link ${c.ids[s]} -> ${c.ids[t]}: an enterprise cannot supply itself`);
  }
}

/** The first enterprise with an unknown role or status code, else -1. */
function firstBadCode(role: Uint8Array, status: Uint8Array): number {
  const leader = LEADER;
  const statuses = STATUS_NAMES.length;
  for (let i = 0, n = role.length; i < n; i++) if (role[i] > leader || status[i] >= statuses) return i;
  return -1;
}

/** The first link naming no enterprise or part, or linking an enterprise to itself, else -1. */
function firstBadLink(sup: Int32Array, cus: Int32Array, part: Int32Array, n: number, parts: number): number {
  for (let k = 0, m = sup.length; k < m; k++) {
    const s = sup[k];
    const t = cus[k];
    const p = part[k];
    if (s < 0 || s >= n || t < 0 || t >= n || p < 0 || p >= parts || s === t) return k;
  }
  return -1;
}

function compileCompact(c: CompactNetwork): CompiledNetwork {
  checkCompact(c);
  const n = c.ids.length;
  if (c.index && c.index.size !== n) throw new RangeError(`compileNetwork: index has ${c.index.size} ids for ${n} enterprises`);

  const m = c.linkSupplier.length;
  // A network large enough for a helper thread is kept in shared memory, where that thread
  // can read it (parallel-search.ts): it builds the critical index while this one builds the
  // id index, and later H and half the root searches.
  const parallel = searchInParallel(m);
  if (parallel) warmRootSearchHelper();
  // Two allocations in all (see arena.ts): scratch, and everything the network keeps. Sizes
  // are upper bounds (groups and distinct links are at most the links given).
  const scratch = new Arena(2 * n + 1 + m);
  const kept = new Arena(n + 1 + 4 * m + 1, 2 * m, parallel);

  // Counting sort of links by customer, then each customer's few links by (part, supplier).
  const byCustomer = countingOrder(c.linkCustomer, n, scratch);
  const order = byCustomer.order;
  const part = c.linkPart;
  const sup = c.linkSupplier;
  sortCustomers(order, byCustomer.start, part, sup);
  const groups = buildGroups(n, byCustomer.start, order, part, sup, c.linkCritical, kept);
  const { groupCount, linkCount, groupLinks, linkSupplier } = groups;
  let index = c.index;
  let leaders: Int32Array = new Int32Array(0);
  const { criticalLinks, criticalGroup } = criticalIndexInParallel(n, groupCount, groupLinks, linkSupplier, groups.groupCritical, parallel, () => {
    index ??= new IdIndex(c.ids);
    leaders = leadersById(c.role, c.ids);
  });
  // Every group a supplier supplies, critical or not: only the alternates (§8) read it, so it
  // is built the first time they do.
  let full: { supplierLinks: Int32Array; supplierGroup: Int32Array } | undefined;
  const supplierIndex = () => (full ??= indexSupplied(n, groupCount, groupLinks, linkSupplier));

  return Object.freeze({
    kind: 'compiled-network' as const,
    revision: c.revision ?? 0,
    size: n,
    ids: c.ids,
    index: index!,
    role: c.role,
    status: c.status,
    provinces: c.provinces,
    provinceOf: c.provinceOf,
    industries: c.industries,
    industryOf: c.industryOf,
    parts: c.parts,
    leaders,
    groupCount,
    linkCount,
    customerGroups: groups.customerGroups,
    groupCustomer: groups.groupCustomer,
    groupPart: groups.groupPart,
    groupCritical: groups.groupCritical,
    groupLinks,
    linkSupplier,
    linkCritical: groups.linkCritical,
    get supplierLinks() {
      return supplierIndex().supplierLinks;
    },
    get supplierGroup() {
      return supplierIndex().supplierGroup;
    },
    criticalLinks,
    criticalGroup,
  });
}

/**
 * A stable counting sort of 0..keys.length-1 by key (keys in [0, n)): `order` lists the
 * positions, those with key i at order[start[i]] .. order[start[i + 1] - 1]. Linear.
 */
function countingOrder(keys: Int32Array, n: number, arena: Arena): { start: Int32Array; order: Int32Array } {
  const start = arena.int32(n + 1);
  countKeys(keys, start);
  cumulate(start);
  const fill = arena.int32(n);
  fill.set(start.subarray(0, n));
  const order = arena.int32(keys.length);
  placeByKey(keys, fill, order);
  return { start, order };
}

/** counts[key + 1]++ for every key. */
function countKeys(keys: Int32Array, counts: Int32Array): void {
  for (let k = 0, m = keys.length; k < m; k++) counts[keys[k] + 1]++;
}

/** order[fill[key]++] = position, for every position in order. */
function placeByKey(keys: Int32Array, fill: Int32Array, order: Int32Array): void {
  for (let k = 0, m = keys.length; k < m; k++) order[fill[keys[k]]++] = k;
}

/** Sorts each customer's links (order[start[i] .. start[i + 1] - 1]) by (part, supplier). */
function sortCustomers(order: Int32Array, start: Int32Array, part: Int32Array, sup: Int32Array): void {
  for (let i = 0, n = start.length - 1; i < n; i++) sortSegment(order, start[i], start[i + 1], part, sup);
}

/** Leader indices sorted by id (leaders are few: a comparator is fine). */
function leadersById(role: Uint8Array, ids: readonly string[]): Int32Array {
  const leader = LEADER;
  const list: number[] = [];
  for (let i = 0, n = role.length; i < n; i++) if (role[i] === leader) list.push(i);
  list.sort((a, b) => byCodeUnits(ids[a], ids[b]));
  return Int32Array.from(list);
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
function buildGroups(n: number, customerStart: Int32Array, order: Int32Array, part: Int32Array, sup: Int32Array, critical: Uint8Array, kept: Arena): Groups {
  const m = order.length;
  const customerGroups = kept.int32(n + 1);
  const groupCustomer = kept.int32(m);
  const groupPart = kept.int32(m);
  const groupLinks = kept.int32(m + 1);
  const linkSupplier = kept.int32(m);
  const groupCritical = kept.uint8(m);
  const linkCritical = kept.uint8(m);
  let g = -1;
  let l = 0;
  for (let i = 0; i < n; i++) {
    customerGroups[i] = g + 1;
    let lastPart = -1;
    let lastSup = -1;
    const end = customerStart[i + 1];
    for (let j = customerStart[i]; j < end; j++) {
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
  // Views, not copies: copying would allocate again (see arena.ts).
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

/** For each supplier, every group it supplies, in group (customer) order. */
function indexSupplied(n: number, groupCount: number, groupLinks: Int32Array, linkSupplier: Int32Array) {
  const arena = new Arena(2 * n + 1 + linkSupplier.length);
  const supplierLinks = arena.int32(n + 1);
  countKeys(linkSupplier, supplierLinks);
  cumulate(supplierLinks);
  const next = arena.int32(n);
  next.set(supplierLinks.subarray(0, n));
  const supplierGroup = arena.int32(linkSupplier.length);
  placeSupplied(groupCount, groupLinks, linkSupplier, next, supplierGroup);
  return { supplierLinks, supplierGroup };
}

function placeSupplied(groupCount: number, groupLinks: Int32Array, linkSupplier: Int32Array, next: Int32Array, supplierGroup: Int32Array): void {
  for (let g = 0; g < groupCount; g++) {
    for (let j = groupLinks[g], end = groupLinks[g + 1]; j < end; j++) supplierGroup[next[linkSupplier[j]]++] = g;
  }
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
