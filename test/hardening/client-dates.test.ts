/**
 * CONTRACT §1: a date a client sends more than one day after today in LINKAGE_TIME_ZONE, or
 * before 2000-01-01, is rejected by path, and nothing is written. The server's clock is
 * 2020-03-24T08:00Z; in Asia/Shanghai that is already 16:00 on the 24th, in UTC 08:00.
 */
import { startTestServer, type TestServer } from '../integration/harness';
import { ent } from '../support/enterprises';

describe('client dates are in [2000-01-01, tomorrow]', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ doc: { enterprises: [ent('S1'), ent('L1', 'leader')], links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }] } });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('a status report dated 9999-12-31 is a 400 at asOf, and the history stays empty', async () => {
    const res = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'suspended', asOf: '9999-12-31' });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'asOf', message: expect.stringMatching(/one day after today \(2020-03-25/) }]);
    expect((await srv.api('GET', '/api/enterprises/S1/status-history')).body.reports).toEqual([]);
  });

  it('tomorrow is accepted, the day after is not; 2000-01-01 is, the day before is not', async () => {
    expect((await srv.api('PUT', '/api/enterprises/S1/status', { status: 'partial', asOf: '2020-03-25' })).status).toBe(200);
    expect((await srv.api('PUT', '/api/enterprises/S1/status', { status: 'partial', asOf: '2020-03-26' })).status).toBe(400);
    expect((await srv.api('PUT', '/api/enterprises/S1/status', { status: 'partial', asOf: '2000-01-01' })).status).toBe(200);
    const old = await srv.api('PUT', '/api/enterprises/S1/status', { status: 'partial', asOf: '1999-12-31' });
    expect(old.status).toBe(400);
    expect(old.body.error.details[0]).toEqual({ path: 'asOf', message: 'must be on or after 2000-01-01' });
  });

  it('an import with out-of-window dates lists each by path and writes nothing', async () => {
    const before = (await srv.api('GET', '/api/chains')).body.revision;
    const res = await srv.api('POST', '/api/import', {
      enterprises: [ent('S2')],
      statusReports: [
        { enterprise: 'S1', status: 'suspended', asOf: '2020-03-24' },
        { enterprise: 'S1', status: 'suspended', asOf: '2031-01-01' },
        { enterprise: 'S2', status: 'suspended', asOf: '1970-01-01' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['statusReports[1].asOf', 'statusReports[2].asOf']);
    expect((await srv.api('GET', '/api/enterprises/S2')).status).toBe(404);
    expect((await srv.api('GET', '/api/chains')).body.revision).toBe(before);
  });

  it('query dates are client dates too', async () => {
    const res = await srv.api('GET', '/api/stats/resumption?date=2099-01-01');
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('date');
  });
});

describe('today is the day in LINKAGE_TIME_ZONE', () => {
  it('at 2020-03-24T20:00Z it is already the 25th in Shanghai: the 26th is tomorrow there, not in UTC', async () => {
    const shanghai = await startTestServer({ env: { LINKAGE_TIME_ZONE: 'Asia/Shanghai' }, doc: { enterprises: [ent('S1')] } });
    const utc = await startTestServer({ doc: { enterprises: [ent('S1')] } });
    try {
      shanghai.clock.advance(12 * 3_600_000);
      utc.clock.advance(12 * 3_600_000);
      expect((await shanghai.api('PUT', '/api/enterprises/S1/status', { status: 'suspended', asOf: '2020-03-26' })).status).toBe(200);
      expect((await utc.api('PUT', '/api/enterprises/S1/status', { status: 'suspended', asOf: '2020-03-26' })).status).toBe(400);
    } finally {
      await shanghai.close();
      await utc.close();
    }
  });
});
