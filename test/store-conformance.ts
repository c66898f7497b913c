/**
 * The store conformance suite: every GraphStore adapter must pass it. Adapters are
 * interchangeable only as far as this suite says they are.
 */
import { importDocument } from '../src/graph/import';
import type { ImportDocumentInput } from '../src/graph/schema';
import type { GraphStore, WriteContext } from '../src/graph/store';
import { LinkageError } from '../src/shared/errors';

const ctx = (now = '2020-03-24T08:00:00Z', actor = 'test'): WriteContext => ({ actor, now: new Date(now) });

type EnterpriseInput = NonNullable<ImportDocumentInput['enterprises']>[number];

const ent = (id: string, over: Record<string, unknown> = {}): EnterpriseInput =>
  ({
    id,
    name: `Enterprise ${id}`,
    role: 'supplier',
    industry: 'automotive',
    province: '420000',
    status: 'resumed',
    ...over,
  }) as EnterpriseInput;

const BASE: ImportDocumentInput = {
  enterprises: [
    ent('L1', { role: 'leader', province: '440000', size: 'large', city: 'Guangzhou' }),
    ent('S1', { size: 'small', capacityPct: 40, status: 'partial' }),
    ent('S2', { province: '310000', uscc: '91350100M000100Y43', contact: 'Li Lei +86 20 1234 5678' }),
  ],
  links: [
    { supplier: 'S1', customer: 'L1', part: 'wiring-harness', critical: true },
    { supplier: 'S2', customer: 'L1', part: 'wiring-harness', critical: true },
    { supplier: 'S2', customer: 'S1', part: 'copper-wire', critical: false },
  ],
  statusReports: [{ enterprise: 'S1', status: 'suspended', asOf: '2020-02-23', reporter: 'platform' }],
};

/** The document as exported after an import on 2020-03-24: each enterprise's `since` defaulted to that day. */
const importedOn = (doc: ImportDocumentInput, day = '2020-03-24'): ImportDocumentInput => ({
  ...doc,
  enterprises: doc.enterprises?.map((e) => ({ since: day, ...e })),
});

async function expectRejected(p: Promise<unknown>): Promise<LinkageError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LinkageError);
  expect((err as LinkageError).code).toBe('invalid_input');
  return err as LinkageError;
}

export interface StoreOptions {
  /** Revisions the change log keeps (the adapter's default when absent). */
  changeLogRevisions?: number;
}

export interface StoreFaults {
  /** Makes every later change-log write of `store` fail inside its transaction, after the rest of the write ran. */
  breakChangeLog(store: GraphStore): Promise<void>;
}

/** Another connection to the data of `store` (same file, same database), not yet initialised. */
export type ReopenStore = (store: GraphStore) => Promise<GraphStore>;

/** changesSince's answer without its head, once the head is checked to be the store's (head()). */
async function logOf(s: GraphStore, since: number, limit?: number) {
  const { store: id, revision, ...log } = await s.changesSince(since, limit);
  expect({ store: id, revision }).toEqual(await s.head());
  return log;
}

export function describeStoreConformance(name: string, makeStore: (opts?: StoreOptions) => Promise<GraphStore>, faults?: StoreFaults, reopen?: ReopenStore): void {
  describe(`${name} store conformance`, () => {
    let store: GraphStore;
    const others: GraphStore[] = [];
    beforeEach(async () => {
      store = await makeStore();
      await store.init();
    });
    afterEach(async () => {
      for (const s of others.splice(0)) await s.close();
    });
    afterEach(async () => {
      await store.close();
    });
    const load = (doc: ImportDocumentInput, at?: string) => importDocument(store, doc, ctx(at));

    it('starts empty at revision 0', async () => {
      expect(await store.revision()).toBe(0);
      expect(await store.exportDocument()).toEqual({ enterprises: [], links: [], statusReports: [] });
    });

    it('init is idempotent', async () => {
      await load(BASE);
      await store.init();
      expect((await store.exportDocument()).enterprises).toHaveLength(3);
    });

    it('exports what was imported, in the same order and shape', async () => {
      await load(BASE);
      expect(await store.exportDocument()).toEqual(importedOn(BASE));
    });

    it('an enterprise without since is part of the statistics from the day it is first imported, in the time zone', async () => {
      await importDocument(store, { enterprises: [ent('A'), ent('B', { since: '2020-01-20' })] }, { actor: 't', now: new Date('2020-03-24T20:00:00Z'), timeZone: 'Asia/Shanghai' });
      const since = async () => (await store.exportDocument()).enterprises.map((e) => [e.id, e.since]);
      expect(await since()).toEqual([
        ['A', '2020-03-25'],
        ['B', '2020-01-20'],
      ]);
      expect((await store.statusTimeline('2020-12-31')).enterprises.map((e) => e.since)).toEqual(['2020-03-25', '2020-01-20']);
      // Re-imported later without since: kept, and nothing changed.
      const again = await importDocument(store, { enterprises: [ent('A'), ent('B')] }, ctx('2020-05-01T08:00:00Z'));
      expect(again.changed.enterprises).toBe(0);
      expect(await since()).toEqual([
        ['A', '2020-03-25'],
        ['B', '2020-01-20'],
      ]);
      // A given since replaces the stored one.
      const moved = await importDocument(store, { enterprises: [ent('A', { since: '2020-02-01' })] }, ctx('2020-05-01T08:00:00Z'));
      expect(moved.changed.enterprises).toBe(1);
      expect(await since()).toEqual([
        ['A', '2020-02-01'],
        ['B', '2020-01-20'],
      ]);
    });

    it('an exported document imported into an empty store on another day gives the same since back', async () => {
      await load(BASE);
      const exported = await store.exportDocument();
      await store.close();
      store = await makeStore();
      await store.init();
      await importDocument(store, exported, ctx('2021-01-01T08:00:00Z'));
      expect(await store.exportDocument()).toEqual(exported);
    });

    it('an import bumps the revision once and reports counts', async () => {
      const out = await load(BASE);
      expect(out).toMatchObject({ revision: 1, enterprises: 3, links: 3, statusReports: 1 });
      expect(out.changed).toEqual({ enterprises: 3, links: 3, statusReports: 1, inventories: 0 });
      expect(await store.revision()).toBe(1);
    });

    it('re-importing the same document changes nothing', async () => {
      await load(BASE);
      const before = JSON.stringify(await store.exportDocument());
      const again = await load(BASE, '2020-03-25T08:00:00Z');
      expect(again.changed).toEqual({ enterprises: 0, links: 0, statusReports: 0, inventories: 0 });
      expect(again.revision).toBe(1);
      expect(JSON.stringify(await store.exportDocument())).toBe(before);
    });

    it('upserts an enterprise by id, keeping its place in the export', async () => {
      await load(BASE);
      await load({ enterprises: [ent('S1', { name: 'Renamed 重命名', status: 'resumed' })] });
      const exported = await store.exportDocument();
      expect(exported.enterprises.map((e) => e.id)).toEqual(['L1', 'S1', 'S2']);
      expect(exported.enterprises[1]).toEqual(ent('S1', { name: 'Renamed 重命名', status: 'resumed', since: '2020-03-24' }));
    });

    it('an upsert without optional fields removes them', async () => {
      await load(BASE);
      await load({ enterprises: [ent('S2', { province: '310000' })] });
      const e = await store.getEnterprise('S2');
      expect(e).not.toHaveProperty('uscc');
      expect(e).not.toHaveProperty('contact');
    });

    it('upserts a link by (supplier, customer, part)', async () => {
      await load(BASE);
      const out = await load({ links: [{ supplier: 'S2', customer: 'S1', part: 'copper-wire', critical: true }] });
      expect(out.changed.links).toBe(1);
      const links = (await store.exportDocument()).links;
      expect(links).toHaveLength(3);
      expect(links[2]).toEqual({ supplier: 'S2', customer: 'S1', part: 'copper-wire', critical: true });
    });

    it('a link without critical is critical', async () => {
      await load(BASE);
      await load({ links: [{ supplier: 'S1', customer: 'S2', part: 'seats' }] });
      expect((await store.exportDocument()).links[3]).toEqual({ supplier: 'S1', customer: 'S2', part: 'seats', critical: true });
    });

    it('links may name enterprises imported earlier', async () => {
      await load(BASE);
      const out = await load({ enterprises: [ent('S3')], links: [{ supplier: 'S3', customer: 'S2', part: 'glass' }] });
      expect(out.changed).toMatchObject({ enterprises: 1, links: 1 });
    });

    it('a rejected import leaves the export byte-identical and the revision unchanged', async () => {
      await load(BASE);
      const before = JSON.stringify(await store.exportDocument());
      await expectRejected(
        load({
          enterprises: [ent('S9', { name: 'new' }), ent('L1', { name: 'changed', role: 'leader', province: '440000' })],
          links: [{ supplier: 'S9', customer: 'X404', part: 'seats' }],
        }),
      );
      expect(JSON.stringify(await store.exportDocument())).toBe(before);
      expect(await store.revision()).toBe(1);
    });

    it('lists every problem of a document with its path', async () => {
      const err = await expectRejected(
        load({
          enterprises: [ent('A', { province: '999999' }), ent('B', { uscc: '91350100M000100Y44' }), ent('bad id!')],
          links: [
            { supplier: 'A', customer: 'Nobody', part: 'seats' },
            { supplier: 'A', customer: 'B', part: 'Not A Slug' },
          ],
          statusReports: [{ enterprise: 'Ghost', status: 'resumed', asOf: '2020-02-30' }],
        }),
      );
      const paths = err.details!.map((d) => d.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'enterprises[0].province',
          'enterprises[1].uscc',
          'enterprises[2].id',
          'links[0].customer',
          'links[1].part',
          'statusReports[0].asOf',
          'statusReports[0].enterprise',
        ]),
      );
    });

    it('reports unknown enterprises by path once the shape is valid', async () => {
      const err = await expectRejected(
        load({ enterprises: [ent('A')], links: [{ supplier: 'A', customer: 'X', part: 'seats' }], statusReports: [{ enterprise: 'Y', status: 'resumed' }] }),
      );
      expect(err.details).toEqual([
        { path: 'links[0].customer', message: 'unknown enterprise "X"' },
        { path: 'statusReports[0].enterprise', message: 'unknown enterprise "Y"' },
      ]);
    });

    it('rejects self-links', async () => {
      const err = await expectRejected(load({ enterprises: [ent('A')], links: [{ supplier: 'A', customer: 'A', part: 'seats' }] }));
      expect(err.details![0].path).toBe('links[0].customer');
    });

    it('rejects duplicate ids and link keys within a document', async () => {
      const err = await expectRejected(
        load({
          enterprises: [ent('A'), ent('B'), ent('A')],
          links: [
            { supplier: 'A', customer: 'B', part: 'seats' },
            { supplier: 'A', customer: 'B', part: 'seats', critical: false },
          ],
        }),
      );
      expect(err.details!.map((d) => d.path)).toEqual(['enterprises[2].id', 'links[1]']);
    });

    it('rejects unknown fields with their path', async () => {
      const err = await expectRejected(load({ enterprises: [{ ...ent('A'), colour: 'red' }] } as unknown as ImportDocumentInput));
      expect(err.details).toEqual([{ path: 'enterprises[0].colour', message: 'unknown field' }]);
    });

    it('accepts cycles', async () => {
      await load({
        enterprises: [ent('A'), ent('B'), ent('C')],
        links: [
          { supplier: 'A', customer: 'B', part: 'castings' },
          { supplier: 'B', customer: 'C', part: 'forgings' },
          { supplier: 'C', customer: 'A', part: 'bearings' },
        ],
      });
      expect((await store.snapshot()).links).toHaveLength(3);
    });

    it('keeps unicode and hostile text verbatim', async () => {
      const names = ['东风汽车零部件（十堰）有限公司', 'Ünïcødé 🚗 ‮RTL', "x' OR 1=1; DROP TABLE enterprise; --", 'MATCH (n) DETACH DELETE n //', '<script>alert(1)</script>'];
      const doc = { enterprises: names.map((n, i) => ent(`U${i}`, { name: n, contact: n })) };
      await load(doc);
      const out = await store.exportDocument();
      expect(out.enterprises.map((e) => e.name)).toEqual(names);
      expect((await store.getEnterprise('U1'))!.contact).toBe(names[1]);
    });

    it("an enterprise's own status is its status before any report", async () => {
      await load({ enterprises: [ent('A', { status: 'partial', capacityPct: 30 })] });
      const e = await store.getEnterprise('A');
      expect(e).toMatchObject({ currentStatus: 'partial', currentCapacityPct: 30 });
      expect(e).not.toHaveProperty('currentAsOf');
    });

    it('reports override the own status, even when it is upserted later', async () => {
      await load(BASE);
      await load({ enterprises: [ent('S1', { size: 'small', capacityPct: 40, status: 'resumed' })] });
      expect((await store.getEnterprise('S1'))!.currentStatus).toBe('suspended');
    });

    it('the current status is the report with the latest asOf', async () => {
      await load(BASE);
      await store.appendStatusReport({ enterprise: 'S1', status: 'resumed', asOf: '2020-03-20', capacityPct: 80 }, ctx());
      await store.appendStatusReport({ enterprise: 'S1', status: 'partial', asOf: '2020-03-01' }, ctx());
      expect(await store.getEnterprise('S1')).toMatchObject({ currentStatus: 'resumed', currentCapacityPct: 80, currentAsOf: '2020-03-20' });
    });

    it('on equal asOf the latest received report wins', async () => {
      await load(BASE);
      await store.appendStatusReport({ enterprise: 'S2', status: 'suspended', asOf: '2020-03-10' }, ctx());
      await store.appendStatusReport({ enterprise: 'S2', status: 'partial', asOf: '2020-03-10' }, ctx());
      expect((await store.getEnterprise('S2'))!.currentStatus).toBe('partial');
      const snap = await store.snapshot();
      expect(snap.enterprises.find((e) => e.id === 'S2')!.status).toBe('partial');
    });

    it('every appended report bumps the revision and is returned with its seq', async () => {
      await load(BASE);
      const a = await store.appendStatusReport({ enterprise: 'S2', status: 'partial', asOf: '2020-03-10', note: 'half shift', reporter: 'r1' }, ctx());
      const b = await store.appendStatusReport({ enterprise: 'S2', status: 'partial', asOf: '2020-03-10', note: 'half shift', reporter: 'r1' }, ctx());
      expect([a.revision, b.revision]).toEqual([2, 3]);
      expect(b.report.seq).toBeGreaterThan(a.report.seq);
      expect(a.report).toMatchObject({ enterprise: 'S2', status: 'partial', asOf: '2020-03-10', note: 'half shift', reporter: 'r1' });
    });

    it('status history is newest first, ties by latest received', async () => {
      await load(BASE);
      await store.appendStatusReport({ enterprise: 'S1', status: 'partial', asOf: '2020-03-01', note: 'first' }, ctx());
      await store.appendStatusReport({ enterprise: 'S1', status: 'resumed', asOf: '2020-03-10' }, ctx());
      await store.appendStatusReport({ enterprise: 'S1', status: 'suspended', asOf: '2020-03-01', note: 'second' }, ctx());
      const page = await store.statusHistory('S1', { limit: 10 });
      expect(page.items.map((r) => [r.asOf, r.note ?? null])).toEqual([
        ['2020-03-10', null],
        ['2020-03-01', 'second'],
        ['2020-03-01', 'first'],
        ['2020-02-23', null],
      ]);
      expect(page.nextCursor).toBeNull();
    });

    it('status history pages with a cursor', async () => {
      await load(BASE);
      for (let d = 1; d <= 7; d++) await store.appendStatusReport({ enterprise: 'S2', status: 'partial', asOf: `2020-03-0${d}` }, ctx());
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.statusHistory('S2', { limit: 3, cursor });
        seen.push(...page.items.map((r) => r.asOf));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['2020-03-07', '2020-03-06', '2020-03-05', '2020-03-04', '2020-03-03', '2020-03-02', '2020-03-01']);
    });

    it('a cursor it did not issue is invalid input', async () => {
      await expectRejected(store.statusHistory('S1', { limit: 3, cursor: 'not-a-cursor' }));
    });

    it('status reports already present are not imported twice', async () => {
      await load(BASE);
      const out = await load({ statusReports: [BASE.statusReports![0], { enterprise: 'S2', status: 'partial', asOf: '2020-03-01' }] });
      expect(out.changed.statusReports).toBe(1);
      expect((await store.exportDocument()).statusReports).toHaveLength(2);
    });

    it('an imported report without asOf is as of the day it is received', async () => {
      await load(BASE);
      await load({ statusReports: [{ enterprise: 'S2', status: 'partial' }] }, '2020-04-02T10:00:00Z');
      expect((await store.getEnterprise('S2'))!.currentAsOf).toBe('2020-04-02');
    });

    it('the snapshot carries current statuses, links and the revision', async () => {
      await load(BASE);
      const snap = await store.snapshot();
      expect(snap.revision).toBe(1);
      expect(snap.enterprises).toEqual([
        { id: 'L1', role: 'leader', province: '440000', industry: 'automotive', status: 'resumed', name: 'Enterprise L1', capacityPct: null },
        { id: 'S1', role: 'supplier', province: '420000', industry: 'automotive', status: 'suspended', name: 'Enterprise S1', capacityPct: null },
        { id: 'S2', role: 'supplier', province: '310000', industry: 'automotive', status: 'resumed', name: 'Enterprise S2', capacityPct: null },
      ]);
      expect(snap.links).toEqual(BASE.links);
    });

    it('the snapshot carries names and the current capacity: the current report’s, else the own one', async () => {
      await load({ enterprises: [ent('A', { name: '东风座椅', status: 'partial', capacityPct: 30 }), ent('B', { capacityPct: 60 }), ent('C')] });
      await store.appendStatusReport({ enterprise: 'B', status: 'partial', asOf: '2020-03-10', capacityPct: 45 }, ctx());
      const capacity = Object.fromEntries((await store.snapshot()).enterprises.map((e) => [e.id, [e.name, e.capacityPct]]));
      expect(capacity).toEqual({ A: ['东风座椅', 30], B: ['Enterprise B', 45], C: ['Enterprise C', null] });
      await store.appendStatusReport({ enterprise: 'B', status: 'resumed', asOf: '2020-03-11' }, ctx());
      expect((await store.snapshot()).enterprises.find((e) => e.id === 'B')!.capacityPct).toBeNull();
    });

    it('statusesOn gives each enterprise its status on a date', async () => {
      await load(BASE);
      await store.appendStatusReport({ enterprise: 'S1', status: 'resumed', asOf: '2020-03-20' }, ctx());
      const on = async (d: string) => Object.fromEntries((await store.statusesOn(d)).map((s) => [s.id, s.status]));
      expect(await on('2020-02-01')).toEqual({ L1: 'resumed', S1: 'partial', S2: 'resumed' });
      expect(await on('2020-02-23')).toEqual({ L1: 'resumed', S1: 'suspended', S2: 'resumed' });
      expect(await on('2020-03-24')).toEqual({ L1: 'resumed', S1: 'resumed', S2: 'resumed' });
      expect((await store.statusesOn('2020-03-24')).find((s) => s.id === 'L1')).toMatchObject({ size: 'large', role: 'leader' });
    });

    it('statusTimeline lists every enterprise in insertion order with its own status, size only when it has one', async () => {
      expect(await store.statusTimeline('2020-12-31')).toStrictEqual({ enterprises: [], reports: [] });
      await load(BASE);
      await load({ enterprises: [ent('S3', { status: 'suspended', size: 'medium', industry: 'electronics' })] });
      const { enterprises } = await store.statusTimeline('2020-12-31');
      // S1's own status, not its current one (a report made it 'suspended').
      const since = '2020-03-24';
      expect(enterprises).toStrictEqual([
        { id: 'L1', role: 'leader', province: '440000', industry: 'automotive', size: 'large', status: 'resumed', since },
        { id: 'S1', role: 'supplier', province: '420000', industry: 'automotive', size: 'small', status: 'partial', since },
        { id: 'S2', role: 'supplier', province: '310000', industry: 'automotive', status: 'resumed', since },
        { id: 'S3', role: 'supplier', province: '420000', industry: 'electronics', size: 'medium', status: 'suspended', since },
      ]);
      await load({ enterprises: [ent('L1', { role: 'leader', province: '440000' })] });
      expect((await store.statusTimeline('2020-12-31')).enterprises[0]).not.toHaveProperty('size');
    });

    it('statusTimeline orders reports by asOf, ties by the order received, and replaying them gives statusesOn', async () => {
      await load(BASE);
      await store.appendStatusReport({ enterprise: 'S2', status: 'partial', asOf: '2020-03-10', capacityPct: 50, note: 'n' }, ctx());
      await store.appendStatusReport({ enterprise: 'S2', status: 'suspended', asOf: '2020-03-01' }, ctx());
      await load({
        statusReports: [
          { enterprise: 'L1', status: 'partial', asOf: '2020-03-01' },
          { enterprise: 'S2', status: 'resumed', asOf: '2020-03-10' },
        ],
      });
      await store.appendStatusReport({ enterprise: 'S1', status: 'resumed', asOf: '2020-03-01' }, ctx());
      const { enterprises, reports } = await store.statusTimeline('2020-12-31');
      expect(reports).toStrictEqual([
        { enterprise: 'S1', status: 'suspended', asOf: '2020-02-23' },
        { enterprise: 'S2', status: 'suspended', asOf: '2020-03-01' },
        { enterprise: 'L1', status: 'partial', asOf: '2020-03-01' },
        { enterprise: 'S1', status: 'resumed', asOf: '2020-03-01' },
        { enterprise: 'S2', status: 'partial', asOf: '2020-03-10' },
        { enterprise: 'S2', status: 'resumed', asOf: '2020-03-10' },
      ]);
      for (const date of ['2020-02-22', '2020-02-23', '2020-03-01', '2020-03-09', '2020-03-10']) {
        const replayed = new Map(enterprises.map((e) => [e.id, e.status]));
        for (const r of reports) if (r.asOf <= date) replayed.set(r.enterprise, r.status);
        expect((await store.statusesOn(date)).map((e) => [e.id, e.status])).toEqual([...replayed]);
      }
    });

    it('statusTimeline keeps the reports up to and including `to`', async () => {
      await load(BASE);
      await store.appendStatusReport({ enterprise: 'S2', status: 'partial', asOf: '2020-03-01' }, ctx());
      await store.appendStatusReport({ enterprise: 'S2', status: 'resumed', asOf: '2020-03-02' }, ctx());
      const asOfs = async (to: string) => (await store.statusTimeline(to)).reports.map((r) => r.asOf);
      expect(await asOfs('2020-03-01')).toEqual(['2020-02-23', '2020-03-01']);
      expect(await asOfs('2020-02-29')).toEqual(['2020-02-23']);
      expect(await asOfs('2020-02-22')).toEqual([]);
      expect((await store.statusTimeline('2020-02-22')).enterprises.map((e) => e.id)).toEqual(['L1', 'S1', 'S2']);
    });

    it('missingEnterprises names the ids it does not hold', async () => {
      await load(BASE);
      expect((await store.missingEnterprises(['L1', 'Q', 'S2', 'R', 'Q'])).sort()).toEqual(['Q', 'R']);
    });

    it('getEnterprise answers null for an unknown id', async () => {
      expect(await store.getEnterprise('nope')).toBeNull();
    });

    it('imports 10,000 rows in one document', async () => {
      const n = 2500;
      const enterprises = Array.from({ length: n }, (_, i) => ent(`E${i}`));
      const links = Array.from({ length: 3 * n }, (_, k) => ({
        supplier: `E${k % n}`,
        customer: `E${(k % n) + 1 + Math.floor(k / n)}`.replace(/E(\d+)/, (_m, d) => `E${Number(d) % n}`),
        part: `p${Math.floor(k / n)}`,
      })).filter((l) => l.supplier !== l.customer);
      const out = await load({ enterprises, links });
      expect(out.enterprises + out.links).toBeGreaterThanOrEqual(9_990);
      const exported = await store.exportDocument();
      expect(exported.enterprises).toHaveLength(n);
      expect(exported.links).toHaveLength(links.length);
    });

    describe('runway records (§7)', () => {
      const STOCK: ImportDocumentInput = {
        ...BASE,
        inventories: [
          { customer: 'L1', part: 'wiring-harness', days: 5, asOf: '2020-02-20', reporter: 'plant' },
          { customer: 'S1', part: 'copper-wire', days: 2, asOf: '2020-02-21', note: 'one shift' },
        ],
      };

      it('exports imported inventories and expectedResumeOn, and importing the export gives the same store', async () => {
        const doc = {
          ...STOCK,
          statusReports: [{ enterprise: 'S1', status: 'suspended' as const, asOf: '2020-02-23', expectedResumeOn: '2020-03-05' }],
        };
        const out = await load(doc);
        expect(out).toMatchObject({ inventories: 2, changed: { inventories: 2 } });
        expect(await store.exportDocument()).toEqual(importedOn(doc));
        const again = await load(doc);
        expect(again.changed).toEqual({ enterprises: 0, links: 0, statusReports: 0, inventories: 0 });
        expect(again.revision).toBe(out.revision);
      });

      it('a store without inventories exports no inventories key', async () => {
        await load(BASE);
        expect(Object.keys(await store.exportDocument())).toEqual(['enterprises', 'links', 'statusReports']);
      });

      it('rejects inventories for unknown customers, parts without a link, and bad days, by path', async () => {
        await load(BASE);
        const err = await expectRejected(
          load({
            inventories: [
              { customer: 'NOPE', part: 'seat', days: 1 },
              { customer: 'L1', part: 'seat', days: 1 },
              { customer: 'S1', part: 'copper-wire', days: -1 },
              { customer: 'S1', part: 'copper-wire', days: 1.5, extra: 1 } as never,
            ],
          }),
        );
        expect(err.details?.map((d) => d.path).sort()).toEqual(
          ['inventories[0].customer', 'inventories[1].part', 'inventories[2].days', 'inventories[3].days', 'inventories[3].extra'].sort(),
        );
        expect(await store.revision()).toBe(1);
      });

      it('a link in the same document lets its customer report stock of the part', async () => {
        await load(BASE);
        const out = await load({
          links: [{ supplier: 'S1', customer: 'S2', part: 'seat' }],
          inventories: [{ customer: 'S2', part: 'seat', days: 3, asOf: '2020-02-01' }],
        });
        expect(out.changed.inventories).toBe(1);
      });

      it('missingCustomerParts names the pairs with no link', async () => {
        await load(BASE);
        expect(
          await store.missingCustomerParts([
            { customer: 'L1', part: 'wiring-harness' },
            { customer: 'L1', part: 'copper-wire' },
            { customer: 'S1', part: 'copper-wire' },
          ]),
        ).toEqual([{ customer: 'L1', part: 'copper-wire' }]);
      });

      it('appends inventory reports with a new revision; history is newest first, ties by latest received, and pages', async () => {
        await load(STOCK);
        const a = await store.appendInventoryReport({ customer: 'L1', part: 'wiring-harness', days: 7, asOf: '2020-02-25', reporter: 'r1' }, ctx());
        const b = await store.appendInventoryReport({ customer: 'L1', part: 'wiring-harness', days: 6, asOf: '2020-02-25', note: 'recount' }, ctx());
        expect([a.revision, b.revision]).toEqual([2, 3]);
        expect(b.report.seq).toBeGreaterThan(a.report.seq);
        expect(a.report).toMatchObject({ customer: 'L1', part: 'wiring-harness', days: 7, asOf: '2020-02-25', reporter: 'r1', receivedAt: '2020-03-24T08:00:00.000Z' });
        const first = await store.inventoryHistory('L1', { limit: 2 });
        expect(first.items.map((r) => [r.days, r.asOf])).toEqual([
          [6, '2020-02-25'],
          [7, '2020-02-25'],
        ]);
        const second = await store.inventoryHistory('L1', { limit: 2, cursor: first.nextCursor! });
        expect(second.items.map((r) => [r.days, r.asOf, r.reporter])).toEqual([[5, '2020-02-20', 'plant']]);
        expect(second.nextCursor).toBeNull();
        expect((await store.inventoryHistory('S2', { limit: 5 })).items).toEqual([]);
        await expectRejected(store.inventoryHistory('L1', { limit: 2, cursor: 'nope' }));
      });

      it('runwayRecords: current inventory per (customer, part), latest asOf then latest received', async () => {
        await load(STOCK);
        await store.appendInventoryReport({ customer: 'L1', part: 'wiring-harness', days: 9, asOf: '2020-02-18' }, ctx());
        await store.appendInventoryReport({ customer: 'S1', part: 'copper-wire', days: 4, asOf: '2020-02-21' }, ctx());
        const records = await store.runwayRecords();
        expect(records.revision).toBe(3);
        expect(records.inventories).toEqual([
          { customer: 'L1', part: 'wiring-harness', days: 5, asOf: '2020-02-20' },
          { customer: 'S1', part: 'copper-wire', days: 4, asOf: '2020-02-21' },
        ]);
      });

      it('runwayRecords: downSince is the first report of the latest unbroken run of suspensions', async () => {
        await load(BASE);
        // S1: suspended 02-23 (import), resumed 03-01, suspended 03-05 and 03-08 (and a late-filed 03-06).
        await store.appendStatusReport({ enterprise: 'S1', status: 'resumed', asOf: '2020-03-01' }, ctx());
        await store.appendStatusReport({ enterprise: 'S1', status: 'suspended', asOf: '2020-03-08', expectedResumeOn: '2020-03-20' }, ctx());
        await store.appendStatusReport({ enterprise: 'S1', status: 'suspended', asOf: '2020-03-05' }, ctx());
        await store.appendStatusReport({ enterprise: 'S1', status: 'suspended', asOf: '2020-03-06' }, ctx());
        // S2: suspended then resumed: not down.
        await store.appendStatusReport({ enterprise: 'S2', status: 'suspended', asOf: '2020-03-02' }, ctx());
        await store.appendStatusReport({ enterprise: 'S2', status: 'resumed', asOf: '2020-03-03' }, ctx());
        const records = await store.runwayRecords();
        expect(records.suspensions).toEqual([{ enterprise: 'S1', downSince: '2020-03-05', expectedResumeOn: '2020-03-20' }]);
        expect(records.latestAsOf).toBe('2020-03-08');
        const history = await store.statusHistory('S1', { limit: 1 });
        expect(history.items[0]).toMatchObject({ asOf: '2020-03-08', expectedResumeOn: '2020-03-20' });
      });

      it('runwayRecords: the data date is the latest asOf of status or inventory reports, null in an empty store', async () => {
        expect((await store.runwayRecords()).latestAsOf).toBeNull();
        await load(STOCK);
        expect((await store.runwayRecords()).latestAsOf).toBe('2020-02-23');
        await store.appendInventoryReport({ customer: 'L1', part: 'wiring-harness', days: 1, asOf: '2020-03-02' }, ctx());
        expect((await store.runwayRecords()).latestAsOf).toBe('2020-03-02');
      });
    });

    describe('identity', () => {
      it('has one, created with it: the same after init again, in every answer that carries it, and after writes', async () => {
        const { store: id } = await store.head();
        expect(id).toEqual(expect.stringMatching(/^[0-9a-f-]{16,}$/));
        expect(await store.head()).toEqual({ store: id, revision: 0 });
        await store.init();
        await load(BASE);
        await store.appendStatusReport({ enterprise: 'S1', status: 'resumed', asOf: '2020-03-01' }, ctx());
        expect(await store.head()).toEqual({ store: id, revision: 2 });
        expect(await store.changesSince(0)).toMatchObject({ store: id, revision: 2, covered: true });
        expect(await store.changesSince(2)).toEqual({ store: id, revision: 2, covered: true, changes: [] });
        expect(await store.changesSince(9)).toEqual({ store: id, revision: 2, covered: true, changes: [] });
        const snapshot = await store.snapshot();
        expect([snapshot.store, snapshot.revision]).toEqual([id, 2]);
      });

      it('another store has another', async () => {
        const other = await makeStore();
        others.push(other);
        await other.init();
        expect((await other.head()).store).not.toBe((await store.head()).store);
        expect((await other.snapshot()).store).toBe((await other.head()).store);
      });

      (reopen ? it : it.skip)('is the same when the store is opened again, initialised or not', async () => {
        await load(BASE);
        const { store: id } = await store.head();
        const again = await reopen!(store);
        others.push(again);
        expect(await again.head()).toEqual({ store: id, revision: 1 });
        await again.init();
        expect(await again.head()).toEqual({ store: id, revision: 1 });
        expect((await again.snapshot()).store).toBe(id);
        expect((await again.changesSince(1)).store).toBe(id);
      });
    });

    describe('change log', () => {
      const S1 = (over: Partial<Parameters<GraphStore['appendStatusReport']>[0]>) =>
        store.appendStatusReport({ enterprise: 'S1', status: 'suspended', asOf: '2020-03-01', ...over }, ctx());

      it('every write that makes a revision records what it changed, in revision order', async () => {
        await load(BASE);
        const status = await S1({ status: 'partial', capacityPct: 60, asOf: '2020-03-01' });
        const stock = await store.appendInventoryReport({ customer: 'L1', part: 'wiring-harness', days: 4, asOf: '2020-03-02' }, ctx());
        await load(BASE); // changes nothing: no revision, no entry
        const log = await logOf(store, 0);
        expect(log).toEqual({
          covered: true,
          changes: [
            { revision: 1, kind: 'import', changed: { enterprises: 3, links: 3, statusReports: 1, inventories: 0 } },
            { revision: 2, kind: 'status', enterprise: 'S1', currentStatus: 'partial', currentCapacityPct: 60, asOf: '2020-03-01', suspension: null },
            { revision: 3, kind: 'inventory', customer: 'L1', part: 'wiring-harness', days: 4, asOf: '2020-03-02' },
          ],
        });
        // Each write answers with the entry it recorded.
        expect(log.covered && [status.change, stock.change]).toEqual(log.covered && log.changes.slice(1));
        expect(await logOf(store, 1)).toEqual({ covered: true, changes: log.covered ? log.changes.slice(1) : [] });
        expect(await logOf(store, 0, 2)).toEqual({ covered: true, changes: log.covered ? log.changes.slice(0, 2) : [] });
        expect(await logOf(store, 3)).toEqual({ covered: true, changes: [] });
        expect(await logOf(store, 7)).toEqual({ covered: true, changes: [] });
      });

      it('a status change carries the state after the report, a late-filed one included, and the suspension the runway reads', async () => {
        await load(BASE); // S1 suspended since 02-23
        const runwayEntry = async () => {
          const { enterprise: _e, ...rest } = (await store.runwayRecords()).suspensions.find((x) => x.enterprise === 'S1') ?? { enterprise: 'S1' };
          return 'downSince' in rest ? rest : null;
        };
        const a = await S1({ asOf: '2020-03-05', expectedResumeOn: '2020-03-20' });
        expect(a.change).toMatchObject({ currentStatus: 'suspended', asOf: '2020-03-05', suspension: { downSince: '2020-02-23', expectedResumeOn: '2020-03-20' } });
        expect(a.change.suspension).toEqual(await runwayEntry());
        // Filed late: the current status stays, but the run now starts after it.
        const b = await S1({ status: 'resumed', asOf: '2020-03-01' });
        expect(b.change).toMatchObject({
          currentStatus: 'suspended',
          currentCapacityPct: null,
          asOf: '2020-03-01',
          suspension: { downSince: '2020-03-05', expectedResumeOn: '2020-03-20' },
        });
        expect(b.change.suspension).toEqual(await runwayEntry());
        const c = await S1({ status: 'partial', capacityPct: 40, asOf: '2020-03-10' });
        expect(c.change).toMatchObject({ currentStatus: 'partial', currentCapacityPct: 40, suspension: null });
        expect(await runwayEntry()).toBeNull();
        const d = await S1({ asOf: '2020-03-11' });
        expect(d.change.suspension).toEqual({ downSince: '2020-03-11' });
        expect(d.change.suspension).toEqual(await runwayEntry());
      });

      it('keeps the latest revisions only: older ones are not covered', async () => {
        const small = await makeStore({ changeLogRevisions: 3 });
        others.push(small);
        await small.init();
        await importDocument(small, BASE, ctx());
        for (const asOf of ['2020-03-01', '2020-03-02', '2020-03-03', '2020-03-04']) {
          await small.appendStatusReport({ enterprise: 'S2', status: 'partial', capacityPct: 50, asOf }, ctx());
        }
        expect(await small.revision()).toBe(5);
        expect(await logOf(small, 0)).toEqual({ covered: false });
        expect(await logOf(small, 1)).toEqual({ covered: false });
        const kept = await logOf(small, 2);
        expect(kept.covered && kept.changes.map((c) => [c.revision, c.kind === 'status' && c.asOf])).toEqual([
          [3, '2020-03-02'],
          [4, '2020-03-03'],
          [5, '2020-03-04'],
        ]);
        expect(await logOf(small, 5)).toEqual({ covered: true, changes: [] });
      });

      it('a refused write records nothing', async () => {
        await load(BASE);
        await expect(store.appendStatusReport({ enterprise: 'Ghost', status: 'suspended', asOf: '2020-03-01' }, ctx())).rejects.toMatchObject({ code: 'not_found' });
        expect(await store.revision()).toBe(1);
        expect(await logOf(store, 1)).toEqual({ covered: true, changes: [] });
      });

      it('a limit that is not a positive integer is invalid input', async () => {
        await expectRejected(store.changesSince(0, 0));
        await expectRejected(store.changesSince(0, 1.5));
      });

      (faults ? it : it.skip)('a write whose log entry fails lands nothing: no report, no revision, no entry', async () => {
        await load(BASE);
        await faults!.breakChangeLog(store);
        await expect(S1({ status: 'resumed', asOf: '2020-03-02' })).rejects.toBeTruthy();
        await expect(store.appendInventoryReport({ customer: 'L1', part: 'wiring-harness', days: 4, asOf: '2020-03-02' }, ctx())).rejects.toBeTruthy();
        expect(await store.revision()).toBe(1);
        expect((await store.statusHistory('S1', { limit: 5 })).items.map((r) => r.asOf)).toEqual(['2020-02-23']);
        expect((await store.runwayRecords()).inventories).toEqual([]);
        expect(await logOf(store, 1)).toEqual({ covered: true, changes: [] });
      });
    });
  });
}
