/** `linkage bench` / `npm run bench`: prints performance figures; never part of the test suite. */
import os from 'node:os';
import { benchAlternates } from './bench-alternates';
import { benchAnalysis } from './bench-analysis';
import { benchFollow } from './bench-follow';
import { benchImport } from './bench-import';
import { benchSearch } from './bench-search';
import { benchSnapshot } from './bench-snapshot';
import { benchRunway } from './bench-runway';
import { benchTasks } from './bench-tasks';

export async function runBench(v: Record<string, string | boolean | undefined>): Promise<number> {
  const only = v.only as string | undefined;
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`linkage bench — node ${process.version}, ${os.cpus().length} cores`);
  if (!only || only === 'analysis') await benchAnalysis({ sizes: v.quick ? [7_000] : undefined, log });
  if (!only || only === 'snapshot') await benchSnapshot({ size: v.quick ? 20_000 : undefined, log });
  if (!only || only === 'runway') await benchRunway({ sizes: v.quick ? [7_000] : undefined, log });
  if (!only || only === 'alternates') await benchAlternates({ log, largeSize: v.quick ? 20_000 : 200_000, hugeSize: v.quick ? 0 : 1_000_000 });
  if (!only || only === 'search') await benchSearch({ log, largeSize: v.quick ? 20_000 : 200_000 });
  if (!only || only === 'import') await benchImport({ links: v.quick ? 100_000 : 1_000_000, log });
  if (!only || only === 'tasks') await benchTasks({ tasks: v.quick ? 1_000 : 10_000, log });
  if (!only || only === 'follow') await benchFollow({ log, ...(v.quick ? { visibilitySize: 20_000, cpuSizes: [50_000], writes: 16 } : {}) });
  return 0;
}
