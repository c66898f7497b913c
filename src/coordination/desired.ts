/**
 * Where the use cases get the desired task set from: the process's chain analysis, brought up
 * to the revision asked for. A process whose analysis follows its own writes (the API) waits
 * for it briefly; one that does not (a worker process, the CLI) brings it up to date itself
 * (through the store's change log, or a snapshot where the log cannot).
 */
import type { ChainAnalysis } from '../analysis';
import { LinkageError } from '../shared/errors';
import { deriveRunwayAlerts, deriveTasks, type StopDates } from './derive';
import type { DesiredTask } from './model';
import type { RunwayAlert } from './task-store';

/** What the desired source needs of the analysis holder (runtime/ChainState fits it). */
export interface AnalysisSource {
  readonly revision: number;
  view(minRevision?: number): Promise<{ revision: number; analysis: ChainAnalysis }>;
  /** Brings the analysis to the store's latest revision. */
  refresh(): Promise<void>;
}

export interface DesiredSet {
  revision: number;
  desired: DesiredTask[];
  /** §7: the runway alerts due at this revision (each is sent once, see NewRunwayEvent). */
  alerts: RunwayAlert[];
}

export interface DesiredSource {
  /** The desired set at the latest revision known, and at least `minRevision`. */
  current(minRevision: number): Promise<DesiredSet>;
}

export interface DesiredSourceOptions {
  /** The graph store's current revision (writes by other processes show up here). */
  storeRevision: () => Promise<number>;
  /** True when this process's writes update the analysis itself (API roles). */
  followsWrites: boolean;
  /** How long to wait for the analysis to catch up on its own before reloading it. */
  catchUpMs?: number;
  /** §7: stop dates at a revision (at least); tasks then carry stopsOn and runway alerts are due. */
  stopDates?: (minRevision: number) => Promise<StopDates>;
  /** §7: the alert window in days (LINKAGE_RUNWAY_ALERT_DAYS). */
  alertDays?: number;
}

export function analysisDesiredSource(chains: AnalysisSource, opts: DesiredSourceOptions): DesiredSource {
  let cache: DesiredSet | null = null;
  const catchUp = async (target: number) => {
    if (chains.revision >= target) return;
    if (opts.followsWrites) {
      try {
        await Promise.race([chains.view(target), timeout(opts.catchUpMs ?? 1_000)]);
        if (chains.revision >= target) return;
      } catch (err) {
        if (!(err instanceof LinkageError) || err.code !== 'not_ready') throw err;
      }
    }
    await chains.refresh();
  };
  return {
    async current(minRevision) {
      const target = Math.max(minRevision, await opts.storeRevision());
      await catchUp(target);
      // Read before the view: nothing may await between the view and deriveTasks.
      const stops = opts.stopDates ? await opts.stopDates(target) : undefined;
      const view = await chains.view(target);
      // deriveTasks runs synchronously on the live analysis, before any later update lands.
      if (cache?.revision !== view.revision) {
        cache = {
          revision: view.revision,
          desired: deriveTasks(view.analysis, stops),
          alerts: stops && opts.alertDays !== undefined ? deriveRunwayAlerts(view.analysis, stops, opts.alertDays) : [],
        };
      }
      return cache;
    },
  };
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => {
    const t = setTimeout(() => reject(new LinkageError('not_ready', 'analysis is catching up')), ms);
    t.unref();
  });
}
