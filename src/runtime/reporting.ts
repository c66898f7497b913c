/**
 * Reporting completeness (§10) over the store and the process's analysis: the figure on a date
 * with the stale enterprises named, for GET /api/stats/reporting and the daily reminders.
 */
import type { StaleEnterprise } from '../monitoring';
import { reporting, staleByProvince, type ReportingFigure, type ResumptionFilter } from '../monitoring';
import type { Services } from './services';

export type NamedStale = StaleEnterprise & { name: string };

/** The figure on `date`; weights from the analysis (an enterprise it does not know weighs 0). */
export async function reportingFigure(s: Pick<Services, 'store' | 'chains' | 'config'>, date: string, filter: ResumptionFilter): Promise<ReportingFigure> {
  const [timeline, view] = await Promise.all([s.store.statusTimeline(date), s.chains.view()]);
  return reporting(date, timeline, filter, s.config.staleDays, (id) => view.analysis.leadersServed(id) ?? 0);
}

/** Adds each enterprise's name (the UI and the reminders show enterprises by name). */
export async function named(s: Pick<Services, 'store'>, stale: readonly StaleEnterprise[]): Promise<NamedStale[]> {
  return Promise.all(
    stale.map(async (x) => ({ id: x.id, name: (await s.store.getEnterprise(x.id))?.name ?? x.id, province: x.province, lastReport: x.lastReport, leadersServed: x.leadersServed })),
  );
}

/** What each province's reminder on `date` lists: its stale enterprises, most leaders served first. */
export async function remindersOn(s: Pick<Services, 'store' | 'chains' | 'config'>, date: string): Promise<Map<string, NamedStale[]>> {
  const byProvince = staleByProvince(await reportingFigure(s, date, {}));
  const out = new Map<string, NamedStale[]>();
  for (const [province, stale] of byProvince) out.set(province, await named(s, stale));
  return out;
}
