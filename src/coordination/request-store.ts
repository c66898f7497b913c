/**
 * The storage contract of enterprise requests. One interface, a SQLite adapter
 * (sqlite-request-store.ts) and a Neo4j adapter (neo4j-request-store.ts), one
 * conformance suite (test/requests/request-store-conformance.ts) that both pass.
 *
 * Requests travel on the same outbox as tasks: a write's events go into the task store's event
 * log (task_event / :TaskEvent) and its audit entry into the audit trail, in the same
 * transaction as the request itself, so a crash loses none and the relay, the event feed and
 * the webhooks carry them like task events. The adapter therefore lives in the same database
 * as the task store and the audit trail, and is initialised after them.
 *
 * What an adapter MUST guarantee:
 * 1. Atomicity: a create or update writes the request, its event and its audit entry, or none.
 * 2. Optimistic concurrency: an update applies only at `expectVersion`; version moves on
 *    every write. A create of an existing id writes nothing.
 * 3. `appendEventOnce` appends an event only if no event with the same `taskId` (its key) is
 *    stored: two processes doing it at once append one.
 */
import type { NewAuditEntry } from '../access/audit';
import type { NewTaskEvent } from './task-store';
import type { Page } from '../graph';
import type { Request, RequestCategory, RequestHistoryEntry, RequestState, RequestWithHistory } from './request-model';

/** The fields an update may change. */
export type RequestPatch = Partial<Pick<Request, 'state' | 'escalated' | 'escalatedAt' | 'updatedAt' | 'deliveredAt' | 'resolvedAt' | 'reason'>>;

/** What comes with a write: its history entry, its outbox event, its audit entry. */
export interface RequestWriteExtras {
  history?: RequestHistoryEntry;
  event?: NewTaskEvent;
  audit?: NewAuditEntry;
}

export interface RequestQuery {
  /** Assignee province. */
  province?: string;
  states?: readonly RequestState[];
  category?: RequestCategory;
  /** Raised by (for) this enterprise. */
  enterprise?: string;
  escalated?: boolean;
  /**
   * Visibility: a request is kept when its assignee province is `scope.province` or its
   * enterprise is one of `scope.enterprises`. Absent: every request.
   */
  scope?: { province?: string; enterprises?: readonly string[] };
  limit: number;
  /** Opaque, from a previous page's nextCursor. */
  cursor?: string;
}

export interface RequestStore {
  readonly kind: string;
  init(): Promise<void>;
  close(): Promise<void>;
  ping(): Promise<void>;
  /** Stores a new request (version 1, its history as given); false, writing nothing, when the id exists. */
  create(request: RequestWithHistory, extras?: RequestWriteExtras): Promise<boolean>;
  /** Applies `set` at `expectVersion`, appends the history entry, event and audit entry; null (nothing written) when the version moved. */
  update(id: string, expectVersion: number, set: RequestPatch, extras?: RequestWriteExtras): Promise<RequestWithHistory | null>;
  get(id: string): Promise<RequestWithHistory | null>;
  /** Requests without history, oldest first (createdAt, then id). */
  list(query: RequestQuery): Promise<Page<Request>>;
  /** Open, not escalated, reached the system at or before `before` (ISO): due for escalation. */
  overdue(before: string, limit: number): Promise<Request[]>;
  /** Active requests that have not reached their province's inbox. */
  undelivered(limit: number): Promise<Request[]>;
  /** Appends the event unless one with its `taskId` is stored; true when appended. */
  appendEventOnce(event: NewTaskEvent): Promise<boolean>;
}

/** Keyset cursor of request lists: the last item's createdAt and id. */
export type RequestCursor = [createdAt: string, id: string];

export const isRequestCursor = (v: unknown): v is RequestCursor => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
