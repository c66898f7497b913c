/**
 * Routes of the runway (CONTRACT §7): inventory reports and their history, and the leaders
 * that stop within N days of the data date, soonest first.
 */
import { z } from 'zod';
import { dateSchema, inventoryUpdateSchema } from '../../graph';
import { notFound } from '../../shared/errors';
import { DEFAULTS } from '../../shared/config';
import type { Services } from '../../runtime/services';
import { reportInventoryUseCase, runwayView } from '../../runtime/runway';
import { parse } from '../validate';
import { policies, type RouteDef } from '../routes';
import { canReadEnterprise, idParams, minRevisionQuery, pageQuery } from './graph';
import * as R from '../responses';

/** `?date=` of analysis reads: the data date D of §7 (default: the latest report's asOf). */
export const analysisQuery = minRevisionQuery.extend({ date: dateSchema.optional() });

/** The most days ahead a runway read looks. */
export const RUNWAY_WITHIN_MAX = 36_500;

export function runwayRoutes(s: Services): RouteDef[] {
  const runwayQuery = analysisQuery.extend({
    within: z.coerce
      .number()
      .int()
      .min(0)
      .max(RUNWAY_WITHIN_MAX)
      .default(s.config.runwayAlertDays ?? DEFAULTS.RUNWAY_ALERT_DAYS),
  });
  return [
    {
      method: 'put',
      path: '/api/enterprises/:id/inventory',
      response: R.inventoryWriteSchema,
      errors: ['not_found'],
      bodyRequired: true,
      summary: "Report the days of production a customer's stock of one part allows (appends to its history)",
      request: { params: idParams, body: inventoryUpdateSchema },
      policy: policies.ownEnterprise(),
      handler: async (req, _res, principal) => {
        const { id } = parse(idParams, req.params, 'params');
        const body = parse(inventoryUpdateSchema, req.body, 'body');
        const { revision, report } = await reportInventoryUseCase(s, id, body, principal!.actor);
        return { revision, ...report };
      },
    },
    {
      method: 'get',
      path: '/api/enterprises/:id/inventory-history',
      response: R.inventoryHistorySchema,
      errors: ['not_found'],
      summary: "A customer's inventory reports (all parts), newest first",
      request: { params: idParams, query: pageQuery },
      policy: canReadEnterprise(s),
      handler: async (req) => {
        const { id } = parse(idParams, req.params, 'params');
        const page = parse(pageQuery, req.query, 'query');
        if (!(await s.store.getEnterprise(id))) throw notFound('enterprise', id);
        const out = await s.store.inventoryHistory(id, page);
        return { enterprise: id, reports: out.items, nextCursor: out.nextCursor };
      },
    },
    {
      method: 'get',
      path: '/api/runway',
      response: R.runwaySchema,
      summary: 'Leaders that stop within N days of the data date, soonest first, with what binds them',
      request: { query: runwayQuery },
      policy: (p) => p.role === 'coordinator' || p.role === 'liaison',
      handler: async (req) => {
        const { minRevision, date, within } = parse(runwayQuery, req.query, 'query');
        const { view, runway } = await runwayView(s, { minRevision, date });
        const a = view.analysis;
        const leaders = runway.runway.stoppingWithin(within).map((r) => ({
          ...r,
          name: view.directory.name(r.leader),
          province: a.network.provinces[a.network.provinceOf[a.network.index.get(r.leader)!]],
          state: a.chainState(r.leader),
          lostParts: a.lostParts(r.leader),
        }));
        const mentioned = leaders.flatMap((l) => [l.leader, ...(l.bindingRoot ? [l.bindingRoot] : [])]);
        return { revision: view.revision, date: runway.date, within, leaders, names: view.directory.names(mentioned) };
      },
    },
  ];
}
