/**
 * The Neo4j adapter of RequestStore (the contract is in src/coordination/request-store.ts; the
 * SQLite adapter is src/coordination/sqlite-request-store.ts, and both pass one conformance suite).
 *
 * Model: one (:Request {id, enterprise, category, title, description, counterpartProvince,
 * counterpartEnterprise, assigneeProvince, state, raisedOn, raisedBy, escalated, escalatedAt,
 * createdAt, updatedAt, deliveredAt, resolvedAt, reason, history, version}) node per request,
 * its short history as JSON text. Its events are (:TaskEvent) nodes of the task store's outbox
 * (ids from the 'task_event_id' counter) and its audit entries (:AuditEntry) nodes (seqs from
 * 'audit_seq'), written in the same transaction.
 *
 * Every write first advances 'request_commits', which write-locks it until commit: writes are
 * serialised as SQLite's BEGIN IMMEDIATE serialises them, so "is this id free?" and "is there
 * an event with this key?" are answered under that lock.
 */
import type { ManagedTransaction, Record as Neo4jRecord } from 'neo4j-driver';
import type { NewTaskEvent } from './task-store';
import { ACTIVE_REQUEST_STATES, type Request, type RequestHistoryEntry, type RequestWithHistory } from './request-model';
import { isRequestCursor, type RequestPatch, type RequestQuery, type RequestStore, type RequestWriteExtras } from './request-store';
import { LinkageError } from '../shared/errors';
import { decodeCursor, encodeCursor } from '../shared/cursor';
import type { Page } from '../graph/store';
import {
  appendAuditEntries,
  cypher,
  cypherScript,
  int,
  jsonText,
  text,
  toNumber,
  type Props,
  Neo4jSessions,
  advanceCounters,
  run,
  type Neo4jStoreOptions,
  notInitialised as notInitialisedError,
} from '../infra/neo4j';

export const REQUEST_COUNTERS = ['request_commits'] as const;

export class Neo4jRequestStore implements RequestStore {
  readonly kind = 'neo4j';
  private readonly sessions: Neo4jSessions;

  constructor(opts: Neo4jStoreOptions) {
    this.sessions = new Neo4jSessions(opts);
  }

  async init(): Promise<void> {
    await this.sessions.applySchema(cypherScript('request-schema'), 'request init');
    await this.sessions.write('request init', (tx) => run(tx, cypher('init-counters'), { names: [...REQUEST_COUNTERS] }));
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }

  async ping(): Promise<void> {
    await this.sessions.read('request ping', (tx) => run(tx, cypher('get-request'), { id: '' }));
  }

  async create(r: RequestWithHistory, extras: RequestWriteExtras = {}): Promise<boolean> {
    return this.sessions.write('request create', async (tx) => {
      await lock(tx);
      if ((await run(tx, cypher('get-request'), { id: r.id })).length > 0) return false;
      await run(tx, cypher('create-request'), { props: requestProps(r) });
      await writeExtras(tx, extras);
      return true;
    });
  }

  async update(id: string, expectVersion: number, set: RequestPatch, extras: RequestWriteExtras = {}): Promise<RequestWithHistory | null> {
    return this.sessions.write('request update', async (tx) => {
      await lock(tx);
      const current = await run(tx, cypher('get-request'), { id });
      if (current.length === 0) return null;
      const before = toRequest(props(current[0], 'request'));
      if (before.version !== expectVersion) return null;
      const patch: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(set)) if (v !== undefined) patch[k] = v;
      if (extras.history) patch.history = JSON.stringify([...before.history, extras.history]);
      const updated = await run(tx, cypher('update-request'), { id, expectVersion: int(expectVersion), patch });
      if (updated.length === 0) return null;
      await writeExtras(tx, extras);
      return toRequest(props(updated[0], 'request'));
    });
  }

  async get(id: string): Promise<RequestWithHistory | null> {
    const records = await this.sessions.read('request lookup', (tx) => run(tx, cypher('get-request'), { id }));
    return records.length === 0 ? null : toRequest(props(records[0], 'request'));
  }

  async list(q: RequestQuery): Promise<Page<Request>> {
    const after = decodeCursor(q.cursor, isRequestCursor);
    const records = await this.sessions.read('request list', (tx) =>
      run(tx, cypher('list-requests'), {
        province: q.province ?? null,
        states: q.states ? [...q.states] : null,
        category: q.category ?? null,
        enterprise: q.enterprise ?? null,
        escalated: q.escalated ?? null,
        scoped: q.scope !== undefined,
        scopeProvince: q.scope?.province ?? null,
        scopeEnterprises: [...(q.scope?.enterprises ?? [])],
        afterCreatedAt: after?.[0] ?? null,
        afterId: after?.[1] ?? null,
        limit: int(q.limit + 1),
      }),
    );
    const items = records.slice(0, q.limit).map((r) => withoutHistory(toRequest(props(r, 'request'))));
    const last = items[items.length - 1];
    return { items, nextCursor: records.length > q.limit ? encodeCursor([last.createdAt, last.id]) : null };
  }

  async overdue(before: string, limit: number): Promise<Request[]> {
    const records = await this.sessions.read('overdue requests', (tx) => run(tx, cypher('overdue-requests'), { before, limit: int(limit) }));
    return records.map((r) => withoutHistory(toRequest(props(r, 'request'))));
  }

  async undelivered(limit: number): Promise<Request[]> {
    const records = await this.sessions.read('undelivered requests', (tx) => run(tx, cypher('undelivered-requests'), { active: [...ACTIVE_REQUEST_STATES], limit: int(limit) }));
    return records.map((r) => withoutHistory(toRequest(props(r, 'request'))));
  }

  async appendEventOnce(event: NewTaskEvent): Promise<boolean> {
    return this.sessions.write('keyed event', async (tx) => {
      await lock(tx);
      if ((await run(tx, cypher('task-event-keyed'), { taskId: event.taskId })).length > 0) return false;
      await createEvent(tx, event);
      return true;
    });
  }
}

async function lock(tx: ManagedTransaction): Promise<void> {
  await advanceCounters(tx, [['request_commits', 1]], notInitialised);
}

async function writeExtras(tx: ManagedTransaction, extras: RequestWriteExtras): Promise<void> {
  if (extras.event) await createEvent(tx, extras.event);
  if (extras.audit) await appendAuditEntries(tx, [extras.audit]);
}

/** An outbox event, its id from the task store's counter (see Neo4jTaskStore). */
async function createEvent(tx: ManagedTransaction, e: NewTaskEvent): Promise<void> {
  const { task_event_id: id } = await advanceCounters(tx, [['task_event_id', 1]], notInitialised);
  await run(tx, cypher('create-task-events'), {
    rows: [{ id: int(id), type: e.type, taskId: e.taskId, province: e.province, at: e.at, task: JSON.stringify(e.task), requestId: e.requestId ?? null }],
  });
}

const notInitialised = (): LinkageError => notInitialisedError('request store', 'its counters (or the task and audit counters) are missing');

/** Every field, null where absent (Neo4j stores no null), history as JSON text, version as an integer. */
export function requestProps(r: RequestWithHistory): Record<string, unknown> {
  return {
    id: r.id,
    enterprise: r.enterprise,
    category: r.category,
    title: r.title,
    description: r.description,
    counterpartProvince: r.counterpartProvince ?? null,
    counterpartEnterprise: r.counterpartEnterprise ?? null,
    assigneeProvince: r.assigneeProvince,
    state: r.state,
    raisedOn: r.raisedOn,
    raisedBy: r.raisedBy,
    escalated: r.escalated,
    escalatedAt: r.escalatedAt ?? null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    deliveredAt: r.deliveredAt ?? null,
    resolvedAt: r.resolvedAt ?? null,
    reason: r.reason ?? null,
    history: JSON.stringify(r.history),
    version: int(r.version),
  };
}

function props(record: Neo4jRecord, key: string): Props {
  return record.get(key) as Props;
}

/** The request as the SQLite adapter reads it: optional fields absent when missing. */
export function toRequest(p: Props): RequestWithHistory {
  const id = text(p, 'id', 'request');
  const where = `request "${id}"`;
  const out: RequestWithHistory = {
    id,
    enterprise: text(p, 'enterprise', where),
    category: text(p, 'category', where) as Request['category'],
    title: text(p, 'title', where),
    description: text(p, 'description', where),
    assigneeProvince: text(p, 'assigneeProvince', where),
    state: text(p, 'state', where) as Request['state'],
    raisedOn: text(p, 'raisedOn', where),
    raisedBy: text(p, 'raisedBy', where),
    escalated: p.escalated === true,
    createdAt: text(p, 'createdAt', where),
    updatedAt: text(p, 'updatedAt', where),
    version: toNumber(p.version, `${where} version`),
    history: (jsonText(p, 'history', where) ?? []) as RequestHistoryEntry[],
  };
  for (const key of ['counterpartProvince', 'counterpartEnterprise', 'escalatedAt', 'deliveredAt', 'resolvedAt', 'reason'] as const) {
    if (p[key] !== undefined && p[key] !== null) out[key] = text(p, key, where);
  }
  return out;
}

function withoutHistory(r: RequestWithHistory): Request {
  const { history: _h, ...rest } = r;
  return rest;
}

/** Enterprise requests in the Neo4j database at `uri`, or on an injected driver; init() after the task and audit stores. */
export function createNeo4jRequestStore(opts: Neo4jStoreOptions): Neo4jRequestStore {
  return new Neo4jRequestStore(opts);
}
