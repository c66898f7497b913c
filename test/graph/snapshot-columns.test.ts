import { analyze } from '../../src/analysis';
import { columnSnapshot, readColumns, type EnterpriseRow, type LinkRow } from '../../src/graph/snapshot-columns';

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

  test('a link to an unknown enterprise, or an unknown status, is refused with the store named', () => {
    expect(() => snapshotOf(enterpriseRows, [...linkRows, ['S9', 'L1', 'seat', 1]])).toThrow(/test: link S9 -> L1 \(seat\): unknown enterprise "S9"/);
    const bad: EnterpriseRow[] = [['X', 'X', 'supplier', '420000', 'automotive', 'closed', null]];
    expect(() => snapshotOf(bad, [])).toThrow(/test: enterprise "X" has status "closed"/);
  });
});
