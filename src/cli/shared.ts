/**
 * What every CLI command shares: the store helpers, the CLI's actor, document reading and the
 * usage lines. It imports no command, so a command module can be loaded first or alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { GraphStore } from '../graph';
import { readCsvDocument } from '../graph/csv';
import { createAuditStore, createStore } from '../runtime/context';
import type { WriteServices } from '../runtime/use-cases';
import { loadConfig } from '../shared/config';
import { systemClock } from '../shared/clock';
import { UsageError } from './usage';

export type Values = Record<string, string | boolean | undefined>;

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
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new UsageError(`${source}: no such file or directory`);
  }
  if (stat.isDirectory()) return readCsvDocument(source);
  if (/\.csv$/i.test(source)) {
    throw new UsageError(
      `${source} is a single CSV file: give the DIRECTORY holding enterprises.csv and links.csv (see "linkage import --help"), ` +
        'or a plain supplier→customer edge list with --links FILE --map supplier=COL,customer=COL,part=COL',
    );
  }
  const text = fs.readFileSync(source, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${source}: not a JSON import document (${(err as Error).message}); a CSV import takes a directory`);
  }
}

/** Who the CLI writes as in histories and the audit trail. */
export function cliActor(): string {
  return `cli:${process.env.LINKAGE_ACTOR ?? os.userInfo().username}`;
}
