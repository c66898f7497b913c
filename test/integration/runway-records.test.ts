/**
 * The runway records a process keeps in memory (src/runtime/runway-records.ts): after its own status
 * and stock reports it answers the runway (§7) without reading every suspension run and stock
 * report from the store again, and the answers are the ones a full read gives.
 */
import { Rng } from '../../src/scenario';
import { startTestServer, type TestServer } from './harness';

const ent = (id: string, role: 'leader' | 'supplier', province = '420000') => ({ id, name: id, role, industry: 'automotive', province, status: 'resumed' as const });

// Two leaders over a small two-tier net with alternates, so suspensions, resumptions and stock
// move stop dates, binding parts and roots.
const DOC = {
  enterprises: [ent('L1', 'leader', '440000'), ent('L2', 'leader', '310000'), ...['A', 'B', 'C', 'D', 'E', 'F'].map((id) => ent(id, 'supplier'))],
  links: [
    { supplier: 'A', customer: 'L1', part: 'seats' },
    { supplier: 'B', customer: 'L1', part: 'seats' },
    { supplier: 'C', customer: 'L1', part: 'glass' },
    { supplier: 'C', customer: 'L2', part: 'glass' },
    { supplier: 'D', customer: 'A', part: 'foam' },
    { supplier: 'E', customer: 'B', part: 'foam' },
    { supplier: 'F', customer: 'C', part: 'sand' },
    { supplier: 'D', customer: 'L2', part: 'frame' },
  ],
};
const STOCK = [
  ['L1', 'seats'],
  ['L1', 'glass'],
  ['L2', 'glass'],
  ['L2', 'frame'],
  ['A', 'foam'],
  ['B', 'foam'],
  ['C', 'sand'],
] as const;
const STATUSES = ['suspended', 'suspended', 'resumed', 'partial'] as const;

describe('runway records kept in memory', () => {
  let srv: TestServer;
  beforeEach(async () => {
    srv = await startTestServer({ doc: DOC });
  });
  afterEach(async () => {
    await srv.close();
  });

  const runwayAnswers = async () => {
    const chains = (await srv.api('GET', '/api/chains')).body;
    const bottlenecks = (await srv.api('GET', '/api/bottlenecks')).body;
    return {
      date: chains.date,
      chains: chains.chains.map((c: Record<string, unknown>) => [c.leader, c.stopsOn, c.daysLeft, c.bindingPart, c.bindingRoot]),
      bottlenecks: bottlenecks.bottlenecks.map((b: Record<string, unknown>) => [b.id, b.earliestStop, b.expectedResumeOn, b.gapDays]),
    };
  };

  it('answer the runway after the process’s own status and stock reports without reading them all again, as a full read does', async () => {
    const reads = jest.spyOn(srv.services.store, 'runwayRecords');
    await runwayAnswers();
    const rng = new Rng(13);
    let extra = 0;
    let stoppedOnce = false;
    for (let step = 0; step < 40; step++) {
      const asOf = `2020-03-${String(1 + rng.int(20)).padStart(2, '0')}`;
      if (rng.chance(0.6)) {
        const id = rng.pick(['A', 'B', 'C', 'D', 'E', 'F', 'L2']);
        const status = rng.pick(STATUSES);
        const body = status === 'suspended' && rng.chance(0.5) ? { status, asOf, expectedResumeOn: '2020-03-25' } : { status, asOf };
        expect((await srv.api('PUT', `/api/enterprises/${id}/status`, body)).status).toBe(200);
      } else {
        const [customer, part] = rng.pick(STOCK);
        expect((await srv.api('PUT', `/api/enterprises/${customer}/inventory`, { part, days: rng.int(6), asOf })).status).toBe(200);
      }
      const before = reads.mock.calls.length;
      const patched = await runwayAnswers();
      expect(reads.mock.calls.length).toBe(before);
      stoppedOnce ||= patched.chains.some((c: unknown[]) => c[1] !== null);
      // An import of an unrelated enterprise moves the revision without a patch: a full read.
      expect((await srv.api('POST', '/api/import', { enterprises: [ent(`X${extra++}`, 'supplier')] })).status).toBe(200);
      expect(await runwayAnswers()).toEqual(patched);
      expect(reads.mock.calls.length).toBe(before + 1);
    }
    expect(stoppedOnce).toBe(true);
  });
});
