/**
 * Routes of coordination tasks: the liaison inbox (list, one task, ack/start/resolve), the
 * live event stream (server-sent events), and the failed jobs a coordinator can retry.
 * Scope rules (a liaison sees and moves its province's tasks only) live in the use cases.
 */
import { z } from 'zod';
import { ACTIONS, ACTIVE_STATES, payloadKey, publicTask, TASK_STATES, type Coordination, type TaskAction, type TaskEvent, type TaskState, type Viewer } from '../../coordination';
import { withTimeout } from '../../shared/clock';
import { LinkageError } from '../../shared/errors';
import type { Services } from '../../runtime/services';
import crypto from 'node:crypto';
import { bearerToken, type Principal } from '../auth';
import { StreamLimits } from '../stream-limits';
import { policies, type RouteDef } from '../routes';
import { parse, provinceArgument } from '../validate';
import { minRevisionQuery } from './graph';
import * as R from '../responses';

const stateFilter = z
  .string()
  .transform((v) => v.split(','))
  .pipe(z.array(z.enum([...TASK_STATES, 'active'])).min(1))
  .transform((xs): TaskState[] => [...new Set(xs.flatMap((x) => (x === 'active' ? ACTIVE_STATES : [x as TaskState])))]);

const listQuery = minRevisionQuery.extend({
  province: provinceArgument.optional(),
  state: stateFilter.optional(),
  escalated: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(512).optional(),
});
const idParams = z.object({ id: z.string().min(1).max(64) });
const ACTION_SUMMARY: Record<TaskAction, string> = { ack: 'Acknowledge', start: 'Start work on', resolve: 'Resolve' };
const noteBody = z.strictObject({ note: z.string().max(2000).optional() });
const eventsQuery = z.strictObject({
  province: provinceArgument.optional(),
  /** For clients that cannot send Last-Event-ID. */
  after: z.coerce.number().int().min(0).optional(),
});
const failedQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });
const retryParams = z.object({ queue: z.string().min(1).max(64), id: z.string().min(1).max(200) });

const coordinatorOrLiaison = (p: Principal) => p.role === 'coordinator' || p.role === 'liaison';
/** Reading tasks: a lead too, for the tasks whose affectedLeaders include its leader (the use case filters). */
const taskReaders = (p: Principal) => coordinatorOrLiaison(p) || p.role === 'lead';

const taskJson = publicTask;

function eventJson(e: TaskEvent) {
  // §7: a runway event carries its alert where a task event carries its task.
  if (e.type === 'runway') return { id: e.id, type: e.type, at: e.at, province: e.province, runway: e.runway };
  return { id: e.id, type: e.type, at: e.at, province: e.province, [payloadKey(e.type)]: taskJson(e.task) };
}

function viewer(p: Principal | null): Viewer {
  if (!p) throw new LinkageError('unauthorized', 'missing bearer token');
  return { role: p.role, actor: p.actor, ...(p.province ? { province: p.province } : {}), ...(p.enterprise ? { enterprise: p.enterprise } : {}) };
}

function coordinationOf(s: Services): Coordination {
  const problem = s.coordination?.redisProblem();
  if (problem) throw new LinkageError('not_ready', `tasks are not available: ${problem}`, { retryAfter: 5 });
  if (s.coordination) return s.coordination;
  throw new LinkageError('not_ready', `tasks are not available: ${s.coordinationProblem ?? 'coordination is not running in this process'}`, {
    retryAfter: 5,
  });
}

/** Time-boxes calls to Redis so an outage answers 503 instead of hanging the request. */
function redisCall<T>(p: Promise<T>): Promise<T> {
  return withTimeout(p, 5_000, () => new LinkageError('not_ready', 'redis did not answer in time', { retryAfter: 5 }));
}

/** Names beside ids (§11), from the analysis' directory (no store query per task). */
function withSupplierName<T extends { supplier: string }>(s: Services, task: T): T & { supplierName: string } {
  return { ...task, supplierName: s.chains.currentDirectory()?.name(task.supplier) ?? task.supplier };
}

function taskNames(s: Services, tasks: ReadonlyArray<{ supplier: string; affectedLeaders: readonly string[] }>): Record<string, string> {
  return s.chains.currentDirectory()?.names(tasks.flatMap((t) => [t.supplier, ...t.affectedLeaders])) ?? {};
}

/** Streams are capped per token: keyed by the token's digest, never the secret itself. */
function tokenKey(authorization: string | undefined): string {
  return crypto
    .createHash('sha256')
    .update(bearerToken(authorization) ?? '')
    .digest('hex');
}

export function taskRoutes(s: Services): RouteDef[] {
  const streams = new StreamLimits(s.config.eventStreams.perToken, s.config.eventStreams.max);
  return [
    {
      method: 'get',
      path: '/api/tasks',
      request: { query: listQuery },
      response: R.taskPageSchema,
      errors: ['not_ready'],
      summary: 'Coordination tasks by priority (a liaison sees its province only, a lead those affecting its leader); filters province, state, escalated',
      policy: taskReaders,
      handler: async (req, _res, principal) => {
        const q = parse(listQuery, req.query, 'query');
        const c = coordinationOf(s);
        const revision = await c.tasks.revision(q.minRevision);
        const page = await c.tasks.list(viewer(principal), {
          province: q.province,
          states: q.state,
          escalated: q.escalated,
          limit: q.limit,
          cursor: q.cursor,
        });
        const requests = await c.requests.activeOf(page.items.map((t) => t.supplier));
        const tasks = page.items.map((t) => ({ ...withSupplierName(s, taskJson(t)), requests: requests.get(t.supplier) ?? [] }));
        return { revision, tasks, nextCursor: page.nextCursor, names: taskNames(s, tasks) };
      },
    },
    {
      method: 'get',
      path: '/api/tasks/:id',
      request: { params: idParams, query: minRevisionQuery },
      response: R.taskAnswerSchema,
      errors: ['not_found', 'not_ready'],
      summary: 'One task with its history',
      policy: taskReaders,
      handler: async (req, _res, principal) => {
        const { id } = parse(idParams, req.params, 'params');
        const { minRevision } = parse(minRevisionQuery, req.query, 'query');
        const c = coordinationOf(s);
        const revision = await c.tasks.revision(minRevision);
        const task = withSupplierName(s, taskJson(await c.tasks.get(viewer(principal), id)));
        // §9: the active requests of the task's supplier (why it is down), shown on the task.
        const requests = (await c.requests.activeOf([task.supplier])).get(task.supplier) ?? [];
        return { revision, ...task, requests, names: taskNames(s, [task]) };
      },
    },
    ...ACTIONS.map((action): RouteDef => ({
      method: 'post',
      path: `/api/tasks/:id/${action}`,
      request: { params: idParams, query: minRevisionQuery, body: noteBody },
      response: R.taskWrittenSchema,
      errors: ['not_found', 'conflict', 'not_ready'],
      summary: `${ACTION_SUMMARY[action]} a task ({note?}); 409 when the task is not in the state this needs`,
      policy: coordinatorOrLiaison,
      handler: async (req, _res, principal) => {
        const { id } = parse(idParams, req.params, 'params');
        const { note } = parse(noteBody, req.body ?? {}, 'body');
        const { minRevision } = parse(minRevisionQuery, req.query, 'query');
        const c = coordinationOf(s);
        await c.tasks.revision(minRevision);
        const out = await c.tasks.transition(id, action, viewer(principal), note);
        return { revision: out.revision, ...taskJson(out.task) };
      },
    })),
    {
      method: 'get',
      path: '/api/events',
      request: { query: eventsQuery },
      response: R.eventStreamSchema,
      contentType: 'text/event-stream',
      errors: ['not_ready'],
      summary: 'Live task events (text/event-stream); a liaison gets its province only; resumes after Last-Event-ID',
      policy: coordinatorOrLiaison,
      handler: async (req, res, principal) => {
        const q = parse(eventsQuery, req.query, 'query');
        const v = viewer(principal);
        if (v.role === 'liaison' && q.province !== undefined && q.province !== v.province) {
          throw new LinkageError('forbidden', `a liaison of ${v.province} may not follow the events of ${q.province}`);
        }
        const feed = coordinationOf(s).feed;
        if (!feed) throw new LinkageError('not_ready', 'this process does not serve events (worker role)', { retryAfter: 5 });
        const lastId = parse(z.coerce.number().int().min(0).optional(), req.header('last-event-id') || undefined, 'query');
        const after = lastId ?? q.after ?? (await feed.latestId());
        const release = streams.acquire(tokenKey(req.headers.authorization));
        res.status(200);
        res.set({
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.flushHeaders();
        res.write(`retry: 3000\n: after ${after}\n\n`);
        const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
        let open = true;
        const stop = () => {
          if (!open) return;
          open = false;
          clearInterval(heartbeat);
          unsubscribe();
          release();
        };
        const unsubscribe = feed.subscribe(
          {
            province: v.role === 'liaison' ? v.province : q.province,
            after,
            send: (e) => res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(eventJson(e))}\n\n`),
          },
          () => {
            stop();
            res.end();
          },
        );
        req.on('close', stop);
        return undefined;
      },
    },
    {
      method: 'get',
      path: '/api/admin/failed-jobs',
      request: { query: failedQuery },
      response: R.failedJobsSchema,
      errors: ['not_ready'],
      summary: 'Jobs that used up their retries (or were poison), newest first, across the queues',
      policy: policies.coordinator,
      handler: async (req) => {
        const { limit } = parse(failedQuery, req.query, 'query');
        return { jobs: await redisCall(coordinationOf(s).queues.failedJobs(limit)) };
      },
    },
    {
      method: 'post',
      path: '/api/admin/failed-jobs/:queue/:id/retry',
      request: { params: retryParams },
      response: R.retriedJobSchema,
      errors: ['not_found', 'conflict', 'not_ready'],
      summary: 'Moves a failed job back to its queue with fresh attempts',
      policy: policies.coordinator,
      handler: async (req) => {
        const { queue, id } = parse(retryParams, req.params, 'params');
        return { retried: await redisCall(coordinationOf(s).queues.retryFailed(queue, id)) };
      },
    },
  ];
}
