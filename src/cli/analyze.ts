/**
 * `linkage analyze`: a readable report of blocked leaders, their root causes, the runway
 * (§7: soonest stops first) and the top bottlenecks, for a document file/directory (validated
 * like an import) or for the store.
 */
import { alternateSuppliers, analyze, DEFAULT_ALTERNATES_LIMIT, MAX_ALTERNATES_LIMIT, Runway, type AlternatesAnswer, type ChainAnalysis, type EnterpriseFacts } from '../analysis';
import { parseImportDocument, provinceLabel, suspensionOf, type ChainSnapshot, type ImportDocument, type RunwayRecords } from '../graph';
import { isoDate } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { readDocument, withStore } from './shared';
import { UsageError } from './usage';

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

/**
 * What the runway reads of a document, as a store would answer it (§7): reports in asOf order,
 * ties by their place in the file (a store's receipt order); no asOf: `today`.
 */
export function runwayRecordsOfDocument(doc: ImportDocument, today: string): RunwayRecords {
  const reports = doc.statusReports.map((r, i) => ({ ...r, asOf: r.asOf ?? today, i }));
  const newestFirst = [...reports].sort((x, y) => (x.asOf === y.asOf ? y.i - x.i : x.asOf < y.asOf ? 1 : -1));
  const byEnterprise = new Map<string, typeof reports>();
  for (const r of newestFirst) byEnterprise.set(r.enterprise, [...(byEnterprise.get(r.enterprise) ?? []), r]);
  const suspensions: RunwayRecords['suspensions'] = [];
  for (const e of doc.enterprises) {
    const s = suspensionOf(e.id, byEnterprise.get(e.id) ?? []);
    if (s) suspensions.push(s);
  }
  const stock = (doc.inventories ?? []).map((r, i) => ({ customer: r.customer, part: r.part, days: r.days, asOf: r.asOf ?? today, i }));
  const current = new Map<string, (typeof stock)[number]>();
  for (const r of stock) {
    const key = JSON.stringify([r.customer, r.part]);
    const prev = current.get(key);
    if (!prev || r.asOf >= prev.asOf) current.set(key, r);
  }
  const dates = [...reports, ...stock].map((r) => r.asOf).sort();
  return {
    revision: 0,
    latestAsOf: dates.length > 0 ? dates[dates.length - 1] : null,
    suspensions,
    inventories: [...current.values()].map(({ i: _i, ...rest }) => rest),
  };
}

function runwayOf(a: ChainAnalysis, records: RunwayRecords, today: string): Runway {
  return new Runway(a.network, a.state.status, {
    date: records.latestAsOf ?? today,
    downSince: new Map(records.suspensions.map((x) => [x.enterprise, x.downSince])),
    inventories: records.inventories,
  });
}

/**
 * The text report: blocked leaders, runway, bottlenecks, each enterprise by name and id
 * (`facts`; the id alone when it has no other name). Fixed-width columns come first, names
 * last, so that lines stay aligned whatever the names' width (Chinese characters are wide).
 */
export function report(a: ChainAnalysis, top: number, runway?: Runway, facts?: EnterpriseFacts): string {
  const label = labelOf(facts);
  const chains = a.chains();
  const blocked = chains.filter((c) => c.state === 'blocked');
  const down = chains.filter((c) => c.state === 'down');
  const lines = [`${chains.length} leaders: ${chains.length - blocked.length - down.length} clear, ${blocked.length} blocked, ${down.length} down`];
  if (blocked.length) {
    lines.push('', 'Blocked leaders (lost parts ← root causes):');
    for (const c of blocked) lines.push(`  ${label(c.leader)}: ${c.lostParts.join(', ')} ← ${c.rootCauses.map(label).join(', ')}`);
  }
  const stopping = runway?.leaders() ?? [];
  if (runway && stopping.length) {
    lines.push('', `Runway as of ${runway.date}, soonest stops first (stops on, days left, leader: binding part ← binding root):`);
    for (const r of stopping) {
      lines.push(`  ${r.stopsOn} ${String(r.daysLeft).padStart(5)}  ${label(r.leader)}: ${r.bindingPart ?? '(down)'} ← ${r.bindingRoot === null ? '-' : label(r.bindingRoot)}`);
    }
  }
  const bottlenecks = a.bottlenecks().slice(0, top);
  if (bottlenecks.length) {
    lines.push('', `Top ${bottlenecks.length} bottlenecks (blocked leaders / blocked enterprises / leaders cleared if resumed, province, enterprise):`);
    for (const b of bottlenecks) {
      const counts = `${b.blockedLeaders} / ${b.blockedEnterprises} / ${b.unblocksIfResumed}`;
      lines.push(`  ${counts.padEnd(18)} ${provinceLabel(b.province)}  ${label(b.id)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** "name (id)", or the id when the facts give no other name. */
function labelOf(facts: EnterpriseFacts | undefined): (id: string) => string {
  return (id) => {
    const name = facts?.name(id);
    return name && name !== id ? `${name} (${id})` : id;
  };
}

/** Names and current capacity as the snapshot gives them (the id when it has no name). */
export function snapshotFacts(snapshot: ChainSnapshot): EnterpriseFacts {
  const byId = new Map(snapshot.enterprises.map((e) => [e.id, e]));
  return { name: (id) => byId.get(id)?.name, capacityPct: (id) => byId.get(id)?.capacityPct ?? null };
}

/** The alternates of one leader, by name and id. */
export function alternatesReport(answer: AlternatesAnswer, facts: EnterpriseFacts): string {
  const label = labelOf(facts);
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

/** A document's requests (§9) do not enter the analysis: set aside, so a document `generate` or an export wrote analyses as it imports. */
function withoutRequests(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('requests' in raw)) return raw;
  const { requests: _requests, ...rest } = raw as Record<string, unknown>;
  return rest;
}

export async function runAnalyze(v: Record<string, string | boolean | undefined>, source?: string): Promise<number> {
  const top = v.top === undefined ? 10 : Number(v.top);
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top must be a whole number (got "${v.top}")`);
  const today = isoDate(new Date(), loadConfig().timeZone);
  const doc = source ? parseImportDocument(withoutRequests(await readDocument(source))) : undefined;
  const [snapshot, records] = doc
    ? [snapshotOfDocument(doc, today), runwayRecordsOfDocument(doc, today)]
    : await withStore(async (store) => [await store.snapshot(), await store.runwayRecords()] as const);
  const a = analyze(snapshot);
  if (typeof v.alternates === 'string') {
    const limit = v.limit === undefined ? DEFAULT_ALTERNATES_LIMIT : Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALTERNATES_LIMIT) {
      throw new UsageError(`--limit must be a whole number from 1 to ${MAX_ALTERNATES_LIMIT} (got "${v.limit}")`);
    }
    if (!a.has(v.alternates) || !a.isLeader(v.alternates)) throw new Error(`--alternates: "${v.alternates}" is not a leader`);
    const facts = snapshotFacts(snapshot);
    const answer = alternateSuppliers(a, v.alternates, { limit, facts });
    process.stdout.write(v.json ? `${JSON.stringify({ revision: snapshot.revision, ...answer }, null, 2)}\n` : alternatesReport(answer, facts));
    return 0;
  }
  const runway = runwayOf(a, records, today);
  if (v.json) {
    const out = { revision: snapshot.revision, chains: a.chains(), runway: { date: runway.date, leaders: runway.leaders() }, bottlenecks: a.bottlenecks().slice(0, top) };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    process.stdout.write(report(a, top, runway, snapshotFacts(snapshot)));
  }
  return 0;
}
