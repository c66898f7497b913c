/**
 * The status history reproduces the published SME work-resumption figures of 2020 and the
 * shape around them (Hubei lagging, leaders ahead), computed here from the reports alone.
 */
import type { ImportDocument } from '../../src/graph/schema';
import { generateScenario } from '../../src/scenario';
import { resumption, smes, statusesOn } from './support';

let doc: ImportDocument;
beforeAll(() => {
  doc = generateScenario();
});

/** The reports that change their enterprise's status, replayed in date order from the enterprises' own statuses. */
function statusChanges(d: ImportDocument): ImportDocument['statusReports'] {
  const status = new Map(d.enterprises.map((e) => [e.id, e.status as string]));
  const sorted = d.statusReports.map((r, i) => ({ r, i })).sort((a, b) => a.r.asOf!.localeCompare(b.r.asOf!) || a.i - b.i);
  const out: ImportDocument['statusReports'] = [];
  for (const { r } of sorted) {
    if (r.status !== status.get(r.enterprise)) out.push(r);
    status.set(r.enterprise, r.status);
  }
  return out;
}

const byKey = (key: 'province' | 'industry', date: string) => {
  const keys = [...new Set(doc.enterprises.filter(smes).map((e) => e[key]))];
  return keys.map((k) => resumption(doc, date, (e) => smes(e) && e[key] === k));
};

describe('SME work-resumption rates', () => {
  it('is 29.6% on 2020-02-23', () => {
    expect(resumption(doc, '2020-02-23', smes).rate).toBeCloseTo(29.6, 1);
  });

  it('is 71.7% on 2020-03-24, up 42.1 points from 2020-02-23', () => {
    const march = resumption(doc, '2020-03-24', smes).rate;
    expect(march).toBeCloseTo(71.7, 1);
    expect(march - resumption(doc, '2020-02-23', smes).rate).toBeCloseTo(42.1, 1);
  });

  it('rises from a low start after the Spring Festival to the end of March', () => {
    const dates = ['2020-02-09', '2020-02-10', '2020-02-23', '2020-03-10', '2020-03-24', '2020-03-31'];
    const rates = dates.map((d) => resumption(doc, d, smes).rate);
    expect(rates[0]).toBe(0);
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeGreaterThan(rates[i - 1]);
  });

  it.each(['2020-02-23', '2020-03-10', '2020-03-24'])('has province and industry figures that add up to the national one on %s', (date) => {
    const national = resumption(doc, date, smes);
    for (const parts of [byKey('province', date), byKey('industry', date)]) {
      expect(parts.reduce((a, r) => a + r.total, 0)).toBe(national.total);
      expect(parts.reduce((a, r) => a + r.resumed, 0)).toBe(national.resumed);
    }
  });

  it('keeps Hubei below the national rate through mid-March, then lets it catch up', () => {
    const hubei = (date: string) => resumption(doc, date, (e) => smes(e) && e.province === '420000').rate;
    const nation = (date: string) => resumption(doc, date, smes).rate;
    expect(hubei('2020-03-10')).toBeLessThan(nation('2020-03-10'));
    expect(hubei('2020-03-10')).toBeLessThan(15);
    expect(hubei('2020-03-31') - hubei('2020-03-17')).toBeGreaterThan(nation('2020-03-31') - nation('2020-03-17'));
  });

  it('has leaders resuming ahead of SMEs', () => {
    const leaders = resumption(doc, '2020-02-23', (e) => e.role === 'leader').rate;
    expect(leaders).toBeGreaterThan(resumption(doc, '2020-02-23', smes).rate);
  });
});

describe('the status history', () => {
  it('runs from 2020-02-10 to 2020-03-31, from the platform', () => {
    const dates = doc.statusReports.map((r) => r.asOf!);
    expect(dates.reduce((a, b) => (a < b ? a : b))).toBe('2020-02-10');
    expect(dates.reduce((a, b) => (a > b ? a : b))).toBe('2020-03-31');
    expect(doc.statusReports.every((r) => r.reporter === 'platform')).toBe(true);
  });

  it('reports each change of status once, plus §7 confirmations and §10 check-ins that repeat the status of their day', () => {
    expect(doc.statusReports.length).toBeLessThan(60_000);
    const confirmations = doc.statusReports.filter((r) => r.expectedResumeOn !== undefined && r.asOf === '2020-02-10');
    expect(confirmations.length).toBeGreaterThan(100);
    expect(confirmations.every((r) => r.status === 'suspended' && r.expectedResumeOn! > '2020-03-31')).toBe(true);
    const changes = statusChanges(doc);
    const repeats = doc.statusReports.length - changes.length;
    expect(repeats).toBeGreaterThan(confirmations.length);
    // Check-ins only over the last four days, and at most one report a day per enterprise.
    const checkIns = doc.statusReports.filter((r) => !changes.includes(r) && r.asOf !== '2020-02-10');
    expect(checkIns.every((r) => r.asOf! >= '2020-03-28')).toBe(true);
    expect(new Set(doc.statusReports.map((r) => `${r.enterprise}@${r.asOf}`)).size).toBe(doc.statusReports.length);
    // A suspended check-in repeats the expected resumption of its enterprise's confirmation.
    const expected = new Map(confirmations.map((r) => [r.enterprise, r.expectedResumeOn]));
    expect(checkIns.filter((r) => r.status === 'suspended').every((r) => r.expectedResumeOn === expected.get(r.enterprise))).toBe(true);
  });

  it('has about four in five enterprises checking in on the last day and about one in twenty not for days', () => {
    const last = '2020-03-31';
    const reportedLast = new Set(doc.statusReports.filter((r) => r.asOf === last).map((r) => r.enterprise));
    const share = reportedLast.size / doc.enterprises.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.9);
    const latest = new Map<string, string>();
    for (const r of doc.statusReports) if ((latest.get(r.enterprise) ?? '') < r.asOf!) latest.set(r.enterprise, r.asOf!);
    const stale = doc.enterprises.filter((e) => (latest.get(e.id) ?? '') < '2020-03-28').length / doc.enterprises.length;
    expect(stale).toBeGreaterThan(0.02);
    expect(stale).toBeLessThan(0.12);
  });

  it('passes through partial operation with a capacity on the way back', () => {
    const partial = doc.statusReports.filter((r) => r.status === 'partial');
    expect(partial.length).toBeGreaterThan(1000);
    expect(partial.every((r) => r.capacityPct! > 0 && r.capacityPct! < 80)).toBe(true);
  });

  it('stops at asOf: no report after 2020-03-24, and the same statuses up to that day', () => {
    const cut = generateScenario({ asOf: '2020-03-24' });
    expect(cut.statusReports.length).toBeGreaterThan(0);
    expect(cut.statusReports.every((r) => r.asOf! <= '2020-03-24')).toBe(true);
    expect(statusChanges(cut)).toEqual(statusChanges(doc).filter((r) => r.asOf! <= '2020-03-24'));
    expect(resumption(cut, '2099-01-01', smes).rate).toBeCloseTo(71.7, 1);
  });

  it('without history, puts each enterprise’s status on asOf in its own status field', () => {
    const flat = generateScenario({ history: false, asOf: '2020-02-23' });
    expect(flat.statusReports).toEqual([]);
    const expected = statusesOn(doc, '2020-02-23');
    expect(new Map(flat.enterprises.map((e) => [e.id, e.status]))).toEqual(expected);
    expect(resumption(flat, '2020-02-23', smes).rate).toBeCloseTo(29.6, 1);
    expect(flat.links).toEqual(doc.links);
  });
});
