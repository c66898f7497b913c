/** Hostile text is data: it goes into the store and comes back out verbatim, never as code. */
import { startTestServer, type TestServer } from '../integration/harness';

const HOSTILE = [
  "Robert'); DROP TABLE enterprise;--",
  '" OR 1=1 --',
  'MATCH (n) DETACH DELETE n',
  "x' }) MATCH (n) DETACH DELETE n //",
  '<img src=x onerror=alert(1)>',
  '${process.exit(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '湖北省武汉市东西湖区 🚗🔧 ‮txet-ltr‬ \u0000 NUL',
  'x'.repeat(200),
];

describe('hostile text round-trips verbatim', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer();
  });
  afterAll(async () => {
    await srv.close();
  });

  it('in enterprise names, cities and contacts, through import, read and export', async () => {
    const enterprises = HOSTILE.map((text, i) => ({
      id: `E.${i}:x_y-z`,
      name: text,
      role: i === 0 ? 'leader' : 'supplier',
      industry: 'electronics',
      province: '440000',
      status: 'resumed',
      city: text.slice(0, 100),
      contact: text,
    }));
    expect((await srv.api('POST', '/api/import', { enterprises })).status).toBe(200);
    for (const e of enterprises) {
      const got = (await srv.api('GET', `/api/enterprises/${encodeURIComponent(e.id)}`)).body;
      expect([got.name, got.city, got.contact]).toEqual([e.name, e.city, e.contact]);
    }
    expect((await srv.services.store.exportDocument()).enterprises.map((e) => e.name)).toEqual(HOSTILE);
  });

  it('in status report notes, through the status endpoint and the history', async () => {
    await srv.api('POST', '/api/import', { enterprises: [{ id: 'N1', name: 'N1', role: 'supplier', industry: 'auto', province: '420000', status: 'resumed' }] });
    const long = 'ß'.repeat(2000);
    for (const note of [...HOSTILE, long]) {
      const put = await srv.api('PUT', '/api/enterprises/N1/status', { status: 'partial', note });
      expect(put.status).toBe(200);
      expect(put.body.note).toBe(note);
    }
    const history = await srv.api('GET', '/api/enterprises/N1/status-history?limit=1000');
    expect(history.body.reports.map((r: { note: string }) => r.note).reverse()).toEqual([...HOSTILE, long]);
  });

  it('ids outside the allowed alphabet are refused by path, not interpreted', async () => {
    const res = await srv.api('POST', '/api/import', {
      enterprises: [{ id: "x') DETACH DELETE n", name: 'n', role: 'supplier', industry: 'auto', province: '420000', status: 'resumed' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('enterprises[0].id');
  });
});
