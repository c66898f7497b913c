/**
 * The supply network in compact form (typed arrays, so a million enterprises fit easily):
 * who the enterprises are, what each supplier makes, and the "needs" — one per
 * (customer, part) — each with its alternates (multi-sourcing) and their criticality.
 *
 * Enterprise index i: leaders are [0, leaders), suppliers are [leaders, leaders + suppliers).
 */
import { INDUSTRIES, CATALOGS, type Industry, type Product, type Tier } from './catalog';
import { CLUSTERS, LEADER_PROVINCES, PROVINCE_PROFILES, provinceIndex } from './geography';
import { WeightedTable, type Rng } from './rng';

export const MAX_ALTERNATES = 4;
export const SIZE_CODES = ['large', 'medium', 'small', 'micro'] as const;

/** Need kinds: random sourcing, a designed blocked chain, or a deliberate cycle. */
export const NEED_RANDOM = 0;
export const NEED_DESIGNED = 1;
export const NEED_CYCLE = 2;

export interface Enterprises {
  leaders: number;
  suppliers: number;
  total: number;
  industry: Uint8Array;
  province: Uint8Array;
  /** Index into the province profile's city list. */
  city: Uint8Array;
  /** The supplier's product; -1 for leaders. */
  product: Int16Array;
  /** 0 for leaders, else the product's tier. */
  tier: Uint8Array;
  /** Index into SIZE_CODES. */
  size: Uint8Array;
}

/** Leaders: half automotive, half electronics; suppliers: slightly more automotive (longer chain). */
const AUTOMOTIVE_SUPPLIER_SHARE = 0.52;
const TIER_SHARES: readonly number[] = [0.15, 0.42, 0.3, 0.13];
/** Size mix (medium, small, micro) by tier: tier-1 suppliers are the larger SMEs. */
const SIZE_MIX: readonly (readonly number[])[] = [
  [0.45, 0.42, 0.13],
  [0.3, 0.47, 0.23],
  [0.25, 0.45, 0.3],
  [0.2, 0.45, 0.35],
];
const LEADER_PART_SHARE = 0.85;
const INPUT_SHARE = 0.9;

/** Splits `total` in proportion to `weights` (largest remainder; ties to the lower index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || weights.length === 0) return weights.map(() => 0);
  const w = sum > 0 ? weights : weights.map(() => 1);
  const s = sum > 0 ? sum : weights.length;
  const exact = w.map((x) => (x / s) * total);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k][1]]++;
  return out;
}

/**
 * How many suppliers make each product: tier totals are fixed shares of the chain, and
 * within a tier each product gets suppliers in proportion to how many customers need it.
 */
function supplierCountsByProduct(products: Product[], leadersByIndustry: Record<Industry, number>, suppliers: number): number[] {
  const counts = products.map(() => 0);
  const perIndustry = apportion(suppliers, [AUTOMOTIVE_SUPPLIER_SHARE, 1 - AUTOMOTIVE_SUPPLIER_SHARE]);
  INDUSTRIES.forEach((industry, ii) => {
    const mine = products.filter((p) => p.industry === industry);
    const demand = new Map<number, number>(mine.map((p) => [p.index, 0]));
    const leaders = leadersByIndustry[industry];
    for (const p of mine) if (p.tier === 1) demand.set(p.index, leaders * LEADER_PART_SHARE);
    for (const extra of CATALOGS[industry].leaderExtras) {
      const p = mine.find((q) => q.slug === extra.slug)!;
      demand.set(p.index, demand.get(p.index)! + leaders * extra.share);
    }
    const tierTotals = apportion(perIndustry[ii], TIER_SHARES);
    for (const tier of [1, 2, 3, 4] as Tier[]) {
      const inTier = mine.filter((p) => p.tier === tier);
      const share = apportion(
        tierTotals[tier - 1],
        inTier.map((p) => demand.get(p.index)!),
      );
      inTier.forEach((p, k) => {
        counts[p.index] = share[k];
        for (const input of p.inputs) demand.set(input, demand.get(input)! + share[k] * INPUT_SHARE);
      });
    }
  });
  return counts;
}

export function createEnterprises(products: Product[], leaders: number, suppliers: number, rng: Rng): Enterprises {
  const total = leaders + suppliers;
  const e: Enterprises = {
    leaders,
    suppliers,
    total,
    industry: new Uint8Array(total),
    province: new Uint8Array(total),
    city: new Uint8Array(total),
    product: new Int16Array(total).fill(-1),
    tier: new Uint8Array(total),
    size: new Uint8Array(total),
  };
  const cityTables = PROVINCE_PROFILES.map((p) =>
    INDUSTRIES.map((ind) => {
      const w = p.cities.map((c) => c.weight[ind]);
      return new WeightedTable(w.some((x) => x > 0) ? w : w.map(() => 1));
    }),
  );

  // Leaders: an exact split of home provinces per chain, in shuffled order.
  const leadersByIndustry = { automotive: 0, electronics: 0 } as Record<Industry, number>;
  [leadersByIndustry.automotive, leadersByIndustry.electronics] = apportion(leaders, [1, 1]);
  const leaderSlots: [number, number][] = [];
  INDUSTRIES.forEach((industry, ii) => {
    const provinces = Object.keys(LEADER_PROVINCES[industry]);
    const counts = apportion(
      leadersByIndustry[industry],
      provinces.map((code) => LEADER_PROVINCES[industry][code]),
    );
    const slots: [number, number][] = [];
    provinces.forEach((code, k) => {
      for (let j = 0; j < counts[k]; j++) slots.push([ii, provinceIndex(code)]);
    });
    leaderSlots.push(...rng.shuffle(slots));
  });
  leaderSlots.forEach(([ii, pi], i) => {
    e.industry[i] = ii;
    e.province[i] = pi;
    e.city[i] = cityTables[pi][ii].draw(rng);
    e.size[i] = 0;
  });

  // Suppliers: products in shuffled order, so ids say nothing about what a supplier makes.
  const counts = supplierCountsByProduct(products, leadersByIndustry, suppliers);
  const assignment = new Int16Array(suppliers);
  let k = 0;
  counts.forEach((n, pi) => {
    for (let j = 0; j < n; j++) assignment[k++] = pi;
  });
  rng.shuffle(assignment);
  const provinceTables = INDUSTRIES.map((ind) => new WeightedTable(PROVINCE_PROFILES.map((p) => p.suppliers[ind])));
  const sizeTables = SIZE_MIX.map((mix) => new WeightedTable(mix));
  for (let s = 0; s < suppliers; s++) {
    const i = leaders + s;
    const product = products[assignment[s]];
    const ii = INDUSTRIES.indexOf(product.industry);
    e.product[i] = product.index;
    e.industry[i] = ii;
    e.tier[i] = product.tier;
    const pi = provinceTables[ii].draw(rng);
    e.province[i] = pi;
    e.city[i] = cityTables[pi][ii].draw(rng);
    e.size[i] = 1 + sizeTables[product.tier - 1].draw(rng);
  }
  return e;
}

/**
 * Growable store of needs; each need holds up to MAX_ALTERNATES suppliers.
 * Random needs are unique by construction (a customer sources each of its parts once), so
 * only designed and cycle needs are keyed, which keeps a million-enterprise build lean.
 */
export class NeedTable {
  count = 0;
  customer: Int32Array;
  product: Int16Array;
  kind: Uint8Array;
  size: Uint8Array;
  suppliers: Int32Array;
  critical: Uint8Array;
  private readonly special = new Set<number>();

  constructor(
    capacity: number,
    private readonly productCount: number,
  ) {
    this.customer = new Int32Array(capacity);
    this.product = new Int16Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.size = new Uint8Array(capacity);
    this.suppliers = new Int32Array(capacity * MAX_ALTERNATES);
    this.critical = new Uint8Array(capacity * MAX_ALTERNATES);
  }

  /** Whether a designed or cycle need (customer, product) exists. */
  hasSpecial(customer: number, product: number): boolean {
    return this.special.has(customer * this.productCount + product);
  }

  /** Opens the need (customer, product); returns its index. */
  open(customer: number, product: number, kind: number): number {
    if (kind !== NEED_RANDOM) {
      const key = customer * this.productCount + product;
      if (this.special.has(key)) throw new Error(`scenario: need (${customer}, ${product}) opened twice`);
      this.special.add(key);
    }
    if (this.count === this.customer.length) this.grow();
    const n = this.count++;
    this.customer[n] = customer;
    this.product[n] = product;
    this.kind[n] = kind;
    this.size[n] = 0;
    return n;
  }

  add(need: number, supplier: number, critical: boolean): void {
    const k = this.size[need];
    if (k >= MAX_ALTERNATES) throw new Error(`scenario: need ${need} already has ${MAX_ALTERNATES} suppliers`);
    this.suppliers[need * MAX_ALTERNATES + k] = supplier;
    this.critical[need * MAX_ALTERNATES + k] = critical ? 1 : 0;
    this.size[need] = k + 1;
  }

  includes(need: number, supplier: number): boolean {
    const base = need * MAX_ALTERNATES;
    for (let k = 0; k < this.size[need]; k++) if (this.suppliers[base + k] === supplier) return true;
    return false;
  }

  /** Drops the most recently opened need, a random one that found no supplier. */
  discardLast(): void {
    if (this.kind[this.count - 1] !== NEED_RANDOM) throw new Error('scenario: only a random need can be discarded');
    this.count--;
  }

  private grow(): void {
    const cap = Math.max(16, this.customer.length * 2);
    const g = <T extends Int32Array | Int16Array | Uint8Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.customer = g(this.customer, cap);
    this.product = g(this.product, cap);
    this.kind = g(this.kind, cap);
    this.size = g(this.size, cap);
    this.suppliers = g(this.suppliers, cap * MAX_ALTERNATES);
    this.critical = g(this.critical, cap * MAX_ALTERNATES);
  }
}

/** Compressed lists of indices grouped by an integer key (counting sort). */
export class Groups {
  readonly offsets: Int32Array;
  readonly items: Int32Array;

  constructor(keyCount: number, members: ArrayLike<number>, keyOf: (member: number) => number) {
    this.offsets = new Int32Array(keyCount + 1);
    for (let i = 0; i < members.length; i++) this.offsets[keyOf(members[i]) + 1]++;
    for (let k = 0; k < keyCount; k++) this.offsets[k + 1] += this.offsets[k];
    const fill = this.offsets.slice(0, keyCount);
    this.items = new Int32Array(members.length);
    for (let i = 0; i < members.length; i++) this.items[fill[keyOf(members[i])]++] = members[i];
  }

  sizeOf(key: number): number {
    return this.offsets[key + 1] - this.offsets[key];
  }

  at(key: number, i: number): number {
    return this.items[this.offsets[key] + i];
  }
}

/** Cluster index of each province profile. */
export const CLUSTER_OF: readonly number[] = PROVINCE_PROFILES.map((p) => CLUSTERS.indexOf(p.cluster));

/** Suppliers by product, by (product, province) and by (product, cluster). */
export class Pools {
  readonly byProduct: Groups;
  readonly byProvince: Groups;
  readonly byCluster: Groups;

  constructor(e: Enterprises, productCount: number, members: ArrayLike<number>) {
    const np = PROVINCE_PROFILES.length;
    const nc = CLUSTERS.length;
    this.byProduct = new Groups(productCount, members, (s) => e.product[s]);
    this.byProvince = new Groups(productCount * np, members, (s) => e.product[s] * np + e.province[s]);
    this.byCluster = new Groups(productCount * nc, members, (s) => e.product[s] * nc + CLUSTER_OF[e.province[s]]);
  }
}

/** How many alternates a need gets (1, 2 or 3), by the customer's tier. */
const ALTERNATES_MIX: readonly (readonly number[])[] = [
  [0.25, 0.45, 0.3], // leaders
  [0.28, 0.44, 0.28], // tier 1
  [0.16, 0.44, 0.4], // tier 2
  [0.14, 0.42, 0.44], // tier 3: commodities, widely multi-sourced
  [0.14, 0.42, 0.44],
];
const CRITICAL_SHARE: readonly number[] = [0.93, 0.88, 0.82, 0.75, 0.75];
/** Where a buyer looks first: its own province, then its cluster, then anywhere. */
const SAME_PROVINCE = 0.55;
const SAME_CLUSTER = 0.23;

export interface SourcingContext {
  e: Enterprises;
  products: Product[];
  pools: Pools;
  needs: NeedTable;
  /** Customers per supplier so far; picks prefer the less loaded of two candidates. */
  load: Int32Array;
  rng: Rng;
}

/** The parts a customer buys: a leader most of its chain's tier-1 parts, a supplier most of its inputs. */
export function partsBoughtBy(ctx: SourcingContext, customer: number, tier1ByIndustry: number[][], extrasByIndustry: { product: number; share: number }[][]): number[] {
  const { e, products, rng } = ctx;
  const out: number[] = [];
  if (customer < e.leaders) {
    const ii = e.industry[customer];
    for (const p of tier1ByIndustry[ii]) if (rng.chance(LEADER_PART_SHARE)) out.push(p);
    for (const x of extrasByIndustry[ii]) if (rng.chance(x.share)) out.push(x.product);
  } else {
    const inputs = products[e.product[customer]].inputs;
    for (const p of inputs) if (rng.chance(INPUT_SHARE)) out.push(p);
    if (out.length === 0 && inputs.length > 0) out.push(rng.pick(inputs));
  }
  return out;
}

/** Opens and fills one random need; leaves it out when nobody makes the part. */
export function sourceNeed(ctx: SourcingContext, customer: number, product: number): void {
  const { e, products, pools, needs, load, rng } = ctx;
  if (pools.byProduct.sizeOf(product) === 0 || needs.hasSpecial(customer, product)) return;
  const tier = e.tier[customer];
  const want = 1 + rng.weighted(ALTERNATES_MIX[tier]);
  const share = products[product].criticalShare ?? CRITICAL_SHARE[tier];
  const critical = rng.chance(share);
  const n = needs.open(customer, product, NEED_RANDOM);
  const np = PROVINCE_PROFILES.length;
  const nc = CLUSTERS.length;
  const provinceKey = product * np + e.province[customer];
  const clusterKey = product * nc + CLUSTER_OF[e.province[customer]];
  for (let slot = 0; slot < want; slot++) {
    for (let attempt = 0; attempt < 16; attempt++) {
      const r = attempt >= 8 ? 1 : rng.float();
      let groups = pools.byProduct;
      let key = product;
      if (r < SAME_PROVINCE) {
        groups = pools.byProvince;
        key = provinceKey;
      } else if (r < SAME_PROVINCE + SAME_CLUSTER) {
        groups = pools.byCluster;
        key = clusterKey;
      }
      const size = groups.sizeOf(key);
      if (size === 0) continue;
      const a = groups.at(key, rng.int(size));
      const b = groups.at(key, rng.int(size));
      const s = load[b] < load[a] ? b : a;
      if (s === customer || needs.includes(n, s)) continue;
      // A backup source is now and then kept off the critical path.
      needs.add(n, s, slot > 0 && critical && rng.chance(0.05) ? false : critical);
      load[s]++;
      break;
    }
  }
  if (needs.size[n] === 0) needs.discardLast();
}

/** Gives every supplier without a customer one, as an extra alternate on a nearby need. */
export function coverUnsold(ctx: SourcingContext, members: ArrayLike<number>): void {
  const { e, needs, load, rng } = ctx;
  const open = needs.count;
  const all = new Int32Array(open);
  for (let n = 0; n < open; n++) all[n] = n;
  const byProduct = new Groups(ctx.products.length, all, (n) => needs.product[n]);
  for (let i = 0; i < members.length; i++) {
    const s = members[i];
    if (load[s] > 0) continue;
    const p = e.product[s];
    const size = byProduct.sizeOf(p);
    if (size === 0) continue;
    for (let attempt = 0; attempt < 32; attempt++) {
      const n = byProduct.at(p, rng.int(size));
      if (needs.kind[n] !== NEED_RANDOM || needs.customer[n] === s || needs.includes(n, s)) continue;
      if (needs.size[n] >= (attempt < 24 ? 3 : MAX_ALTERNATES)) continue;
      if (attempt < 12 && e.province[needs.customer[n]] !== e.province[s]) continue;
      needs.add(n, s, needs.critical[n * MAX_ALTERNATES] === 1);
      load[s]++;
      break;
    }
  }
}

/**
 * Real economies have cycles: a tier-2 firm buys, say, fasteners or castings from the very
 * tier-1 firm it supplies. Adds `count` such links (different parts each way).
 */
export function addCycles(ctx: SourcingContext, count: number, eligible: (s: number) => boolean): void {
  const { e, needs, load, rng } = ctx;
  const byCustomer = new Map<number, number[]>();
  for (let n = 0; n < needs.count; n++) {
    if (needs.kind[n] !== NEED_RANDOM || e.tier[needs.customer[n]] !== 1) continue;
    const c = needs.customer[n];
    if (!eligible(c)) continue;
    let list = byCustomer.get(c);
    if (!list) byCustomer.set(c, (list = []));
    list.push(n);
  }
  const tier1 = [...byCustomer.keys()];
  for (let made = 0, attempt = 0; made < count && attempt < count * 20 && tier1.length > 0; attempt++) {
    const x = rng.pick(tier1);
    const n = rng.pick(byCustomer.get(x)!);
    const y = needs.suppliers[n * MAX_ALTERNATES + rng.int(needs.size[n])];
    const px = e.product[x];
    if (e.tier[y] !== 2 || !eligible(y) || needs.hasSpecial(y, px)) continue;
    const cycle = needs.open(y, px, NEED_CYCLE);
    needs.add(cycle, x, rng.chance(0.5));
    load[x]++;
    made++;
  }
}
