/** The chain-analysis endpoints over small graphs whose answers can be read off by hand. */
import { startTestServer, type TestServer } from './harness';
import { ent } from '../support/enterprises';

// L1 (Guangdong) needs seats from T1 (Hubei) or T2; T1 needs foam from S9 (Hubei, suspended).
// L2 (Shanghai) needs glass from G1 (sole, suspended) and has a non-critical radio from S9.
const DOC = {
  enterprises: [
    ent('L1', 'leader', '440000'),
    ent('L2', 'leader', '310000'),
    ent('T1', 'supplier', '420000'),
    ent('T2', 'supplier', '420000', 'suspended'),
    ent('S9', 'supplier', '420000', 'suspended'),
    ent('G1', 'supplier', '320000', 'suspended'),
  ],
  links: [
    { supplier: 'T1', customer: 'L1', part: 'seats' },
    { supplier: 'T2', customer: 'L1', part: 'seats' },
    { supplier: 'S9', customer: 'T1', part: 'foam' },
    { supplier: 'G1', customer: 'L2', part: 'glass' },
    { supplier: 'S9', customer: 'L2', part: 'radio', critical: false },
  ],
};

describe('HTTP API: chains, bottlenecks and what-if', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: DOC });
  });
  afterEach(async () => {
    await srv.close();
  });

  it('lists every leader with state, root causes and lost parts', async () => {
    const res = await srv.api('GET', '/api/chains');
    // §7 with no reports: every down enterprise went down on D, today (no report dates one).
    const today = { stopsOn: '2020-03-24', daysLeft: 0 };
    expect(res.body).toEqual({
      revision: 1,
      date: '2020-03-24',
      chains: [
        { leader: 'L1', name: 'L1', state: 'blocked', rootCauses: ['S9', 'T2'], lostParts: ['seats'], ...today, bindingPart: 'seats', bindingRoot: 'S9' },
        { leader: 'L2', name: 'L2', state: 'blocked', rootCauses: ['G1'], lostParts: ['glass'], ...today, bindingPart: 'glass', bindingRoot: 'G1' },
      ],
      names: { L1: 'L1', L2: 'L2', S9: 'S9', T2: 'T2', G1: 'G1' },
    });
  });

  it("traces one leader's chain: lost parts with suppliers, root causes with province and path", async () => {
    const res = await srv.api('GET', '/api/chains/L1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      revision: 1,
      state: 'blocked',
      leader: { id: 'L1', province: '440000' },
      lostParts: [
        {
          part: 'seats',
          suppliers: [
            { id: 'T1', status: 'resumed', availability: 'blocked' },
            { id: 'T2', status: 'suspended', availability: 'down' },
          ],
        },
      ],
      rootCauses: [
        { id: 'S9', province: '420000', path: ['S9', 'T1', 'L1'] },
        { id: 'T2', province: '420000', path: ['T2', 'L1'] },
      ],
    });
  });

  it('404s a chain for an enterprise that is not a leader', async () => {
    expect((await srv.api('GET', '/api/chains/T1')).status).toBe(404);
    expect((await srv.api('GET', '/api/chains/NOPE')).status).toBe(404);
  });

  // Resuming S9 alone revives T1, an alternate for seats; resuming T2 alone is the other alternate.
  it('ranks bottlenecks and says what resuming each alone would clear', async () => {
    const res = await srv.api('GET', '/api/bottlenecks');
    const runway = { earliestStop: '2020-03-24', expectedResumeOn: null, gapDays: null };
    expect(res.body.bottlenecks).toEqual(
      [
        { id: 'G1', name: 'G1', province: '320000', blockedLeaders: 1, blockedEnterprises: 1, unblocksIfResumed: 1, ...runway },
        { id: 'S9', name: 'S9', province: '420000', blockedLeaders: 1, blockedEnterprises: 2, unblocksIfResumed: 1, ...runway },
        { id: 'T2', name: 'T2', province: '420000', blockedLeaders: 1, blockedEnterprises: 1, unblocksIfResumed: 1, ...runway },
      ].sort((a, b) => b.blockedLeaders - a.blockedLeaders || b.blockedEnterprises - a.blockedEnterprises || (a.id < b.id ? -1 : 1)),
    );
  });

  it('what-if reports the leaders whose state would change, and persists nothing', async () => {
    const res = await srv.api('POST', '/api/what-if', { resume: ['S9', 'G1'] });
    expect(res.body).toEqual({
      revision: 1,
      changes: [
        { leader: 'L1', name: 'L1', before: 'blocked', after: 'clear' },
        { leader: 'L2', name: 'L2', before: 'blocked', after: 'clear' },
      ],
      names: { L1: 'L1', L2: 'L2' },
    });
    const province = await srv.api('POST', '/api/what-if', { suspendProvinces: ['440000'] });
    expect(province.body.changes).toEqual([{ leader: 'L1', name: 'L1', before: 'blocked', after: 'down' }]);
    expect((await srv.api('GET', '/api/chains')).body.chains[0].state).toBe('blocked');
    expect(await srv.services.store.revision()).toBe(1);
  });

  it('what-if rejects unknown enterprises and provinces by path', async () => {
    const res = await srv.api('POST', '/api/what-if', { resume: ['S9', 'GHOST'], suspendProvinces: ['123456'] });
    expect(res.status).toBe(400);
    const again = await srv.api('POST', '/api/what-if', { resume: ['S9', 'GHOST'] });
    expect(again.body.error.details).toEqual([{ path: 'resume[1]', message: 'unknown enterprise "GHOST"' }]);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['suspendProvinces[0]']);
  });

  it('a status report moves the chain at the revision it returns', async () => {
    const put = await srv.api('PUT', '/api/enterprises/G1/status', { status: 'partial', capacityPct: 40 });
    expect(put.body.revision).toBe(2);
    const res = await srv.api('GET', `/api/chains?minRevision=2`);
    expect(res.body.revision).toBe(2);
    expect(res.body.chains[1]).toEqual({
      leader: 'L2',
      name: 'L2',
      state: 'clear',
      rootCauses: [],
      lostParts: [],
      stopsOn: null,
      daysLeft: null,
      bindingPart: null,
      bindingRoot: null,
    });
  });

  it("a leader's chain answer follows each new revision", async () => {
    expect((await srv.api('GET', '/api/chains/L2')).body).toMatchObject({ revision: 1, state: 'blocked' });
    expect((await srv.api('GET', '/api/chains/L2')).body).toMatchObject({ revision: 1, state: 'blocked' });
    const put = await srv.api('PUT', '/api/enterprises/G1/status', { status: 'resumed' });
    expect((await srv.api('GET', '/api/chains/L2')).body).toMatchObject({ revision: put.body.revision, state: 'clear', lostParts: [] });
    await srv.api('PUT', '/api/enterprises/L2/status', { status: 'suspended' });
    expect((await srv.api('GET', '/api/chains/L2')).body).toMatchObject({ state: 'down', leader: { currentStatus: 'suspended' } });
  });

  it("shows a lead's upstream suppliers by tier with status and availability", async () => {
    const res = await srv.api('GET', '/api/enterprises/L1/upstream');
    expect(res.status).toBe(200);
    const tiers = res.body.tiers as Array<{ tier: number; enterprises: Array<{ id: string; availability: string; parts: string[] }> }>;
    expect(tiers[0].tier).toBe(1);
    expect(tiers[0].enterprises.map((x) => [x.id, x.availability, x.parts])).toEqual([
      ['T1', 'blocked', ['seats']],
      ['T2', 'down', ['seats']],
    ]);
    expect(tiers[1].enterprises.map((x) => [x.id, x.availability])).toEqual([['S9', 'down']]);
  });

  it('an import that adds a link is reflected in the analysis', async () => {
    const res = await srv.api('POST', '/api/import', {
      enterprises: [ent('G2', 'supplier', '310000')],
      links: [{ supplier: 'G2', customer: 'L2', part: 'glass' }],
    });
    const chains = await srv.api('GET', `/api/chains?minRevision=${res.body.revision}`);
    expect(chains.body.chains[1].state).toBe('clear');
  });
});
