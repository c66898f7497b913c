/**
 * `linkage analyze`: a readable report of blocked leaders, their root causes and the top
 * bottlenecks, for a document file/directory (validated like an import) or for the store.
 */
import { alternateSuppliers, analyze, DEFAULT_ALTERNATES_LIMIT, MAX_ALTERNATES_LIMIT, type AlternatesAnswer, type ChainAnalysis, type EnterpriseFacts } from '../analysis';
import { parseImportDocument, provinceLabel, type ChainSnapshot, type ImportDocument } from '../graph';
import { isoDate } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { readDocument, withStore } from './commands';

/** The snapshot a document describes: reports applied (latest asOf, ties: later in the file; no asOf: `today`). */
export function snapshotOfDocument(doc: ImportDocument, today = isoDate(new Date())): ChainSnapshot {
  const current = new Map<string, { status: string; asOf: string; capacityPct?: number }>();
  for (const r of doc.statusReports) {
    const asOf = r.asOf ?? today;
    const prev = current.get(r.enterprise);
    if (!prev || asOf >= prev.asOf) current.set(r.enterprise, { status: r.status, asOf, capacityPct: r.capacityPct });
  }
  return {
    revision: 0,
    enterprises: doc.enterprises.map((e) => ({
      id: e.id,
      role: e.role,
      province: e.province,
      industry: e.industry,
      status: (current.get(e.id)?.status ?? e.status) as ChainSnapshot['enterprises'][number]['status'],
      name: e.name,
      capacityPct: (current.has(e.id) ? current.get(e.id)!.capacityPct : e.capacityPct) ?? null,
    })),
    links: doc.links,
  };
}

export function report(a: ChainAnalysis, top: number): string {
  const chains = a.chains();
  const blocked = chains.filter((c) => c.state === 'blocked');
  const down = chains.filter((c) => c.state === 'down');
  const lines = [
    `${chains.length} leaders: ${chains.length - blocked.length - down.length} clear, ${blocked.length} blocked, ${down.length} down`,
  ];
  if (blocked.length) {
    lines.push('', 'Blocked leaders (lost parts ← root causes):');
    for (const c of blocked) lines.push(`  ${c.leader}: ${c.lostParts.join(', ')} ← ${c.rootCauses.join(', ')}`);
  }
  const bottlenecks = a.bottlenecks().slice(0, top);
  if (bottlenecks.length) {
    lines.push('', `Top ${bottlenecks.length} bottlenecks (blocked leaders / blocked enterprises / leaders cleared if resumed):`);
    for (const b of bottlenecks) {
      lines.push(`  ${b.id.padEnd(16)} ${provinceLabel(b.province).padEnd(18)} ${b.blockedLeaders} / ${b.blockedEnterprises} / ${b.unblocksIfResumed}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Names and current capacity as the snapshot gives them (the id when it has no name). */
export function snapshotFacts(snapshot: ChainSnapshot): EnterpriseFacts {
  const byId = new Map(snapshot.enterprises.map((e) => [e.id, e]));
  return { name: (id) => byId.get(id)?.name, capacityPct: (id) => byId.get(id)?.capacityPct ?? null };
}

/** The alternates of one leader, by name and id. */
export function alternatesReport(answer: AlternatesAnswer, facts: EnterpriseFacts): string {
  const label = (id: string) => {
    const name = facts.name(id);
    return name && name !== id ? `${name} (${id})` : id;
  };
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (answer.groups.length === 0) return `${label(answer.leader)} is not blocked: no lost parts in its way.\n`;
  const lines = [`Alternate suppliers for ${label(answer.leader)}: ${plural(answer.groups.length, 'lost part')} in its way`];
  for (const g of answer.groups) {
    lines.push('', `  ${g.part} for ${label(g.customer)}: in the way of ${plural(g.blockedLeaders, 'blocked leader')}, ${plural(g.candidateCount, 'candidate')}`);
    if (g.candidates.length === 0) lines.push('    (no operating enterprise makes it)');
    g.candidates.forEach((c, i) => {
      const where = `${provinceLabel(c.province)}${c.sameProvince ? ', same province' : ''}`;
      const capacity = c.capacityPct === null ? 'capacity unknown' : `capacity ${c.capacityPct}%`;
      const clears = c.clears.length ? `clears ${c.clears.map(label).join(', ')}` : 'clears no leader alone';
      lines.push(`    ${i + 1}. ${label(c.id)} — ${where}; ${capacity}; ${clears}`);
    });
  }
  return `${lines.join('\n')}\n`;
}

export async function runAnalyze(v: Record<string, string | boolean | undefined>, source?: string): Promise<number> {
  const top = v.top === undefined ? 10 : Number(v.top);
  if (!Number.isInteger(top) || top < 0) throw new Error(`--top must be a whole number (got "${v.top}")`);
  const snapshot = source
    ? snapshotOfDocument(parseImportDocument(await readDocument(source)), isoDate(new Date(), loadConfig().timeZone))
    : await withStore((store) => store.snapshot());
  const a = analyze(snapshot);
  if (typeof v.alternates === 'string') {
    const limit = v.limit === undefined ? DEFAULT_ALTERNATES_LIMIT : Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALTERNATES_LIMIT) {
      throw new Error(`--limit must be a whole number from 1 to ${MAX_ALTERNATES_LIMIT} (got "${v.limit}")`);
    }
    if (!a.has(v.alternates) || !a.isLeader(v.alternates)) throw new Error(`--alternates: "${v.alternates}" is not a leader`);
    const facts = snapshotFacts(snapshot);
    const answer = alternateSuppliers(a, v.alternates, { limit, facts });
    process.stdout.write(v.json ? `${JSON.stringify({ revision: snapshot.revision, ...answer }, null, 2)}\n` : alternatesReport(answer, facts));
    return 0;
  }
  if (v.json) {
    process.stdout.write(`${JSON.stringify({ revision: snapshot.revision, chains: a.chains(), bottlenecks: a.bottlenecks().slice(0, top) }, null, 2)}\n`);
  } else {
    process.stdout.write(report(a, top));
  }
  return 0;
}
