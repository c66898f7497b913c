/** `linkage generate` without flags writes the document `npm start` loads into an empty store. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemo } from '../../src/cli/serve';
import * as useCases from '../../src/runtime/use-cases';
import { loadConfig } from '../../src/shared/config';
import { systemClock } from '../../src/shared/clock';
import { cli } from './support';

describe('linkage generate', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-generate-'));
    process.env.LINKAGE_DATA_DIR = dir;
    delete process.env.REDIS_URL;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The document serve's seedDemo hands to the import use case. */
  async function seededDocument(): Promise<unknown> {
    let seen: unknown;
    jest.spyOn(useCases, 'importUseCase').mockImplementation(async (_s, raw) => {
      seen = raw;
      return { revision: 1, enterprises: 0, links: 0, statusReports: 0, inventories: 0, requests: 0 } as unknown as Awaited<ReturnType<typeof useCases.importUseCase>>;
    });
    const services = { config: loadConfig(), clock: systemClock, log: { info: () => undefined } };
    await seedDemo({ getEnterprise: async () => null } as never, services as never);
    expect(seen).toBeDefined();
    return JSON.parse(JSON.stringify(seen));
  }

  it('without flags, stdout and --out both hold exactly what npm start seeds (inventories and requests included)', async () => {
    const expected = (await seededDocument()) as Record<string, unknown[]>;
    expect(expected.inventories.length).toBeGreaterThan(0);
    expect(expected.requests.length).toBeGreaterThan(0);

    const r = await cli(['generate']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(expected);

    const file = path.join(dir, 'demo.json');
    const w = await cli(['generate', '--out', file]);
    expect(w.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(expected);
    expect(w.err).toMatch(/inventories, \d+ requests/);
  });

  it('with a scenario flag, the scenario those flags shape (no demo requests)', async () => {
    const r = await cli(['generate', '--enterprises', '300', '--seed', '7']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Record<string, unknown[]>;
    expect(doc.enterprises).toHaveLength(300);
    expect(doc).not.toHaveProperty('requests');
  });
});

describe('linkage analyze of what generate wrote', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-analyze-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('analyses the demo document, requests and all (they do not enter the analysis)', async () => {
    const file = path.join(dir, 'demo.json');
    expect((await cli(['generate', '--out', file])).code).toBe(0);
    const r = await cli(['analyze', file, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { chains: { state: string }[] };
    expect(out.chains.filter((c) => c.state === 'blocked')).toHaveLength(9);
  });
});
