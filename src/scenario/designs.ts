/**
 * Designed blocked chains: the situations the demonstration must show on 2020-03-24, built
 * on purpose rather than left to chance. Each design makes one part of one or more leaders
 * sole-sourced through a chain of tiers whose last supplier (the root cause) is still
 * suspended on 24 March, while every enterprise between it and the leaders is operating.
 * Roots sit mostly in Hubei; others in Zhejiang, Jiangsu and Henan; one chain stays inside
 * Guangdong to show a blocked leader that needs no cross-province task.
 */
import { INDUSTRIES, type Industry, type Product } from './catalog';
import { HUBEI_INDEX, PROVINCE_PROFILES, provinceIndex, HUBEI } from './geography';
import { NEED_DESIGNED, type Enterprises, type NeedTable, type Pools } from './network';
import type { Rng } from './rng';
import { dayOf } from './timeline';

export interface RootSpec {
  province: string;
  /** Preferred city (division code); any city of the province when none makes the part. */
  city?: string;
  /** When the root reopens; absent: still suspended at the end of the scenario. */
  resumesOn?: string;
}

export interface ChainDesign {
  story: string;
  industry: Industry;
  /** Home provinces of the leaders the chain blocks; several leaders share its roots. */
  leaderProvinces: readonly string[];
  /** Provinces of the operating suppliers between leaders and roots, nearest the leader first. */
  via: readonly string[];
  /** The suspended suppliers of the chain's last part; more than one are alternates, all down. */
  roots: readonly RootSpec[];
}

export const CHAIN_DESIGNS: readonly ChainDesign[] = [
  {
    story: 'A Shiyan supplier is the sole source of a tier-1 part for a Guangdong car plant; Hubei reopens it only after 25 March.',
    industry: 'automotive',
    leaderProvinces: ['440000'],
    via: [],
    roots: [{ province: HUBEI, city: '420300', resumesOn: '2020-03-27' }],
  },
  {
    story: 'One Wuhan supplier is the only source of the same part for car plants in Chongqing and Guangxi; Wuhan stays locked down.',
    industry: 'automotive',
    leaderProvinces: ['500000', '450000'],
    via: [],
    roots: [{ province: HUBEI, city: '420100' }],
  },
  {
    story: 'A Xiangyang sub-component maker stops a Jiangsu tier-1 supplier, which stops a Shanghai car plant.',
    industry: 'automotive',
    leaderProvinces: ['310000'],
    via: ['320000'],
    roots: [{ province: HUBEI, city: '420600', resumesOn: '2020-03-30' }],
  },
  {
    story: 'Three tiers deep: a Wuhan materials firm stops a Jilin tier-2 and a Jilin tier-1 supplier, and so a Jilin car plant.',
    industry: 'automotive',
    leaderProvinces: ['220000'],
    via: ['220000', '220000'],
    roots: [{ province: HUBEI, city: '420100' }],
  },
  {
    story: 'A Zhejiang tier-2 firm waiting for its workers to return stops a Guangdong module maker and a Sichuan device maker.',
    industry: 'electronics',
    leaderProvinces: ['510000'],
    via: ['440000'],
    roots: [{ province: '330000', resumesOn: '2020-03-26' }],
  },
  {
    story: 'A Jiangsu tier-1 SME, sole source of a part for a Beijing device maker, has not reopened.',
    industry: 'electronics',
    leaderProvinces: ['110000'],
    via: [],
    roots: [{ province: '320000', resumesOn: '2020-03-30' }],
  },
  {
    story: 'Multi-sourcing is not enough when every alternate is down: a Hubei and a Henan supplier of the same part to an Anhui car plant.',
    industry: 'automotive',
    leaderProvinces: ['340000'],
    via: [],
    roots: [{ province: HUBEI }, { province: '410000', resumesOn: '2020-03-28' }],
  },
  {
    story: 'Blocked within one province: a Guangdong tier-2 firm stops a Guangdong tier-1 and a Guangdong device maker; no cross-province task.',
    industry: 'electronics',
    leaderProvinces: ['440000'],
    via: ['440000'],
    roots: [{ province: '440000', resumesOn: '2020-03-27' }],
  },
];

/** The designs are laid out once per this many leaders (at least once). */
export const LEADERS_PER_DESIGN_SET = 50;

export const ROLE_NONE = 0;
export const ROLE_LEADER = 1;
export const ROLE_INTERMEDIATE = 2;
export const ROLE_ROOT = 3;

export interface PlacedChain {
  design: ChainDesign;
  leaders: number[];
  intermediates: number[];
  roots: number[];
  /** Products along the chain, the leaders' part first. */
  parts: number[];
}

export interface Placement {
  chains: PlacedChain[];
  /** Per enterprise: ROLE_NONE, or its role in a designed chain. */
  role: Uint8Array;
}

/**
 * Lays out the designs, opening their needs in `needs` (kind NEED_DESIGNED, all links
 * critical). Must run before random sourcing, which then leaves these needs alone.
 * A design that cannot be placed (a small network without a fitting supplier) is skipped.
 */
export function placeChains(e: Enterprises, products: Product[], pools: Pools, needs: NeedTable, rng: Rng): Placement {
  const role = new Uint8Array(e.total);
  const chains: PlacedChain[] = [];
  const sets = Math.max(1, Math.floor(e.leaders / LEADERS_PER_DESIGN_SET));
  for (let set = 0; set < sets; set++) {
    for (const design of CHAIN_DESIGNS) {
      const chain = placeOne(design, e, products, pools, role, rng);
      if (!chain) continue;
      chains.push(chain);
      commit(chain, needs, role);
    }
  }
  return { chains, role };
}

function placeOne(design: ChainDesign, e: Enterprises, products: Product[], pools: Pools, role: Uint8Array, rng: Rng): PlacedChain | null {
  const industry = design.industry;
  const rootProvinces = new Set(design.roots.map((r) => provinceIndex(r.province)));
  const crossProvince = design.leaderProvinces.some((code) => !rootProvinces.has(provinceIndex(code)));
  const taken = new Set<number>();
  const leaders: number[] = [];
  for (const code of design.leaderProvinces) {
    const leader = pickLeader(e, industry, provinceIndex(code), crossProvince ? rootProvinces : null, role, taken, rng);
    if (leader < 0) return null;
    leaders.push(leader);
    taken.add(leader);
  }
  const paths = rng.shuffle(partPaths(products, industry, design.via.length + 1));
  for (const strictVia of [true, false]) {
    for (const parts of paths) {
      const used = new Set<number>();
      const intermediates: number[] = [];
      for (let i = 0; i < design.via.length; i++) {
        const s = pickSupplier(e, pools, parts[i + 1], strictVia ? provinceIndex(design.via[i]) : -1, undefined, role, used, rng);
        if (s < 0) break;
        intermediates.push(s);
        used.add(s);
      }
      if (intermediates.length < design.via.length) continue;
      const roots: number[] = [];
      const last = parts[parts.length - 1];
      for (const spec of design.roots) {
        const s = pickSupplier(e, pools, last, provinceIndex(spec.province), spec.city, role, used, rng);
        if (s < 0) break;
        roots.push(s);
        used.add(s);
      }
      if (roots.length < design.roots.length) continue;
      return { design, leaders, intermediates, roots, parts };
    }
  }
  return null;
}

/** Every chain of parts of the given length: a tier-1 part, then one of its inputs a tier further up, and so on. */
function partPaths(products: Product[], industry: Industry, length: number): number[][] {
  let paths = products.filter((p) => p.industry === industry && p.tier === 1).map((p) => [p.index]);
  for (let step = 1; step < length; step++) {
    paths = paths.flatMap((path) => {
      const last = products[path[path.length - 1]];
      return last.inputs.filter((i) => products[i].tier === last.tier + 1).map((i) => [...path, i]);
    });
  }
  return paths;
}

function pickLeader(e: Enterprises, industry: Industry, province: number, avoid: Set<number> | null, role: Uint8Array, taken: Set<number>, rng: Rng): number {
  const ii = INDUSTRIES.indexOf(industry);
  const free = (i: number) => e.industry[i] === ii && role[i] === ROLE_NONE && !taken.has(i);
  const exact: number[] = [];
  const fallback: number[] = [];
  for (let i = 0; i < e.leaders; i++) {
    if (!free(i)) continue;
    if (e.province[i] === province) exact.push(i);
    // Hubei's own plants restart late; a stand-in leader must be operating on 24 March.
    else if (e.province[i] !== HUBEI_INDEX && !(avoid && avoid.has(e.province[i]))) fallback.push(i);
  }
  if (exact.length > 0) return rng.pick(exact);
  return fallback.length > 0 ? rng.pick(fallback) : -1;
}

function pickSupplier(e: Enterprises, pools: Pools, product: number, province: number, city: string | undefined, role: Uint8Array, used: Set<number>, rng: Rng): number {
  const np = PROVINCE_PROFILES.length;
  const groups = province < 0 ? pools.byProduct : pools.byProvince;
  const key = province < 0 ? product : product * np + province;
  const candidates: number[] = [];
  for (let i = 0; i < groups.sizeOf(key); i++) {
    const s = groups.at(key, i);
    if (role[s] === ROLE_NONE && !used.has(s)) candidates.push(s);
  }
  if (candidates.length === 0) return -1;
  if (city !== undefined) {
    const inCity = candidates.filter((s) => PROVINCE_PROFILES[e.province[s]].cities[e.city[s]].code === city);
    if (inCity.length > 0) return rng.pick(inCity);
  }
  return rng.pick(candidates);
}

function commit(chain: PlacedChain, needs: NeedTable, role: Uint8Array): void {
  const { leaders, intermediates, roots, parts } = chain;
  for (const l of leaders) role[l] = ROLE_LEADER;
  for (const s of intermediates) role[s] = ROLE_INTERMEDIATE;
  for (const r of roots) role[r] = ROLE_ROOT;
  const first = intermediates.length > 0 ? [intermediates[0]] : roots;
  for (const l of leaders) {
    const n = needs.open(l, parts[0], NEED_DESIGNED);
    for (const s of first) needs.add(n, s, true);
  }
  for (let i = 0; i < intermediates.length; i++) {
    const next = i + 1 < intermediates.length ? [intermediates[i + 1]] : roots;
    const n = needs.open(intermediates[i], parts[i + 1], NEED_DESIGNED);
    for (const s of next) needs.add(n, s, true);
  }
}

/** Forced status timelines of the designed enterprises, as day indices (-1: never). */
export interface ForcedSchedule {
  enterprise: number;
  partialDay: number;
  resumeDay: number;
}

/**
 * Leaders and intermediates are running by early March (partial first), so the only thing
 * stopping the chain on 24 March is its roots; roots stay suspended at least until 25 March.
 */
export function forcedSchedules(placement: Placement, rng: Rng): ForcedSchedule[] {
  const out: ForcedSchedule[] = [];
  const seen = new Set<number>();
  const early = (enterprise: number, latestPartial: number) => {
    if (seen.has(enterprise)) return;
    seen.add(enterprise);
    const partialDay = rng.range(0, latestPartial);
    out.push({ enterprise, partialDay, resumeDay: partialDay + rng.range(2, 6) });
  };
  for (const chain of placement.chains) {
    for (const l of chain.leaders) early(l, 4);
    for (const s of chain.intermediates) early(s, 10);
    chain.roots.forEach((r, k) => {
      if (seen.has(r)) return;
      seen.add(r);
      const resumesOn = chain.design.roots[k].resumesOn;
      const resumeDay = resumesOn === undefined ? -1 : dayOf(resumesOn);
      // Some roots run partially for a day before they count as resumed, always after the check day.
      const partialDay = resumeDay > 0 && rng.chance(0.5) ? resumeDay - 1 : -1;
      out.push({ enterprise: r, partialDay, resumeDay });
    });
  }
  return out;
}
