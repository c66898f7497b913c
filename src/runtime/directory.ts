/**
 * The enterprise directory of one analysis: what the compiled network does not hold (names,
 * current capacity) and the search over enterprises, all in memory, so that answers can put
 * names beside ids (§11) and a search box can ask on every keystroke without a store query.
 *
 * Built from the same snapshot as the analysis, so enterprise i of the snapshot is enterprise
 * i of the network; a status report updates the capacity in place, as it updates the analysis.
 */
import { ROLE_NAMES, type Availability, type ChainAnalysis, type EnterpriseFacts } from '../analysis';
import type { ChainSnapshot, Role, Status } from '../graph';
import { decodeCursor, encodeCursor } from '../shared/cursor';

export interface EnterpriseSearch {
  /** Part of the id or of the name, case-insensitive. */
  q?: string;
  province?: string;
  industry?: string;
  role?: Role;
  status?: Status;
  availability?: Availability;
  limit: number;
  cursor?: string;
}

export interface EnterpriseItem {
  id: string;
  name: string;
  role: Role;
  industry: string;
  province: string;
  status: Status;
  availability: Availability;
}

/** Exact matches first, then prefixes, then any other match; by id within each. */
const EXACT = 0;
const PREFIX = 1;
const INSIDE = 2;

export class EnterpriseDirectory implements EnterpriseFacts {
  private readonly nameOf: string[];
  /** Current capacityPct by enterprise index; NaN when unknown. */
  private readonly capacity: Float64Array;
  private lowerNames?: string[];
  private lowerIds?: string[];
  private byId?: Int32Array;

  constructor(
    private readonly analysis: ChainAnalysis,
    snapshot: ChainSnapshot,
  ) {
    const n = snapshot.columns ? snapshot.columns.ids.length : snapshot.enterprises.length;
    if (analysis.network.size !== n) throw new RangeError(`EnterpriseDirectory: ${n} enterprises for a network of ${analysis.network.size}`);
    if (snapshot.columns) {
      // Read as columns (SQLite): no object per enterprise to build.
      this.nameOf = snapshot.columns.names;
      this.capacity = snapshot.columns.capacityPct.slice();
      return;
    }
    this.nameOf = new Array(n);
    this.capacity = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const e = snapshot.enterprises[i];
      this.nameOf[i] = e.name ?? e.id;
      this.capacity[i] = typeof e.capacityPct === 'number' ? e.capacityPct : NaN;
    }
  }

  name(id: string): string | undefined {
    const i = this.analysis.network.index.get(id);
    return i === undefined ? undefined : this.nameOf[i];
  }

  capacityPct(id: string): number | null {
    const i = this.analysis.network.index.get(id);
    return i === undefined || Number.isNaN(this.capacity[i]) ? null : this.capacity[i];
  }

  /** A status report changed the current capacity (undefined: the report gave none). */
  setCapacity(id: string, capacityPct: number | null | undefined): void {
    const i = this.analysis.network.index.get(id);
    if (i !== undefined) this.capacity[i] = typeof capacityPct === 'number' ? capacityPct : NaN;
  }

  /** id → name for every known id among `ids` (the `names` object of an answer). */
  names(ids: Iterable<string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const id of ids) {
      if (id in out) continue;
      const name = this.name(id);
      if (name !== undefined) out[id] = name;
    }
    return out;
  }

  /**
   * Enterprises matching the search, at most `limit`, after the cursor; `only` restricts the
   * answer to those ids (a caller's scope). Linear in the enterprises (or in `only`).
   */
  search(query: EnterpriseSearch, only?: ReadonlySet<string>): { items: EnterpriseItem[]; nextCursor: string | null } {
    const net = this.analysis.network;
    const cursor = decodeCursor(query.cursor, isSearchCursor);
    const after = cursor && { rank: cursor[0], id: cursor[1] };
    const q = (query.q ?? '').trim().toLowerCase();
    const names = (this.lowerNames ??= this.nameOf.map((x) => x.toLowerCase()));
    const ids = (this.lowerIds ??= net.ids.map((x) => x.toLowerCase()));
    const province = query.province === undefined ? -2 : net.provinces.indexOf(query.province);
    const industry = query.industry === undefined ? -2 : net.industries.indexOf(query.industry);
    const role = query.role === undefined ? -1 : ROLE_NAMES.indexOf(query.role);
    const buckets: number[][] = [[], [], []];
    const keep = query.limit + 1;
    const visit = (i: number) => {
      if (province !== -2 && net.provinceOf[i] !== province) return;
      if (industry !== -2 && net.industryOf[i] !== industry) return;
      if (role !== -1 && net.role[i] !== role) return;
      let rank = EXACT;
      if (q !== '') {
        const id = ids[i];
        const name = names[i];
        if (id === q || name === q) rank = EXACT;
        else if (id.startsWith(q) || name.startsWith(q)) rank = PREFIX;
        else if (id.includes(q) || name.includes(q)) rank = INSIDE;
        else return;
      }
      const id = net.ids[i];
      if (query.status !== undefined && this.analysis.status(id) !== query.status) return;
      if (query.availability !== undefined && this.analysis.availability(id) !== query.availability) return;
      if (after && (rank < after.rank || (rank === after.rank && id <= after.id))) return;
      if (buckets[rank].length < keep) buckets[rank].push(i);
    };
    if (only) {
      const scoped: number[] = [];
      for (const id of only) {
        const i = net.index.get(id);
        if (i !== undefined) scoped.push(i);
      }
      scoped.sort((a, b) => (net.ids[a] < net.ids[b] ? -1 : net.ids[a] > net.ids[b] ? 1 : 0));
      for (const i of scoped) visit(i);
    } else {
      const order = this.idOrder();
      for (let k = 0; k < order.length; k++) visit(order[k]);
    }
    const found = [...buckets[EXACT], ...buckets[PREFIX], ...buckets[INSIDE]].slice(0, keep);
    const ranks = found.map((i) => (buckets[EXACT].includes(i) ? EXACT : buckets[PREFIX].includes(i) ? PREFIX : INSIDE));
    const page = found.slice(0, query.limit);
    const items = page.map((i): EnterpriseItem => {
      const id = net.ids[i];
      return {
        id,
        name: this.nameOf[i],
        role: ROLE_NAMES[net.role[i]],
        industry: net.industries[net.industryOf[i]],
        province: net.provinces[net.provinceOf[i]],
        status: this.analysis.status(id),
        availability: this.analysis.availability(id),
      };
    });
    const last = page.length - 1;
    const nextCursor = found.length > query.limit ? encodeCursor([ranks[last], net.ids[page[last]]] satisfies SearchCursor) : null;
    return { items, nextCursor };
  }

  /** Enterprise indices sorted by id (UTF-16 code units), computed once. */
  private idOrder(): Int32Array {
    if (!this.byId) {
      const ids = this.analysis.network.ids;
      const order = Array.from({ length: ids.length }, (_, i) => i);
      order.sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
      this.byId = Int32Array.from(order);
    }
    return this.byId;
  }
}

type SearchCursor = [rank: number, id: string];

const isSearchCursor = (v: unknown): v is SearchCursor => Array.isArray(v) && v.length === 2 && (v[0] === EXACT || v[0] === PREFIX || v[0] === INSIDE) && typeof v[1] === 'string';
