/**
 * Small, deliberately naive re-implementations used to check the generated scenario
 * independently of the generator (and of src/analysis): statuses on a date, resumption
 * rates, referential problems, and blocked chains by a plain fixed point (CONTRACT §2).
 */
import type { ImportDocument, Status } from '../../src/graph/schema';

/** Each enterprise's status on `date`: its latest report with asOf <= date (ties: later in the array), else its own status. */
export function statusesOn(doc: ImportDocument, date: string): Map<string, Status> {
  const status = new Map<string, Status>();
  const asOf = new Map<string, string>();
  for (const e of doc.enterprises) status.set(e.id, e.status);
  for (const r of doc.statusReports) {
    if (r.asOf === undefined || r.asOf > date) continue;
    const seen = asOf.get(r.enterprise);
    if (seen === undefined || r.asOf >= seen) {
      asOf.set(r.enterprise, r.asOf);
      status.set(r.enterprise, r.status);
    }
  }
  return status;
}

export interface Rate {
  total: number;
  resumed: number;
  rate: number;
}

type EnterpriseRow = ImportDocument['enterprises'][number];

export function resumption(doc: ImportDocument, date: string, where: (e: EnterpriseRow) => boolean = () => true): Rate {
  const status = statusesOn(doc, date);
  let total = 0;
  let resumed = 0;
  for (const e of doc.enterprises) {
    if (!where(e)) continue;
    total++;
    if (status.get(e.id) === 'resumed') resumed++;
  }
  return { total, resumed, rate: total === 0 ? 0 : (100 * resumed) / total };
}

export const smes = (e: EnterpriseRow) => e.role === 'supplier';

/** Every referential problem of the document, as readable strings (empty when valid). */
export function referentialProblems(doc: ImportDocument): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const e of doc.enterprises) {
    if (ids.has(e.id)) problems.push(`duplicate enterprise ${e.id}`);
    ids.add(e.id);
  }
  const keys = new Set<string>();
  doc.links.forEach((l, i) => {
    if (!ids.has(l.supplier)) problems.push(`links[${i}].supplier unknown ${l.supplier}`);
    if (!ids.has(l.customer)) problems.push(`links[${i}].customer unknown ${l.customer}`);
    if (l.supplier === l.customer) problems.push(`links[${i}] is a self-link`);
    const key = `${l.supplier}|${l.customer}|${l.part}`;
    if (keys.has(key)) problems.push(`links[${i}] duplicates ${key}`);
    keys.add(key);
  });
  doc.statusReports.forEach((r, i) => {
    if (!ids.has(r.enterprise)) problems.push(`statusReports[${i}].enterprise unknown ${r.enterprise}`);
  });
  return problems;
}

export interface ChainPicture {
  blocked: Set<string>;
  blockedLeaders: string[];
  /** Root causes of each blocked leader. */
  roots: Map<string, Set<string>>;
  /** Cross-province tasks: root → assignee province. */
  tasks: Map<string, string>;
}

/** CONTRACT §2 and §3 the slow way: iterate to a fixed point, then search H backwards. */
export function chainsOn(doc: ImportDocument, date: string): ChainPicture {
  const status = statusesOn(doc, date);
  const province = new Map(doc.enterprises.map((e) => [e.id, e.province]));
  const needs = new Map<string, { customer: string; suppliers: string[]; critical: boolean }>();
  for (const l of doc.links) {
    const key = `${l.customer}|${l.part}`;
    const need = needs.get(key) ?? { customer: l.customer, suppliers: [], critical: false };
    need.suppliers.push(l.supplier);
    need.critical ||= l.critical !== false;
    needs.set(key, need);
  }
  const down = (id: string) => status.get(id) === 'suspended';
  const unavailable = new Set([...status.keys()].filter(down));
  const blocked = new Set<string>();
  const lost = (n: { suppliers: string[]; critical: boolean }) => n.critical && n.suppliers.every((s) => unavailable.has(s));
  for (let changed = true; changed;) {
    changed = false;
    for (const n of needs.values()) {
      if (down(n.customer) || blocked.has(n.customer) || !lost(n)) continue;
      blocked.add(n.customer);
      unavailable.add(n.customer);
      changed = true;
    }
  }
  const into = new Map<string, string[]>(); // H, as predecessor lists
  for (const n of needs.values()) {
    if (!blocked.has(n.customer) || !lost(n)) continue;
    into.set(n.customer, [...(into.get(n.customer) ?? []), ...n.suppliers]);
  }
  const leaders = new Set(doc.enterprises.filter((e) => e.role === 'leader').map((e) => e.id));
  const blockedLeaders = [...blocked].filter((id) => leaders.has(id)).sort();
  const roots = new Map<string, Set<string>>();
  const tasks = new Map<string, string>();
  for (const leader of blockedLeaders) {
    const found = new Set<string>();
    const seen = new Set([leader]);
    const queue = [leader];
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const s of into.get(id) ?? []) {
        if (seen.has(s)) continue;
        seen.add(s);
        if (down(s)) found.add(s);
        else queue.push(s);
      }
    }
    roots.set(leader, found);
    for (const r of found) if (province.get(r) !== province.get(leader)) tasks.set(r, province.get(r)!);
  }
  return { blocked, blockedLeaders, roots, tasks };
}
