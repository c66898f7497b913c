/**
 * The CLI's commands: a summary, usage and options each, and a `run` that loads the command's
 * module only when it runs (so `linkage --help` loads none of them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { REQUESTS_USAGE, TASKS_USAGE, TOKEN_USAGE } from './usage';
import { choiceArg, portArg } from './args';
import { csvColumnsHelp } from '../graph/csv-columns';
import type { Values } from './shared';

// Each command's module is required when the command runs (a plain require: it works under
// tsx, jest and a build alike), so `linkage --help` and `--version` load none of them.

const SERVE_ROLES = ['all', 'api', 'worker'] as const;

export interface Command {
  summary: string;
  usage: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: false }>;
  run(values: Values, positionals: string[]): Promise<number | void>;
}

export const COMMANDS: Record<string, Command> = {
  serve: {
    summary: 'run the API, the workers and the web UI',
    usage: 'linkage serve [--role all|api|worker] [--port N]',
    options: { role: { type: 'string' }, port: { type: 'string' } },
    run: async (v) => {
      // Checked before anything starts: a bad flag neither seeds the demo nor connects to Redis.
      const role = choiceArg(v.role, '--role', SERVE_ROLES) ?? 'all';
      const port = portArg(v.port);
      const { runServe } = require('./serve') as typeof import('./serve');
      await runServe({ role, port });
      return new Promise<number>(() => undefined);
    },
  },
  import: {
    summary: 'import a JSON document or a directory of CSV files into the store',
    usage:
      'linkage import FILE.json|DIR [--quiet]\n' +
      'linkage import --links FILE.csv --map supplier=COL,customer=COL[,part=COL] --industry SLUG --province P [--quiet]\n\n' +
      'DIR holds CSV files with a header row (UTF-8, or GBK/GB18030 as Chinese Excel saves them; "?" marks an optional column):\n' +
      `${csvColumnsHelp()}\n\n` +
      '--links: a plain supplier→customer edge list (header row; a title row before it is passed over). Enterprises it\n' +
      'names that the store lacks are created: role leader when it supplies nobody in the list, else supplier;\n' +
      'industry --industry; province --province (420000, 湖北, 湖北省 or Hubei); status resumed; name its id.\n' +
      'Parts: the part column as a slug, else the supplier id as a slug. Rows lacking a supplier or customer are skipped.',
    options: { quiet: { type: 'boolean', short: 'q' }, links: { type: 'string' }, map: { type: 'string' }, industry: { type: 'string' }, province: { type: 'string' } },
    run: async (v, positionals) => (require('./import') as typeof import('./import')).runImport(v, positionals),
  },
  export: {
    summary: 'write the whole store as an import document',
    usage: 'linkage export [FILE]   (stdout when FILE is omitted)',
    options: {},
    run: async (_v, [file]) => {
      const { withStore } = require('./shared') as typeof import('./shared');
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
    run: async (v) => (require('./generate') as typeof import('./generate')).runGenerate(v),
  },
  analyze: {
    summary: 'report blocked leaders, root causes and bottlenecks (of a document file, or of the store)',
    usage: 'linkage analyze [FILE.json|DIR] [--json] [--top N] [--alternates LEADER [--limit N]]',
    options: { json: { type: 'boolean' }, top: { type: 'string' }, alternates: { type: 'string' }, limit: { type: 'string' } },
    run: async (v, [source]) => (require('./analyze') as typeof import('./analyze')).runAnalyze(v, source),
  },
  token: {
    summary: 'print the admin token; create, list and revoke scoped tokens',
    usage: TOKEN_USAGE,
    options: { role: { type: 'string' }, province: { type: 'string' }, enterprise: { type: 'string' }, actor: { type: 'string' }, expires: { type: 'string' } },
    run: async (v, positionals) => (require('./token') as typeof import('./token')).runToken(v, positionals),
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
    run: async (v, positionals) => (require('./tasks') as typeof import('./tasks')).runTasks(v, positionals),
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
    run: async (v, positionals) => (require('./requests') as typeof import('./requests')).runRequests(v, positionals),
  },
  bench: {
    summary: 'print performance figures (analysis, import, tasks)',
    usage: 'linkage bench [--quick] [--only analysis|snapshot|runway|alternates|search|import|tasks|follow]',
    options: { quick: { type: 'boolean' }, only: { type: 'string' } },
    run: async (v) => (require('./bench') as typeof import('./bench')).runBench(v),
  },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`);
  return `linkage — coordination of key industrial chains\n\nUsage: linkage <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "linkage <command> --help" for a command's options, "linkage --version" for the version. Configuration comes from the environment (see README).\n`;
}
