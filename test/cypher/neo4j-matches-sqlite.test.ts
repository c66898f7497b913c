/**
 * The Neo4j adapter (on the fake driver) answers exactly as the SQLite adapter does, for random
 * sequences of writes, including what validation would reject but the stores must still agree
 * on: an id or link key repeated within one document, reports repeated within one import.
 */
import fc from 'fast-check';
import { SqliteStore } from '../../src/graph/sqlite';
import { Neo4jStore } from '../../src/graph/neo4j';
import type { Enterprise, ImportDocument, Link } from '../../src/graph/schema';
import type { ChainSnapshot, GraphStore, NewStatusReport, ProgressFn, WriteContext } from '../../src/graph/store';
import { FakeNeo4j } from './fake-neo4j';

const IDS = ['A', 'B', 'C', 'D'];
const DATES = ['2020-02-01', '2020-02-15', '2020-03-01'];
const status = fc.constantFrom('resumed' as const, 'partial' as const, 'suspended' as const);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Few variants per id, so documents often repeat a row exactly or change it back. */
const enterprise = fc.record({ id: fc.constantFrom(...IDS), variant: fc.integer({ min: 0, max: 2 }) }).map(({ id, variant }): Enterprise => {
  const base: Enterprise = { id, name: `Enterprise ${id}`, role: 'supplier', industry: 'automotive', province: '420000', status: 'resumed' };
  if (variant === 1) return { ...base, capacityPct: 40, size: 'small', city: 'Wuhan' };
  if (variant === 2) return { ...base, role: 'leader', status: 'partial', capacityPct: 62.5, city: '十堰' };
  return base;
});

const link = fc
  .record({ supplier: fc.constantFrom(...IDS), customer: fc.constantFrom(...IDS), part: fc.constantFrom('seats', 'glass'), critical: fc.boolean() })
  .filter((l) => l.supplier !== l.customer);

const report = fc
  .record({
    enterprise: fc.constantFrom(...IDS),
    status,
    asOf: maybe(fc.constantFrom(...DATES)),
    extras: fc.constantFrom({}, { capacityPct: 55.5, note: 'night shift', reporter: 'r1' }, { note: '' }),
  })
  .map(({ extras, asOf, ...r }): ImportDocument['statusReports'][number] => ({ ...r, ...(asOf !== undefined ? { asOf } : {}), ...extras }));

type Op =
  | { kind: 'import'; enterprises: Enterprise[]; links: Link[]; statusReports: ImportDocument['statusReports']; day: number }
  | { kind: 'append'; report: NewStatusReport; day: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('import' as const),
    enterprises: fc.array(enterprise, { maxLength: 6 }),
    links: fc.array(link, { maxLength: 6 }),
    statusReports: fc.array(report, { maxLength: 5 }),
    day: fc.integer({ min: 1, max: 28 }),
  }),
  fc.record({
    kind: fc.constant('append' as const),
    report: report.map((r): NewStatusReport => ({ ...r, asOf: r.asOf ?? '2020-02-10' })),
    day: fc.integer({ min: 1, max: 28 }),
  }),
);

/** Drops the rows the stores cannot hold alike: links and reports about enterprises never stored. */
function storable(o: Op, known: Set<string>): Op {
  if (o.kind === 'append') return o;
  o.enterprises.forEach((e) => known.add(e.id));
  return { ...o, links: o.links.filter((l) => known.has(l.supplier) && known.has(l.customer)), statusReports: o.statusReports.filter((r) => known.has(r.enterprise)) };
}

async function apply(store: GraphStore, o: Op): Promise<unknown> {
  const ctx: WriteContext = { actor: 'test', now: new Date(`2020-03-${String(o.day).padStart(2, '0')}T09:30:00Z`) };
  // A report about an unknown enterprise is refused by both (not_found), writing nothing.
  if (o.kind === 'append') return store.appendStatusReport(o.report, ctx).catch((err: { code?: string }) => ({ refused: err.code }));
  const progress: unknown[] = [];
  const onProgress: ProgressFn = (...args) => progress.push(args);
  const outcome = await store.applyImport({ enterprises: o.enterprises, links: o.links, statusReports: o.statusReports }, ctx, onProgress);
  return { outcome, progress };
}

async function observe(store: GraphStore): Promise<unknown> {
  const history: Record<string, unknown[]> = {};
  for (const id of IDS) {
    const items: unknown[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.statusHistory(id, { limit: 2, cursor });
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    history[id] = items;
  }
  return {
    revision: await store.revision(),
    export: await store.exportDocument(),
    snapshot: await snapshotRows(store),
    statusesOn: await Promise.all(['2020-01-31', ...DATES].map((d) => store.statusesOn(d))),
    statusTimeline: await Promise.all(['2020-01-31', ...DATES].map((d) => store.statusTimeline(d))),
    enterprises: await Promise.all(IDS.map((id) => store.getEnterprise(id))),
    missing: await store.missingEnterprises([...IDS, 'Z', 'A']),
    history,
  };
}

/** The snapshot as rows: SQLite also gives it as columns (a faster form of the same rows), Neo4j does not. */
async function snapshotRows(store: GraphStore): Promise<Omit<ChainSnapshot, 'columns'>> {
  const snapshot = await store.snapshot();
  return { revision: snapshot.revision, enterprises: snapshot.enterprises, links: snapshot.links };
}

describe('the neo4j adapter matches the sqlite adapter', () => {
  it('on random sequences of imports and status reports', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 6 }), async (ops) => {
        const sqlite = new SqliteStore({ file: ':memory:' });
        const neo = new Neo4jStore({ driver: new FakeNeo4j().asDriver() });
        await sqlite.init();
        await neo.init();
        const known = new Set<string>();
        try {
          for (const raw of ops) {
            const o = storable(raw, known);
            expect(await apply(neo, o)).toEqual(await apply(sqlite, o));
            expect(await observe(neo)).toStrictEqual(await observe(sqlite));
          }
        } finally {
          await sqlite.close();
          await neo.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('including JSON key order of the export, statuses on a date and the status timeline', async () => {
    const sqlite = new SqliteStore({ file: ':memory:' });
    const neo = new Neo4jStore({ driver: new FakeNeo4j().asDriver() });
    await Promise.all([sqlite.init(), neo.init()]);
    const doc: ImportDocument = {
      enterprises: [
        {
          id: 'A',
          name: 'A',
          role: 'leader',
          industry: 'automotive',
          province: '420000',
          status: 'resumed',
          capacityPct: 50,
          size: 'large',
          city: 'Wuhan',
          uscc: '91350100M000100Y43',
          contact: 'c',
        },
        { id: 'B', name: 'B', role: 'supplier', industry: 'automotive', province: '420000', status: 'partial' },
      ],
      links: [],
      statusReports: [{ enterprise: 'A', status: 'partial', asOf: '2020-02-01', capacityPct: 20, note: 'n', reporter: 'r' }],
    };
    const ctx = { actor: 't', now: new Date('2020-03-01T00:00:00Z') };
    await sqlite.applyImport(doc, ctx);
    await neo.applyImport(doc, ctx);
    expect(JSON.stringify(await neo.exportDocument())).toBe(JSON.stringify(await sqlite.exportDocument()));
    expect(JSON.stringify(await neo.statusesOn('2020-03-01'))).toBe(JSON.stringify(await sqlite.statusesOn('2020-03-01')));
    expect(JSON.stringify(await neo.statusTimeline('2020-03-01'))).toBe(JSON.stringify(await sqlite.statusTimeline('2020-03-01')));
    await Promise.all([sqlite.close(), neo.close()]);
  });
});
