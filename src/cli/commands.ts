/** The CLI's commands. Each is small: parse options, call the use case, print. */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { GraphStore } from '../graph';
import { readCsvDocument } from '../graph/csv';
import { createAuditStore, createStore } from '../runtime/context';
import { importUseCase, type WriteServices } from '../runtime/use-cases';
import { loadConfig } from '../shared/config';
import { systemClock } from '../shared/clock';
import { importProgress } from './progress';
import { runAnalyze } from './analyze';
import { runGenerate } from './generate';
import { runServe } from './serve';
import { runBench } from './bench';
import { runToken, TOKEN_USAGE } from './token';
import { runTasks, TASKS_USAGE } from './tasks';
import { runRequests, REQUESTS_USAGE } from './requests';
import { openRequestService } from '../coordination';

type Values = Record<string, string | boolean | undefined>;

export interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: false }>;
  run(values: Values, positionals: string[]): Promise<number | void>;
}

export async function withStore<T>(fn: (store: GraphStore) => Promise<T>): Promise<T> {
  return withWriter((s) => fn(s.store));
}

/** The store with its audit trail, for commands that write. */
export async function withWriter<T>(fn: (s: WriteServices) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = createStore(config);
  const audit = createAuditStore(config);
  try {
    await store.init();
    await audit.init();
    return await fn({ store, audit, clock: systemClock, config });
  } finally {
    await store.close();
    await audit.close();
  }
}

/** Reads a JSON document file or a CSV directory into a raw document. */
export async function readDocument(source: string): Promise<unknown> {
  const stat = fs.statSync(source);
  if (stat.isDirectory()) return readCsvDocument(source);
  return JSON.parse(fs.readFileSync(source, 'utf8'));
}

/** Who the CLI writes as in histories and the audit trail. */
export function cliActor(): string {
  return `cli:${process.env.LINKAGE_ACTOR ?? os.userInfo().username}`;
}

export const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'run the API, the workers and the web UI',
    usage: 'linkage serve [--role all|api|worker] [--port N]',
    options: { role: { type: 'string' }, port: { type: 'string' } },
    run: async (v) => {
      const role = (v.role as string | undefined) ?? 'all';
      if (!['all', 'api', 'worker'].includes(role)) throw new Error(`--role must be all, api or worker (got "${role}")`);
      await runServe({ role: role as 'all' | 'api' | 'worker', port: v.port === undefined ? undefined : Number(v.port) });
      return new Promise<number>(() => undefined);
    },
  },
  import: {
    summary: 'import a JSON document or a directory of CSV files into the store',
    usage: 'linkage import FILE.json|DIR [--quiet]   (DIR holds enterprises.csv, links.csv, status-reports.csv, inventories.csv, requests.csv)',
    options: { quiet: { type: 'boolean', short: 'q' } },
    run: async (v, [source]) => {
      if (!source) throw new Error('import needs a FILE or DIR');
      const started = Date.now();
      const raw = await readDocument(source);
      const progress = importProgress(!v.quiet);
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
      } finally {
        progress.stop();
      }
    },
  },
  export: {
    summary: 'write the whole store as an import document',
    usage: 'linkage export [FILE]   (stdout when FILE is omitted)',
    options: {},
    run: async (_v, [file]) => {
      const doc = await withStore((store) => store.exportDocument());
      const text = `${JSON.stringify(doc, null, 1)}\n`;
      if (file) fs.writeFileSync(path.resolve(file), text);
      else process.stdout.write(text);
    },
  },
  generate: {
    summary: 'write the seeded demonstration scenario (or a benchmark graph) as an import document',
    usage: 'linkage generate [--seed N] [--leaders N] [--suppliers N] [--enterprises N] [--as-of YYYY-MM-DD] [--no-history] [--out FILE]',
    options: {
      seed: { type: 'string' },
      leaders: { type: 'string' },
      suppliers: { type: 'string' },
      enterprises: { type: 'string' },
      'as-of': { type: 'string' },
      'no-history': { type: 'boolean' },
      out: { type: 'string', short: 'o' },
    },
    run: (v) => runGenerate(v),
  },
  analyze: {
    summary: 'report blocked leaders, root causes and bottlenecks (of a document file, or of the store)',
    usage: 'linkage analyze [FILE.json|DIR] [--json] [--top N] [--alternates LEADER [--limit N]]',
    options: { json: { type: 'boolean' }, top: { type: 'string' }, alternates: { type: 'string' }, limit: { type: 'string' } },
    run: (v, [source]) => runAnalyze(v, source),
  },
  token: {
    summary: 'print the admin token; create, list and revoke scoped tokens',
    usage: TOKEN_USAGE,
    options: { role: { type: 'string' }, province: { type: 'string' }, enterprise: { type: 'string' }, actor: { type: 'string' }, expires: { type: 'string' } },
    run: (v, positionals) => runToken(v, positionals),
  },
  tasks: {
    summary: 'list, show and move coordination tasks (ack, start, resolve) in the store',
    usage: TASKS_USAGE,
    options: {
      province: { type: 'string' },
      state: { type: 'string' },
      escalated: { type: 'boolean' },
      json: { type: 'boolean' },
      note: { type: 'string' },
    },
    run: (v, positionals) => runTasks(v, positionals),
  },
  requests: {
    summary: 'list, show and move enterprise requests (accept, start, resolve, reject) in the store',
    usage: REQUESTS_USAGE,
    options: {
      province: { type: 'string' },
      state: { type: 'string' },
      category: { type: 'string' },
      enterprise: { type: 'string' },
      escalated: { type: 'boolean' },
      json: { type: 'boolean' },
      note: { type: 'string' },
      reason: { type: 'string' },
    },
    run: (v, positionals) => runRequests(v, positionals),
  },
  bench: {
    summary: 'print performance figures (analysis, import, tasks)',
    usage: 'linkage bench [--quick] [--only analysis|runway|alternates|search|import|tasks]',
    options: { quick: { type: 'boolean' }, only: { type: 'string' } },
    run: (v) => runBench(v),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`);
  return `linkage — coordination of key industrial chains\n\nUsage: linkage <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "linkage <command> --help" for a command's options. Configuration comes from the environment (see README).\n`;
}
