/**
 * Hostile input: generated malformed requests against every write endpoint must never cause
 * a 5xx, must leave the server up, and must not change the store (its export stays
 * byte-identical). Every request is invalid by construction: a valid body with one
 * corruption that the contract says must be rejected, or bytes that are not JSON.
 */
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../integration/harness';
import { ent } from '../support/enterprises';

const RUNS = 10_000;

const DOC = {
  enterprises: [ent('L1', 'leader', '440000'), ent('S1', 'supplier', '420000'), ent('S2', 'supplier', '310000')],
  links: [
    { supplier: 'S1', customer: 'L1', part: 'seats' },
    { supplier: 'S2', customer: 'S1', part: 'foam' },
  ],
  statusReports: [{ enterprise: 'S1', status: 'suspended' as const, asOf: '2020-02-23' }],
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values that are never valid where a slug, id, enum, date, number or boolean is expected. */
const hostile = fc.oneof(
  fc.constantFrom<Json>(
    null,
    '',
    ' ',
    "'; DROP TABLE enterprise; --",
    'MATCH (n) DETACH DELETE n',
    '<script>alert(1)</script>',
    '\u0000',
    '🚗'.repeat(100),
    'x'.repeat(70_000),
    -1,
    101,
    1e308,
    [],
    {},
    { $ne: null },
    '2020-02-30',
    '999999',
    'SUSPENDED',
    'bad id!',
  ),
  fc.string({ maxLength: 3 }).map((s) => `${s}@#`),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** Replaces the value at one path of a valid body with a hostile value (never valid there). */
function corrupt(body: Record<string, unknown>, keyPaths: string[][]) {
  return fc.record({ path: fc.constantFrom(...keyPaths), value: hostile, mode: fc.constantFrom('replace', 'drop', 'extra') }).map(({ path, value, mode }) => {
    const copy = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
    let target: any = copy;
    for (const k of path.slice(0, -1)) target = target[k];
    const last = path[path.length - 1];
    if (mode === 'drop' && !optional(path)) delete target[last];
    else if (mode === 'extra') target[`unknown_${last}`] = value;
    else target[last] = hostileFor(path, value);
    return copy;
  });
}

/** Fields whose absence is valid, and values that happen to be valid for a field, are corrupted differently. */
function optional(path: string[]): boolean {
  return ['critical', 'capacityPct', 'asOf', 'note', 'size', 'city', 'uscc', 'contact'].includes(path[path.length - 1]) || path.length === 1;
}
function hostileFor(path: string[], value: Json): Json {
  const field = path[path.length - 1];
  // An empty list is a valid list: a whole section must be replaced by something that is not one.
  if (['enterprises', 'links', 'statusReports', 'resume', 'suspend', 'suspendProvinces'].includes(field) && Array.isArray(value)) return 'not-a-list';
  // A free-text field accepts any string up to its limit: make it too long or not a string.
  if (['name', 'note', 'city', 'contact'].includes(field)) return typeof value === 'string' ? 'x'.repeat(5_000) : value === null ? 42 : value;
  // A well-formed id or slug is a new enterprise or part, not an error: make it ill-formed.
  if (['id', 'industry', 'part'].includes(field) && typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value)) return `${value} !`;
  if (['capacityPct'].includes(field) && typeof value === 'number' && value >= 0 && value <= 100) return 101;
  return value;
}

const importPaths = [
  ['enterprises', '0', 'id'],
  ['enterprises', '0', 'name'],
  ['enterprises', '0', 'role'],
  ['enterprises', '1', 'province'],
  ['enterprises', '1', 'status'],
  ['enterprises', '2', 'industry'],
  ['links', '0', 'supplier'],
  ['links', '0', 'customer'],
  ['links', '1', 'part'],
  ['links', '1', 'critical'],
  ['statusReports', '0', 'status'],
  ['statusReports', '0', 'asOf'],
  ['statusReports', '0', 'enterprise'],
  ['enterprises'],
  ['links'],
];
const statusBody = { status: 'partial', capacityPct: 50, asOf: '2020-03-01', note: 'half shift' };
const statusPaths = [['status'], ['capacityPct'], ['asOf'], ['note']];
const whatIfBody = { resume: ['S1'], suspend: ['S2'], suspendProvinces: ['420000'] };
const whatIfPaths = [['resume', '0'], ['suspend', '0'], ['suspendProvinces', '0'], ['resume'], ['suspendProvinces']];
const tokenBody = { role: 'liaison', province: '420000', actor: 'fuzz' };
const tokenPaths = [['role'], ['province']];

const request = fc.oneof(
  corrupt({ ...DOC, enterprises: DOC.enterprises.map((e) => ({ ...e, name: `${e.name} v2` })) }, importPaths).map((b) => ({ method: 'POST', path: '/api/import', body: b })),
  corrupt(statusBody, statusPaths).map((b) => ({ method: 'PUT', path: '/api/enterprises/S1/status', body: b })),
  fc.constantFrom('S1', 'NOPE', 'bad%20id', '..%2F..%2Fetc').map((id) => ({ method: 'PUT', path: `/api/enterprises/${id}/status`, body: { status: 'closed' } })),
  corrupt(whatIfBody, whatIfPaths).map((b) => ({ method: 'POST', path: '/api/what-if', body: b })),
  corrupt(tokenBody, tokenPaths).map((b) => ({ method: 'POST', path: '/api/tokens', body: b })),
  fc.record({
    method: fc.constantFrom('POST', 'PUT'),
    path: fc.constantFrom('/api/import', '/api/enterprises/S1/status', '/api/what-if', '/api/tokens'),
    raw: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"a":', '[1,2', 'null', '"x"', '{"enterprises": {}}', '\u0000\u0001')),
  }),
);

describe('hostile input', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ doc: DOC, env: { LINKAGE_RATE_LIMIT_PER_MINUTE: '0' } });
  });
  afterAll(async () => {
    await srv.close();
  });

  it(`${RUNS.toLocaleString('en')} malformed write requests: no 5xx, the server stays up, the store is unchanged`, async () => {
    const before = JSON.stringify(await srv.services.store.exportDocument());
    const revision = await srv.services.store.revision();
    const tokensBefore = (await srv.services.tokenStore.list()).length;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r: any) => {
        const res = await srv.api(r.method, r.path, r.body, r.raw !== undefined ? { raw: r.raw } : {});
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) throw new Error(`${r.method} ${r.path} → ${res.status}: ${JSON.stringify(res.body)}`);
        // The what-if endpoint writes nothing; anything else that says 2xx wrote something it must not have.
        if (res.status < 300 && r.path !== '/api/what-if') throw new Error(`accepted: ${r.method} ${r.path} ${JSON.stringify(r.body ?? r.raw)}`);
      }),
      { numRuns: RUNS, seed: 20200324 },
    );
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
    expect((await srv.api('GET', '/api/health')).status).toBe(200);
    expect(JSON.stringify(await srv.services.store.exportDocument())).toBe(before);
    expect(await srv.services.store.revision()).toBe(revision);
    expect((await srv.services.tokenStore.list()).length).toBe(tokensBefore);
  }, 300_000);

  it('rate-limits a token that sends too many requests', async () => {
    const limited = await startTestServer({ doc: DOC, env: { LINKAGE_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) codes.push((await limited.api('GET', '/api/chains')).status);
      expect(codes.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(codes.slice(5)).toEqual([429, 429]);
      const res = await limited.api('GET', '/api/chains');
      expect(res.body.error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });

  it('sends security headers', async () => {
    const res = await srv.api('GET', '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-request-id')).toMatch(/[0-9a-f-]{36}/);
  });
});
