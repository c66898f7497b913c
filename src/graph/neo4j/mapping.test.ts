import neo4j from 'neo4j-driver';
import { LinkageError } from '../../shared/errors';
import {
  enterpriseRow,
  int,
  linkRow,
  reportRow,
  storedReport,
  toDatedStatus,
  toEnterprise,
  toEnterpriseRecord,
  toExportedReport,
  toLink,
  toNumber,
  toSnapshotEnterprise,
  toStatusReport,
  toTimelineReport,
  type PendingReport,
} from './mapping';

const stored = {
  id: 'S1',
  name: 'Hubei Harness',
  role: 'supplier',
  industry: 'automotive',
  province: '420000',
  status: 'partial',
  ord: neo4j.int(7),
};

describe('toNumber', () => {
  it('converts neo4j Integers, bigints and floats to numbers', () => {
    expect(toNumber(neo4j.int(42), 'x')).toBe(42);
    expect(toNumber(neo4j.int(-3), 'x')).toBe(-3);
    expect(toNumber(BigInt(9), 'x')).toBe(9);
    expect(toNumber(62.5, 'x')).toBe(62.5);
    expect(toNumber(neo4j.int(Number.MAX_SAFE_INTEGER), 'x')).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses integers a JS number cannot hold exactly', () => {
    expect(() => toNumber(neo4j.int('9007199254740993'), 'seq')).toThrow('seq 9007199254740993 is beyond the range of a JS number');
    expect(() => toNumber(BigInt('9007199254740993'), 'seq')).toThrow(LinkageError);
  });

  it('refuses what is not a number', () => {
    expect(() => toNumber('7', 'revision')).toThrow(/revision: expected a number, found a string/);
    expect(() => toNumber(null, 'revision')).toThrow(/found null/);
  });
});

describe('int', () => {
  it('makes a neo4j Integer, which Cypher treats as an integer', () => {
    const i = int(10_001);
    expect(neo4j.isInt(i)).toBe(true);
    expect(i.toNumber()).toBe(10_001);
  });

  it('refuses fractions and unsafe numbers', () => {
    expect(() => int(1.5)).toThrow(/must be a safe integer, got 1.5/);
    expect(() => int(2 ** 60)).toThrow(LinkageError);
  });
});

describe('parameter rows', () => {
  it('an enterprise row carries every field, absent optional ones as null', () => {
    const row = enterpriseRow({ id: 'E1', name: 'E', role: 'leader', industry: 'automotive', province: '440000', status: 'resumed', city: 'Guangzhou' }, 3);
    expect(row).toEqual({
      idx: neo4j.int(3),
      id: 'E1',
      name: 'E',
      role: 'leader',
      industry: 'automotive',
      province: '440000',
      status: 'resumed',
      capacityPct: null,
      size: null,
      city: 'Guangzhou',
      uscc: null,
      contact: null,
      since: null,
    });
    expect(Object.values(row)).not.toContain(undefined);
  });

  it('a capacity of 0 is sent, not dropped', () => {
    expect(enterpriseRow({ ...stored, role: 'supplier', status: 'partial', capacityPct: 0 }, 1).capacityPct).toBe(0);
  });

  it('a link row carries its key, critical and position', () => {
    expect(linkRow({ supplier: 'S1', customer: 'L1', part: 'seats', critical: false }, 12)).toEqual({
      idx: neo4j.int(12),
      supplier: 'S1',
      customer: 'L1',
      part: 'seats',
      critical: false,
    });
  });

  const pending: PendingReport = {
    enterprise: 'S1',
    status: 'suspended',
    asOf: '2020-02-23',
    note: '',
    seq: 5,
    key: 'k',
    receivedAt: '2020-03-24T08:00:00.000Z',
  };

  it('a report row sends seq as an integer and absent fields as null', () => {
    expect(reportRow(pending)).toEqual({
      seq: neo4j.int(5),
      enterprise: 'S1',
      status: 'suspended',
      capacityPct: null,
      asOf: '2020-02-23',
      note: '',
      reporter: null,
      receivedAt: '2020-03-24T08:00:00.000Z',
      key: 'k',
      expectedResumeOn: null,
    });
  });

  it('the stored report omits absent fields and keeps an empty note', () => {
    const r = storedReport(pending);
    expect(r).toEqual({ seq: 5, enterprise: 'S1', status: 'suspended', asOf: '2020-02-23', note: '', receivedAt: '2020-03-24T08:00:00.000Z' });
    expect(r).not.toHaveProperty('capacityPct');
    expect(r).not.toHaveProperty('reporter');
    expect(r).not.toHaveProperty('key');
  });
});

describe('stored properties to records', () => {
  it('an enterprise omits absent optional fields and drops store-only properties', () => {
    const e = toEnterprise({ ...stored, size: null, currentStatus: 'suspended', currentSeq: neo4j.int(3) });
    expect(e).toEqual({ id: 'S1', name: 'Hubei Harness', role: 'supplier', industry: 'automotive', province: '420000', status: 'partial' });
    expect(Object.keys(e)).toEqual(['id', 'name', 'role', 'industry', 'province', 'status']);
  });

  it('an enterprise keeps its optional fields in the order of the schema', () => {
    const e = toEnterprise({ contact: 'Li', uscc: '91350100M000100Y43', city: 'Wuhan', size: 'small', capacityPct: 40, ...stored });
    expect(Object.keys(e)).toEqual(['id', 'name', 'role', 'industry', 'province', 'status', 'capacityPct', 'size', 'city', 'uscc', 'contact']);
    expect(e.capacityPct).toBe(40);
  });

  it('an enterprise with an integer-valued capacity reads it as a number', () => {
    expect(toEnterprise({ ...stored, capacityPct: neo4j.int(40) }).capacityPct).toBe(40);
  });

  it('an enterprise without reports is at its own status and capacity', () => {
    const r = toEnterpriseRecord({ ...stored, capacityPct: 30 });
    expect(r).toMatchObject({ currentStatus: 'partial', currentCapacityPct: 30 });
    expect(r).not.toHaveProperty('currentAsOf');
  });

  it('an enterprise without reports or capacity has no current capacity', () => {
    expect(toEnterpriseRecord(stored)).not.toHaveProperty('currentCapacityPct');
  });

  it('a current report sets status, asOf and its own capacity, not the enterprise capacity', () => {
    const withCapacity = toEnterpriseRecord({ ...stored, capacityPct: 30, currentStatus: 'resumed', currentAsOf: '2020-03-20', currentCapacityPct: 80, currentSeq: neo4j.int(4) });
    expect(withCapacity).toMatchObject({ status: 'partial', capacityPct: 30, currentStatus: 'resumed', currentAsOf: '2020-03-20', currentCapacityPct: 80 });
    expect(withCapacity).not.toHaveProperty('currentSeq');
    const without = toEnterpriseRecord({ ...stored, capacityPct: 30, currentStatus: 'suspended', currentAsOf: '2020-02-23' });
    expect(without).not.toHaveProperty('currentCapacityPct');
  });

  it('a status report converts seq and omits absent fields', () => {
    const p = { seq: neo4j.int(9), enterprise: 'S1', status: 'resumed', asOf: '2020-03-01', receivedAt: '2020-03-02T00:00:00.000Z', key: '[...]' };
    expect(toStatusReport(p)).toEqual({ seq: 9, enterprise: 'S1', status: 'resumed', asOf: '2020-03-01', receivedAt: '2020-03-02T00:00:00.000Z' });
    expect(toStatusReport({ ...p, capacityPct: 0, note: 'n', reporter: 'r' })).toMatchObject({ capacityPct: 0, note: 'n', reporter: 'r' });
  });

  it('an exported report has no seq, receipt time or key', () => {
    const p = { seq: neo4j.int(9), enterprise: 'S1', status: 'resumed', asOf: '2020-03-01', receivedAt: 'x', key: 'k', reporter: 'r' };
    expect(toExportedReport(p)).toEqual({ enterprise: 'S1', status: 'resumed', asOf: '2020-03-01', reporter: 'r' });
    expect(Object.keys(toExportedReport({ ...p, note: 'n', capacityPct: 5 }))).toEqual(['enterprise', 'status', 'asOf', 'capacityPct', 'note', 'reporter']);
  });

  it('a link keeps critical explicit', () => {
    expect(toLink({ supplier: 'S2', customer: 'S1', part: 'copper-wire', critical: false })).toEqual({ supplier: 'S2', customer: 'S1', part: 'copper-wire', critical: false });
  });

  it('a snapshot enterprise carries its current status, name and current capacity', () => {
    expect(toSnapshotEnterprise({ id: 'S1', role: 'supplier', province: '420000', industry: 'automotive', status: 'suspended', name: 'S one', capacityPct: null })).toEqual({
      id: 'S1',
      role: 'supplier',
      province: '420000',
      industry: 'automotive',
      status: 'suspended',
      name: 'S one',
      capacityPct: null,
    });
    expect(toSnapshotEnterprise({ id: 'S1', role: 'supplier', province: '420000', industry: 'automotive', status: 'partial', name: 'S one', capacityPct: 40 }).capacityPct).toBe(
      40,
    );
  });

  it('a dated status has a size only when the enterprise has one', () => {
    const row = { id: 'L1', role: 'leader', province: '440000', industry: 'automotive', status: 'resumed' };
    expect(toDatedStatus({ ...row, size: null })).toEqual(row);
    expect(toDatedStatus({ ...row, size: 'large' })).toEqual({ ...row, size: 'large' });
  });

  it('a timeline report is whose, which status and as of when', () => {
    expect(toTimelineReport({ enterprise: 'S1', status: 'partial', asOf: '2020-03-01' })).toStrictEqual({ enterprise: 'S1', status: 'partial', asOf: '2020-03-01' });
    expect(() => toTimelineReport({ enterprise: 'S1', status: 'partial', asOf: null })).toThrow(
      'neo4j store holds an unreadable status report about "S1": asOf is missing, expected a string',
    );
  });

  it('names what is unreadable', () => {
    expect(() => toEnterprise({ ...stored, name: null })).toThrow('neo4j store holds an unreadable enterprise "S1": name is missing, expected a string');
    expect(() => toEnterprise({ ...stored, city: 12 })).toThrow(/enterprise "S1": city is a number/);
    expect(() => toLink({ supplier: 'a', customer: 'b', part: 'p', critical: null })).toThrow(/link a->b \(p\): critical is not a boolean/);
    expect(() => toStatusReport({ seq: neo4j.int(2), enterprise: 'S1', status: 'resumed', receivedAt: 'x' })).toThrow(/status report 2: asOf is missing/);
  });
});
