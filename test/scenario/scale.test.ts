/**
 * Benchmark-sized graphs keep the scenario's shape and validity. (Timing is measured by the
 * bench command, not asserted here.)
 */
import { importDocumentSchema, type ImportDocument } from '../../src/graph/schema';
import { generateScenario } from '../../src/scenario';
import { chainsOn, referentialProblems, resumption, smes } from './support';

describe('a 20,000-enterprise benchmark graph', () => {
  let doc: ImportDocument;
  beforeAll(() => {
    doc = generateScenario({ enterprises: 20_000 });
  });

  it('has exactly 20,000 enterprises, leaders in the default proportion', () => {
    expect(doc.enterprises).toHaveLength(20_000);
    const leaders = doc.enterprises.filter((e) => e.role === 'leader').length;
    expect(leaders).toBe(Math.round((20_000 * 50) / 7250));
    expect(doc.links.length).toBeGreaterThan(3 * 20_000);
  });

  it('passes the import schema and is referentially valid', () => {
    const parsed = importDocumentSchema.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
    expect(referentialProblems(doc)).toEqual([]);
  });

  it('still reproduces the source figures and the blocked chains', () => {
    expect(resumption(doc, '2020-02-23', smes).rate).toBeCloseTo(29.6, 1);
    expect(resumption(doc, '2020-03-24', smes).rate).toBeCloseTo(71.7, 1);
    expect(chainsOn(doc, '2020-03-24').blockedLeaders.length).toBeGreaterThanOrEqual(10);
  });

  it('without history or details, carries statuses in the enterprises and nothing optional', () => {
    const flat = generateScenario({ enterprises: 20_000, history: false, details: false });
    expect(flat.statusReports).toEqual([]);
    expect(flat.enterprises.some((e) => e.uscc !== undefined || e.contact !== undefined || e.city !== undefined)).toBe(false);
    expect(resumption(flat, '2020-03-31', smes).rate).toBeCloseTo(resumption(doc, '2020-03-31', smes).rate, 5);
    expect(importDocumentSchema.safeParse(flat).success).toBe(true);
  });
});
