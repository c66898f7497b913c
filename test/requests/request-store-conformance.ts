/**
 * The RequestStore conformance suite: what every adapter must guarantee (see the contract in
 * src/coordination/request-store.ts). The factory gives a fresh request store with the task store
 * (whose outbox it writes to) and the audit trail of the same database.
 */
import type { AuditStore } from '../../src/access/audit';
import type { NewTaskEvent, TaskStore } from '../../src/coordination';
import type { Request, RequestWithHistory } from '../../src/coordination/request-model';
import type { RequestStore } from '../../src/coordination/request-store';

export interface RequestStoreWorld {
  requests: RequestStore;
  tasks: TaskStore;
  audit: AuditStore;
}

export interface RequestStoreFactory {
  /** Fresh, initialised, empty stores on one database. */
  create(): Promise<RequestStoreWorld>;
  dispose(world: RequestStoreWorld): Promise<void>;
}

const T0 = '2020-03-24T08:00:00.000Z';
const T1 = '2020-03-24T09:00:00.000Z';

export function newRequest(id: string, over: Partial<RequestWithHistory> = {}): RequestWithHistory {
  return {
    id,
    enterprise: 'S1',
    category: 'logistics',
    title: 'Trucks held at the border',
    description: 'Our deliveries to Guangdong wait at the provincial checkpoint.',
    assigneeProvince: '440000',
    state: 'open',
    raisedOn: '2020-03-24',
    raisedBy: 'reporter:S1',
    escalated: false,
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    history: [{ at: T0, actor: 'reporter:S1', from: null, to: 'open' }],
    ...over,
  };
}

function event(r: Request, type: NewTaskEvent['type'] = 'request.opened'): NewTaskEvent {
  return { type, taskId: r.id, province: r.assigneeProvince, at: r.updatedAt, task: r as never };
}

export function describeRequestStore(name: string, factory: RequestStoreFactory): void {
  describe(`${name} request store conformance`, () => {
    let w: RequestStoreWorld;
    beforeEach(async () => {
      w = await factory.create();
    });
    afterEach(async () => {
      await factory.dispose(w);
    });

    it('gives back what it stored, optional fields absent when not given', async () => {
      const r = newRequest('R1');
      expect(await w.requests.create(r)).toBe(true);
      expect(await w.requests.get('R1')).toEqual(r);
      const full = newRequest('R2', {
        counterpartProvince: '310000',
        counterpartEnterprise: 'X1',
        escalatedAt: T1,
        escalated: true,
        reason: 'dup',
        resolvedAt: T1,
        deliveredAt: T1,
      });
      await w.requests.create(full);
      expect(await w.requests.get('R2')).toEqual(full);
      expect(await w.requests.get('nope')).toBeNull();
    });

    it('a create writes its event to the outbox and its audit entry in the same write; an existing id writes nothing', async () => {
      const r = newRequest('R1');
      const audit = { at: T0, actor: 'reporter:S1', action: 'request.raise' as const, target: 'R1', revision: null, before: null, after: { state: 'open' } };
      expect(await w.requests.create(r, { event: event(r), audit })).toBe(true);
      expect(await w.requests.create(newRequest('R1', { title: 'other' }), { event: event(r), audit })).toBe(false);
      expect((await w.requests.get('R1'))!.title).toBe(r.title);
      const events = await w.tasks.eventsAfter(0, 10);
      expect(events.map((e) => [e.type, e.taskId, e.province])).toEqual([['request.opened', 'R1', '440000']]);
      expect((events[0] as { task: unknown }).task).toMatchObject({ id: 'R1', enterprise: 'S1' });
      expect((await w.tasks.undispatched(10)).map((e) => e.taskId)).toEqual(['R1']);
      const entries = (await w.audit.list({ target: 'R1' }, { limit: 10 })).items;
      expect(entries.map((e) => [e.action, e.actor])).toEqual([['request.raise', 'reporter:S1']]);
    });

    it('an update applies at the expected version, appends its history entry, event and audit entry; a moved version writes nothing', async () => {
      await w.requests.create(newRequest('R1'));
      const h = { at: T1, actor: 'liaison:440000', from: 'open' as const, to: 'accepted' as const, note: 'on it' };
      const updated = await w.requests.update(
        'R1',
        1,
        { state: 'accepted', updatedAt: T1 },
        {
          history: h,
          event: event({ ...newRequest('R1'), state: 'accepted' }, 'request.accepted'),
          audit: { at: T1, actor: 'liaison:440000', action: 'request.accept', target: 'R1', revision: null, before: { state: 'open' }, after: { state: 'accepted' } },
        },
      );
      expect(updated).toMatchObject({ state: 'accepted', updatedAt: T1, version: 2 });
      expect(updated!.history).toEqual([newRequest('R1').history[0], h]);
      expect(await w.requests.get('R1')).toEqual(updated);
      expect(await w.requests.update('R1', 1, { state: 'rejected', reason: 'x' }, { event: event(newRequest('R1'), 'request.rejected') })).toBeNull();
      expect(await w.requests.update('nope', 1, { state: 'rejected' })).toBeNull();
      expect((await w.requests.get('R1'))!.state).toBe('accepted');
      expect((await w.tasks.eventsAfter(0, 10)).map((e) => e.type)).toEqual(['request.accepted']);
      expect((await w.audit.list({}, { limit: 10 })).items.map((e) => e.action)).toEqual(['request.accept']);
    });

    it('an update without a history entry keeps the history; a flag set false is stored false', async () => {
      await w.requests.create(newRequest('R1', { escalated: true, escalatedAt: T1 }));
      const out = await w.requests.update('R1', 1, { escalated: false, deliveredAt: T1 });
      expect(out).toMatchObject({ escalated: false, deliveredAt: T1, version: 2 });
      expect(out!.history).toHaveLength(1);
    });

    it('lists oldest first with filters, visibility scope and keyset pages', async () => {
      const at = (m: number) => new Date(Date.parse(T0) + m * 60_000).toISOString();
      await w.requests.create(newRequest('R3', { createdAt: at(1), enterprise: 'S2', assigneeProvince: '420000', category: 'workforce' }));
      await w.requests.create(newRequest('R1', { createdAt: at(0) }));
      await w.requests.create(newRequest('R2', { createdAt: at(1), state: 'resolved', escalated: true }));
      await w.requests.create(newRequest('R4', { createdAt: at(2), enterprise: 'S3', assigneeProvince: '310000', category: 'materials' }));
      const ids = async (q: Partial<Parameters<RequestStore['list']>[0]>) => (await w.requests.list({ limit: 100, ...q })).items.map((r) => r.id);
      expect(await ids({})).toEqual(['R1', 'R2', 'R3', 'R4']);
      expect(await ids({ province: '440000' })).toEqual(['R1', 'R2']);
      expect(await ids({ states: ['open', 'accepted'] })).toEqual(['R1', 'R3', 'R4']);
      expect(await ids({ states: [] })).toEqual([]);
      expect(await ids({ category: 'workforce' })).toEqual(['R3']);
      expect(await ids({ enterprise: 'S1' })).toEqual(['R1', 'R2']);
      expect(await ids({ escalated: true })).toEqual(['R2']);
      expect(await ids({ escalated: false })).toEqual(['R1', 'R3', 'R4']);
      expect(await ids({ scope: { province: '420000' } })).toEqual(['R3']);
      expect(await ids({ scope: { enterprises: ['S3', 'S9'] } })).toEqual(['R4']);
      expect(await ids({ scope: { province: '420000', enterprises: ['S1'] } })).toEqual(['R1', 'R2', 'R3']);
      expect(await ids({ scope: {} })).toEqual([]);
      expect(await ids({ scope: { enterprises: ['S1'] }, states: ['open'] })).toEqual(['R1']);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await w.requests.list({ limit: 3, cursor });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['R1', 'R2', 'R3', 'R4']);
      expect((await w.requests.list({ limit: 100 })).items[0]).not.toHaveProperty('history');
    });

    it('overdue: open, not escalated, reached the system at or before the bound', async () => {
      await w.requests.create(newRequest('R1', { createdAt: T0 }));
      await w.requests.create(newRequest('R2', { createdAt: T1 }));
      await w.requests.create(newRequest('R3', { createdAt: T0, state: 'accepted' }));
      await w.requests.create(newRequest('R4', { createdAt: T0, escalated: true }));
      expect((await w.requests.overdue(T0, 10)).map((r) => r.id)).toEqual(['R1']);
      expect((await w.requests.overdue(T1, 10)).map((r) => r.id)).toEqual(['R1', 'R2']);
      expect((await w.requests.overdue(T1, 1)).map((r) => r.id)).toEqual(['R1']);
    });

    it('undelivered: active requests not yet in their inbox', async () => {
      await w.requests.create(newRequest('R1'));
      await w.requests.create(newRequest('R2', { deliveredAt: T1 }));
      await w.requests.create(newRequest('R3', { state: 'rejected' }));
      await w.requests.create(newRequest('R4', { state: 'in_progress' }));
      expect((await w.requests.undelivered(10)).map((r) => r.id)).toEqual(['R1', 'R4']);
    });

    it('appends a keyed event once, also when asked twice at the same time', async () => {
      const reminder: NewTaskEvent = { type: 'reminder', taskId: 'reminder:420000:2020-03-24', province: '420000', at: T0, task: { stale: [] } as never };
      const answers = await Promise.all([w.requests.appendEventOnce(reminder), w.requests.appendEventOnce(reminder)]);
      expect(answers.sort()).toEqual([false, true]);
      expect(await w.requests.appendEventOnce(reminder)).toBe(false);
      expect(await w.requests.appendEventOnce({ ...reminder, taskId: 'reminder:420000:2020-03-25' })).toBe(true);
      expect((await w.tasks.eventsAfter(0, 10)).map((e) => e.taskId)).toEqual(['reminder:420000:2020-03-24', 'reminder:420000:2020-03-25']);
    });
  });
}
