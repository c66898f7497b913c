/**
 * The generated document: reproducible from its seed, valid against the import schema and
 * referentially sound, and shaped like the 2020 chains (leaders, SMEs, tiers, sourcing).
 */
import { importDocumentSchema, type ImportDocument } from '../../src/graph/schema';
import { LinkageError } from '../../src/shared/errors';
import { generateScenario } from '../../src/scenario';
import { referentialProblems } from './support';

let doc: ImportDocument;
beforeAll(() => {
  doc = generateScenario();
});

describe('reproducibility', () => {
  it('gives the identical document for the same seed', () => {
    const again = generateScenario({ seed: 2020 });
    expect(again).toEqual(doc);
    expect(JSON.stringify(again)).toBe(JSON.stringify(doc));
  });

  it('gives a different document for a different seed', () => {
    const other = generateScenario({ seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(doc));
    expect(other.enterprises.map((e) => e.name)).not.toEqual(doc.enterprises.map((e) => e.name));
    expect(other.links).not.toEqual(doc.links);
  });
});

describe('validity', () => {
  it('passes the strict import schema unchanged', () => {
    const parsed = importDocumentSchema.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
    // Nothing for the schema to fill in: every link states its criticality.
    expect(parsed.data).toEqual(doc);
  });

  it('is referentially valid: known ids, no self-links, no duplicate link keys or enterprises', () => {
    expect(referentialProblems(doc)).toEqual([]);
  });

  it('rejects options it cannot honour, naming each one', () => {
    expect.assertions(3);
    try {
      generateScenario({ leaders: 0, asOf: '2020-02-30', seed: 1.5 });
    } catch (err) {
      expect(err).toBeInstanceOf(LinkageError);
      expect((err as LinkageError).code).toBe('invalid_input');
      expect((err as LinkageError).details!.map((d) => d.path).sort()).toEqual(['asOf', 'leaders', 'seed']);
    }
  });
});

describe('the enterprises', () => {
  it('has 50 large leaders, half automotive and half electronics, with readable ids and distinct names', () => {
    const leaders = doc.enterprises.filter((e) => e.role === 'leader');
    expect(leaders).toHaveLength(50);
    expect(leaders.filter((e) => e.industry === 'automotive')).toHaveLength(25);
    expect(leaders.filter((e) => e.industry === 'electronics')).toHaveLength(25);
    expect(leaders.every((e) => e.size === 'large')).toBe(true);
    expect(leaders.every((e) => /^L-(AUTO|ELEC)-\d{2}$/.test(e.id))).toBe(true);
    expect(new Set(leaders.map((e) => e.name)).size).toBe(50);
  });

  it('has more than 7,000 supporting SMEs, every one medium, small or micro', () => {
    const suppliers = doc.enterprises.filter((e) => e.role === 'supplier');
    expect(suppliers.length).toBeGreaterThan(7000);
    expect(suppliers.every((e) => e.size === 'medium' || e.size === 'small' || e.size === 'micro')).toBe(true);
    expect(suppliers.every((e) => /^S-\d{6}$/.test(e.id))).toBe(true);
  });

  it('puts leaders in the provinces where these industries are', () => {
    const homes = (industry: string) => new Set(doc.enterprises.filter((e) => e.role === 'leader' && e.industry === industry).map((e) => e.province));
    for (const code of ['220000', '310000', '440000', '420000', '500000', '450000']) expect(homes('automotive')).toContain(code);
    for (const code of ['440000', '320000', '510000']) expect(homes('electronics')).toContain(code);
  });

  it('clusters SMEs: Guangdong leads electronics, and Hubei’s auto SMEs sit mostly in Wuhan, Shiyan and Xiangyang', () => {
    const elec = doc.enterprises.filter((e) => e.role === 'supplier' && e.industry === 'electronics');
    const byProvince = new Map<string, number>();
    for (const e of elec) byProvince.set(e.province, (byProvince.get(e.province) ?? 0) + 1);
    const top = [...byProvince].sort((a, b) => b[1] - a[1])[0][0];
    expect(top).toBe('440000');
    const hubeiAuto = doc.enterprises.filter((e) => e.role === 'supplier' && e.industry === 'automotive' && e.province === '420000');
    const corridor = hubeiAuto.filter((e) => ['武汉市', '十堰市', '襄阳市'].includes(e.city!));
    expect(corridor.length / hubeiAuto.length).toBeGreaterThan(0.6);
  });

  it('gives every enterprise a city and a credit code registered in its own province', () => {
    for (const e of doc.enterprises) {
      expect(e.city).toBeTruthy();
      expect(e.contact).toBeTruthy();
      expect(e.uscc!.slice(2, 4)).toBe(e.province.slice(0, 2));
    }
    expect(new Set(doc.enterprises.map((e) => e.uscc)).size).toBe(doc.enterprises.length);
  });

  it('starts everyone suspended, as after the Spring Festival shutdown; reports carry the rest', () => {
    expect(doc.enterprises.every((e) => e.status === 'suspended')).toBe(true);
  });
});

describe('the supply network', () => {
  const needs = () => {
    const m = new Map<string, { suppliers: string[]; critical: boolean[] }>();
    for (const l of doc.links) {
      const k = `${l.customer}|${l.part}`;
      const n = m.get(k) ?? { suppliers: [], critical: [] };
      n.suppliers.push(l.supplier);
      n.critical.push(l.critical);
      m.set(k, n);
    }
    return [...m.values()];
  };

  it('multi-sources most parts with one to three suppliers, and sole-sources some', () => {
    const all = needs();
    const sole = all.filter((n) => n.suppliers.length === 1).length / all.length;
    const upToThree = all.filter((n) => n.suppliers.length <= 3).length / all.length;
    expect(sole).toBeGreaterThan(0.05);
    expect(sole).toBeLessThan(0.4);
    expect(upToThree).toBeGreaterThan(0.95);
  });

  it('marks most links critical and some not', () => {
    const critical = doc.links.filter((l) => l.critical).length / doc.links.length;
    expect(critical).toBeGreaterThan(0.6);
    expect(critical).toBeLessThan(0.95);
  });

  it('gives every SME at least one customer', () => {
    const selling = new Set(doc.links.map((l) => l.supplier));
    expect(doc.enterprises.filter((e) => e.role === 'supplier' && !selling.has(e.id))).toEqual([]);
  });

  it('reaches four tiers up from the leaders', () => {
    const suppliersOf = new Map<string, string[]>();
    for (const l of doc.links) suppliersOf.set(l.customer, [...(suppliersOf.get(l.customer) ?? []), l.supplier]);
    const depth = new Map(doc.enterprises.filter((e) => e.role === 'leader').map((e) => [e.id, 0]));
    let frontier = [...depth.keys()];
    for (let d = 1; frontier.length > 0; d++) {
      const next: string[] = [];
      for (const c of frontier)
        for (const s of suppliersOf.get(c) ?? [])
          if (!depth.has(s)) {
            depth.set(s, d);
            next.push(s);
          }
      frontier = next;
    }
    expect(Math.max(...depth.values())).toBeGreaterThanOrEqual(4);
    expect(depth.size).toBe(doc.enterprises.length);
  });

  it('uses the automotive and electronics part catalogues', () => {
    const parts = new Set(doc.links.map((l) => l.part));
    for (const p of ['wiring-harness', 'seats', 'brake-system', 'ecu', 'airbag', 'steel-sheet', 'pcb', 'display-panel', 'battery-cell', 'ic-substrate']) {
      expect(parts).toContain(p);
    }
  });

  it('has cross-tier links: leaders buy some parts their suppliers also buy', () => {
    const role = new Map(doc.enterprises.map((e) => [e.id, e.role]));
    const byLeaders = new Set(doc.links.filter((l) => role.get(l.customer) === 'leader').map((l) => l.part));
    const bySuppliers = new Set(doc.links.filter((l) => role.get(l.customer) === 'supplier').map((l) => l.part));
    expect([...byLeaders].filter((p) => bySuppliers.has(p)).length).toBeGreaterThan(0);
  });

  it('has cycles: an SME buying a different part from a customer of its own', () => {
    const sells = new Map<string, Set<string>>();
    for (const l of doc.links) sells.set(`${l.supplier}>${l.customer}`, new Set([...(sells.get(`${l.supplier}>${l.customer}`) ?? []), l.part]));
    const cycles = doc.links.filter((l) => {
      const back = sells.get(`${l.customer}>${l.supplier}`);
      return back !== undefined && !back.has(l.part);
    });
    expect(cycles.length).toBeGreaterThanOrEqual(2);
  });
});
