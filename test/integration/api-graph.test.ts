import { startTestServer, type TestServer } from './harness';

const ent = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  name: `Enterprise ${id}`,
  role: 'supplier',
  industry: 'automotive',
  province: '420000',
  status: 'resumed',
  ...over,
});

const DOC = {
  enterprises: [ent('L1', { role: 'leader', province: '440000' }), ent('S1'), ent('S2', { province: '310000' })],
  links: [
    { supplier: 'S1', customer: 'L1', part: 'seats' },
    { supplier: 'S2', customer: 'S1', part: 'foam' },
  ],
  statusReports: [],
};

describe('HTTP API: graph, import and status reports', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer();
  });
  afterEach(async () => {
    await srv.close();
  });

  it('answers health without a token and readiness with its checks', async () => {
    expect(await srv.api('GET', '/api/health', undefined, { token: null })).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await srv.api('GET', '/api/ready', undefined, { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ store: 'ok', analysis: 'ok' });
  });

  it('rejects a missing or invalid token with 401 and the error shape', async () => {
    const missing = await srv.api('GET', '/api/chains', undefined, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    expect((await srv.api('GET', '/api/chains', undefined, { token: 'nope' })).status).toBe(401);
  });

  it('imports a document and returns counts with a new revision', async () => {
    const res = await srv.api('POST', '/api/import', DOC);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 1, enterprises: 3, links: 2, statusReports: 0 });
    const again = await srv.api('POST', '/api/import', DOC);
    expect(again.body).toMatchObject({ revision: 1, changed: { enterprises: 0, links: 0, statusReports: 0 } });
  });

  it('rejects an invalid import with 400, every problem by path, and writes nothing', async () => {
    await srv.api('POST', '/api/import', DOC);
    const res = await srv.api('POST', '/api/import', {
      enterprises: [ent('S3', { province: '000000' })],
      links: [
        { supplier: 'S3', customer: 'X', part: 'seats' },
        { supplier: 'S1', customer: 'S1', part: 'seats' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'enterprises[0].province', message: expect.any(String) },
        { path: 'links[0].customer', message: 'unknown enterprise "X"' },
        { path: 'links[1].customer', message: expect.stringContaining('itself') },
      ]),
    );
    expect((await srv.api('GET', '/api/enterprises/S3')).status).toBe(404);
    expect(await srv.services.store.revision()).toBe(1);
  });

  it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
    await srv.api('POST', '/api/import', DOC);
    const bad = await srv.api('PUT', '/api/enterprises/S1/status', undefined, { raw: '{"status": ' });
    expect(bad.status).toBe(400);
    const big = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'resumed', note: 'x'.repeat(1_100_000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('payload_too_large');
  });

  it('accepts an import document larger than 64 MB', async () => {
    const n = 240_000;
    const pad = 'x'.repeat(180);
    const enterprises = Array.from({ length: n }, (_, i) => ent(`B${i}`, { name: `${pad}${i}` }));
    const body = JSON.stringify({ enterprises });
    expect(body.length).toBeGreaterThan(64 * 1024 * 1024);
    const res = await srv.api('POST', '/api/import', undefined, { raw: body });
    expect(res.status).toBe(200);
    expect(res.body.enterprises).toBe(n);
  }, 120_000);

  it('reports a status, moves the revision and answers it in the history newest first', async () => {
    await srv.api('POST', '/api/import', DOC);
    const put = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'suspended', asOf: '2020-03-01', note: '停工' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ revision: 2, enterprise: 'S1', status: 'suspended', asOf: '2020-03-01', note: '停工', reporter: 'admin' });
    const today = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'partial', capacityPct: 50 });
    expect(today.body).toMatchObject({ revision: 3, asOf: '2020-03-24' });
    const history = await srv.api('GET', '/api/enterprises/S1/status-history?limit=1');
    expect(history.body.reports.map((r: { status: string }) => r.status)).toEqual(['partial']);
    const next = await srv.api('GET', `/api/enterprises/S1/status-history?limit=1&cursor=${history.body.nextCursor}`);
    expect(next.body.reports.map((r: { status: string }) => r.status)).toEqual(['suspended']);
    expect(next.body.nextCursor).toBeNull();
  });

  it('validates status bodies by field path and 404s unknown enterprises', async () => {
    await srv.api('POST', '/api/import', DOC);
    const bad = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'closed', capacityPct: 140, extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['capacityPct', 'extra', 'status']);
    expect((await srv.api('PUT', '/api/enterprises/NOPE/status', { status: 'resumed' })).status).toBe(404);
  });

  it("shows an enterprise with its availability, which follows its suppliers' status", async () => {
    await srv.api('POST', '/api/import', DOC);
    expect((await srv.api('GET', '/api/enterprises/L1')).body).toMatchObject({ id: 'L1', currentStatus: 'resumed', availability: 'operating' });
    const put = await srv.api('PUT', '/api/enterprises/S2/status', { status: 'suspended' });
    const l1 = await srv.api('GET', `/api/enterprises/L1?minRevision=${put.body.revision}`);
    expect(l1.body).toMatchObject({ availability: 'blocked', revision: put.body.revision });
    expect((await srv.api('GET', '/api/enterprises/S2')).body.availability).toBe('down');
  });

  it('answers 503 with retryAfter when minRevision is not reached in time', async () => {
    const res = await srv.api('GET', '/api/chains?minRevision=99');
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'not_ready', retryAfter: expect.any(Number) });
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await srv.api('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});

describe('"today" in the deployment\'s time zone (LINKAGE_TIME_ZONE)', () => {
  // 2020-03-23T23:30Z is 07:30 on the 24th in Beijing: still the 23rd in UTC.
  const LATE_UTC = '2020-03-23T23:30:00Z';

  it('dates a report without asOf, by PUT or by import, and defaults the statistics date, in that zone', async () => {
    const srv = await startTestServer({ env: { LINKAGE_TIME_ZONE: 'Asia/Shanghai' } });
    try {
      await srv.api('POST', '/api/import', DOC);
      srv.clock.set(LATE_UTC);
      const put = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'suspended' });
      expect(put.body.asOf).toBe('2020-03-24');
      await srv.api('POST', '/api/import', { enterprises: [], links: [], statusReports: [{ enterprise: 'S2', status: 'partial' }] });
      const history = await srv.api('GET', '/api/enterprises/S2/status-history');
      expect(history.body.reports.map((r: { asOf: string }) => r.asOf)).toEqual(['2020-03-24']);
      expect((await srv.api('GET', '/api/stats/resumption')).body.date).toBe('2020-03-24');
    } finally {
      await srv.close();
    }
  });

  it('is UTC unless configured', async () => {
    const srv = await startTestServer();
    try {
      await srv.api('POST', '/api/import', DOC);
      srv.clock.set(LATE_UTC);
      expect((await srv.api('PUT', '/api/enterprises/S1/status', { status: 'suspended' })).body.asOf).toBe('2020-03-23');
      expect((await srv.api('GET', '/api/stats/resumption')).body.date).toBe('2020-03-23');
    } finally {
      await srv.close();
    }
  });

  it('refuses a zone the runtime does not know, by variable name', async () => {
    await expect(startTestServer({ env: { LINKAGE_TIME_ZONE: 'Mars/Olympus_Mons' } })).rejects.toThrow(/LINKAGE_TIME_ZONE: must be an IANA time zone/);
  });
});
