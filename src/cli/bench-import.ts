/**
 * Import benchmark: a generated document with 1M links into a fresh SQLite store, through
 * the same validation and transaction as `linkage import`, with progress shown.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importDocument, SqliteStore } from '../graph';
import type { ImportDocument } from '../graph';
import { importProgress } from './progress';

export interface ImportBenchFigures {
  enterprises: number;
  links: number;
  generateSeconds: number;
  importSeconds: number;
  rowsPerSecond: number;
  exportSeconds: number;
  peakRssMb: number;
}

/** A layered network: every customer gets `perCustomer` critical links from the next layer up. */
export function benchDocument(links: number, perCustomer = 5): ImportDocument {
  const customers = Math.ceil(links / perCustomer);
  const n = customers + Math.ceil(customers / 4);
  const provinces = ['420000', '440000', '310000', '320000', '330000', '500000', '510000', '220000'];
  const enterprises: ImportDocument['enterprises'] = new Array(n);
  for (let i = 0; i < n; i++) {
    enterprises[i] = {
      id: `E${i}`,
      name: `Enterprise ${i}`,
      role: i < 50 ? 'leader' : 'supplier',
      industry: i % 2 ? 'electronics' : 'automotive',
      province: provinces[i % provinces.length],
      status: i % 10 === 0 ? 'suspended' : 'resumed',
    };
  }
  const out: ImportDocument['links'] = [];
  for (let c = 0; c < customers && out.length < links; c++) {
    for (let k = 0; k < perCustomer && out.length < links; k++) {
      const s = c + 1 + ((c * 7 + k * 13) % (n - c - 1 || 1));
      if (s === c || s >= n) continue;
      out.push({ supplier: `E${s}`, customer: `E${c}`, part: `part-${k % 3}`, critical: k !== 4 });
    }
  }
  return { enterprises, links: out, statusReports: [] };
}

export async function benchImport(opts: { links?: number; log?: (line: string) => void; progress?: boolean } = {}): Promise<ImportBenchFigures> {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const links = opts.links ?? 1_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-bench-'));
  const store = new SqliteStore({ file: path.join(dir, 'bench.sqlite') });
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    await store.init();
    let t = performance.now();
    const doc = benchDocument(links);
    const generateSeconds = (performance.now() - t) / 1000;
    const progress = importProgress(opts.progress ?? true);
    t = performance.now();
    await importDocument(store, doc, { actor: 'bench', now: new Date() }, progress.update);
    progress.stop();
    const importSeconds = (performance.now() - t) / 1000;
    t = performance.now();
    const exported = await store.exportDocument();
    const exportSeconds = (performance.now() - t) / 1000;
    if (exported.links.length !== doc.links.length) throw new Error('bench: export lost links');
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const figures = {
      enterprises: doc.enterprises.length,
      links: doc.links.length,
      generateSeconds,
      importSeconds,
      rowsPerSecond: Math.round((doc.enterprises.length + doc.links.length) / importSeconds),
      exportSeconds,
      peakRssMb: Math.round(peak / 1024 / 1024),
    };
    log(
      `import  ${figures.enterprises.toLocaleString('en')} enterprises + ${figures.links.toLocaleString('en')} links into SQLite: ` +
        `${importSeconds.toFixed(1)} s (${figures.rowsPerSecond.toLocaleString('en')} rows/s, validation included); export ${exportSeconds.toFixed(1)} s; peak RSS ${figures.peakRssMb} MB`,
    );
    return figures;
  } finally {
    clearInterval(sample);
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
