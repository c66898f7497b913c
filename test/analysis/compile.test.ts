/** Compiling networks: every input form gives the same index, and bad input names the problem. */
import { analyze, buildSupplyGraph, compileNetwork, type CompactNetwork } from '../../src/analysis';
import { net } from './build';

const snapshot = net(['S1>A:seat', 'S2>A:seat', 'S3>A:wheel?', 'A>L:cabin', 'L>S1:scrap?'], {
  leaders: ['L'],
  suspended: ['S1', 'S2'],
});

describe('compileNetwork', () => {
  test('groups alternates by (customer, part) and indexes both directions', () => {
    const c = compileNetwork(snapshot);
    const a = c.index.get('A')!;
    const groups = [];
    for (let g = c.customerGroups[a]; g < c.customerGroups[a + 1]; g++) {
      const suppliers = [];
      for (let j = c.groupLinks[g]; j < c.groupLinks[g + 1]; j++) suppliers.push(c.ids[c.linkSupplier[j]]);
      groups.push({ part: c.parts[c.groupPart[g]], critical: c.groupCritical[g] === 1, suppliers: suppliers.sort() });
    }
    expect(groups.sort((x, y) => (x.part < y.part ? -1 : 1))).toEqual([
      { part: 'seat', critical: true, suppliers: ['S1', 'S2'] },
      { part: 'wheel', critical: false, suppliers: ['S3'] },
    ]);
    const s1 = c.index.get('S1')!;
    const supplied = Array.from(c.supplierGroup.subarray(c.supplierLinks[s1], c.supplierLinks[s1 + 1]), (g) => c.ids[c.groupCustomer[g]]);
    expect(supplied).toEqual(['A']);
    expect(c.linkCount).toBe(5);
    expect(Array.from(c.leaders, (l) => c.ids[l])).toEqual(['L']);
  });

  test('a snapshot, its graphology graph and compact arrays give the same analysis', () => {
    const fromSnapshot = analyze(snapshot);
    const graph = analyze(buildSupplyGraph(snapshot));
    const ids = snapshot.enterprises.map((e) => e.id);
    const at = (id: string) => ids.indexOf(id);
    const parts = ['seat', 'wheel', 'cabin', 'scrap'];
    const compact: CompactNetwork = {
      ids,
      role: Uint8Array.from(snapshot.enterprises, (e) => (e.role === 'leader' ? 1 : 0)),
      status: Uint8Array.from(snapshot.enterprises, (e) => ['resumed', 'partial', 'suspended'].indexOf(e.status)),
      provinces: ['420000'],
      provinceOf: new Int32Array(ids.length),
      industries: ['automotive'],
      industryOf: new Int32Array(ids.length),
      parts,
      linkSupplier: Int32Array.from(snapshot.links, (l) => at(l.supplier)),
      linkCustomer: Int32Array.from(snapshot.links, (l) => at(l.customer)),
      linkPart: Int32Array.from(snapshot.links, (l) => parts.indexOf(l.part)),
      linkCritical: Uint8Array.from(snapshot.links, (l) => (l.critical ? 1 : 0)),
    };
    const fromArrays = analyze(compact);
    for (const other of [graph, fromArrays]) {
      expect(other.chains()).toEqual(fromSnapshot.chains());
      expect(ids.map((id) => other.availability(id))).toEqual(ids.map((id) => fromSnapshot.availability(id)));
    }
    expect(fromSnapshot.chainState('L')).toBe('blocked');
  });

  test('a compiled network is analysed as is, and can back several analyses', () => {
    const c = compileNetwork(snapshot);
    expect(compileNetwork(c)).toBe(c);
    expect(analyze(c).network).toBe(analyze(c).network);
  });

  test('duplicate ids, mismatched arrays and out-of-range links are rejected', () => {
    const dup = net(['S>L:seat'], { leaders: ['L'] });
    dup.enterprises.push({ ...dup.enterprises[0] });
    expect(() => compileNetwork(dup)).toThrow(/appears twice/);
    const base = compileNetwork(net(['S>L:seat'], { leaders: ['L'] }));
    const arrays = (patch: Partial<CompactNetwork>): CompactNetwork => ({
      ids: base.ids,
      role: base.role,
      status: base.status,
      provinces: base.provinces,
      provinceOf: base.provinceOf,
      industries: base.industries,
      industryOf: base.industryOf,
      parts: ['seat'],
      linkSupplier: Int32Array.of(0),
      linkCustomer: Int32Array.of(1),
      linkPart: Int32Array.of(0),
      linkCritical: Uint8Array.of(1),
      ...patch,
    });
    expect(() => compileNetwork(arrays({}))).not.toThrow();
    expect(() => compileNetwork(arrays({ linkCustomer: Int32Array.of(7) }))).toThrow(/names no enterprise/);
    expect(() => compileNetwork(arrays({ linkPart: Int32Array.of(3) }))).toThrow(/names no part/);
    expect(() => compileNetwork(arrays({ linkCritical: new Uint8Array(2) }))).toThrow(/linkCritical has 2 entries/);
    expect(() => compileNetwork(arrays({ status: Uint8Array.of(0, 9) }))).toThrow(/status code 9/);
    expect(() => compileNetwork({ nodes: [] } as never)).toThrow(TypeError);
  });

  test('bad roles and statuses in a snapshot name the enterprise', () => {
    const bad = net(['S>L:seat'], { leaders: ['L'] });
    bad.enterprises[0] = { ...bad.enterprises[0], status: 'closed' as never };
    expect(() => compileNetwork(bad)).toThrow(/enterprise "S": status must be/);
  });
});
