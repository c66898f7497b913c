/**
 * The write use cases every entry point shares (HTTP, CLI, demo seeding): each writes to the
 * store, records the audit entry, and brings the analysis to the new revision before it
 * returns, so the writer reads its own write.
 */
import { importDocument, type ImportOutcome, type ProgressFn, type StatusReport, type StatusUpdate } from '../graph';
import { isoDate } from '../shared/clock';
import { notFound } from '../shared/errors';
import type { Services } from './services';

/** The CLI writes without a running analysis: `chains` is then absent. */
export type WriteServices = Pick<Services, 'store' | 'audit' | 'clock'> & { chains?: Services['chains']; config?: Pick<Services['config'], 'timeZone'> };

export async function importUseCase(s: WriteServices, raw: unknown, actor: string, onProgress?: ProgressFn): Promise<ImportOutcome> {
  const now = s.clock.now();
  const outcome = await importDocument(s.store, raw, { actor, now, timeZone: s.config?.timeZone }, onProgress);
  const { changed, ...counts } = outcome;
  if (changed.enterprises + changed.links + changed.statusReports > 0) {
    await s.audit.append({ at: now.toISOString(), actor, action: 'import', target: 'document', revision: outcome.revision, before: null, after: { ...counts, changed } });
  }
  await s.chains?.refresh();
  return outcome;
}

export async function reportStatusUseCase(
  s: WriteServices,
  id: string,
  update: StatusUpdate,
  actor: string,
): Promise<{ revision: number; report: StatusReport; currentStatus: string }> {
  const before = await s.store.getEnterprise(id);
  if (!before) throw notFound('enterprise', id);
  const now = s.clock.now();
  const { revision, report } = await s.store.appendStatusReport({ enterprise: id, ...update, asOf: update.asOf ?? isoDate(now, s.config?.timeZone), reporter: actor }, { actor, now });
  const after = (await s.store.getEnterprise(id))!;
  await s.audit.append({
    at: now.toISOString(),
    actor,
    action: 'status.report',
    target: id,
    revision,
    before: { status: before.currentStatus, capacityPct: before.currentCapacityPct ?? null, asOf: before.currentAsOf ?? null },
    after: { report, currentStatus: after.currentStatus },
  });
  await s.chains?.statusChanged(id, after.currentStatus, revision, after.currentCapacityPct);
  return { revision, report, currentStatus: after.currentStatus };
}
