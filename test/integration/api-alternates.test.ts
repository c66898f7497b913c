/**
 * Alternate suppliers over HTTP (CONTRACT §8), what-if with added links, and names beside ids
 * (§11) in the analysis answers, on a small network whose answers can be read off by hand.
 */
import { createToken } from '../../src/access';
import { startTestServer, type TestServer } from './harness';
import { waitFor } from '../support/wait';

type Extra = { status?: 'resumed' | 'partial' | 'suspended'; capacityPct?: number };
const ent = (id: string, name: string, role: 'leader' | 'supplier', province: string, extra: Extra = {}) => ({
  id,
  name,
  role,
  industry: 'automotive',
  province,
  status: 'resumed' as const,
  ...extra,
});

// L1 (Guangdong) lacks seats: S9 (Hubei) is suspended. A1, A2, A3 make seats for others.
// L2 (Shanghai) lacks glass: G1 is suspended; B1 makes glass for L3. L3 is clear.
const DOC = {
  enterprises: [
    ent('L1', '广汽乘用车', 'leader', '440000'),
    ent('L2', 'SAIC Motor', 'leader', '310000'),
    ent('L3', 'Dongfeng Motor', 'leader', '420000'),
    ent('S9', '武汉座椅', 'supplier', '420000', { status: 'suspended' }),
    ent('A1', 'Foshan Seats', 'supplier', '440000', { status: 'partial', capacityPct: 60 }),
    ent('A2', 'Xiangyang Seats', 'supplier', '420000', { capacityPct: 90 }),
    ent('A3', 'Dongguan Seating', 'supplier', '440000'),
    ent('G1', 'Suzhou Glass', 'supplier', '320000', { status: 'suspended' }),
    ent('B1', 'Wuhan Glass', 'supplier', '420000'),
  ],
  links: [
    { supplier: 'S9', customer: 'L1', part: 'seats' },
    { supplier: 'A1', customer: 'L3', part: 'seats' },
    { supplier: 'A2', customer: 'L3', part: 'seats' },
    { supplier: 'A3', customer: 'L2', part: 'seats' },
    { supplier: 'G1', customer: 'L2', part: 'glass' },
    { supplier: 'B1', customer: 'L3', part: 'glass' },
  ],
};

const seatCandidate = (id: string, name: string, province: string, sameProvince: boolean, capacityPct: number | null) => ({
  id,
  name,
  province,
  sameProvince,
  capacityPct,
  clears: ['L1'],
});

describe('HTTP API: alternate suppliers', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: DOC });
  });
  afterEach(async () => {
    await srv.close();
  });

  it('ranks the candidates of each lost group: clears, same province, capacity (unknown last), id', async () => {
    const res = await srv.api('GET', '/api/chains/L1/alternates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      revision: 1,
      leader: 'L1',
      name: '广汽乘用车',
      groups: [
        {
          customer: 'L1',
          part: 'seats',
          blockedLeaders: 1,
          candidateCount: 3,
          candidates: [
            seatCandidate('A1', 'Foshan Seats', '440000', true, 60),
            seatCandidate('A3', 'Dongguan Seating', '440000', true, null),
            seatCandidate('A2', 'Xiangyang Seats', '420000', false, 90),
          ],
        },
      ],
      names: { L1: '广汽乘用车', A1: 'Foshan Seats', A2: 'Xiangyang Seats', A3: 'Dongguan Seating' },
    });
    const l2 = await srv.api('GET', '/api/chains/L2/alternates');
    expect(l2.body.groups).toEqual([
      {
        customer: 'L2',
        part: 'glass',
        blockedLeaders: 1,
        candidateCount: 1,
        candidates: [{ id: 'B1', name: 'Wuhan Glass', province: '420000', sameProvince: false, capacityPct: null, clears: ['L2'] }],
      },
    ]);
  });

  it('limit cuts each group (default 5, at most 50)', async () => {
    const one = await srv.api('GET', '/api/chains/L1/alternates?limit=1');
    expect(one.body.groups[0].candidates.map((c: { id: string }) => c.id)).toEqual(['A1']);
    expect(one.body.groups[0].candidateCount).toBe(3);
    expect((await srv.api('GET', '/api/chains/L1/alternates?limit=50')).status).toBe(200);
    for (const bad of ['51', '0', 'x']) {
      const res = await srv.api('GET', `/api/chains/L1/alternates?limit=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['limit']);
    }
  });

  it('a leader that is not blocked has no groups; an unknown leader or a supplier is 404', async () => {
    expect((await srv.api('GET', '/api/chains/L3/alternates')).body).toMatchObject({ revision: 1, leader: 'L3', groups: [] });
    expect((await srv.api('GET', '/api/chains/NOPE/alternates')).status).toBe(404);
    expect((await srv.api('GET', '/api/chains/S9/alternates')).status).toBe(404);
  });

  it('coordinators and liaisons read any leader, a lead only its own', async () => {
    const token = async (req: Parameters<typeof createToken>[1]) => (await createToken(srv.services.tokenStore, req, srv.clock)).token;
    const liaison = await token({ role: 'liaison', province: '110000' });
    const lead1 = await token({ role: 'lead', enterprise: 'L1' });
    const lead2 = await token({ role: 'lead', enterprise: 'L2' });
    const reporter = await token({ role: 'reporter', enterprise: 'L1' });
    const status = async (path: string, t: string) => (await srv.api('GET', path, undefined, { token: t })).status;
    expect(await status('/api/chains/L1/alternates', liaison)).toBe(200);
    expect(await status('/api/chains/L1/alternates', lead1)).toBe(200);
    expect(await status('/api/chains/L1/alternates', lead2)).toBe(403);
    expect(await status('/api/chains/L1/alternates', reporter)).toBe(403);
  });

  it('follows each revision: a new capacity reorders, a resumed supplier empties the groups', async () => {
    await srv.api('GET', '/api/chains/L1/alternates');
    await srv.api('PUT', '/api/enterprises/A3/status', { status: 'partial', capacityPct: 95 });
    const reordered = await srv.api('GET', '/api/chains/L1/alternates');
    expect(reordered.body.revision).toBe(2);
    expect(reordered.body.groups[0].candidates.map((c: { id: string; capacityPct: number | null }) => [c.id, c.capacityPct])).toEqual([
      ['A3', 95],
      ['A1', 60],
      ['A2', 90],
    ]);
    // A report without a capacity leaves it unknown.
    await srv.api('PUT', '/api/enterprises/A3/status', { status: 'resumed' });
    expect((await srv.api('GET', '/api/chains/L1/alternates')).body.groups[0].candidates[1]).toMatchObject({ id: 'A3', capacityPct: null });
    // A suspended candidate drops out.
    await srv.api('PUT', '/api/enterprises/A1/status', { status: 'suspended' });
    expect((await srv.api('GET', '/api/chains/L1/alternates')).body.groups[0].candidates.map((c: { id: string }) => c.id)).toEqual(['A3', 'A2']);
    await srv.api('PUT', '/api/enterprises/S9/status', { status: 'resumed' });
    expect((await srv.api('GET', '/api/chains/L1/alternates')).body.groups).toEqual([]);
  });
});

describe('HTTP API: what-if with added links', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ doc: DOC });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('an added source clears the leader, and nothing is persisted', async () => {
    const res = await srv.api('POST', '/api/what-if', { addLinks: [{ supplier: 'A2', customer: 'L1', part: 'seats' }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ revision: 1, changes: [{ leader: 'L1', name: '广汽乘用车', before: 'blocked', after: 'clear' }], names: { L1: '广汽乘用车' } });
    expect((await srv.api('GET', '/api/chains/L1')).body.state).toBe('blocked');
    expect(await srv.services.store.revision()).toBe(1);
  });

  it('combines with resume and suspend: the added source suspended clears nothing', async () => {
    const addLinks = [{ supplier: 'A2', customer: 'L1', part: 'seats' }];
    expect((await srv.api('POST', '/api/what-if', { addLinks, suspend: ['A2'] })).body.changes).toEqual([]);
    const both = await srv.api('POST', '/api/what-if', { addLinks, resume: ['G1'] });
    expect(both.body.changes.map((c: { leader: string; after: string }) => [c.leader, c.after])).toEqual([
      ['L1', 'clear'],
      ['L2', 'clear'],
    ]);
  });

  it('unknown enterprises and self-links are 400 by path', async () => {
    const unknown = await srv.api('POST', '/api/what-if', {
      addLinks: [
        { supplier: 'A2', customer: 'L1', part: 'seats' },
        { supplier: 'X', customer: 'L1', part: 'seats' },
        { supplier: 'A1', customer: 'GHOST', part: 'seats' },
      ],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      { path: 'addLinks[1].supplier', message: 'unknown enterprise "X"' },
      { path: 'addLinks[2].customer', message: 'unknown enterprise "GHOST"' },
    ]);
    const self = await srv.api('POST', '/api/what-if', { addLinks: [{ supplier: 'L1', customer: 'L1', part: 'seats' }] });
    expect(self.status).toBe(400);
    expect(self.body.error.details).toEqual([{ path: 'addLinks[0].customer', message: 'a supplier cannot supply itself' }]);
    const shape = await srv.api('POST', '/api/what-if', { addLinks: [{ supplier: 'A2', customer: 'L1', part: 'Seats!', extra: 1 }] });
    expect(shape.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['addLinks[0].extra', 'addLinks[0].part']);
  });
});

describe('HTTP API: names beside ids', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startTestServer({ doc: DOC, coordination: true });
  });
  afterAll(async () => {
    await srv.close();
  });

  it('chains and bottlenecks carry the names of every enterprise they mention', async () => {
    const chains = await srv.api('GET', '/api/chains');
    expect(chains.body.chains[0]).toMatchObject({ leader: 'L1', name: '广汽乘用车', rootCauses: ['S9'] });
    expect(chains.body.names).toEqual({ L1: '广汽乘用车', S9: '武汉座椅', L2: 'SAIC Motor', G1: 'Suzhou Glass', L3: 'Dongfeng Motor' });
    const bottlenecks = await srv.api('GET', '/api/bottlenecks');
    expect(bottlenecks.body.bottlenecks.map((b: { id: string; name: string }) => [b.id, b.name])).toEqual([
      ['G1', 'Suzhou Glass'],
      ['S9', '武汉座椅'],
    ]);
    expect(bottlenecks.body.names).toEqual({ G1: 'Suzhou Glass', S9: '武汉座椅' });
  });

  it("a chain's lost-part suppliers and root causes carry names", async () => {
    const res = await srv.api('GET', '/api/chains/L1');
    expect(res.body.lostParts).toEqual([{ part: 'seats', suppliers: [{ id: 'S9', name: '武汉座椅', status: 'suspended', availability: 'down' }] }]);
    expect(res.body.rootCauses).toEqual([{ id: 'S9', name: '武汉座椅', province: '420000', path: ['S9', 'L1'] }]);
    expect(res.body.names).toEqual({ L1: '广汽乘用车', S9: '武汉座椅' });
    expect(res.body.leader).toMatchObject({ id: 'L1', name: '广汽乘用车' });
  });

  it('the upstream view carries names', async () => {
    const res = await srv.api('GET', '/api/enterprises/L2/upstream');
    expect(res.body.names).toEqual({ L2: 'SAIC Motor', A3: 'Dongguan Seating', G1: 'Suzhou Glass' });
  });

  it('tasks carry the supplier’s name and names for supplier and affected leaders', async () => {
    const tasks = await waitFor(async () => {
      const res = await srv.api('GET', '/api/tasks?state=active');
      return res.body.tasks?.find((t: { supplier: string }) => t.supplier === 'S9') ? res.body : undefined;
    }, 'the cross-province task for S9');
    const task = tasks.tasks.find((t: { supplier: string }) => t.supplier === 'S9');
    expect(task).toMatchObject({ supplier: 'S9', supplierName: '武汉座椅', affectedLeaders: ['L1'] });
    expect(tasks.names).toMatchObject({ S9: '武汉座椅', L1: '广汽乘用车' });
    const one = await srv.api('GET', `/api/tasks/${task.id}`);
    expect(one.body).toMatchObject({ id: task.id, supplierName: '武汉座椅', names: { S9: '武汉座椅', L1: '广汽乘用车' } });
  });
});
