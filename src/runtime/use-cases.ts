/**
 * The write use cases every entry point shares (HTTP, CLI, demo seeding): each writes to the
 * store (which records the audit entry in the same transaction: WriteContext's actor and
 * time) and brings the analysis to the new revision before it returns, so the writer reads
 * its own write.
 */
import { importDocument, withClientToday, type ImportOutcome, type ProgressFn, type StatusReport, type StatusUpdate } from '../graph';
import { isoDate } from '../shared/clock';
import { notFound } from '../shared/errors';
import type { Services } from './services';

/** The CLI writes without a running analysis: `chains` is then absent. */
export type WriteServices = Pick<Services, 'store' | 'audit' | 'clock'> & { chains?: Services['chains']; config?: Pick<Services['config'], 'timeZone'> };

export async function importUseCase(s: WriteServices, raw: unknown, actor: string, onProgress?: ProgressFn): Promise<ImportOutcome> {
  const now = s.clock.now();
  const outcome = await withClientToday(
    () => isoDate(s.clock.now(), s.config?.timeZone),
    () => importDocument(s.store, raw, { actor, now, timeZone: s.config?.timeZone }, onProgress),
  );
  await s.chains?.refresh();
  return outcome;
}

export async function reportStatusUseCase(
  s: WriteServices,
  id: string,
  update: StatusUpdate,
  actor: string,
): Promise<{ revision: number; report: StatusReport; currentStatus: string }> {
  const now = s.clock.now();
  // Not found (404) is decided inside the store's transaction, which also reads `before` for the audit entry.
  const { revision, report } = await s.store.appendStatusReport({ enterprise: id, ...update, asOf: update.asOf ?? isoDate(now, s.config?.timeZone), reporter: actor }, { actor, now });
  const after = await s.store.getEnterprise(id);
  if (!after) throw notFound('enterprise', id);
  await s.chains?.statusChanged(id, after.currentStatus, revision, after.currentCapacityPct);
  return { revision, report, currentStatus: after.currentStatus };
}
