/**
 * A SQLite store file holding a generated benchmark network, made once and kept in the
 * system's temporary directory (a million enterprises and six million links take a minute to
 * write and half a gigabyte of disk): later runs of the benchmark reuse it.
 *
 * Rows are written straight into the store's tables, not through `linkage import`: what the
 * benchmarks time is reading the store (snapshot()), and import has its own benchmark.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../graph';
import { openSqlite } from '../infra/sqlite/open';
import type { CompactNetwork } from '../analysis';

/** Bump when the tables or the generator change: old files are then made again. */
const FILE_VERSION = 1;

const ROLES = ['supplier', 'leader'] as const;
const STATUSES = ['resumed', 'partial', 'suspended'] as const;

/** The file for this network (made when missing); `make` generates the network only then. */
export async function benchStoreFile(name: string, make: () => CompactNetwork, log: (line: string) => void): Promise<string> {
  const file = path.join(os.tmpdir(), `linkage-bench-${name}-v${FILE_VERSION}.sqlite`);
  if (fs.existsSync(file)) return file;
  const t0 = performance.now();
  const partial = `${file}.${process.pid}.tmp`;
  const store = new SqliteStore({ file: partial });
  await store.init();
  await store.close();
  const net = make();
  const db = openSqlite(partial);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = OFF');
    const enterprise = db.prepare('INSERT INTO enterprise (id, name, role, industry, province, status, since) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const link = db.prepare('INSERT INTO link (supplier, customer, part, critical) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < net.ids.length; i++) {
        enterprise.run(
          net.ids[i],
          `Enterprise ${net.ids[i]}`,
          ROLES[net.role[i]],
          net.industries[net.industryOf[i]],
          net.provinces[net.provinceOf[i]],
          STATUSES[net.status[i]],
          '2020-01-01',
        );
      }
      for (let k = 0; k < net.linkSupplier.length; k++) {
        link.run(net.ids[net.linkSupplier[k]], net.ids[net.linkCustomer[k]], net.parts[net.linkPart[k]], net.linkCritical[k]);
      }
      db.prepare("UPDATE counter SET value = 1 WHERE name = 'revision'").run();
    })();
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  fs.renameSync(partial, file);
  log(`  (wrote ${file} in ${((performance.now() - t0) / 1000).toFixed(1)} s; later runs reuse it)`);
  return file;
}
