/**
 * Routes of enterprise requests (CONTRACT §9): raise, list, read, accept/start/resolve/reject,
 * and the summary by category or province. Visibility and handling rules (who raises, who
 * reads, who handles) live in the use cases (RequestService); policies here only keep out the
 * roles that never may.
 */
import { z } from 'zod';
import {
  REQUEST_ACTIONS,
  REQUEST_CATEGORIES,
  REQUEST_STATES,
  ACTIVE_REQUEST_STATES,
  requestInputSchema,
  type Coordination,
  type RequestAction,
  type RequestState,
  type RequestViewer,
} from '../../coordination';
import { idSchema } from '../../graph';
import { LinkageError } from '../../shared/errors';
import type { Services } from '../../runtime/services';
import type { Principal } from '../auth';
import type { RouteDef } from '../routes';
import { describedWithProvinceNames, parse, provinceArgument, withProvinceCodes } from '../validate';
import * as R from '../responses';

const stateFilter = z
  .string()
  .transform((v) => v.split(','))
  .pipe(z.array(z.enum([...REQUEST_STATES, 'active'])).min(1))
  .transform((xs): RequestState[] => [...new Set(xs.flatMap((x) => (x === 'active' ? ACTIVE_REQUEST_STATES : [x as RequestState])))]);

export const requestListQuery = z.strictObject({
  province: provinceArgument.optional(),
  state: stateFilter.optional(),
  category: z.enum(REQUEST_CATEGORIES).optional(),
  enterprise: idSchema.optional(),
  escalated: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(512).optional(),
  minRevision: z.coerce.number().int().min(0).optional(),
});
/** Reads of requests wait, like task reads, until the tasks they show reflect `minRevision` (§4). */
const readQuery = z.strictObject({ minRevision: z.coerce.number().int().min(0).optional() });
const idParams = z.object({ id: z.string().min(1).max(64) });
const noteBody = z.strictObject({ note: z.string().max(2000).optional() });
const rejectBody = z.strictObject({ reason: z.string().trim().min(1, 'required to reject a request').max(2000), note: z.string().max(2000).optional() });
const statsQuery = z.strictObject({ by: z.enum(['category', 'province']).default('category') });
const ACTION_SUMMARY: Record<RequestAction, string> = {
  accept: 'Accept a request ({note?}); 409 unless it is open',
  start: 'Start work on an accepted request ({note?}); 409 unless it is accepted',
  resolve: 'Resolve a request in progress ({note?}); 409 unless it is in progress',
  reject: 'Reject an active request ({reason}, required: 400 without); 409 when it has ended',
};

export function requestViewer(p: Principal | null): RequestViewer {
  if (!p) throw new LinkageError('unauthorized', 'missing bearer token');
  return { role: p.role, actor: p.actor, ...(p.province ? { province: p.province } : {}), ...(p.enterprise ? { enterprise: p.enterprise } : {}) };
}

function coordinationOf(s: Services): Coordination {
  if (s.coordination) return s.coordination;
  throw new LinkageError('not_ready', `requests are not available: ${s.coordinationProblem ?? 'coordination is not running in this process'}`, { retryAfter: 5 });
}

const raisers = (p: Principal) => p.role === 'coordinator' || p.role === 'reporter' || p.role === 'lead';
const handlers = (p: Principal) => p.role === 'coordinator' || p.role === 'liaison';

export function requestRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/api/requests',
      response: R.requestAnswerSchema,
      errors: ['not_ready'],
      summary: 'Raise a request for an enterprise (a reporter or lead for its own, a coordinator for any); routed to its assignee province',
      request: { body: describedWithProvinceNames(requestInputSchema, ['counterpartProvince']) },
      bodyRequired: true,
      status: 201,
      policy: raisers,
      handler: async (req, _res, principal) => {
        const input = parse(requestInputSchema, withProvinceCodes(req.body, ['counterpartProvince']), 'body');
        const request = await coordinationOf(s).requests.raise(requestViewer(principal), input);
        return { revision: await s.store.revision(), ...request };
      },
    },
    {
      method: 'get',
      path: '/api/requests',
      response: R.requestPageSchema,
      errors: ['not_ready'],
      summary: 'Requests the caller may see, oldest first; filters province, state, category, enterprise, escalated; paged',
      request: { query: requestListQuery },
      policy: () => true,
      handler: async (req, _res, principal) => {
        const q = parse(requestListQuery, req.query, 'query');
        const revision = await coordinationOf(s).tasks.revision(q.minRevision);
        const page = await coordinationOf(s).requests.list(requestViewer(principal), {
          province: q.province,
          states: q.state,
          category: q.category,
          enterprise: q.enterprise,
          escalated: q.escalated,
          limit: q.limit,
          cursor: q.cursor,
        });
        return { revision, requests: page.items, nextCursor: page.nextCursor };
      },
    },
    {
      method: 'get',
      path: '/api/requests/:id',
      response: R.requestAnswerSchema,
      errors: ['not_found', 'not_ready'],
      summary: 'One request with its history, leadersServed and the active task of its enterprise',
      request: { params: idParams, query: readQuery },
      policy: () => true,
      handler: async (req, _res, principal) => {
        const { id } = parse(idParams, req.params, 'params');
        const { minRevision } = parse(readQuery, req.query, 'query');
        const revision = await coordinationOf(s).tasks.revision(minRevision);
        return { revision, ...(await coordinationOf(s).requests.get(requestViewer(principal), id)) };
      },
    },
    ...REQUEST_ACTIONS.map((action): RouteDef => ({
      method: 'post',
      path: `/api/requests/:id/${action}`,
      response: R.requestAnswerSchema,
      errors: ['not_found', 'conflict', 'not_ready'],
      summary: ACTION_SUMMARY[action],
      request: { params: idParams, body: action === 'reject' ? rejectBody : noteBody },
      policy: handlers,
      handler: async (req, _res, principal) => {
        const { id } = parse(idParams, req.params, 'params');
        const viewer = requestViewer(principal);
        if (action === 'reject') {
          const { reason } = parse(rejectBody, req.body ?? {}, 'body');
          return { revision: await s.store.revision(), ...(await coordinationOf(s).requests.transition(viewer, id, action, reason)) };
        }
        const { note } = parse(noteBody, req.body ?? {}, 'body');
        return { revision: await s.store.revision(), ...(await coordinationOf(s).requests.transition(viewer, id, action, note)) };
      },
    })),
    {
      method: 'get',
      path: '/api/stats/requests',
      response: R.requestStatsSchema,
      errors: ['not_ready'],
      summary: 'Requests the caller may see, by category or assignee province: counts by state and the median hours from raised to resolved',
      request: { query: statsQuery },
      policy: () => true,
      handler: async (req, _res, principal) => {
        const { by } = parse(statsQuery, req.query, 'query');
        return coordinationOf(s).requests.stats(requestViewer(principal), by);
      },
    },
  ];
}
