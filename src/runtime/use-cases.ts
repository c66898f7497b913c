/**
 * The write use cases every entry point shares (HTTP, CLI, demo seeding): each writes to the
 * store (which records the audit entry in the same transaction: WriteContext's actor and
 * time) and brings the analysis to the new revision before it returns, so the writer reads
 * its own write.
 */
import { importedRequestSchema, type ImportedRequest, type RequestService } from '../coordination';
import { documentProblems, importDocument, importRejected, withClientToday, zodDetails, type ImportOutcome, type ProgressFn, type StatusReport, type StatusUpdate } from '../graph';
import type { ErrorDetail } from '../shared/errors';
import { LinkageError } from '../shared/errors';
import { isoDate } from '../shared/clock';
import type { Services } from './services';

/** The CLI writes without a running analysis: `chains` is then absent. */
export type WriteServices = Pick<Services, 'store' | 'audit' | 'clock'> & {
  chains?: Services['chains'];
  config?: Pick<Services['config'], 'timeZone'>;
  /** Where a document's `requests` go (§9): the running coordination's, or one the CLI opened. */
  requests?: RequestService;
  coordination?: Services['coordination'];
};

export type ImportAnswer = ImportOutcome & { requests?: number; requestsAdded?: number };

/**
 * Imports a document: enterprises, links and status reports into the graph store, and its
 * `requests` (a questionnaire export, §9) into the request store once the graph import landed.
 * Every problem of either part is listed in one 400 and nothing is written.
 */
export function importUseCase(s: WriteServices, raw: unknown, actor: string, onProgress?: ProgressFn): Promise<ImportAnswer> {
  // Client dates (every row's, requests' included) are bounded by today on this clock and zone.
  return withClientToday(
    () => isoDate(s.clock.now(), s.config?.timeZone),
    () => importWithinToday(s, raw, actor, onProgress),
  );
}

async function importWithinToday(s: WriteServices, raw: unknown, actor: string, onProgress?: ProgressFn): Promise<ImportAnswer> {
  const { graphDoc, requests: rawRequests } = splitRequests(raw);
  let rows: ImportedRequest[] = [];
  const service = s.requests ?? s.coordination?.requests;
  if (rawRequests !== undefined) {
    const problems: ErrorDetail[] = [];
    const parsed = importedRequestSchema.array().safeParse(rawRequests);
    if (!parsed.success) problems.push(...zodDetails(parsed.error, ['requests']));
    else rows = parsed.data;
    if (rows.length > 0 && !service) throw new LinkageError('not_ready', 'requests cannot be imported: coordination is not running in this process', { retryAfter: 5 });
    const defined = new Set(
      arrayOf(graphDoc.enterprises)
        .map((e) => (e as { id?: unknown }).id)
        .filter((id): id is string => typeof id === 'string'),
    );
    if (service) problems.push(...(await service.problems(parsed.success ? rows : arrayOf(rawRequests).map((r) => (typeof r === 'object' && r !== null ? r : {})), defined)));
    if (problems.length > 0) throw importRejected([...(await documentProblems(s.store, graphDoc)), ...problems]);
  }
  const now = s.clock.now();
  const outcome = await importDocument(s.store, graphDoc, { actor, now, timeZone: s.config?.timeZone }, onProgress);
  await s.chains?.refresh();
  if (rawRequests === undefined) return outcome;
  const requestsAdded = rows.length > 0 ? await service!.importRequests(actor, rows) : 0;
  return { ...outcome, requests: rows.length, requestsAdded };
}

/** The document without `requests` (the graph store's import document), and its requests if any. */
function splitRequests(raw: unknown): { graphDoc: Record<string, unknown>; requests?: unknown } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { graphDoc: raw as Record<string, unknown> };
  const { requests, ...graphDoc } = raw as Record<string, unknown>;
  return requests === undefined ? { graphDoc } : { graphDoc, requests };
}

const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export async function reportStatusUseCase(
  s: WriteServices,
  id: string,
  update: StatusUpdate,
  actor: string,
): Promise<{ revision: number; report: StatusReport; currentStatus: string }> {
  const now = s.clock.now();
  // Not found (404) is decided inside the store's transaction, which also reads `before` for the audit entry.
  const { revision, report, change } = await s.store.appendStatusReport(
    { enterprise: id, ...update, asOf: update.asOf ?? isoDate(now, s.config?.timeZone), reporter: actor },
    { actor, now },
  );
  await s.chains?.changed(change);
  return { revision, report, currentStatus: change.currentStatus };
}
