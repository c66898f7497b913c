/** `linkage bench` / `npm run bench`: prints performance figures; never part of the test suite. */
import os from 'node:os';

// Each bench is loaded when it runs: `--only analysis` loads no queue, store or HTTP module,
// whose code and heap would otherwise sit in the process being measured.
const load = {
  alternates: () => require('./bench-alternates') as typeof import('./bench-alternates'),
  analysis: () => require('./bench-analysis') as typeof import('./bench-analysis'),
  follow: () => require('./bench-follow') as typeof import('./bench-follow'),
  import: () => require('./bench-import') as typeof import('./bench-import'),
  search: () => require('./bench-search') as typeof import('./bench-search'),
  snapshot: () => require('./bench-snapshot') as typeof import('./bench-snapshot'),
  runway: () => require('./bench-runway') as typeof import('./bench-runway'),
  tasks: () => require('./bench-tasks') as typeof import('./bench-tasks'),
};

export async function runBench(v: Record<string, string | boolean | undefined>): Promise<number> {
  const only = v.only as string | undefined;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`linkage bench — node ${process.version}, ${os.cpus().length} cores`);
  if (!only || only === 'analysis') await load.analysis().benchAnalysis({ sizes: v.quick ? [7_000] : undefined, log });
  if (!only || only === 'snapshot') await load.snapshot().benchSnapshot({ size: v.quick ? 20_000 : undefined, log });
  if (!only || only === 'runway') await load.runway().benchRunway({ sizes: v.quick ? [7_000] : undefined, log });
  if (!only || only === 'alternates') await load.alternates().benchAlternates({ log, largeSize: v.quick ? 20_000 : 200_000, hugeSize: v.quick ? 0 : 1_000_000 });
  if (!only || only === 'search') await load.search().benchSearch({ log, largeSize: v.quick ? 20_000 : 200_000 });
  if (!only || only === 'import') await load.import().benchImport({ links: v.quick ? 100_000 : 1_000_000, log });
  if (!only || only === 'tasks') await load.tasks().benchTasks({ tasks: v.quick ? 1_000 : 10_000, log });
  if (!only || only === 'follow') await load.follow().benchFollow({ log, ...(v.quick ? { visibilitySize: 20_000, cpuSizes: [50_000], writes: 16 } : {}) });
  return 0;
}
