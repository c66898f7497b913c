/**
 * The `linkage` command line: one small function per command, arguments parsed with
 * node:util parseArgs. Errors leave as one line on stderr with exit code 1 (2 for usage).
 */
import { parseArgs } from 'node:util';
import { LinkageError } from '../shared/errors';
import { COMMANDS, usage } from './commands';
import { UsageError } from './usage';

/** The package's version, as `linkage --version` prints it. */
export const VERSION: string = (require('../../package.json') as { version: string }).version;

let pipeWatched = false;

/**
 * A reader that goes away (`linkage tasks list --json | head`) ends the command quietly, as
 * with any Unix tool, instead of an EPIPE stack trace. Other stdout errors stay errors.
 */
export function exitQuietlyOnClosedPipe(stream: NodeJS.WriteStream = process.stdout, exit: (code: number) => void = (c) => process.exit(c)): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(0);
    else throw err;
  });
}

export async function run(argv: string[]): Promise<number> {
  if (!pipeWatched) {
    pipeWatched = true;
    exitQuietlyOnClosedPipe(process.stdout);
    exitQuietlyOnClosedPipe(process.stderr);
  }
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`linkage ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`linkage: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    process.stderr.write(`linkage ${name}: ${(err as Error).message}\n${command.usage}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return (await command.run(parsed.values as Record<string, string | boolean | undefined>, parsed.positionals)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`linkage ${name}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof LinkageError) {
      process.stderr.write(`linkage ${name}: ${err.message}\n`);
      for (const d of (err.details ?? []).slice(0, 50)) process.stderr.write(`  ${d.path}: ${d.message}\n`);
      if ((err.details?.length ?? 0) > 50) process.stderr.write(`  … and ${err.details!.length - 50} more\n`);
    } else {
      process.stderr.write(`linkage ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    return 1;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
