/**
 * IncrementalAnalysis: a ChainAnalysis that follows status changes as they arrive, without
 * recomputing the whole network each time.
 *
 * - A suspension runs the counters' worklist from the suspended enterprise only: the cost is
 *   proportional to the region it newly blocks.
 * - A resumption re-propagates the region the enterprise reaches in H (see propagate.ts).
 * - Enterprises and links are added by recompiling the whole network (rare, and linear).
 * Derived caches (root index, bottlenecks, counts) are dropped on every change that moves
 * availability and rebuilt on the next query.
 */
import type { Status } from '../graph/schema';
import type { ChainSnapshot, SnapshotEnterprise, SnapshotLink } from '../graph/store';
import { ChainAnalysis, type LeaderStateChange } from './analysis';
import { BLOCKED, byCodeUnits, CHAIN_STATE_NAMES, LEADER, OPERATING, roleCode, statusCode, SUSPENDED } from './codes';
import { decompile, type CompactNetwork } from './compact';
import { compileNetwork, type NetworkInput } from './compile';
import { resume, solveAvailability, suspend } from './propagate';

export interface NetworkChanges {
  /** New enterprises, or new attributes (role, province, industry, status) for known ids. */
  enterprises?: readonly SnapshotEnterprise[];
  /** New links, or a new `critical` for known (supplier, customer, part) keys. */
  links?: readonly SnapshotLink[];
}

export class IncrementalAnalysis extends ChainAnalysis {
  constructor(input: NetworkInput, revision?: number) {
    const net = compileNetwork(input);
    super(net, solveAvailability(net, net.status.slice()), revision ?? net.revision);
  }

  /** The analysis of a store snapshot, at the snapshot's revision. */
  static fromSnapshot(snapshot: ChainSnapshot): IncrementalAnalysis {
    return new IncrementalAnalysis(snapshot);
  }

  /** Records that the analysis now reflects `revision` (it never goes back). */
  setRevision(revision: number): void {
    if (!Number.isInteger(revision) || revision < this.rev) {
      throw new RangeError(`IncrementalAnalysis.setRevision: ${revision} is not after ${this.rev}`);
    }
    this.rev = revision;
  }

  /**
   * Sets an enterprise's current status. Returns the leaders whose chain state changed,
   * sorted by leader id.
   */
  setStatus(id: string, status: Status, revision?: number): LeaderStateChange[] {
    const x = this.indexOf(id);
    const code = statusCode(status, `IncrementalAnalysis.setStatus(${JSON.stringify(id)})`);
    if (revision !== undefined) this.setRevision(revision);
    const before = this.st.avail[x];
    let affected: Int32Array;
    if (code === SUSPENDED) {
      affected = suspend(this.net, this.st, x);
    } else {
      affected = resume(this.net, this.st, x, code);
    }
    if (affected.length === 0) return [];
    this.invalidate();
    const changes: LeaderStateChange[] = [];
    for (let i = 0; i < affected.length; i++) {
      const y = affected[i];
      if (this.net.role[y] !== LEADER) continue;
      // Everything affected other than x was operating (newly blocked by a suspension) or
      // blocked (in the region of a resumption).
      const was = y === x ? before : code === SUSPENDED ? OPERATING : BLOCKED;
      const now = this.st.avail[y];
      if (was !== now) changes.push({ leader: this.net.ids[y], before: CHAIN_STATE_NAMES[was], after: CHAIN_STATE_NAMES[now] });
    }
    return changes.sort((a, b) => byCodeUnits(a.leader, b.leader));
  }

  /**
   * Adds or updates enterprises and links, then recompiles and recomputes everything.
   * Returns the changed chain states of leaders that were leaders before and after.
   */
  upsert(changes: NetworkChanges, revision?: number): LeaderStateChange[] {
    const merged = mergeChanges(decompile(this.net, this.st.status), changes);
    if (revision !== undefined) this.setRevision(revision);
    const oldNet = this.net;
    const oldAvail = this.st.avail;
    const net = compileNetwork(merged);
    this.net = net;
    this.st = solveAvailability(net, net.status.slice());
    this.invalidate();
    this.resetScratch();
    const out: LeaderStateChange[] = [];
    for (const l of net.leaders) {
      const old = oldNet.index.get(net.ids[l]);
      if (old === undefined || oldNet.role[old] !== LEADER) continue;
      const a = oldAvail[old];
      const b = this.st.avail[l];
      if (a !== b) out.push({ leader: net.ids[l], before: CHAIN_STATE_NAMES[a], after: CHAIN_STATE_NAMES[b] });
    }
    return out;
  }
}

/** A new compact network: the old one with `changes` applied (upsert by id and link key). */
function mergeChanges(base: CompactNetwork, changes: NetworkChanges): CompactNetwork {
  const where = 'IncrementalAnalysis.upsert';
  const ids = [...base.ids];
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  const extraEnterprises = (changes.enterprises ?? []).filter((e) => !index.has(e.id)).length;
  const n = ids.length + extraEnterprises;
  const grow8 = (a: Uint8Array) => {
    const b = new Uint8Array(n);
    b.set(a);
    return b;
  };
  const grow32 = (a: Int32Array) => {
    const b = new Int32Array(n);
    b.set(a);
    return b;
  };
  const role = grow8(base.role);
  const status = grow8(base.status);
  const provinceOf = grow32(base.provinceOf);
  const industryOf = grow32(base.industryOf);
  const provinces = [...base.provinces];
  const industries = [...base.industries];
  const parts = [...base.parts];
  const intern = (table: string[], value: string) => {
    const i = table.indexOf(value);
    return i >= 0 ? i : table.push(value) - 1;
  };
  for (const e of changes.enterprises ?? []) {
    let i = index.get(e.id);
    if (i === undefined) {
      i = ids.length;
      ids.push(e.id);
      index.set(e.id, i);
    }
    role[i] = roleCode(e.role, `${where}: enterprise "${e.id}"`);
    status[i] = statusCode(e.status, `${where}: enterprise "${e.id}"`);
    provinceOf[i] = intern(provinces, e.province);
    industryOf[i] = intern(industries, e.industry);
  }

  const partIndex = new Map(parts.map((p, i) => [p, i]));
  const m0 = base.linkSupplier.length;
  const keyOf = (s: number, c: number, p: number) => `${s}|${c}|${p}`;
  const linkIndex = new Map<string, number>();
  for (let k = 0; k < m0; k++) linkIndex.set(keyOf(base.linkSupplier[k], base.linkCustomer[k], base.linkPart[k]), k);
  const sup = Array.from(base.linkSupplier);
  const cus = Array.from(base.linkCustomer);
  const prt = Array.from(base.linkPart);
  const crit = Array.from(base.linkCritical);
  for (const l of changes.links ?? []) {
    const s = index.get(l.supplier);
    const c = index.get(l.customer);
    if (s === undefined || c === undefined) {
      const missing = s === undefined ? l.supplier : l.customer;
      throw new RangeError(`${where}: link ${l.supplier} -> ${l.customer} (${l.part}): unknown enterprise "${missing}"`);
    }
    let p = partIndex.get(l.part);
    if (p === undefined) {
      p = parts.push(l.part) - 1;
      partIndex.set(l.part, p);
    }
    const key = keyOf(s, c, p);
    const k = linkIndex.get(key);
    if (k !== undefined) {
      crit[k] = l.critical === false ? 0 : 1;
    } else {
      linkIndex.set(key, sup.length);
      sup.push(s);
      cus.push(c);
      prt.push(p);
      crit.push(l.critical === false ? 0 : 1);
    }
  }
  return {
    revision: base.revision,
    ids,
    index,
    role,
    status,
    provinces,
    provinceOf,
    industries,
    industryOf,
    parts,
    linkSupplier: Int32Array.from(sup),
    linkCustomer: Int32Array.from(cus),
    linkPart: Int32Array.from(prt),
    linkCritical: Uint8Array.from(crit),
  };
}
