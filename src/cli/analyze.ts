/**
 * `linkage analyze`: a readable report of blocked leaders, their root causes and the top
 * bottlenecks, for a document file/directory (validated like an import) or for the store.
 */
import { analyze, type ChainAnalysis } from '../analysis';
import { parseImportDocument, provinceLabel, type ChainSnapshot, type ImportDocument } from '../graph';
import { isoDate } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { readDocument, withStore } from './commands';

/** The snapshot a document describes: reports applied (latest asOf, ties: later in the file; no asOf: `today`). */
export function snapshotOfDocument(doc: ImportDocument, today = isoDate(new Date())): ChainSnapshot {
  const current = new Map<string, { status: string; asOf: string }>();
  for (const r of doc.statusReports) {
    const asOf = r.asOf ?? today;
    const prev = current.get(r.enterprise);
    if (!prev || asOf >= prev.asOf) current.set(r.enterprise, { status: r.status, asOf });
  }
  return {
    revision: 0,
    enterprises: doc.enterprises.map((e) => ({
      id: e.id,
      role: e.role,
      province: e.province,
      industry: e.industry,
      status: (current.get(e.id)?.status ?? e.status) as ChainSnapshot['enterprises'][number]['status'],
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

export async function runAnalyze(v: Record<string, string | boolean | undefined>, source?: string): Promise<number> {
  const top = v.top === undefined ? 10 : Number(v.top);
  if (!Number.isInteger(top) || top < 0) throw new Error(`--top must be a whole number (got "${v.top}")`);
  const snapshot = source
    ? snapshotOfDocument(parseImportDocument(await readDocument(source)), isoDate(new Date(), loadConfig().timeZone))
    : await withStore((store) => store.snapshot());
  const a = analyze(snapshot);
  if (v.json) {
    process.stdout.write(`${JSON.stringify({ revision: snapshot.revision, chains: a.chains(), bottlenecks: a.bottlenecks().slice(0, top) }, null, 2)}\n`);
  } else {
    process.stdout.write(report(a, top));
  }
  return 0;
}
