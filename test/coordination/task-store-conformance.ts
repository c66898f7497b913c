/**
 * The TaskStore conformance suite: what every adapter must guarantee (see the contract in
 * src/coordination/task-store.ts). An adapter's test file calls describeTaskStore with a
 * factory giving a fresh, initialised, empty store; the Neo4j adapter runs the same suite.
 */
import { LinkageError } from '../../src/shared/errors';
import type { NewTaskEvent, TaskBatch, TaskStore, TaskWithHistory } from '../../src/coordination';
import { runwayKey } from '../../src/coordination/task-store';

export interface TaskStoreFactory {
  /** A fresh, initialised, empty store. */
  create(): Promise<TaskStore>;
  /** Releases it (close, drop files or database). */
  dispose(store: TaskStore): Promise<void>;
}

const T0 = '2020-03-24T08:00:00.000Z';
const T1 = '2020-03-24T09:00:00.000Z';

export function newTask(id: string, supplier: string, over: Partial<TaskWithHistory> = {}): TaskWithHistory {
  return {
    id,
    supplier,
    assigneeProvince: '420000',
    affectedLeaders: ['L1'],
    requestingProvinces: ['440000'],
    blockedEnterprises: 3,
    priority: 1_010_003,
    state: 'open',
    escalated: false,
    createdAt: T0,
    updatedAt: T0,
    revision: 1,
    version: 1,
    history: [{ at: T0, actor: 'system', from: null, to: 'open', note: 'opened' }],
    ...over,
  };
}

function opened(t: TaskWithHistory): NewTaskEvent {
  const { history: _h, ...task } = t;
  return { type: 'task.opened', taskId: t.id, province: t.assigneeProvince, at: t.createdAt, task };
}

const batch = (over: Partial<TaskBatch>): TaskBatch => ({ creates: [], updates: [], events: [], ...over });

export function describeTaskStore(name: string, factory: TaskStoreFactory): void {
  describe(`TaskStore conformance: ${name}`, () => {
    let store: TaskStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await factory.dispose(store);
    });

    it('has an identity created with it: the same after init again, another for another store', async () => {
      const id = await store.identity();
      expect(id).toMatch(/^[0-9a-f]{16}$/);
      await store.init();
      expect(await store.identity()).toBe(id);
      const other = await factory.create();
      try {
        expect(await other.identity()).not.toBe(id);
      } finally {
        await factory.dispose(other);
      }
    });

    it('starts empty at revision 0', async () => {
      expect(await store.snapshot()).toEqual({ revision: 0, seq: 0, active: [] });
      expect(await store.revision()).toBe(0);
      expect(await store.lastEventId()).toBe(0);
      expect(await store.get('nope')).toBeNull();
      expect(await store.list({ limit: 10 })).toEqual({ items: [], nextCursor: null });
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('commits tasks with their history and events, and reads them back', async () => {
      const a = newTask('t-a', 'S1');
      const b = newTask('t-b', 'S0', { previousTask: 't-x', escalated: true, escalatedAt: T0 });
      const out = await store.commit(batch({ revision: 4, expectSeq: 0, creates: [a, b], events: [opened(a), opened(b)] }));
      expect(out).toEqual({ status: 'committed', revision: 4, seq: 1, eventIds: [expect.any(Number), expect.any(Number)] });
      if (out.status !== 'committed') return;
      expect(out.eventIds[1]).toBeGreaterThan(out.eventIds[0]);
      expect(await store.get('t-a')).toEqual(a);
      expect(await store.get('t-b')).toEqual(b);
      const snap = await store.snapshot();
      expect(snap).toMatchObject({ revision: 4, seq: 1 });
      expect(snap.active.map((t) => t.id)).toEqual(['t-b', 't-a']);
      expect(snap.active[0]).not.toHaveProperty('history');
    });

    it('refuses a second active task for a supplier, and writes nothing of that batch', async () => {
      await store.commit(batch({ revision: 1, creates: [newTask('t-1', 'S1')] }));
      const dup = newTask('t-2', 'S1');
      const other = newTask('t-3', 'S2');
      const out = await store.commit(batch({ revision: 2, creates: [other, dup], events: [opened(other), opened(dup)] }));
      expect(out.status).toBe('conflict');
      expect(await store.get('t-3')).toBeNull();
      expect(await store.get('t-2')).toBeNull();
      expect(await store.lastEventId()).toBe(0);
      expect(await store.snapshot()).toMatchObject({ revision: 1, seq: 1 });
    });

    it('lets one of two racing openers win for the same supplier, never both', async () => {
      const results = await Promise.all([
        store.commit(batch({ revision: 1, creates: [newTask('t-x', 'S9')] })),
        store.commit(batch({ revision: 1, creates: [newTask('t-y', 'S9')] })),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['committed', 'conflict']);
      expect((await store.snapshot()).active.filter((t) => t.supplier === 'S9')).toHaveLength(1);
    });

    it('opens a new task for a supplier in the batch that ends its previous one', async () => {
      await store.commit(batch({ revision: 1, creates: [newTask('t-1', 'S1')] }));
      const follow = newTask('t-2', 'S1', { previousTask: 't-1' });
      const out = await store.commit(
        batch({
          revision: 2,
          expectSeq: 1,
          updates: [{ id: 't-1', expectVersion: 1, set: { state: 'cleared', updatedAt: T1 }, history: { at: T1, actor: 'system', from: 'open', to: 'cleared' } }],
          creates: [follow],
        }),
      );
      expect(out.status).toBe('committed');
      expect((await store.snapshot()).active.map((t) => t.id)).toEqual(['t-2']);
      const ended = await store.get('t-1');
      expect(ended).toMatchObject({ state: 'cleared', version: 2, updatedAt: T1 });
      expect(ended!.history.map((h) => h.to)).toEqual(['open', 'cleared']);
    });

    it('refuses a batch planned on an older seq or an older task version', async () => {
      await store.commit(batch({ revision: 1, creates: [newTask('t-1', 'S1')] }));
      expect(await store.commit(batch({ revision: 1, expectSeq: 0, creates: [newTask('t-2', 'S2')] }))).toMatchObject({ status: 'conflict' });
      const stale = await store.commit(
        batch({
          updates: [
            { id: 't-1', expectVersion: 1, set: { priority: 5 } },
            { id: 't-1', expectVersion: 1, set: { priority: 6 } },
          ],
        }),
      );
      expect(stale.status).toBe('conflict');
      expect((await store.get('t-1'))!).toMatchObject({ priority: 1_010_003, version: 1 });
    });

    it('moves seq on opening and state changes only, and version on every write', async () => {
      await store.commit(batch({ revision: 1, creates: [newTask('t-1', 'S1')] }));
      const a = await store.commit(batch({ updates: [{ id: 't-1', expectVersion: 1, set: { deliveredAt: T1 } }] }));
      expect(a).toMatchObject({ status: 'committed', seq: 1, revision: 1 });
      const b = await store.commit(batch({ updates: [{ id: 't-1', expectVersion: 2, set: { escalated: true, escalatedAt: T1 } }] }));
      expect(b).toMatchObject({ seq: 1 });
      const c = await store.commit(
        batch({ updates: [{ id: 't-1', expectVersion: 3, set: { state: 'acknowledged' }, history: { at: T1, actor: 'li', from: 'open', to: 'acknowledged', note: 'ok' } }] }),
      );
      expect(c).toMatchObject({ seq: 2 });
      expect(await store.get('t-1')).toMatchObject({ version: 4, deliveredAt: T1, escalated: true, escalatedAt: T1, state: 'acknowledged' });
      expect((await store.get('t-1'))!.history[1]).toEqual({ at: T1, actor: 'li', from: 'open', to: 'acknowledged', note: 'ok' });
    });

    it('keeps the revision monotonic: an older batch is stale and writes nothing', async () => {
      await store.commit(batch({ revision: 5 }));
      expect(await store.revision()).toBe(5);
      expect(await store.commit(batch({ revision: 3, creates: [newTask('t-1', 'S1')] }))).toEqual({ status: 'stale', revision: 5 });
      expect(await store.get('t-1')).toBeNull();
      expect(await store.commit(batch({ creates: [newTask('t-2', 'S2')] }))).toMatchObject({ status: 'committed', revision: 5 });
      expect(await store.commit(batch({ revision: 5 }))).toMatchObject({ status: 'committed', revision: 5 });
      expect(await store.commit(batch({ revision: 9 }))).toMatchObject({ status: 'committed', revision: 9 });
    });

    it('without stop dates lists by priority desc, then id, with filters and a cursor that visits each task once', async () => {
      const tasks = [
        newTask('t-1', 'S1', { priority: 10, createdAt: T1 }),
        newTask('t-2', 'S2', { priority: 30 }),
        newTask('t-3', 'S3', { priority: 10, createdAt: T0, assigneeProvince: '310000' }),
        newTask('t-4', 'S4', { priority: 10, createdAt: T1, escalated: true, escalatedAt: T1 }),
        newTask('t-5', 'S5', { priority: 20, state: 'cleared' }),
      ];
      await store.commit(batch({ revision: 1, creates: tasks }));
      const order = ['t-2', 't-5', 't-1', 't-3', 't-4'];
      expect((await store.list({ limit: 100 })).items.map((t) => t.id)).toEqual(order);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ limit: 2, cursor });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(order);
      expect((await store.list({ limit: 100, province: '310000' })).items.map((t) => t.id)).toEqual(['t-3']);
      expect((await store.list({ limit: 100, states: ['cleared'] })).items.map((t) => t.id)).toEqual(['t-5']);
      expect((await store.list({ limit: 100, states: ['open', 'acknowledged', 'in_progress'] })).items).toHaveLength(4);
      expect((await store.list({ limit: 100, escalated: true })).items.map((t) => t.id)).toEqual(['t-4']);
      expect((await store.list({ limit: 100, supplier: 'S1' })).items.map((t) => t.id)).toEqual(['t-1']);
      expect((await store.list({ limit: 100 })).items[0]).not.toHaveProperty('history');
      await expect(store.list({ limit: 2, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(store.list({ limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(LinkageError);
    });

    it('lists the most urgent first (§7): stopsOn asc with none last, then priority desc, then id, and pages through that order', async () => {
      const tasks = [
        newTask('t-1', 'S1', { priority: 10, stopsOn: '2020-03-02' }),
        newTask('t-2', 'S2', { priority: 90 }),
        newTask('t-3', 'S3', { priority: 50, stopsOn: '2020-02-25' }),
        newTask('t-4', 'S4', { priority: 60, stopsOn: '2020-03-02' }),
        newTask('t-5', 'S5', { priority: 60, stopsOn: '2020-03-02' }),
        newTask('t-6', 'S6', { priority: 95 }),
        newTask('t-7', 'S7', { priority: 90 }),
      ];
      await store.commit(batch({ revision: 1, creates: tasks }));
      const order = ['t-3', 't-4', 't-5', 't-1', 't-6', 't-2', 't-7'];
      expect((await store.list({ limit: 100 })).items.map((t) => t.id)).toEqual(order);
      expect((await store.list({ limit: 100 })).items.map((t) => t.stopsOn ?? null)).toEqual(['2020-02-25', '2020-03-02', '2020-03-02', '2020-03-02', null, null, null]);
      for (const limit of [1, 2, 3]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.list({ limit, cursor });
          seen.push(...page.items.map((t) => t.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toEqual(order);
      }
      // A reconcile moves stop dates: set one, clear another.
      await store.commit(
        batch({
          revision: 2,
          updates: [
            { id: 't-2', expectVersion: 1, set: { stopsOn: '2020-02-20' } },
            { id: 't-3', expectVersion: 1, set: { stopsOn: null } },
          ],
        }),
      );
      expect((await store.list({ limit: 100 })).items.map((t) => t.id)).toEqual(['t-2', 't-4', 't-5', 't-1', 't-6', 't-7', 't-3']);
      expect(await store.get('t-3')).not.toHaveProperty('stopsOn');
      expect(await store.get('t-2')).toMatchObject({ stopsOn: '2020-02-20' });
    });

    it('stores a runway alert (§7) once per key, whatever commits it again, and never prunes it', async () => {
      const alert = {
        leader: 'L1',
        province: '440000',
        stopsOn: '2020-03-01',
        daysLeft: 5,
        date: '2020-02-25',
        bindingPart: 'seats',
        bindingRoot: 'S1',
        rootCauses: ['S1'],
        provinces: ['420000', '440000'],
      };
      const event = { type: 'runway' as const, taskId: runwayKey('L1', '2020-03-01'), province: '440000', at: T0, runway: alert };
      const first = await store.commit(batch({ events: [event] }));
      expect(first).toMatchObject({ status: 'committed', eventIds: [expect.any(Number)] });
      expect(await store.commit(batch({ events: [event, { ...event, at: T1 }] }))).toMatchObject({ status: 'committed', eventIds: [] });
      const later = { ...event, taskId: runwayKey('L1', '2020-03-04'), runway: { ...alert, stopsOn: '2020-03-04' } };
      expect((await store.commit(batch({ events: [later] }))).status).toBe('committed');
      const all = await store.eventsAfter(0, 10);
      expect(all.map((e) => (e.type === 'runway' ? [e.taskId, e.runway.stopsOn, e.runway.provinces] : null))).toEqual([
        ['runway:L1:2020-03-01', '2020-03-01', ['420000', '440000']],
        ['runway:L1:2020-03-04', '2020-03-04', ['420000', '440000']],
      ]);
      await store.markDispatched(
        all.map((e) => e.id),
        T1,
      );
      expect(await store.pruneEvents('2030-01-01T00:00:00.000Z')).toBe(0);
      expect((await store.commit(batch({ events: [event] }))).status === 'committed' && (await store.eventsAfter(0, 10)).length).toBe(2);
    });

    it('keeps events in commit order until dispatched, and prunes only old dispatched ones', async () => {
      const a = newTask('t-1', 'S1');
      const b = newTask('t-2', 'S2', { createdAt: T1 });
      await store.commit(batch({ revision: 1, creates: [a], events: [opened(a)] }));
      await store.commit(batch({ revision: 1, creates: [b], events: [opened(b), { ...opened(b), type: 'task.escalated' }] }));
      const all = await store.eventsAfter(0, 10);
      expect(all.map((e) => [e.type, e.taskId])).toEqual([
        ['task.opened', 't-1'],
        ['task.opened', 't-2'],
        ['task.escalated', 't-2'],
      ]);
      expect(all[0]).toMatchObject({ task: expect.objectContaining({ id: 't-1', supplier: 'S1' }) });
      expect(await store.lastEventId()).toBe(all[2].id);
      expect((await store.eventsAfter(all[0].id, 10)).map((e) => e.id)).toEqual([all[1].id, all[2].id]);
      expect((await store.eventsAfter(0, 1)).map((e) => e.id)).toEqual([all[0].id]);
      expect((await store.undispatched(10)).map((e) => e.id)).toEqual(all.map((e) => e.id));
      await store.markDispatched([all[0].id, all[1].id], T1);
      expect((await store.undispatched(10)).map((e) => e.id)).toEqual([all[2].id]);
      expect((await store.eventsAfter(0, 10))[0].dispatchedAt).toBe(T1);
      // Only dispatched events older than the cut go.
      expect(await store.pruneEvents('2020-03-24T08:30:00.000Z')).toBe(1);
      expect((await store.eventsAfter(0, 10)).map((e) => e.id)).toEqual([all[1].id, all[2].id]);
    });
  });
}
