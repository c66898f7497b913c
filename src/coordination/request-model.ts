/**
 * Enterprise requests (CONTRACT §9): the problems that keep an enterprise from resuming, their
 * routing to a province, their states and the transitions between them. Pure: no storage, no
 * clock; the service builds on it.
 */
import { z } from 'zod';
import { dateSchema, idSchema, provinceSchema } from '../graph';
import { LinkageError } from '../shared/errors';

export const REQUEST_CATEGORIES = ['logistics', 'workforce', 'materials', 'financing', 'orders', 'epidemic-supplies', 'policy', 'other'] as const;
export type RequestCategory = (typeof REQUEST_CATEGORIES)[number];

export const REQUEST_STATES = ['open', 'accepted', 'in_progress', 'resolved', 'rejected'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The states a request is worked in: the ones `reject` may leave, and the acknowledgement SLA watches `open`. */
export const ACTIVE_REQUEST_STATES: readonly RequestState[] = ['open', 'accepted', 'in_progress'];

export const REQUEST_ACTIONS = ['accept', 'start', 'resolve', 'reject'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Legal source states of each action and where it leads; `reject` leaves any active state. */
export const REQUEST_TRANSITIONS: Readonly<Record<RequestAction, { from: readonly RequestState[]; to: RequestState }>> = Object.freeze({
  accept: { from: ['open'], to: 'accepted' },
  start: { from: ['accepted'], to: 'in_progress' },
  resolve: { from: ['in_progress'], to: 'resolved' },
  reject: { from: ACTIVE_REQUEST_STATES, to: 'rejected' },
});

export interface RequestHistoryEntry {
  /** ISO timestamp. */
  at: string;
  actor: string;
  /** null for the entry that raised the request. */
  from: RequestState | null;
  to: RequestState;
  note?: string;
}

/** A request as stored. `leadersServed` and `task` are read from the analysis and the task store when shown. */
export interface Request {
  id: string;
  enterprise: string;
  category: RequestCategory;
  title: string;
  description: string;
  counterpartProvince?: string;
  counterpartEnterprise?: string;
  assigneeProvince: string;
  state: RequestState;
  /** The day it was raised (YYYY-MM-DD): a questionnaire's date, else the day it reached the system. */
  raisedOn: string;
  raisedBy: string;
  escalated: boolean;
  escalatedAt?: string;
  createdAt: string;
  updatedAt: string;
  /** When it reached the assignee province's inbox (the delivery job ran). */
  deliveredAt?: string;
  resolvedAt?: string;
  /** Why it was rejected. */
  reason?: string;
  /** Optimistic-concurrency version, bumped on every write. */
  version: number;
}

export interface RequestWithHistory extends Request {
  history: RequestHistoryEntry[];
}

const text = (max: number) => z.string().trim().min(1).max(max);

/** What a client sends to raise a request (POST /api/requests); also a row of an import's `requests`. */
export const requestInputSchema = z.strictObject({
  enterprise: idSchema,
  category: z.enum(REQUEST_CATEGORIES),
  title: text(200),
  description: text(4000),
  counterpartProvince: provinceSchema.optional(),
  counterpartEnterprise: idSchema.optional(),
});
export type RequestInput = z.infer<typeof requestInputSchema>;

/** A request in an import document or requests.csv: the same fields, an optional id, and the day it was raised. */
export const importedRequestSchema = requestInputSchema.extend({
  id: idSchema.optional(),
  raisedOn: dateSchema.optional(),
});
export type ImportedRequest = z.infer<typeof importedRequestSchema>;

/**
 * §9 routing: the counterpart province when given, else the counterpart enterprise's province,
 * else the raising enterprise's own.
 */
export function assigneeProvince(
  input: Pick<RequestInput, 'counterpartProvince' | 'counterpartEnterprise'>,
  ownProvince: string,
  counterpartEnterpriseProvince: string | undefined,
): string {
  return input.counterpartProvince ?? counterpartEnterpriseProvince ?? ownProvince;
}

/** The state an action moves the request to, or a 409 naming the legal source states. */
export function nextRequestState(request: Pick<Request, 'id' | 'state'>, action: RequestAction): RequestState {
  const t = REQUEST_TRANSITIONS[action];
  if (!t.from.includes(request.state)) {
    const legal = t.from.join(' or ');
    throw new LinkageError('conflict', `request ${request.id} is ${request.state}: ${action} needs a request that is ${legal}`, {
      details: [{ path: 'state', message: `is ${request.state}, must be ${legal} to ${action}` }],
    });
  }
  return t.to;
}

/** The request as clients see it: the storage version left out. */
export function publicRequest<T extends Request>(r: T): Omit<T, 'version'> {
  const { version: _v, ...rest } = r;
  return rest;
}

/** When the acknowledgement SLA of a request runs out: `slaMs` after it reached the system. */
export function requestEscalationDue(r: Pick<Request, 'createdAt'>, slaMs: number): number {
  return Date.parse(r.createdAt) + slaMs;
}
