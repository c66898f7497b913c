/** Progress bars for long CLI work (cli-progress), quiet when stderr is not a terminal. */
import cliProgress from 'cli-progress';
import type { ImportPhase } from '../graph';

/** What one bar line shows; `eta` is cli-progress's estimate (a number of seconds, or 'NULL'/'INF' when it has none). */
export interface ProgressParams {
  value: number;
  total: number;
  eta: number | string;
  progress: number;
}

/**
 * One bar line: phase, bar, done/total, percentage, and the time left only when there is an
 * estimate to give (an empty phase — a file that is absent — or a stalled one shows none,
 * never `eta NULLs`).
 */
export function progressLine(phase: string, p: ProgressParams, bar: string): string {
  const total = Math.max(p.total, 0);
  if (total === 0) return ` ${phase} | nothing to import`;
  const pct = Math.round(Math.min(1, Math.max(0, p.value / total)) * 100);
  const eta = typeof p.eta === 'number' && Number.isFinite(p.eta) && p.value > 0 && p.value < total ? ` eta ${p.eta}s` : '';
  return ` ${phase} |${bar}| ${p.value}/${total} ${pct}%${eta}`;
}

export function importProgress(enabled = true): { update: (phase: ImportPhase, done: number, total: number) => void; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const multi = new cliProgress.MultiBar(
    {
      format: (options, params, payload: { phase: string }) => progressLine(payload.phase, params as ProgressParams, cliProgress.Format.BarFormat(params.progress, options)),
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<ImportPhase, cliProgress.SingleBar>();
  return {
    update(phase, done, total) {
      let bar = bars.get(phase);
      if (!bar) {
        bar = multi.create(Math.max(total, 0), 0, { phase: phase.padEnd(13) });
        bars.set(phase, bar);
      }
      bar.setTotal(Math.max(total, 0));
      bar.update(done, { phase: phase.padEnd(13) });
    },
    stop: () => multi.stop(),
  };
}
