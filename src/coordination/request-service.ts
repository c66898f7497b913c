/**
 * The use cases of enterprise requests (CONTRACT §9), shared by the HTTP routes, the job
 * processors and the CLI: raise (and import), move through the states, escalate after the
 * acknowledgement SLA, record delivery, read with the visibility rules, summarise.
 *
 * Who (§4, §9): a reporter or lead raises for its own enterprise, a coordinator for any; the
 * raiser's enterprise reads its own requests; a lead also reads those of its upstream
 * suppliers; the liaison of the assignee province sees and handles them; coordinators all.
 *
 * Each write is one store transaction with its outbox event and audit entry; the relay then
 * routes it (delivery to the inbox, escalation timer, webhooks) like a task event.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AuditAction } from '../access/audit';
import type { Page } from '../graph';
import { isoDate, startOfDay, type Clock } from '../shared/clock';
import { LinkageError, notFound } from '../shared/errors';
import { currentRequestId } from '../shared/log';
import type { Task } from './model';
import {
  ACTIVE_REQUEST_STATES,
  assigneeProvince,
  nextRequestState,
  publicRequest,
  REQUEST_CATEGORIES,
  REQUEST_STATES,
  requestEscalationDue,
  type ImportedRequest,
  type Request,
  type RequestAction,
  type RequestInput,
  type RequestState,
  type RequestWithHistory,
} from './request-model';
import type { RequestPatch, RequestQuery, RequestStore, RequestWriteExtras } from './request-store';
import type { NewTaskEvent, RequestEventType } from './task-store';
import type { Role } from '../access/principal';

/** Who is asking (an HTTP principal, or the CLI as a coordinator). */
export interface RequestViewer {
  role: Role;
  actor: string;
  province?: string;
  enterprise?: string;
}

/** What the requests need of the enterprise graph and its analysis. */
export interface RequestGraph {
  enterprise(id: string): Promise<{ id: string; province: string; role: string } | null>;
  /** §9 leadersServed of each id (null: unknown to the analysis). */
  leadersServed(ids: readonly string[]): Promise<Map<string, number | null>>;
  /** The enterprises upstream of `id` (its suppliers, theirs, …). */
  upstream(id: string): Promise<string[]>;
}

/** The active task of an enterprise, if any (§9 `task`). */
export type ActiveTaskOf = (enterprise: string) => Promise<Task | null>;

export interface RequestServiceOptions {
  store: RequestStore;
  graph: RequestGraph;
  activeTask: ActiveTaskOf;
  clock: Clock;
  /** The acknowledgement SLA (the tasks' one). */
  slaMs: number;
  timeZone?: string;
  newId?: () => string;
  maxAttempts?: number;
}

/** A request as shown: with its weight in the chains and the active task of its enterprise. */
export type ShownRequest = Omit<Request, 'version'> & { leadersServed: number | null; task: string | null };
export type ShownRequestWithHistory = ShownRequest & Pick<RequestWithHistory, 'history'>;

export function randomRequestId(): string {
  return `rq_${crypto.randomBytes(8).toString('hex')}`;
}

/** An imported request without an id gets one from its content: importing it again adds nothing. */
export function importedRequestId(r: ImportedRequest): string {
  const key = JSON.stringify([r.enterprise, r.category, r.title, r.description, r.counterpartProvince ?? null, r.counterpartEnterprise ?? null, r.raisedOn ?? null]);
  return `rq_${crypto.createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

const ACTION_EVENTS: Record<RequestAction, RequestEventType> = {
  accept: 'request.accepted',
  start: 'request.started',
  resolve: 'request.resolved',
  reject: 'request.rejected',
};

export interface RequestStats {
  by: 'category' | 'province';
  groups: Array<{ key: string; total: number; states: Record<RequestState, number>; medianHoursToResolve: number | null }>;
}

export class RequestService {
  private readonly events = new EventEmitter();
  private readonly newId: () => string;
  private readonly maxAttempts: number;

  constructor(private readonly opts: RequestServiceOptions) {
    this.events.setMaxListeners(0);
    this.newId = opts.newId ?? randomRequestId;
    this.maxAttempts = opts.maxAttempts ?? 8;
  }

  get store(): RequestStore {
    return this.opts.store;
  }

  /** Called after every write that put an event on the outbox (the relay and the feed listen). */
  onCommit(listener: () => void): () => void {
    this.events.on('commit', listener);
    return () => this.events.off('commit', listener);
  }

  private committed(): void {
    this.events.emit('commit');
  }

  private event(type: NewTaskEvent['type'], r: Request): NewTaskEvent {
    const requestId = currentRequestId();
    return {
      type,
      taskId: r.id,
      province: r.assigneeProvince,
      at: r.updatedAt,
      // The outbox column is named for tasks; a request event carries the request.
      task: publicRequest(r) as unknown as Task,
      ...(requestId !== undefined ? { requestId } : {}),
    };
  }

  private audit(action: AuditAction, actor: string, r: Request, before: unknown): RequestWriteExtras['audit'] {
    return { at: r.updatedAt, actor, action, target: r.id, revision: null, before, after: { state: r.state, assigneeProvince: r.assigneeProvince } };
  }

  /** Raises a request for `input.enterprise` (scope checked), routed by §9. */
  async raise(viewer: RequestViewer, input: RequestInput, opts: { raisedOn?: string; id?: string } = {}): Promise<ShownRequestWithHistory> {
    if (viewer.role === 'liaison' || ((viewer.role === 'reporter' || viewer.role === 'lead') && viewer.enterprise !== input.enterprise)) {
      throw new LinkageError('forbidden', `a ${viewer.role}${viewer.enterprise ? ` of ${viewer.enterprise}` : ''} may not raise requests for ${input.enterprise}`);
    }
    const request = await this.newRequest(viewer.actor, input, opts.raisedOn, opts.id ?? this.newId());
    if (!(await this.opts.store.create(request, this.createExtras(viewer.actor, request)))) {
      throw new LinkageError('conflict', `request ${request.id} exists already`);
    }
    this.committed();
    return (await this.present([request]))[0] as ShownRequestWithHistory;
  }

  /**
   * Raises imported requests (an import document's `requests`, requests.csv) as `actor`. Rows
   * were validated; an id already stored is skipped, so a re-import adds nothing. Returns how
   * many were added.
   */
  async importRequests(actor: string, rows: readonly ImportedRequest[]): Promise<number> {
    let added = 0;
    for (const row of rows) {
      const { id, raisedOn, ...input } = row;
      const request = await this.newRequest(actor, input, raisedOn, id ?? importedRequestId(row));
      if (await this.opts.store.create(request, this.createExtras(actor, request))) added++;
    }
    if (added > 0) this.committed();
    return added;
  }

  /** Reference problems of requests to import (unknown enterprises), by path; `known` are ids the same import defines. */
  async problems(rows: ReadonlyArray<Partial<ImportedRequest>>, known: ReadonlySet<string>, prefix = 'requests'): Promise<Array<{ path: string; message: string }>> {
    const out: Array<{ path: string; message: string }> = [];
    const exists = new Map<string, boolean>();
    const check = async (id: string) => {
      if (known.has(id)) return true;
      if (!exists.has(id)) exists.set(id, (await this.opts.graph.enterprise(id)) !== null);
      return exists.get(id)!;
    };
    for (const [i, r] of rows.entries()) {
      for (const field of ['enterprise', 'counterpartEnterprise'] as const) {
        const id = r[field];
        if (typeof id === 'string' && !(await check(id))) out.push({ path: `${prefix}[${i}].${field}`, message: `unknown enterprise "${id}"` });
      }
    }
    return out;
  }

  private createExtras(actor: string, r: RequestWithHistory): RequestWriteExtras {
    return { event: this.event('request.opened', r), audit: this.audit('request.raise', actor, r, null) };
  }

  private async newRequest(actor: string, input: RequestInput, raisedOn: string | undefined, id: string): Promise<RequestWithHistory> {
    const own = await this.opts.graph.enterprise(input.enterprise);
    if (!own) throw unknownEnterprise('enterprise', input.enterprise);
    let counterpartProvince: string | undefined;
    if (input.counterpartEnterprise !== undefined) {
      const counterpart = await this.opts.graph.enterprise(input.counterpartEnterprise);
      if (!counterpart) throw unknownEnterprise('counterpartEnterprise', input.counterpartEnterprise);
      counterpartProvince = counterpart.province;
    }
    const now = this.opts.clock.now();
    const at = now.toISOString();
    return {
      id,
      enterprise: input.enterprise,
      category: input.category,
      title: input.title,
      description: input.description,
      ...(input.counterpartProvince !== undefined ? { counterpartProvince: input.counterpartProvince } : {}),
      ...(input.counterpartEnterprise !== undefined ? { counterpartEnterprise: input.counterpartEnterprise } : {}),
      assigneeProvince: assigneeProvince(input, own.province, counterpartProvince),
      state: 'open',
      raisedOn: raisedOn ?? isoDate(now, this.opts.timeZone),
      raisedBy: actor,
      escalated: false,
      createdAt: at,
      updatedAt: at,
      version: 1,
      history: [{ at, actor, from: null, to: 'open' }],
    };
  }

  /** accept, start, resolve or reject (a reason required), by the assignee province's liaison or a coordinator. */
  async transition(viewer: RequestViewer, id: string, action: RequestAction, note?: string): Promise<ShownRequestWithHistory> {
    if (action === 'reject' && (note === undefined || note.trim() === '')) {
      throw new LinkageError('invalid_input', 'a rejection needs a reason', { details: [{ path: 'reason', message: 'required to reject a request' }] });
    }
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const current = await this.opts.store.get(id);
      if (!current) throw notFound('request', id);
      this.authorizeHandling(viewer, current, action);
      const to = nextRequestState(current, action);
      const at = this.opts.clock.now().toISOString();
      const set: RequestPatch = { state: to, updatedAt: at };
      if (to === 'resolved' || to === 'rejected') set.resolvedAt = at;
      if (to === 'rejected') set.reason = note!.trim();
      const after = { ...current, ...set };
      const updated = await this.opts.store.update(id, current.version, set, {
        history: { at, actor: viewer.actor, from: current.state, to, ...(note !== undefined ? { note } : {}) },
        event: this.event(ACTION_EVENTS[action], after),
        audit: this.audit(`request.${action}`, viewer.actor, after, { state: current.state }),
      });
      if (updated) {
        this.committed();
        return (await this.present([updated]))[0] as ShownRequestWithHistory;
      }
    }
    throw new LinkageError('conflict', `request ${id} kept changing; try again`, { retriable: true, retryAfter: 1 });
  }

  /** Escalates the request when it is still open after the SLA by the service clock. */
  async escalateIfDue(id: string): Promise<{ status: 'escalated' | 'not_applicable' } | { status: 'not_due'; dueAt: number }> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const r = await this.opts.store.get(id);
      if (!r || r.state !== 'open' || r.escalated) return { status: 'not_applicable' };
      const dueAt = requestEscalationDue(r, this.opts.slaMs);
      const now = this.opts.clock.now();
      if (now.getTime() < dueAt) return { status: 'not_due', dueAt };
      const at = now.toISOString();
      const set: RequestPatch = { escalated: true, escalatedAt: at, updatedAt: at };
      const after = { ...r, ...set };
      const updated = await this.opts.store.update(id, r.version, set, {
        event: this.event('request.escalated', after),
        audit: this.audit('request.escalate', 'system', after, { escalated: false }),
      });
      if (updated) {
        this.committed();
        return { status: 'escalated' };
      }
    }
    throw new LinkageError('conflict', `request ${id} kept changing`, { retriable: true });
  }

  /** Escalates every open request past its SLA: the safety net behind the timers (run by the sweep). */
  async escalateOverdue(): Promise<number> {
    const before = new Date(this.opts.clock.now().getTime() - this.opts.slaMs).toISOString();
    let escalated = 0;
    for (const r of await this.opts.store.overdue(before, 1_000)) if ((await this.escalateIfDue(r.id)).status === 'escalated') escalated++;
    return escalated;
  }

  /** Records that the request reached its province's inbox; null when it is gone. */
  async deliver(id: string): Promise<Request | null> {
    for (let attempt = 0; attempt < this.maxAttempts; attempt++) {
      const r = await this.opts.store.get(id);
      if (!r) return null;
      if (r.deliveredAt) return r;
      const updated = await this.opts.store.update(id, r.version, { deliveredAt: this.opts.clock.now().toISOString() });
      if (updated) return updated;
    }
    throw new LinkageError('conflict', `request ${id} kept changing`, { retriable: true });
  }

  undelivered(limit = 1_000): Promise<Request[]> {
    return this.opts.store.undelivered(limit);
  }

  /** The requests `viewer` may see, with the list filters. */
  async list(viewer: RequestViewer, q: Omit<RequestQuery, 'scope'>): Promise<Page<ShownRequest>> {
    // As with tasks: a liaison asking for another province is refused, not answered with nothing.
    if (viewer.role === 'liaison' && q.province !== undefined && q.province !== viewer.province) {
      throw new LinkageError('forbidden', `a liaison of ${viewer.province} may not list the requests of ${q.province}`);
    }
    const page = await this.opts.store.list({ ...q, scope: await this.scope(viewer) });
    return { items: await this.present(page.items), nextCursor: page.nextCursor };
  }

  async get(viewer: RequestViewer, id: string): Promise<ShownRequestWithHistory> {
    const r = await this.opts.store.get(id);
    if (!r) throw notFound('request', id);
    if (!(await this.canRead(viewer, r))) throw new LinkageError('forbidden', `a ${viewer.role} of ${viewer.province ?? viewer.enterprise ?? '?'} may not read request ${id}`);
    return (await this.present([r]))[0] as ShownRequestWithHistory;
  }

  /** Active requests of these enterprises, by enterprise (a task shows its supplier's requests). */
  async activeOf(enterprises: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (enterprises.length === 0) return out;
    let cursor: string | undefined;
    do {
      const page = await this.opts.store.list({ scope: { enterprises }, states: ACTIVE_REQUEST_STATES, limit: 1_000, cursor });
      for (const r of page.items) out.set(r.enterprise, [...(out.get(r.enterprise) ?? []), r.id]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  }

  /**
   * Counts by state and the median hours from raised to resolved, per category or assignee
   * province. Raised is when the request reached the system, or the start of its `raisedOn`
   * day (in LINKAGE_TIME_ZONE) when that day is earlier: a questionnaire answered on Monday and
   * imported on Wednesday was raised on Monday.
   */
  private raisedAt(r: Pick<Request, 'createdAt' | 'raisedOn'>): number {
    const created = Date.parse(r.createdAt);
    return r.raisedOn < isoDate(new Date(created), this.opts.timeZone) ? startOfDay(r.raisedOn, this.opts.timeZone) : created;
  }

  async stats(viewer: RequestViewer, by: 'category' | 'province'): Promise<RequestStats> {
    const scope = await this.scope(viewer);
    const groups = new Map<string, { states: Record<RequestState, number>; hours: number[] }>();
    if (by === 'category') for (const c of REQUEST_CATEGORIES) groups.set(c, { states: zeroStates(), hours: [] });
    let cursor: string | undefined;
    do {
      const page = await this.opts.store.list({ scope, limit: 1_000, cursor });
      for (const r of page.items) {
        const key = by === 'category' ? r.category : r.assigneeProvince;
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { states: zeroStates(), hours: [] }));
        g.states[r.state]++;
        if (r.state === 'resolved' && r.resolvedAt) g.hours.push((Date.parse(r.resolvedAt) - this.raisedAt(r)) / 3_600_000);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return {
      by,
      groups: [...groups]
        .sort(([a], [b]) => (by === 'category' ? 0 : a < b ? -1 : a > b ? 1 : 0))
        .map(([key, g]) => ({ key, total: Object.values(g.states).reduce((a, b) => a + b, 0), states: g.states, medianHoursToResolve: median(g.hours) })),
    };
  }

  /** Visibility as a store scope; undefined for a coordinator (everything). */
  private async scope(viewer: RequestViewer): Promise<RequestQuery['scope']> {
    switch (viewer.role) {
      case 'coordinator':
        return undefined;
      case 'liaison':
        return { province: viewer.province };
      case 'reporter':
        return { enterprises: viewer.enterprise ? [viewer.enterprise] : [] };
      case 'lead':
        return { enterprises: viewer.enterprise ? [viewer.enterprise, ...(await this.opts.graph.upstream(viewer.enterprise))] : [] };
    }
  }

  private async canRead(viewer: RequestViewer, r: Request): Promise<boolean> {
    const scope = await this.scope(viewer);
    return scope === undefined || scope.province === r.assigneeProvince || (scope.enterprises ?? []).includes(r.enterprise);
  }

  private authorizeHandling(viewer: RequestViewer, r: Request, action: RequestAction): void {
    if (viewer.role === 'coordinator') return;
    if (viewer.role === 'liaison' && viewer.province === r.assigneeProvince) return;
    throw new LinkageError(
      'forbidden',
      `request ${r.id} is assigned to ${r.assigneeProvince}: a ${viewer.role} of ${viewer.province ?? viewer.enterprise ?? '?'} may not ${action} it`,
    );
  }

  /** Adds leadersServed and the active task of each request's enterprise. */
  private async present<T extends Request>(rs: readonly T[]): Promise<Array<Omit<T, 'version'> & { leadersServed: number | null; task: string | null }>> {
    const enterprises = [...new Set(rs.map((r) => r.enterprise))];
    const weights = await this.opts.graph.leadersServed(enterprises);
    const tasks = new Map(await Promise.all(enterprises.map(async (e) => [e, (await this.opts.activeTask(e))?.id ?? null] as const)));
    return rs.map((r) => ({ ...publicRequest(r), leadersServed: weights.get(r.enterprise) ?? null, task: tasks.get(r.enterprise) ?? null }));
  }
}

function zeroStates(): Record<RequestState, number> {
  return Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as Record<RequestState, number>;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const v = s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  return Math.round(v * 10) / 10;
}

function unknownEnterprise(path: string, id: string): LinkageError {
  return new LinkageError('invalid_input', `unknown enterprise "${id}"`, { details: [{ path, message: `unknown enterprise "${id}"` }] });
}
