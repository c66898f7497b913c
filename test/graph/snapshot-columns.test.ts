import { analyze } from '../../src/analysis';
import { columnSnapshot, ColumnsPatch, emptyColumns, readColumns, type EnterpriseRow, type LinkRow } from '../../src/graph/snapshot-columns';

const enterpriseRows: EnterpriseRow[] = [
  ['L1', 'Leader one', 'leader', '420000', 'automotive', 'resumed', null],
  ['S1', 'Supplier one', 'supplier', '420000', 'automotive', 'suspended', 0],
  ['S2', 'Supplier two', 'supplier', '310000', 'electronics', 'partial', 40],
  ['S3', 'Supplier three', 'supplier', '310000', 'automotive', 'resumed', null],
];
const linkRows: LinkRow[] = [
  ['S1', 'L1', 'seat', 1],
  ['S2', 'L1', 'chip', 1],
  ['S3', 'S2', 'wafer', 0],
];

function snapshotOf(enterprises: EnterpriseRow[], links: LinkRow[]) {
  return columnSnapshot(
    7,
    readColumns(
      enterprises.length,
      () => enterprises,
      links.length,
      () => links,
      'test',
    ),
  );
}

describe('snapshots read as columns', () => {
  test('build the same enterprise and link objects a store gives, when read', () => {
    const snap = snapshotOf(enterpriseRows, linkRows);
    expect(snap.revision).toBe(7);
    expect(snap.enterprises).toEqual([
      { id: 'L1', name: 'Leader one', role: 'leader', province: '420000', industry: 'automotive', status: 'resumed', capacityPct: null },
      { id: 'S1', name: 'Supplier one', role: 'supplier', province: '420000', industry: 'automotive', status: 'suspended', capacityPct: 0 },
      { id: 'S2', name: 'Supplier two', role: 'supplier', province: '310000', industry: 'electronics', status: 'partial', capacityPct: 40 },
      { id: 'S3', name: 'Supplier three', role: 'supplier', province: '310000', industry: 'automotive', status: 'resumed', capacityPct: null },
    ]);
    expect(snap.links).toEqual([
      { supplier: 'S1', customer: 'L1', part: 'seat', critical: true },
      { supplier: 'S2', customer: 'L1', part: 'chip', critical: true },
      { supplier: 'S3', customer: 'S2', part: 'wafer', critical: false },
    ]);
  });

  test('analyse exactly as the same snapshot given as objects', () => {
    const columns = snapshotOf(enterpriseRows, linkRows);
    const objects = { revision: 7, enterprises: snapshotOf(enterpriseRows, linkRows).enterprises, links: snapshotOf(enterpriseRows, linkRows).links };
    const a = analyze(columns);
    const b = analyze(objects);
    expect(a.chains()).toEqual(b.chains());
    expect(a.chains()).toEqual([{ leader: 'L1', state: 'blocked', rootCauses: ['S1'], lostParts: ['seat'] }]);
    expect(a.bottlenecks()).toEqual(b.bottlenecks());
    expect(a.revision).toBe(7);
  });

  test('the analysis never builds the objects of a column snapshot', () => {
    const snap = snapshotOf(enterpriseRows, linkRows);
    const read = jest.fn();
    const guarded = Object.defineProperties(
      { ...snap, columns: snap.columns },
      {
        enterprises: { get: read },
        links: { get: read },
      },
    );
    analyze(guarded).chains();
    expect(read).not.toHaveBeenCalled();
  });

  test('a patch gives the columns a fresh read of the changed rows gives, string tables in first-seen order', () => {
    const read = (es: EnterpriseRow[], ls: LinkRow[]) =>
      readColumns(
        es.length,
        () => es,
        ls.length,
        () => ls,
        'test',
      );
    const patch = new ColumnsPatch(read(enterpriseRows, linkRows), 'test');
    // S1 moves to a province no row had, and 420000 is now first seen at L1 only; S2 leaves electronics for good.
    const s1: EnterpriseRow = ['S1', 'Supplier one', 'supplier', '500000', 'automotive', 'resumed', null];
    const s2: EnterpriseRow = ['S2', 'Supplier two', 'leader', '310000', 'automotive', 'partial', 40];
    const s4: EnterpriseRow = ['S4', 'Supplier four', 'supplier', '440000', 'chemicals', 'suspended', 0];
    patch.setEnterprise(1, s1);
    patch.setEnterprise(2, s2);
    patch.addEnterprise(s4);
    patch.setLink(0, ['S1', 'L1', 'seat', 0]);
    patch.addLink(['S4', 'S3', 'resin', 1]);
    const after = patch.finish();
    const expected = read([enterpriseRows[0], s1, s2, enterpriseRows[3], s4], [['S1', 'L1', 'seat', 0], linkRows[1], linkRows[2], ['S4', 'S3', 'resin', 1]]);
    const { index: a, ...rest } = after;
    const { index: b, ...expectedRest } = expected;
    expect(rest).toEqual(expectedRest);
    expect(after.ids.map((id) => a.get(id))).toEqual(expected.ids.map((id) => b.get(id)));
    expect(after.industries).toEqual(['automotive', 'chemicals']);
  });

  test('a patch refuses a row at another position, and starts from no rows', () => {
    const patch = new ColumnsPatch(emptyColumns(), 'test');
    patch.addEnterprise(enterpriseRows[0]);
    patch.addEnterprise(enterpriseRows[1]);
    expect(() => patch.setEnterprise(0, enterpriseRows[1])).toThrow(/test: enterprise "S1" is not at position 0/);
    expect(() => patch.addEnterprise(enterpriseRows[1])).toThrow(/test: enterprise "S1" added twice/);
    patch.addLink(linkRows[0]);
    expect(() => patch.setLink(0, ['S1', 'L1', 'chip', 1])).toThrow(/test: link S1 -> L1 \(chip\) is not at position 0/);
    expect(() => patch.addLink(['S9', 'L1', 'seat', 1])).toThrow(/unknown enterprise "S9"/);
    expect(columnSnapshot(1, patch.finish()).links).toEqual([{ supplier: 'S1', customer: 'L1', part: 'seat', critical: true }]);
  });

  test('a link to an unknown enterprise, or an unknown status, is refused with the store named', () => {
    expect(() => snapshotOf(enterpriseRows, [...linkRows, ['S9', 'L1', 'seat', 1]])).toThrow(/test: link S9 -> L1 \(seat\): unknown enterprise "S9"/);
    const bad: EnterpriseRow[] = [['X', 'X', 'supplier', '420000', 'automotive', 'closed', null]];
    expect(() => snapshotOf(bad, [])).toThrow(/test: enterprise "X" has status "closed"/);
  });
});
