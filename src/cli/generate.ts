/**
 * `linkage generate`: the seeded scenario as an import document, to a file or stdout. Without
 * flags it is the document `npm start` loads into an empty store (the 2020 scenario as of
 * DEMO_AS_OF, with the requests of its suspended enterprises); with any scenario flag, the
 * scenario those flags shape.
 */
import fs from 'node:fs';
import { demoRequests, generateScenario, type ScenarioOptions } from '../scenario';
import { isIsoDate } from '../graph';
import { DEFAULTS } from '../shared/config';
import { UsageError } from './usage';

function int(v: string | boolean | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(String(v).replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number (got "${v}")`);
  return n;
}

/** The flags that shape a scenario; none of them: the demonstration document. */
const SCENARIO_FLAGS = ['seed', 'leaders', 'suppliers', 'enterprises', 'as-of', 'no-history'] as const;

/** What `npm start` (serve's seedDemo) imports into an empty store. */
export function demoDocument(): ReturnType<typeof generateScenario> & { requests: ReturnType<typeof demoRequests> } {
  const doc = generateScenario({ asOf: DEFAULTS.DEMO_AS_OF });
  return { ...doc, requests: demoRequests(doc, DEFAULTS.DEMO_AS_OF) };
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
  const doc: Record<string, unknown> & ReturnType<typeof generateScenario> = SCENARIO_FLAGS.some((f) => v[f] !== undefined) ? generateScenario(opts) : demoDocument();
  const out = v.out as string | undefined;
  // Every section the document has (inventories and requests too).
  const sections = Object.keys(doc).filter((k) => Array.isArray(doc[k]));
  if (out) {
    const fd = fs.openSync(out, 'w');
    try {
      // Written section by section: a million-enterprise document is too large for one string.
      fs.writeSync(fd, '{\n');
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
    process.stderr.write(`wrote ${out}: ${sections.map((k) => `${(doc[k] as unknown[]).length} ${k}`).join(', ')}\n`);
  } else {
    process.stdout.write(`${JSON.stringify(doc)}\n`);
  }
  return 0;
}
