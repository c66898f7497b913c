/**
 * An in-memory stand-in for a Neo4j driver, for running the Neo4j adapter's TypeScript (batching,
 * counters, seq assignment, Integer conversion, mapping, error handling) against the store
 * conformance suite without a server.
 *
 * It does not parse Cypher: it recognises each statement of cypher/ by its exact text and
 * executes what that statement's header says it does, with Neo4j's observable rules that the
 * adapter depends on:
 * - clause-by-clause semantics inside one UNWIND batch (every row is read before any is written);
 * - integers must be sent as neo4j Integers where Cypher needs integers (LIMIT, seq, counters),
 *   and come back as Integers; floats come back as JS numbers;
 * - null properties are not stored; `undefined` cannot be sent at all;
 * - uniqueness constraints (ids, seqs, hashes, a task's activeSupplier) fail the write that breaks
 *   them, row by row; a node without the property never collides;
 * - a write in a read transaction fails; a failed write transaction rolls back;
 * - write transactions take turns (as writers do on the locks the adapters take first) and
 *   publish their changes when they commit; a read sees what is committed (read-committed).
 * So it checks the adapter, not the Cypher: the lint and a real server check the Cypher.
 */
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { Neo4jError, type Driver, type Integer } from 'neo4j-driver';
import { CYPHER_DIR, cypher, cypherScript, load } from '../../src/infra/neo4j/cypher';

export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures/cypher');

type Value = string | number | boolean | string[];
type PropMap = Record<string, Value>;
type EnterpriseNode = PropMap;
interface SuppliesRel {
  supplier: string;
  customer: string;
  part: string;
  critical?: boolean;
  ord?: number;
}
export interface State {
  counters: Record<string, number>;
  /** storeId of the 'task_commits' counter (task-store-identity.cypher). */
  taskStoreId?: string;
  /** storeId of the 'revision' counter: the graph store's identity (store-identity.cypher). */
  storeId?: string;
  enterprises: EnterpriseNode[];
  links: SuppliesRel[];
  reports: PropMap[];
  /** seq of each report attached to its enterprise by REPORTED. */
  reported: number[];
  /** ApiToken nodes, in creation order. */
  tokens: PropMap[];
  /** AuditEntry nodes, in creation order. */
  audit: PropMap[];
  /** Task nodes, in creation order. */
  tasks: PropMap[];
  /** TaskHistory nodes, each with the id of the task it belongs to (by HAS_HISTORY). */
  taskHistory: Array<{ task: string; entry: PropMap }>;
  /** TaskEvent nodes, in creation order. */
  taskEvents: PropMap[];
  /** Request nodes, in creation order. */
  requests: PropMap[];
  /** InventoryReport nodes (§7), in creation order. */
  inventories: PropMap[];
  /** RevisionChange nodes (the change log), in creation order. */
  changes: Array<{ revision: number; change: string }>;
  /** The schema statements run, in order. */
  schema: string[];
}

/** Properties stored as Cypher integers (returned as neo4j Integers). */
const INTEGER_PROPS = new Set(['ord', 'seq', 'currentSeq', 'value', 'revision', 'blockedEnterprises', 'priority', 'version', 'n', 'id', 'days']);
const ENTERPRISE_FIELDS = ['name', 'role', 'industry', 'province', 'status', 'capacityPct', 'size', 'city', 'uscc', 'contact'];
const TOKEN_FIELDS = ['id', 'hash', 'role', 'actor', 'province', 'enterprise', 'createdAt', 'expiresAt'];
const AUDIT_FIELDS = ['seq', 'at', 'actor', 'action', 'target', 'revision', 'before', 'after'];
const TASK_FIELDS = [
  'id',
  'supplier',
  'assigneeProvince',
  'affectedLeaders',
  'requestingProvinces',
  'blockedEnterprises',
  'priority',
  'state',
  'escalated',
  'escalatedAt',
  'createdAt',
  'updatedAt',
  'deliveredAt',
  'previousTask',
  'revision',
  'version',
  'stopsOn',
];
const TASK_INTEGER_FIELDS = ['blockedEnterprises', 'priority', 'revision', 'version'];
const TASK_HISTORY_FIELDS = ['at', 'actor', 'fromState', 'toState', 'note'];
const TASK_EVENT_FIELDS = ['type', 'taskId', 'province', 'at', 'task', 'requestId'];
const REQUEST_FIELDS = [
  'id',
  'enterprise',
  'category',
  'title',
  'description',
  'counterpartProvince',
  'counterpartEnterprise',
  'assigneeProvince',
  'state',
  'raisedOn',
  'raisedBy',
  'escalated',
  'escalatedAt',
  'createdAt',
  'updatedAt',
  'deliveredAt',
  'resolvedAt',
  'reason',
  'history',
  'version',
];
const byCreated = (a: PropMap, b: PropMap) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);

/** Files of several schema statements, each run on its own (see cypherScript). */
const isSchemaScript = (name: string) => name === 'schema' || name.endsWith('-schema');

export interface RunLogEntry {
  name: string;
  params: Record<string, unknown>;
  mode: 'READ' | 'WRITE';
  /** Which transaction ran it: 1 for the first one begun, and so on. */
  tx: number;
}

type Handler = (state: State, p: Record<string, unknown>) => Array<Record<string, unknown>>;

export class FakeNeo4j {
  state: State = emptyState();
  readonly log: RunLogEntry[] = [];
  closed = false;
  sessionsOpen = 0;
  /** Errors thrown by the next runs, one per run, in order. */
  readonly failNext: unknown[] = [];
  /** Called before each statement runs, e.g. to simulate another writer committing meanwhile. */
  beforeRun?: (name: string, state: State) => void;
  transactions = 0;
  /** Settles when the write transaction running now ends: the next one waits for it. */
  private writing: Promise<void> = Promise.resolve();
  private readonly byText = new Map<string, { name: string; handler: Handler; writes: boolean }>();

  constructor() {
    const names = fs
      .readdirSync(CYPHER_DIR)
      .filter((f) => f.endsWith('.cypher'))
      .map((f) => f.slice(0, -'.cypher'.length));
    for (const name of names.filter((n) => !isSchemaScript(n))) {
      const h = HANDLERS[name];
      if (!h) throw new Error(`fake-neo4j has no handler for cypher/${name}.cypher`);
      this.byText.set(cypher(name).text, { name, ...h });
    }
    // A statement shared by several schema files (a constraint two stores need) is logged under
    // the first of them, 'schema' before the others.
    for (const name of ['schema', ...names.filter((n) => isSchemaScript(n) && n !== 'schema').sort()]) {
      for (const statement of cypherScript(name)) {
        if (this.byText.has(statement)) continue;
        this.byText.set(statement, { name, writes: true, handler: (s) => (s.schema.push(statement), []) });
      }
    }
    this.byText.set(load('wipe', FIXTURES_DIR).text, { name: 'wipe', writes: true, handler: (s) => wipe(s) });
  }

  /** The names of the statements run so far, in order. */
  names(): string[] {
    return this.log.map((e) => e.name);
  }

  asDriver(): Driver {
    const driver = {
      session: (config: { defaultAccessMode?: 'READ' | 'WRITE' } = {}) => this.session(config.defaultAccessMode ?? 'WRITE'),
      close: async () => {
        this.closed = true;
      },
    };
    return driver as unknown as Driver;
  }

  private session(mode: 'READ' | 'WRITE') {
    this.sessionsOpen++;
    let open = true;
    return {
      executeRead: <T>(work: (tx: unknown) => Promise<T>) => this.transaction('READ', work),
      executeWrite: <T>(work: (tx: unknown) => Promise<T>) => this.transaction('WRITE', work),
      close: async () => {
        if (open) this.sessionsOpen--;
        open = false;
      },
      mode,
    };
  }

  private async transaction<T>(mode: 'READ' | 'WRITE', work: (tx: unknown) => Promise<T>): Promise<T> {
    if (mode === 'READ') {
      // Each statement reads what is committed when it runs.
      const id = ++this.transactions;
      return work({ run: (text: string, params: Record<string, unknown> = {}) => this.run(mode, id, text, params, this.state) });
    }
    const previous = this.writing;
    let done!: () => void;
    this.writing = new Promise<void>((resolve) => (done = resolve));
    await previous;
    try {
      const id = ++this.transactions;
      // Changes go to a copy of the committed state, which replaces it on commit.
      const working = structuredClone(this.state);
      const tx = { run: (text: string, params: Record<string, unknown> = {}) => this.run(mode, id, text, params, working) };
      const out = await work(tx);
      this.state = working;
      return out;
    } finally {
      done();
    }
  }

  private async run(mode: 'READ' | 'WRITE', tx: number, text: string, params: Record<string, unknown>, state: State) {
    const failure = this.failNext.shift();
    if (failure !== undefined) throw failure;
    const statement = this.byText.get(text);
    if (!statement) throw new Neo4jError(`fake-neo4j: unknown statement:\n${text}`, 'Neo.ClientError.Statement.SyntaxError' as never, '42001', 'syntax error');
    if (statement.writes && mode === 'READ') {
      throw new Neo4jError(`Writing in read access mode not allowed (${statement.name})`, 'Neo.ClientError.Statement.AccessMode' as never, '08N08', 'access mode');
    }
    assertSendable(params, '$');
    this.beforeRun?.(statement.name, state);
    this.log.push({ name: statement.name, params, mode, tx });
    const rows = statement.handler(state, params);
    return { records: rows.map((row) => new neo4j.types.Record(Object.keys(row), Object.values(row))) };
  }
}

// ---- statement semantics ---------------------------------------------------------------------

const HANDLERS: Record<string, { writes: boolean; handler: Handler }> = {
  'init-counters': {
    writes: true,
    handler: (s, p) => {
      for (const name of list<string>(p.names)) if (!(name in s.counters)) s.counters[name] = 0;
      return [];
    },
  },
  'advance-counters': {
    writes: true,
    handler: (s, p) =>
      list<{ name: string; by: unknown }>(p.counters)
        .filter((c) => c.name in s.counters)
        .map((c) => {
          s.counters[c.name] += integer(c.by, 'counter.by');
          return { name: c.name, value: int(s.counters[c.name]) };
        }),
  },
  'task-store-identity': {
    writes: true,
    handler: (s, p) => {
      if (!('task_commits' in s.counters)) return [];
      s.taskStoreId ??= p.id as string;
      return [{ id: s.taskStoreId }];
    },
  },
  'store-identity': {
    writes: true,
    handler: (s, p) => {
      if (!('revision' in s.counters)) return [];
      s.storeId ??= p.id as string;
      return [{ id: s.storeId }];
    },
  },
  revision: { writes: false, handler: (s) => ('revision' in s.counters ? [{ revision: int(s.counters.revision), store: s.storeId ?? null }] : []) },
  'upsert-enterprises': {
    writes: true,
    handler: (s, p) => {
      const ordBase = integer(p.ordBase, '$ordBase');
      if (typeof p.today !== 'string') throw new Error('fake-neo4j: upsert-enterprises needs $today');
      const rows = list<Record<string, unknown>>(p.rows);
      // MERGE ... ON CREATE SET, for every row.
      const nodes = rows.map((row) => {
        let e = s.enterprises.find((x) => x.id === row.id);
        if (!e) {
          e = { id: row.id as string, ord: ordBase + integer(row.idx, 'row.idx'), since: (row.since ?? p.today) as string };
          s.enterprises.push(e);
        }
        return e;
      });
      // WITH ... differing, for every row, before any SET.
      const differs = rows.map(
        (row, i) => ENTERPRISE_FIELDS.some((k) => (nodes[i][k] ?? null) !== (row[k] ?? null)) || (row.since !== null && row.since !== undefined && nodes[i].since !== row.since),
      );
      rows.forEach((row, i) => {
        if (!differs[i]) return;
        for (const k of ENTERPRISE_FIELDS) setProp(nodes[i], k, row[k]);
        setProp(nodes[i], 'since', row.since ?? nodes[i].since);
      });
      return [{ changed: int(differs.filter(Boolean).length) }];
    },
  },
  'upsert-links': {
    writes: true,
    handler: (s, p) => {
      const ordBase = integer(p.ordBase, '$ordBase');
      const rows = list<Record<string, unknown>>(p.rows).filter((row) => s.enterprises.some((e) => e.id === row.supplier) && s.enterprises.some((e) => e.id === row.customer));
      const rels = rows.map((row) => {
        let l = s.links.find((x) => x.supplier === row.supplier && x.customer === row.customer && x.part === row.part);
        if (!l) {
          l = { supplier: row.supplier as string, customer: row.customer as string, part: row.part as string, ord: ordBase + integer(row.idx, 'row.idx') };
          s.links.push(l);
        }
        return l;
      });
      const differs = rows.map((row, i) => rels[i].critical === undefined || rels[i].critical !== row.critical);
      rows.forEach((row, i) => {
        if (differs[i]) rels[i].critical = row.critical as boolean;
      });
      return [{ matched: int(rows.length), changed: int(differs.filter(Boolean).length) }];
    },
  },
  'existing-report-keys': {
    writes: false,
    handler: (s, p) => {
      const keys = new Set(list<string>(p.keys).filter((k) => s.reports.some((r) => r.key === k)));
      return [...keys].map((key) => ({ key }));
    },
  },
  'create-status-reports': {
    writes: true,
    handler: (s, p) => {
      const rows = list<Record<string, unknown>>(p.rows);
      for (const row of rows) {
        const seq = integer(row.seq, 'row.seq');
        if (s.reports.some((r) => r.seq === seq)) {
          throw new Neo4jError(
            `Node already exists with label StatusReport and property seq = ${seq}`,
            'Neo.ClientError.Schema.ConstraintValidationFailed' as never,
            '22N41',
            'constraint',
          );
        }
        const report: PropMap = {};
        for (const k of ['enterprise', 'status', 'capacityPct', 'asOf', 'note', 'reporter', 'receivedAt', 'key', 'expectedResumeOn']) setProp(report, k, row[k]);
        report.seq = seq;
        s.reports.push(report);
        if (s.enterprises.some((e) => e.id === row.enterprise)) s.reported.push(seq);
      }
      return [{ created: int(rows.length) }];
    },
  },
  'update-current-status': {
    writes: true,
    handler: (s, p) => {
      const rows = list<Record<string, unknown>>(p.rows);
      // MATCH ... WHERE, for every row, before any SET.
      const matched = rows.flatMap((row) => {
        const e = s.enterprises.find((x) => x.id === row.enterprise);
        const seq = integer(row.seq, 'row.seq');
        if (!e) return [];
        const asOf = row.asOf as string;
        const later = e.currentAsOf === undefined || e.currentAsOf < asOf || (e.currentAsOf === asOf && (e.currentSeq as number) < seq);
        return later ? [{ e, row, seq }] : [];
      });
      for (const { e, row, seq } of matched) {
        setProp(e, 'currentStatus', row.status);
        setProp(e, 'currentCapacityPct', row.capacityPct);
        setProp(e, 'currentAsOf', row.asOf);
        e.currentSeq = seq;
      }
      return [];
    },
  },
  'existing-enterprises': {
    writes: false,
    handler: (s, p) =>
      list<string>(p.ids)
        .filter((id) => s.enterprises.some((e) => e.id === id))
        .map((id) => ({ id })),
  },
  'get-enterprise': {
    writes: false,
    handler: (s, p) => s.enterprises.filter((e) => e.id === p.id).map((e) => ({ enterprise: propsOut(e) })),
  },
  'status-history': {
    writes: false,
    handler: (s, p) => {
      const limit = integer(p.limit, 'LIMIT');
      const afterSeq = integer(p.afterSeq, '$afterSeq');
      const after = p.afterAsOf as string | null;
      return s.reports
        .filter((r) => r.enterprise === p.enterprise)
        .filter((r) => after === null || (r.asOf as string) < after || (r.asOf === after && (r.seq as number) < afterSeq))
        .sort(newestFirst)
        .slice(0, limit)
        .map((r) => ({ report: propsOut(r) }));
    },
  },
  'export-enterprises': {
    writes: false,
    handler: (s) => [...s.enterprises].sort(byOrd).map((e) => ({ enterprise: propsOut(e) })),
  },
  'export-links': {
    writes: false,
    handler: (s) => [...s.links].sort(byOrd).map((l) => ({ supplier: l.supplier, customer: l.customer, part: l.part, critical: l.critical ?? null })),
  },
  'export-status-reports': {
    writes: false,
    handler: (s) => [...s.reports].sort((a, b) => (a.seq as number) - (b.seq as number)).map((r) => ({ report: propsOut(r) })),
  },
  'snapshot-enterprises': {
    writes: false,
    handler: (s) =>
      [...s.enterprises].sort(byOrd).map((e) => ({
        id: e.id,
        role: e.role ?? null,
        province: e.province ?? null,
        industry: e.industry ?? null,
        status: e.currentStatus ?? e.status ?? null,
        name: e.name ?? null,
        capacityPct: (e.currentStatus === undefined ? e.capacityPct : e.currentCapacityPct) ?? null,
      })),
  },
  'statuses-on': {
    writes: false,
    handler: (s, p) =>
      [...s.enterprises].sort(byOrd).map((e) => {
        const latest = s.reports.filter((r) => r.enterprise === e.id && (r.asOf as string) <= (p.date as string)).sort(newestFirst)[0];
        return datedStatusRow(e, latest?.status ?? e.status ?? null);
      }),
  },
  'status-timeline-enterprises': {
    writes: false,
    handler: (s) => [...s.enterprises].sort(byOrd).map((e) => datedStatusRow(e, e.status ?? null)),
  },
  'status-timeline-reports': {
    writes: false,
    handler: (s, p) =>
      s.reports
        .filter((r) => compareText(r.asOf, p.to) <= 0)
        .sort((a, b) => compareText(a.asOf, b.asOf) || (a.seq as number) - (b.seq as number))
        .map((r) => ({ enterprise: r.enterprise, status: r.status, asOf: r.asOf })),
  },
  'create-inventory-reports': {
    writes: true,
    handler: (s, p) => {
      const rows = list<Record<string, unknown>>(p.rows);
      for (const row of rows) {
        const seq = integer(row.seq, 'row.seq');
        if (s.inventories.some((r) => r.seq === seq)) throw constraintViolation('InventoryReport', 'seq', seq);
        const report: PropMap = {};
        for (const k of ['customer', 'part', 'asOf', 'note', 'reporter', 'receivedAt', 'key']) setProp(report, k, row[k]);
        report.days = integer(row.days, 'row.days');
        report.seq = seq;
        s.inventories.push(report);
      }
      return [{ created: int(rows.length) }];
    },
  },
  'existing-inventory-keys': {
    writes: false,
    handler: (s, p) => [...new Set(list<string>(p.keys).filter((k) => s.inventories.some((r) => r.key === k)))].map((key) => ({ key })),
  },
  'inventory-history': {
    writes: false,
    handler: (s, p) => {
      const limit = integer(p.limit, 'LIMIT');
      const afterSeq = integer(p.afterSeq, '$afterSeq');
      const after = p.afterAsOf as string | null;
      return s.inventories
        .filter((r) => r.customer === p.customer)
        .filter((r) => after === null || (r.asOf as string) < after || (r.asOf === after && (r.seq as number) < afterSeq))
        .sort(newestFirst)
        .slice(0, limit)
        .map((r) => ({ report: propsOut(r) }));
    },
  },
  'export-inventory-reports': {
    writes: false,
    handler: (s) => [...s.inventories].sort((a, b) => (a.seq as number) - (b.seq as number)).map((r) => ({ report: propsOut(r) })),
  },
  'current-inventories': {
    writes: false,
    handler: (s) => {
      const current = new Map<string, PropMap>();
      for (const r of [...s.inventories].sort(newestFirst)) {
        const key = JSON.stringify([r.customer, r.part]);
        if (!current.has(key)) current.set(key, r);
      }
      return [...current.values()]
        .sort((a, b) => compareText(a.customer, b.customer) || compareText(a.part, b.part))
        .map((r) => ({ customer: r.customer, part: r.part, days: int(r.days as number), asOf: r.asOf }));
    },
  },
  'suspension-reports': {
    writes: false,
    handler: (s) =>
      [...s.enterprises]
        .sort(byOrd)
        .filter((e) => e.currentStatus === 'suspended')
        .map((e) => ({
          enterprise: e.id,
          reports: s.reports
            .filter((r) => r.enterprise === e.id)
            .sort(newestFirst)
            .map((r) => ({ status: r.status, asOf: r.asOf, expectedResumeOn: r.expectedResumeOn ?? null })),
        }))
        .filter((row) => row.reports.length > 0),
  },
  'latest-report-date': {
    writes: false,
    handler: (s) => {
      const dates = [...s.reports, ...s.inventories].map((r) => r.asOf as string).sort();
      return [{ latest: dates.length > 0 ? dates[dates.length - 1] : null }];
    },
  },
  'append-change': {
    writes: true,
    handler: (s, p) => {
      const revision = integer(p.revision, '$revision');
      if (typeof p.change !== 'string') throw new Error('fake-neo4j: append-change needs $change as text');
      if (s.changes.some((c) => c.revision === revision)) throw constraintViolation('RevisionChange', 'revision', revision);
      s.changes.push({ revision, change: p.change });
      return [];
    },
  },
  'prune-changes': {
    writes: true,
    handler: (s, p) => {
      const through = integer(p.through, '$through');
      const before = s.changes.length;
      s.changes = s.changes.filter((c) => c.revision > through);
      return [{ deleted: int(before - s.changes.length) }];
    },
  },
  'changes-since': {
    writes: false,
    handler: (s, p) => {
      const since = integer(p.since, '$since');
      return [...s.changes]
        .filter((c) => c.revision > since)
        .sort((a, b) => a.revision - b.revision)
        .slice(0, integer(p.limit, 'LIMIT'))
        .map((c) => ({ revision: int(c.revision), change: c.change }));
    },
  },
  'customer-parts': {
    writes: false,
    handler: (s, p) => {
      const found = new Map<string, { customer: string; part: string }>();
      for (const pair of list<{ customer: string; part: string }>(p.pairs)) {
        if (s.links.some((l) => l.customer === pair.customer && l.part === pair.part)) found.set(JSON.stringify(pair), pair);
      }
      return [...found.values()];
    },
  },
  'insert-token': {
    writes: true,
    handler: (s, p) => {
      for (const key of ['id', 'hash'] as const) {
        if (s.tokens.some((t) => t[key] === p[key])) throw constraintViolation('ApiToken', key, p[key]);
      }
      const token: PropMap = {};
      for (const k of TOKEN_FIELDS) setProp(token, k, p[k]);
      s.tokens.push(token);
      return [];
    },
  },
  'find-token': {
    writes: false,
    handler: (s, p) => s.tokens.filter((t) => t.hash === p.hash).map((t) => ({ token: propsOut(t) })),
  },
  'list-tokens': {
    writes: false,
    handler: (s) => [...s.tokens].sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id)).map((t) => ({ token: propsOut(t) })),
  },
  'revoke-token': {
    writes: true,
    handler: (s, p) => {
      const matched = s.tokens.filter((t) => t.id === p.id);
      for (const t of matched) if (t.revokedAt === undefined) setProp(t, 'revokedAt', p.at);
      return [{ matched: int(matched.length) }];
    },
  },
  'create-audit-entry': {
    writes: true,
    handler: (s, p) => {
      for (const e of list<Record<string, unknown>>(p.entries)) {
        const seq = integer(e.seq, 'e.seq');
        if (s.audit.some((a) => a.seq === seq)) throw constraintViolation('AuditEntry', 'seq', seq);
        if (e.revision !== null) integer(e.revision, 'e.revision');
        const entry: PropMap = {};
        for (const k of AUDIT_FIELDS) setProp(entry, k, e[k]);
        s.audit.push(entry);
      }
      return [];
    },
  },
  'audit-entries': {
    writes: false,
    handler: (s, p) => {
      const beforeSeq = integer(p.beforeSeq, '$beforeSeq');
      const limit = integer(p.limit, 'LIMIT');
      const equal = (a: PropMap, key: 'actor' | 'action' | 'target') => p[key] === null || a[key] === p[key];
      return s.audit
        .filter((a) => (a.seq as number) < beforeSeq && equal(a, 'actor') && equal(a, 'action') && equal(a, 'target'))
        .filter((a) => (p.from === null || compareText(a.at, p.from) >= 0) && (p.to === null || compareText(a.at, p.to) <= 0))
        .sort((a, b) => (b.seq as number) - (a.seq as number))
        .slice(0, limit)
        .map((a) => ({ entry: propsOut(a) }));
    },
  },
  'read-counters': {
    writes: false,
    handler: (s, p) =>
      list<string>(p.names)
        .filter((name) => name in s.counters)
        .map((name) => ({ name, value: int(s.counters[name]) })),
  },
  'existing-tasks': {
    writes: false,
    handler: (s, p) =>
      list<string>(p.ids)
        .filter((id) => s.tasks.some((t) => t.id === id))
        .map((id) => ({ id })),
  },
  'create-tasks': {
    writes: true,
    handler: (s, p) => {
      const active = list<string>(p.active);
      for (const row of list<Record<string, unknown>>(p.rows)) {
        for (const k of TASK_INTEGER_FIELDS) integer(row[k], `row.${k}`);
        if (s.tasks.some((t) => t.id === row.id)) throw constraintViolation('Task', 'id', row.id);
        const task: PropMap = {};
        for (const k of TASK_FIELDS) setProp(task, k, row[k]);
        setActiveSupplier(s, task, active);
        s.tasks.push(task);
      }
      return [];
    },
  },
  'update-tasks': {
    writes: true,
    handler: (s, p) => {
      const active = list<string>(p.active);
      const rows = list<{ id: string; expectVersion: unknown; patch: Record<string, unknown> }>(p.rows);
      if (new Set(rows.map((r) => r.id)).size < rows.length) throw new Error('fake-neo4j: update-tasks holds a task twice in one batch');
      // MATCH ... WHERE, for every row, before any SET.
      const matched = rows.flatMap((row) => {
        const task = s.tasks.find((t) => t.id === row.id && t.version === integer(row.expectVersion, 'row.expectVersion'));
        return task ? [{ task, row }] : [];
      });
      for (const { task, row } of matched) {
        for (const [k, v] of Object.entries(row.patch)) {
          if (!TASK_FIELDS.includes(k) || k === 'id' || k === 'version') throw new Error(`fake-neo4j: update-tasks patches ${k}`);
          if (TASK_INTEGER_FIELDS.includes(k)) integer(v, `patch.${k}`);
          setProp(task, k, v);
        }
        task.version = (task.version as number) + 1;
        setActiveSupplier(s, task, active);
      }
      return matched.map(({ task }) => ({ id: task.id }));
    },
  },
  'append-task-history': {
    writes: true,
    handler: (s, p) => {
      for (const row of list<{ id: string; entries: Record<string, unknown>[] }>(p.rows)) {
        if (!s.tasks.some((t) => t.id === row.id)) continue;
        const known = s.taskHistory.filter((h) => h.task === row.id).length;
        list<Record<string, unknown>>(row.entries).forEach((e, i) => {
          const entry: PropMap = { n: known + i + 1 };
          for (const k of TASK_HISTORY_FIELDS) setProp(entry, k, e[k]);
          s.taskHistory.push({ task: row.id, entry });
        });
      }
      return [];
    },
  },
  'get-task': {
    writes: false,
    handler: (s, p) =>
      s.tasks
        .filter((t) => t.id === p.id)
        .map((t) => ({
          task: propsOut(t),
          history: s.taskHistory
            .filter((h) => h.task === t.id)
            .map((h) => h.entry)
            .sort((a, b) => (a.n as number) - (b.n as number))
            .map(propsOut),
        })),
  },
  'active-tasks': {
    writes: false,
    handler: (s) =>
      s.tasks
        .filter((t) => t.activeSupplier !== undefined)
        .sort((a, b) => compareText(a.activeSupplier, b.activeSupplier))
        .map((t) => ({ task: propsOut(t) })),
  },
  'list-tasks': {
    writes: false,
    handler: (s, p) => {
      const limit = integer(p.limit, 'LIMIT');
      const afterPriority = p.afterId === null ? null : integer(p.afterPriority, '$afterPriority');
      const states = p.states === null ? null : list<string>(p.states);
      const afterStopsOn = p.afterStopsOn as string | null;
      const samePlace = (t: PropMap) => (t.priority as number) < (afterPriority as number) || (t.priority === afterPriority && compareText(t.id, p.afterId) > 0);
      const after = (t: PropMap) =>
        p.afterId === null ||
        (afterStopsOn === null
          ? t.stopsOn === undefined && samePlace(t)
          : t.stopsOn === undefined || compareText(t.stopsOn, afterStopsOn) > 0 || (t.stopsOn === afterStopsOn && samePlace(t)));
      // ORDER BY t.stopsOn (null last), t.priority DESC, t.id
      const byStop = (a: PropMap, b: PropMap) => (a.stopsOn === b.stopsOn ? 0 : a.stopsOn === undefined ? 1 : b.stopsOn === undefined ? -1 : compareText(a.stopsOn, b.stopsOn));
      return s.tasks
        .filter((t) => (p.province === null || t.assigneeProvince === p.province) && (states === null || states.includes(t.state as string)))
        .filter((t) => (p.escalated === null || t.escalated === p.escalated) && (p.supplier === null || t.supplier === p.supplier))
        .filter(after)
        .sort((a, b) => byStop(a, b) || (b.priority as number) - (a.priority as number) || compareText(a.id, b.id))
        .slice(0, limit)
        .map((t) => ({ task: propsOut(t) }));
    },
  },

  'create-task-events': {
    writes: true,
    handler: (s, p) => {
      for (const row of list<Record<string, unknown>>(p.rows)) {
        const id = integer(row.id, 'row.id');
        if (s.taskEvents.some((e) => e.id === id)) throw constraintViolation('TaskEvent', 'id', id);
        const event: PropMap = { id };
        for (const k of TASK_EVENT_FIELDS) setProp(event, k, row[k]);
        s.taskEvents.push(event);
      }
      return [];
    },
  },
  'task-events': {
    writes: false,
    handler: (s, p) => {
      const after = integer(p.after, '$after');
      const limit = integer(p.limit, 'LIMIT');
      if (typeof p.undispatched !== 'boolean') throw new Error('fake-neo4j: $undispatched must be a boolean');
      return s.taskEvents
        .filter((e) => (e.id as number) > after && (!p.undispatched || e.dispatchedAt === undefined))
        .sort((a, b) => (a.id as number) - (b.id as number))
        .slice(0, limit)
        .map((e) => ({ event: propsOut(e) }));
    },
  },
  'last-task-event-id': {
    writes: false,
    handler: (s) => [{ last: s.taskEvents.length === 0 ? null : int(Math.max(...s.taskEvents.map((e) => e.id as number))) }],
  },
  'mark-task-events-dispatched': {
    writes: true,
    handler: (s, p) => {
      for (const id of list<unknown>(p.ids).map((v) => integer(v, 'id'))) {
        for (const e of s.taskEvents) if (e.id === id && e.dispatchedAt === undefined) setProp(e, 'dispatchedAt', p.at);
      }
      return [];
    },
  },
  'create-request': {
    writes: true,
    handler: (s, p) => {
      const props = p.props as Record<string, unknown>;
      integer(props.version, 'props.version');
      if (s.requests.some((r) => r.id === props.id)) throw constraintViolation('Request', 'id', props.id);
      const request: PropMap = {};
      for (const k of REQUEST_FIELDS) setProp(request, k, props[k]);
      s.requests.push(request);
      return [];
    },
  },
  'get-request': {
    writes: false,
    handler: (s, p) => s.requests.filter((r) => r.id === p.id).map((r) => ({ request: propsOut(r) })),
  },
  'update-request': {
    writes: true,
    handler: (s, p) => {
      const r = s.requests.find((x) => x.id === p.id && x.version === integer(p.expectVersion, '$expectVersion'));
      if (!r) return [];
      for (const [k, v] of Object.entries(p.patch as Record<string, unknown>)) {
        if (!REQUEST_FIELDS.includes(k) || k === 'id' || k === 'version') throw new Error(`fake-neo4j: update-request patches ${k}`);
        setProp(r, k, v);
      }
      r.version = (r.version as number) + 1;
      return [{ request: propsOut(r) }];
    },
  },
  'list-requests': {
    writes: false,
    handler: (s, p) => {
      const limit = integer(p.limit, 'LIMIT');
      const states = p.states === null ? null : list<string>(p.states);
      const scope = list<string>(p.scopeEnterprises);
      if (typeof p.scoped !== 'boolean') throw new Error('fake-neo4j: $scoped must be a boolean');
      const eq = (r: PropMap, key: string, param: string) => p[param] === null || r[key] === p[param];
      return s.requests
        .filter((r) => eq(r, 'assigneeProvince', 'province') && eq(r, 'category', 'category') && eq(r, 'enterprise', 'enterprise') && eq(r, 'escalated', 'escalated'))
        .filter((r) => states === null || states.includes(r.state as string))
        .filter((r) => !p.scoped || r.assigneeProvince === p.scopeProvince || scope.includes(r.enterprise as string))
        .filter((r) => p.afterCreatedAt === null || compareText(r.createdAt, p.afterCreatedAt) > 0 || (r.createdAt === p.afterCreatedAt && compareText(r.id, p.afterId) > 0))
        .sort(byCreated)
        .slice(0, limit)
        .map((r) => ({ request: propsOut(r) }));
    },
  },
  'overdue-requests': {
    writes: false,
    handler: (s, p) =>
      s.requests
        .filter((r) => r.state === 'open' && r.escalated === false && compareText(r.createdAt, p.before) <= 0)
        .sort(byCreated)
        .slice(0, integer(p.limit, 'LIMIT'))
        .map((r) => ({ request: propsOut(r) })),
  },
  'undelivered-requests': {
    writes: false,
    handler: (s, p) =>
      s.requests
        .filter((r) => list<string>(p.active).includes(r.state as string) && r.deliveredAt === undefined)
        .sort(byCreated)
        .slice(0, integer(p.limit, 'LIMIT'))
        .map((r) => ({ request: propsOut(r) })),
  },
  'task-event-keyed': {
    writes: false,
    handler: (s, p) =>
      s.taskEvents
        .filter((e) => e.taskId === p.taskId)
        .slice(0, 1)
        .map((e) => ({ id: int(e.id as number) })),
  },
  'sent-runway-events': {
    writes: false,
    handler: (s, p) => [...new Set(list<string>(p.keys).filter((k) => s.taskEvents.some((e) => e.taskId === k && e.type === 'runway')))].map((key) => ({ key })),
  },
  'prune-task-events': {
    writes: true,
    handler: (s, p) => {
      const gone = s.taskEvents.filter((e) => e.dispatchedAt !== undefined && compareText(e.at, p.before) < 0 && e.type !== 'runway');
      s.taskEvents = s.taskEvents.filter((e) => !gone.includes(e));
      return [{ deleted: int(gone.length) }];
    },
  },
};

/**
 * SET t.activeSupplier = CASE WHEN t.state IN $active THEN t.supplier END, under the constraint
 * task_one_active_per_supplier: another task holding the same value fails the write.
 */
function setActiveSupplier(s: State, task: PropMap, active: readonly string[]): void {
  const value = active.includes(task.state as string) ? task.supplier : undefined;
  if (value !== undefined && s.tasks.some((t) => t !== task && t.activeSupplier === value)) throw constraintViolation('Task', 'activeSupplier', value);
  setProp(task, 'activeSupplier', value);
}

/** A row of statuses-on and status-timeline-enterprises: what statistics need of an enterprise. */
function datedStatusRow(e: EnterpriseNode, status: Value | null): Record<string, unknown> {
  return { id: e.id, role: e.role ?? null, province: e.province ?? null, industry: e.industry ?? null, size: e.size ?? null, status, since: e.since ?? null };
}

function emptyState(): State {
  return {
    counters: {},
    enterprises: [],
    links: [],
    reports: [],
    reported: [],
    tokens: [],
    audit: [],
    tasks: [],
    taskHistory: [],
    taskEvents: [],
    requests: [],
    inventories: [],
    changes: [],
    schema: [],
  };
}

function wipe(s: State): [] {
  const { schema: _schema, ...data } = emptyState();
  Object.assign(s, data);
  // The identities are properties of counters, which went with them.
  delete s.storeId;
  delete s.taskStoreId;
  return [];
}

// ---- value rules ------------------------------------------------------------------------------

/** A Cypher integer parameter: a neo4j Integer (or bigint). A JS number is a float in Cypher. */
function integer(v: unknown, what: string): number {
  if (neo4j.isInt(v)) return (v as Integer).toNumber();
  if (typeof v === 'bigint') return Number(v);
  throw new Neo4jError(
    `${what}: expected an integer, got ${typeof v === 'number' ? `the float ${v}` : typeof v}`,
    'Neo.ClientError.Statement.ArgumentError' as never,
    '22N01',
    'type',
  );
}

function int(n: number): Integer {
  return neo4j.int(n);
}

function list<T>(v: unknown): T[] {
  if (!Array.isArray(v)) throw new Neo4jError('expected a list parameter', 'Neo.ClientError.Statement.TypeError' as never, '22N01', 'type');
  return v as T[];
}

/** SET n.k = v: null removes the property; an Integer is stored as an integer. */
function setProp(target: PropMap, key: string, v: unknown): void {
  if (v === null || v === undefined) delete target[key];
  else target[key] = neo4j.isInt(v) ? (v as Integer).toNumber() : Array.isArray(v) ? [...(v as string[])] : (v as Value);
}

function propsOut(p: PropMap): Record<string, unknown> {
  // By name; 'id' is an integer on a TaskEvent only, and a string elsewhere.
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, INTEGER_PROPS.has(k) && typeof v === 'number' ? int(v) : v]));
}

/** The driver cannot pack `undefined` (nor functions, symbols): the adapter must send null. */
function assertSendable(v: unknown, where: string): void {
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') {
    throw new TypeError(`fake-neo4j: cannot send ${typeof v} at ${where}`);
  }
  if (v === null || neo4j.isInt(v) || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v)) assertSendable(x, Array.isArray(v) ? `${where}[${k}]` : `${where}.${k}`);
}

function constraintViolation(label: string, key: string, value: unknown): Neo4jError {
  return new Neo4jError(
    `Node already exists with label \`${label}\` and property \`${key}\` = ${JSON.stringify(value)}`,
    'Neo.ClientError.Schema.ConstraintValidationFailed' as never,
    '22N41',
    'constraint',
  );
}

/** Cypher's order on strings; a value that is not a string is a bug in the test or adapter. */
function compareText(a: unknown, b: unknown): number {
  if (typeof a !== 'string' || typeof b !== 'string') throw new Error(`fake-neo4j: comparing ${typeof a} with ${typeof b} as text`);
  return a < b ? -1 : a > b ? 1 : 0;
}

function byOrd(a: { ord?: Value }, b: { ord?: Value }): number {
  return (a.ord as number) - (b.ord as number);
}

function newestFirst(a: PropMap, b: PropMap): number {
  return a.asOf === b.asOf ? (b.seq as number) - (a.seq as number) : (a.asOf as string) < (b.asOf as string) ? 1 : -1;
}
