/** `linkage generate`: the seeded scenario as an import document, to a file or stdout. */
import fs from 'node:fs';
import { generateScenario, type ScenarioOptions } from '../scenario';
import { isIsoDate } from '../graph';
import { UsageError } from './usage';

function int(v: string | boolean | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(String(v).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number (got "${v}")`);
  return n;
}

export async function runGenerate(v: Record<string, string | boolean | undefined>): Promise<number> {
  const asOf = v['as-of'] as string | undefined;
  if (asOf !== undefined && !isIsoDate(asOf)) throw new UsageError(`--as-of must be a date YYYY-MM-DD (got "${asOf}")`);
  const opts: ScenarioOptions = {
    seed: int(v.seed, 'seed'),
    leaders: int(v.leaders, 'leaders'),
    suppliers: int(v.suppliers, 'suppliers'),
    enterprises: int(v.enterprises, 'enterprises'),
    asOf,
    history: v['no-history'] ? false : undefined,
  };
  const doc = generateScenario(opts);
  const out = v.out as string | undefined;
  if (out) {
    const fd = fs.openSync(out, 'w');
    try {
      // Written section by section: a million-enterprise document is too large for one string.
      fs.writeSync(fd, '{\n');
      const sections = ['enterprises', 'links', 'statusReports'] as const;
      sections.forEach((key, k) => {
        fs.writeSync(fd, `"${key}": [\n`);
        const rows = doc[key] as unknown[];
        for (let i = 0; i < rows.length; i += 10_000) {
          const chunk = rows.slice(i, i + 10_000).map((r) => JSON.stringify(r));
          fs.writeSync(fd, chunk.join(',\n') + (i + 10_000 < rows.length ? ',\n' : '\n'));
        }
        fs.writeSync(fd, k < sections.length - 1 ? '],\n' : ']\n');
      });
      fs.writeSync(fd, '}\n');
    } finally {
      fs.closeSync(fd);
    }
    process.stderr.write(`wrote ${out}: ${doc.enterprises.length} enterprises, ${doc.links.length} links, ${doc.statusReports.length} status reports\n`);
  } else {
    process.stdout.write(`${JSON.stringify(doc)}\n`);
  }
  return 0;
}
