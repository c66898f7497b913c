/**
 * Every write is audited in its own transaction (issue #12, point 3), for every backend: the
 * graph store's imports and status reports, the task store's transitions (open, ack, start,
 * resolve, clear, escalate) and the token store's creations and revocations each land with
 * their audit entry or not at all. `World` gives the stores of one backend on one database,
 * an audit store reading the same trail, and a way to make the next audit append fail (a
 * crash between the change and its entry, which must take the change down with it).
 */
import type { AuditEntry, AuditStore, TokenStore } from '../../src/access';
import { createToken } from '../../src/access';
import { planEscalation, planReconcile, planTransition, type DesiredTask, type TaskStore } from '../../src/coordination';
import { importDocument, type GraphStore } from '../../src/graph';
import { ManualClock } from '../../src/shared/clock';
import { ent } from '../support/enterprises';

export interface AuditWorld {
  graph: GraphStore;
  tasks: TaskStore;
  tokens: TokenStore;
  audit: AuditStore;
  /** From now on every audit append fails, as a crash between a change and its entry would. */
  breakAuditTrail(): void;
  dispose(): Promise<void>;
}

const NOW = new Date('2020-03-24T08:00:00Z');
const DOC = {
  enterprises: [ent('S1', 'supplier'), ent('L1', 'leader', '440000')],
  links: [{ supplier: 'S1', customer: 'L1', part: 'seats' }],
};

// Rejections are checked with toBeTruthy, not toThrow: better-sqlite3's native addon keeps the
// SqliteError class of the first test file that loaded it, whose Error is another realm's.
const entries = async (audit: AuditStore): Promise<AuditEntry[]> => (await audit.list({}, { limit: 1000 })).items.reverse();
const desired = (over: Partial<DesiredTask> = {}): DesiredTask => ({
  supplier: 'S1',
  assigneeProvince: '420000',
  affectedLeaders: ['L1'],
  requestingProvinces: ['440000'],
  blockedEnterprises: 1,
  priority: 1_010_001,
  ...over,
});

export function describeWriteAudit(name: string, make: () => Promise<AuditWorld>): void {
  describe(`every write is audited in its own transaction: ${name}`, () => {
    let w: AuditWorld;
    beforeEach(async () => {
      w = await make();
    });
    afterEach(async () => {
      await w.dispose();
    });

    it('an import records one entry with its actor and revision; re-importing what is stored records none', async () => {
      const out = await importDocument(w.graph, DOC, { actor: 'coordinator:x', now: NOW });
      await importDocument(w.graph, DOC, { actor: 'coordinator:x', now: NOW });
      expect(await entries(w.audit)).toEqual([
        expect.objectContaining({ actor: 'coordinator:x', action: 'import', target: 'document', revision: out.revision, before: null, at: NOW.toISOString() }),
      ]);
      expect((await entries(w.audit))[0].after).toMatchObject({ enterprises: 2, links: 1, changed: { enterprises: 2, links: 1, statusReports: 0 } });
    });

    it('a status report records the status before (read in the transaction) and after', async () => {
      await importDocument(w.graph, DOC, { actor: 'test', now: NOW });
      await w.graph.appendStatusReport({ enterprise: 'S1', status: 'partial', capacityPct: 40, asOf: '2020-03-20', reporter: 'reporter:S1' }, { actor: 'reporter:S1', now: NOW });
      const { revision } = await w.graph.appendStatusReport(
        { enterprise: 'S1', status: 'suspended', asOf: '2020-03-21', reporter: 'reporter:S1' },
        { actor: 'reporter:S1', now: NOW },
      );
      const last = (await entries(w.audit)).at(-1)!;
      expect(last).toMatchObject({
        actor: 'reporter:S1',
        action: 'status.report',
        target: 'S1',
        revision,
        before: { status: 'partial', capacityPct: 40, asOf: '2020-03-20' },
        after: { currentStatus: 'suspended', report: expect.objectContaining({ status: 'suspended', asOf: '2020-03-21' }) },
      });
    });

    it('a report about an unknown enterprise is refused and records nothing', async () => {
      await expect(w.graph.appendStatusReport({ enterprise: 'Ghost', status: 'suspended', asOf: '2020-03-21' }, { actor: 'x', now: NOW })).rejects.toMatchObject({
        code: 'not_found',
      });
      expect(await entries(w.audit)).toEqual([]);
      expect(await w.graph.revision()).toBe(0);
    });

    it('an inventory report (§7) records its report in the same transaction; a failed append writes neither', async () => {
      await importDocument(w.graph, DOC, { actor: 'test', now: NOW });
      const { revision } = await w.graph.appendInventoryReport({ customer: 'L1', part: 'seats', days: 4, asOf: '2020-03-20', reporter: 'lead:L1' }, { actor: 'lead:L1', now: NOW });
      expect((await entries(w.audit)).at(-1)).toMatchObject({
        actor: 'lead:L1',
        action: 'inventory.report',
        target: 'L1',
        revision,
        before: null,
        after: { report: expect.objectContaining({ customer: 'L1', part: 'seats', days: 4, asOf: '2020-03-20' }) },
      });
      w.breakAuditTrail();
      await expect(w.graph.appendInventoryReport({ customer: 'L1', part: 'seats', days: 1, asOf: '2020-03-21' }, { actor: 'x', now: NOW })).rejects.toBeTruthy();
      expect(await w.graph.revision()).toBe(revision);
      expect((await w.graph.inventoryHistory('L1', { limit: 10 })).items.map((r) => r.days)).toEqual([4]);
    });

    it('when the audit append fails, the change it records is not written either', async () => {
      await importDocument(w.graph, DOC, { actor: 'test', now: NOW });
      const revision = await w.graph.revision();
      w.breakAuditTrail();
      await expect(w.graph.appendStatusReport({ enterprise: 'S1', status: 'suspended', asOf: '2020-03-21' }, { actor: 'x', now: NOW })).rejects.toBeTruthy();
      expect(await w.graph.revision()).toBe(revision);
      expect((await w.graph.statusHistory('S1', { limit: 10 })).items).toEqual([]);
      await expect(importDocument(w.graph, { enterprises: [ent('S2', 'supplier')] }, { actor: 'x', now: NOW })).rejects.toBeTruthy();
      expect(await w.graph.missingEnterprises(['S2'])).toEqual(['S2']);
      expect((await entries(w.audit)).map((e) => e.action)).toEqual(['import']);
    });

    it('task transitions, system ones included, are audited with their actor: open, escalate, ack, start, resolve, clear', async () => {
      const snapshot = await w.tasks.snapshot();
      const clock = new ManualClock(NOW.toISOString());
      let n = 0;
      const ctx = () => ({ now: clock.now(), newId: () => `tk_${++n}` });
      expect((await w.tasks.commit(planReconcile(snapshot, [desired(), desired({ supplier: 'S9' })], 1, ctx()))).status).toBe('committed');
      const [t1, t9] = (await w.tasks.snapshot()).active;
      clock.advance(25 * 3_600_000);
      expect((await w.tasks.commit(planEscalation(t9, clock.now(), 24 * 3_600_000)!)).status).toBe('committed');
      let task = (await w.tasks.get(t1.id))!;
      for (const action of ['ack', 'start', 'resolve'] as const) {
        expect((await w.tasks.commit(planTransition(task, action, 'liaison:420000', `${action} note`, clock.now()))).status).toBe('committed');
        task = (await w.tasks.get(t1.id))!;
      }
      const now = await w.tasks.snapshot();
      expect((await w.tasks.commit(planReconcile(now, [], 2, ctx()))).status).toBe('committed');
      const got = (await entries(w.audit)).map((e) => [e.action, e.target, e.actor, e.before, e.after && (e.after as { state?: string }).state]);
      expect(got).toEqual([
        ['task.open', t1.id, 'system', null, 'open'],
        ['task.open', t9.id, 'system', null, 'open'],
        ['task.escalate', t9.id, 'system', { escalated: false }, undefined],
        ['task.ack', t1.id, 'liaison:420000', { state: 'open' }, 'acknowledged'],
        ['task.start', t1.id, 'liaison:420000', { state: 'acknowledged' }, 'in_progress'],
        ['task.resolve', t1.id, 'liaison:420000', { state: 'in_progress' }, 'resolved'],
        ['task.clear', t9.id, 'system', { state: 'open' }, 'cleared'],
      ]);
    });

    it('a task commit whose audit append fails commits nothing', async () => {
      const clock = new ManualClock(NOW.toISOString());
      w.breakAuditTrail();
      await expect(w.tasks.commit(planReconcile(await w.tasks.snapshot(), [desired()], 1, { now: clock.now(), newId: () => 'tk_1' }))).rejects.toBeTruthy();
      expect(await w.tasks.snapshot()).toEqual({ revision: 0, seq: 0, active: [] });
      expect(await entries(w.audit)).toEqual([]);
    });

    it('token creation and revocation are audited with the acting token; a second revocation records nothing', async () => {
      const clock = new ManualClock(NOW.toISOString());
      const { record } = await createToken(w.tokens, { role: 'liaison', province: '420000' }, clock, { createdBy: 'admin' });
      expect(await w.tokens.revoke(record.id, '2020-03-25T00:00:00.000Z', 'admin')).toBe(true);
      expect(await w.tokens.revoke(record.id, '2020-03-26T00:00:00.000Z', 'admin')).toBe(true);
      expect(
        (await entries(w.audit)).map((e) => [
          e.action,
          e.target,
          e.actor,
          (e.before as { revokedAt?: string } | null)?.revokedAt ?? null,
          (e.after as { revokedAt?: string }).revokedAt ?? null,
        ]),
      ).toEqual([
        ['token.create', record.id, 'admin', null, null],
        ['token.revoke', record.id, 'admin', null, '2020-03-25T00:00:00.000Z'],
      ]);
      w.breakAuditTrail();
      await expect(createToken(w.tokens, { role: 'liaison', province: '310000' }, clock, { createdBy: 'admin' })).rejects.toBeTruthy();
      expect((await w.tokens.list()).map((t) => t.id)).toEqual([record.id]);
    });
  });
}
