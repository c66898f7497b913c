/** Routes of the enterprise graph: import, enterprises, status reports, the lead's upstream view. */
import type { Request } from 'express';
import { z } from 'zod';
import { dateSchema, idSchema, importDocumentSchema, roleSchema, statusSchema, statusUpdateSchema } from '../../graph';
import type { ChainView } from '../../runtime/chain-state';
import { upstream } from '../../analysis';
import { DEFAULTS } from '../../shared/config';
import { notFound } from '../../shared/errors';
import type { Services } from '../../runtime/services';
import { importUseCase, reportStatusUseCase } from '../../runtime/use-cases';
import { runwayView } from '../../runtime/runway';
import { parse, provinceArgument } from '../validate';
import type { Principal } from '../auth';
import { policies, type RouteDef } from '../routes';
import * as R from '../responses';

/** `:id` of an enterprise route, and the paging of its histories (limit ≤ 1000, cursor): shared by the runway routes. */
export const idParams = z.object({ id: idSchema });
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});
export const minRevisionQuery = z.strictObject({ minRevision: z.coerce.number().int().min(0).optional() });
const upstreamQuery = minRevisionQuery.extend({ date: dateSchema.optional() });

/**
 * A lead may read its own enterprise and the enterprises upstream of it (its suppliers, at
 * any tier); a reporter its own enterprise; coordinators and liaisons any enterprise.
 */
export function canReadEnterprise(s: Services): (p: Principal, req: Request) => Promise<boolean> {
  return async (p, req) => {
    const id = String(req.params.id);
    if (p.role === 'coordinator' || p.role === 'liaison') return true;
    if (p.enterprise === id) return true;
    if (p.role !== 'lead' || !p.enterprise) return false;
    const view = await s.chains.view();
    if (!view.analysis.has(p.enterprise) || !view.analysis.has(id)) return false;
    return upstream(view.analysis, p.enterprise).tiers.some((t) => t.enterprises.some((e) => e.id === id));
  };
}

export const enterpriseSearchQuery = minRevisionQuery.extend({
  q: z.string().max(200).optional(),
  province: provinceArgument.optional(),
  industry: z.string().max(64).optional(),
  role: roleSchema.optional(),
  status: statusSchema.optional(),
  availability: z.enum(['operating', 'down', 'blocked']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(512).optional(),
});

/**
 * Whom a caller may find: coordinators and liaisons everyone (undefined), a lead its own
 * enterprise and its upstream suppliers at any tier, a reporter its own enterprise.
 */
function searchScope(view: ChainView, p: Principal): ReadonlySet<string> | undefined {
  if (p.role === 'coordinator' || p.role === 'liaison') return undefined;
  const own = p.enterprise;
  if (!own || !view.analysis.has(own)) return new Set();
  if (p.role !== 'lead') return new Set([own]);
  return new Set([own, ...upstream(view.analysis, own).tiers.flatMap((t) => t.enterprises.map((e) => e.id))]);
}

export function graphRoutes(s: Services): RouteDef[] {
  const enterpriseOr404 = async (id: string) => {
    const e = await s.store.getEnterprise(id);
    if (!e) throw notFound('enterprise', id);
    return e;
  };

  return [
    {
      method: 'post',
      path: '/api/import',
      response: R.importOutcomeSchema,
      bodyRequired: true,
      request: { body: importDocumentSchema },
      summary: 'Import a document of enterprises, links and status reports (atomic, idempotent)',
      policy: policies.coordinator,
      bodyLimit: (p) => (p.role === 'coordinator' ? DEFAULTS.IMPORT_BODY_LIMIT : undefined),
      handler: async (req, _res, principal) => {
        return importUseCase(s, req.body, principal!.actor);
      },
    },
    {
      method: 'get',
      path: '/api/enterprises',
      response: R.enterpriseSearchSchema,
      summary: 'Search enterprises by id or part of the name (case-insensitive), with filters; paged; within the caller’s scope',
      request: { query: enterpriseSearchQuery },
      policy: policies.anyRole,
      handler: async (req, _res, principal) => {
        const query = parse(enterpriseSearchQuery, req.query, 'query');
        const view = await s.chains.view(query.minRevision);
        const page = view.directory.search(query, searchScope(view, principal!));
        return { revision: view.revision, enterprises: page.items, nextCursor: page.nextCursor };
      },
    },
    {
      method: 'get',
      path: '/api/enterprises/:id',
      response: R.enterpriseAnswerSchema,
      errors: ['not_found'],
      summary: 'An enterprise with its current status and availability',
      request: { params: idParams, query: minRevisionQuery },
      policy: canReadEnterprise(s),
      handler: async (req) => {
        const { id } = parse(idParams, req.params, 'params');
        const { minRevision } = parse(minRevisionQuery, req.query, 'query');
        const view = await s.chains.view(minRevision);
        const e = await enterpriseOr404(id);
        return { revision: view.revision, ...e, availability: view.analysis.has(id) ? view.analysis.availability(id) : 'operating' };
      },
    },
    {
      method: 'put',
      path: '/api/enterprises/:id/status',
      response: R.statusWriteSchema,
      errors: ['not_found'],
      bodyRequired: true,
      summary: "Report an enterprise's status (appends to its history)",
      request: { params: idParams, body: statusUpdateSchema },
      // A liaison reports for the enterprises of its province too: it is the one on the phone with them.
      policy: async (p, req) => policies.ownEnterprise()(p, req) || (p.role === 'liaison' && (await s.store.getEnterprise(String(req.params.id)))?.province === p.province),
      handler: async (req, _res, principal) => {
        const { id } = parse(idParams, req.params, 'params');
        const body = parse(statusUpdateSchema, req.body, 'body');
        const { revision, report, currentStatus } = await reportStatusUseCase(s, id, body, principal!.actor);
        return { revision, ...report, currentStatus };
      },
    },
    {
      method: 'get',
      path: '/api/enterprises/:id/status-history',
      response: R.statusHistorySchema,
      errors: ['not_found'],
      summary: "An enterprise's status reports, newest first",
      request: { params: idParams, query: pageQuery },
      policy: canReadEnterprise(s),
      handler: async (req) => {
        const { id } = parse(idParams, req.params, 'params');
        const page = parse(pageQuery, req.query, 'query');
        await enterpriseOr404(id);
        const out = await s.store.statusHistory(id, page);
        return { enterprise: id, reports: out.items, nextCursor: out.nextCursor };
      },
    },
    {
      method: 'get',
      path: '/api/enterprises/:id/upstream',
      response: R.upstreamSchema,
      errors: ['not_found'],
      summary: 'The supplier tree of an enterprise by tier, with status and availability',
      request: { params: idParams, query: upstreamQuery },
      policy: (p, req) => p.role === 'coordinator' || p.role === 'liaison' || (p.role === 'lead' && p.enterprise === req.params.id),
      handler: async (req) => {
        const { id } = parse(idParams, req.params, 'params');
        const { minRevision, date } = parse(upstreamQuery, req.query, 'query');
        const { view, runway } = await runwayView(s, { minRevision, date });
        const e = await enterpriseOr404(id);
        // §7: every leader in the view (the enterprise itself, leaders upstream) with its runway.
        const tree = upstream(view.analysis, id);
        const tiers = tree.tiers.map((t) => ({
          ...t,
          enterprises: t.enterprises.map((x) => (x.role === 'leader' ? { ...x, ...runway.runway.of(x.id) } : x)),
        }));
        const own = e.role === 'leader' ? runway.runway.of(id) : {};
        const mentioned = [id, ...tree.tiers.flatMap((t) => t.enterprises.flatMap((x) => [x.id, ...x.customers]))];
        return { revision: view.revision, date: runway.date, ...tree, ...own, tiers, names: view.directory.names(mentioned) };
      },
    },
  ];
}
