/**
 * Requests from questionnaires (§9): the JSON document's `requests` and `requests.csv` (with
 * `raisedOn`) import with the rest of the document, atomically validated and idempotent; and
 * `linkage requests list|show|accept|start|resolve|reject` works on the data directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../cli/support';
import { startTestServer, type TestServer } from '../integration/harness';
import { CHAIN_DOC, GUANGDONG, HUBEI } from './fixtures/network';

const lines = (s: string) =>
  s
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

const REQUESTS = [
  { enterprise: 'S2', category: 'workforce', title: 'Workers cannot return', description: '40 workers held in their home counties.', raisedOn: '2020-02-20' },
  {
    enterprise: 'S1',
    category: 'logistics',
    title: 'Trucks held at the border',
    description: 'Seats to Guangzhou wait at checkpoints.',
    counterpartEnterprise: 'L1',
    raisedOn: '2020-02-21',
  },
];

describe('requests in an import document', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ coordination: true });
  });
  afterEach(async () => {
    await srv.close();
  });

  it('imports them with the graph, routed, once however often the document is imported', async () => {
    const res = await srv.api('POST', '/api/import', { ...CHAIN_DOC, requests: REQUESTS });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enterprises: 7, requests: 2, requestsAdded: 2 });
    const listed = (await srv.api('GET', '/api/requests')).body.requests;
    expect(listed.map((r: any) => [r.enterprise, r.assigneeProvince, r.raisedOn, r.state]).sort()).toEqual([
      ['S1', GUANGDONG, '2020-02-21', 'open'],
      ['S2', HUBEI, '2020-02-20', 'open'],
    ]);
    const again = await srv.api('POST', '/api/import', { ...CHAIN_DOC, requests: REQUESTS });
    expect(again.body).toMatchObject({ requests: 2, requestsAdded: 0 });
    expect((await srv.api('GET', '/api/requests')).body.requests).toHaveLength(2);
  });

  it('lists the problems of requests and of the rest together, and writes nothing', async () => {
    const doc = {
      ...CHAIN_DOC,
      links: [...CHAIN_DOC.links, { supplier: 'S9', customer: 'L1', part: 'seats' }],
      requests: [REQUESTS[0], { ...REQUESTS[1], enterprise: 'NOPE', category: 'weather' }],
    };
    const res = await srv.api('POST', '/api/import', doc);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['links[5].supplier', 'requests[1].category', 'requests[1].enterprise']);
    expect((await srv.api('GET', '/api/requests')).body.requests).toEqual([]);
    expect((await srv.api('GET', '/api/enterprises/L1')).status).toBe(404);
  });
});

describe('linkage import of requests.csv, and linkage requests', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linkage-cli-requests-'));
    process.env.LINKAGE_DATA_DIR = path.join(dir, 'data');
    process.env.LINKAGE_ACTOR = 'tester';
    delete process.env.REDIS_URL;
  });
  afterEach(() => {
    process.env = { ...saved };
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports a questionnaire export and walks its requests through their states', async () => {
    const csv = path.join(dir, 'csv');
    fs.mkdirSync(csv);
    const rows = (xs: Array<Record<string, unknown>>, cols: string[]) =>
      [cols.join(','), ...xs.map((x) => cols.map((c) => (x[c] === undefined ? '' : `"${String(x[c])}"`)).join(','))].join('\n') + '\n';
    fs.writeFileSync(path.join(csv, 'enterprises.csv'), rows(CHAIN_DOC.enterprises, ['id', 'name', 'role', 'industry', 'province', 'status']));
    fs.writeFileSync(path.join(csv, 'links.csv'), rows(CHAIN_DOC.links, ['supplier', 'customer', 'part']));
    fs.writeFileSync(
      path.join(csv, 'requests.csv'),
      rows(REQUESTS, ['enterprise', 'category', 'title', 'description', 'counterpartProvince', 'counterpartEnterprise', 'raisedOn']),
    );
    const imported = await cli(['import', csv, '--quiet']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ enterprises: 7, requests: 2, requestsAdded: 2 });
    expect(JSON.parse((await cli(['import', csv, '--quiet'])).out)).toMatchObject({ requestsAdded: 0 });

    const listed = lines((await cli(['requests', 'list', '--json', '--province', GUANGDONG])).out);
    expect(listed.map((r) => [r.enterprise, r.raisedOn, r.state])).toEqual([['S1', '2020-02-21', 'open']]);
    const id = listed[0].id;
    expect(lines((await cli(['requests', 'accept', id, '--note', 'called the depot'])).out)[0]).toMatchObject({ state: 'accepted' });
    expect((await cli(['requests', 'accept', id])).code).not.toBe(0);
    const noReason = await cli(['requests', 'reject', id]);
    expect(noReason.code).not.toBe(0);
    expect(noReason.err).toContain('reason');
    const rejected = lines((await cli(['requests', 'reject', id, '--reason', 'duplicate'])).out)[0];
    expect(rejected).toMatchObject({ state: 'rejected', reason: 'duplicate' });
    const shown = lines((await cli(['requests', 'show', id])).out)[0];
    expect(shown.history.map((h: any) => [h.to, h.actor])).toEqual([
      ['open', 'cli:tester'],
      ['accepted', 'cli:tester'],
      ['rejected', 'cli:tester'],
    ]);
    expect(lines((await cli(['requests', 'list', '--json', '--state', 'active'])).out).map((r) => r.enterprise)).toEqual(['S2']);
  });
});
