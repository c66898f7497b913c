/** `linkage import`: a JSON document or a CSV directory into the store, with progress on stderr. */
import { openRequestService } from '../coordination';
import { importUseCase } from '../runtime/use-cases';
import { systemClock } from '../shared/clock';
import { loadConfig } from '../shared/config';
import { importProgress } from './progress';
import { cliActor, readDocument, withWriter, type Values } from './shared';
import { UsageError } from './usage';

/** Imports a raw (not yet validated) document, as the CLI's actor; prints the counts as one JSON line. */
export async function importRaw(raw: unknown, quiet: boolean, started = Date.now()): Promise<number> {
  const progress = importProgress(!quiet);
  try {
    const out = await withWriter(async (s) => {
      // A document with requests (§9) writes them beside the tasks, whose outbox carries them.
      const hasRequests = typeof raw === 'object' && raw !== null && 'requests' in raw;
      const opened = hasRequests ? await openRequestService(loadConfig(), (id) => s.store.getEnterprise(id), systemClock) : null;
      try {
        return await importUseCase({ ...s, requests: opened?.service }, raw, cliActor(), progress.update);
      } finally {
        await opened?.close();
      }
    });
    progress.stop();
    process.stdout.write(`${JSON.stringify({ ...out, seconds: (Date.now() - started) / 1000 })}\n`);
    return 0;
  } finally {
    progress.stop();
  }
}

export async function runImport(v: Values, [source]: string[]): Promise<number> {
  if (v.links !== undefined) {
    if (source) throw new UsageError('give either FILE.json|DIR or --links FILE, not both');
    return (require('./import-links') as typeof import('./import-links')).runImportLinks(v);
  }
  for (const flag of ['map', 'industry', 'province'] as const) if (v[flag] !== undefined) throw new UsageError(`--${flag} goes with --links FILE`);
  if (!source) throw new UsageError('import needs a FILE or DIR');
  const started = Date.now();
  return importRaw(await readDocument(source), Boolean(v.quiet), started);
}
