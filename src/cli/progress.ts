/** Progress bars for long CLI work (cli-progress), quiet when stderr is not a terminal. */
import cliProgress from 'cli-progress';
import type { ImportPhase } from '../graph';

export function importProgress(enabled = true): { update: (phase: ImportPhase, done: number, total: number) => void; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const multi = new cliProgress.MultiBar(
    { format: ' {phase} |{bar}| {value}/{total} {percentage}% eta {eta}s', hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 2000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<ImportPhase, cliProgress.SingleBar>();
  return {
    update(phase, done, total) {
      let bar = bars.get(phase);
      if (!bar) {
        bar = multi.create(Math.max(total, 1), 0, { phase: phase.padEnd(13) });
        bars.set(phase, bar);
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(done, { phase: phase.padEnd(13) });
    },
    stop: () => multi.stop(),
  };
}
