/** Routes of the chain analysis: blocked chains, one leader's chain, bottlenecks, what-if. */
import { z } from 'zod';
import { AlternateSuppliers, DEFAULT_ALTERNATES_LIMIT, MAX_ALTERNATES_LIMIT, daysBetween, whatIf, type ChainAnalysis, type ChainDetail } from '../../analysis';
import { idSchema, slugSchema } from '../../graph';
import { LinkageError, notFound } from '../../shared/errors';
import type { EnterpriseDirectory } from '../../runtime/directory';
import type { Services } from '../../runtime/services';
import { parse, provinceArgument } from '../validate';
import type { RouteDef } from '../routes';
import { minRevisionQuery } from './graph';
import { runwayView } from '../../runtime/runway';
import { analysisQuery } from './runway';
import * as R from '../responses';

const leaderParams = z.object({ leaderId: idSchema });

/** How many leaders' answers are kept per revision. */
export const CHAIN_CACHE_SIZE = 10_000;

/**
 * Serialised answers valid for one revision: everything a chain answer shows (the analysis,
 * the leader's record) changes only with a new revision, so the first request at a revision
 * computes it and the rest reuse it. Moving to another revision drops the lot.
 */
export class RevisionCache {
  private revision = -1;
  private readonly answers = new Map<string, string>();

  get(revision: number, key: string): string | undefined {
    return revision === this.revision ? this.answers.get(key) : undefined;
  }

  set(revision: number, key: string, body: string): void {
    if (revision > this.revision) {
      this.revision = revision;
      this.answers.clear();
    }
    if (revision === this.revision && this.answers.size < CHAIN_CACHE_SIZE) this.answers.set(key, body);
  }
}
const idList = z.array(idSchema).max(100_000).default([]);
/** A hypothetical extra source (§8); its ids are checked against the analysis in the handler. */
const addedLink = z
  .strictObject({ supplier: idSchema, customer: idSchema, part: slugSchema })
  .refine((l) => l.supplier !== l.customer, { message: 'a supplier cannot supply itself', path: ['customer'] });
export const alternatesQuery = minRevisionQuery.extend({
  limit: z.coerce.number().int().min(1).max(MAX_ALTERNATES_LIMIT).default(DEFAULT_ALTERNATES_LIMIT),
});
export const whatIfSchema = z.strictObject({
  addLinks: z.array(addedLink).max(10_000).default([]),
  resume: idList,
  suspend: idList,
  suspendProvinces: z.array(provinceArgument).max(34).default([]),
});

export function chainRoutes(s: Services): RouteDef[] {
  const chainAnswers = new RevisionCache();
  const alternatesAnswers = new RevisionCache();
  // The alternates index of the analysis at one revision (its lost graph): built once, used by every leader.
  let alternatesIndex: { revision: number; analysis: ChainAnalysis; index: AlternateSuppliers } | undefined;
  const alternatesAt = (revision: number, analysis: ChainAnalysis): AlternateSuppliers => {
    if (alternatesIndex?.revision !== revision || alternatesIndex.analysis !== analysis) {
      alternatesIndex = { revision, analysis, index: new AlternateSuppliers(analysis) };
    }
    return alternatesIndex.index;
  };
  return [
    {
      method: 'get',
      path: '/api/chains',
      response: R.chainListSchema,
      summary: "Every leader's chain state with its root causes and lost parts",
      request: { query: analysisQuery },
      policy: (p) => p.role === 'coordinator' || p.role === 'liaison',
      handler: async (req) => {
        const { minRevision, date } = parse(analysisQuery, req.query, 'query');
        const { view, runway } = await runwayView(s, { minRevision, date });
        const chains = view.analysis.chains().map((c) => ({ ...c, name: view.directory.name(c.leader), ...runway.runway.of(c.leader) }));
        const mentioned = chains.flatMap((c) => [c.leader, ...c.rootCauses, ...(c.bindingRoot ? [c.bindingRoot] : [])]);
        return { revision: view.revision, date: runway.date, chains, names: view.directory.names(mentioned) };
      },
    },
    {
      method: 'get',
      path: '/api/chains/:leaderId',
      response: R.chainDetailSchema,
      errors: ['not_found'],
      summary: "One leader's chain: lost parts with their suppliers, root causes with blocking paths",
      request: { params: leaderParams, query: analysisQuery },
      policy: (p, req) => p.role === 'coordinator' || p.role === 'liaison' || (p.role === 'lead' && p.enterprise === req.params.leaderId),
      handler: async (req, res) => {
        const { leaderId } = parse(leaderParams, req.params, 'params');
        const { minRevision, date } = parse(analysisQuery, req.query, 'query');
        const view = await s.chains.view(minRevision);
        const key = date === undefined ? leaderId : `${leaderId}@${date}`;
        let body = chainAnswers.get(view.revision, key);
        if (body === undefined) {
          const leader = await s.store.getEnterprise(leaderId);
          if (!leader || leader.role !== 'leader') throw notFound('leader', leaderId);
          const { runway } = await runwayView(s, { minRevision: view.revision, date });
          const chain = namedChain(view.directory, view.analysis.chain(leaderId));
          const stop = runway.runway.of(leaderId);
          const names = stop.bindingRoot ? { ...chain.names, ...view.directory.names([stop.bindingRoot]) } : chain.names;
          body = JSON.stringify({ revision: view.revision, date: runway.date, ...chain, ...stop, names, leader });
          chainAnswers.set(view.revision, key, body);
        }
        res.type('application/json').send(body);
        return undefined;
      },
    },
    {
      method: 'get',
      path: '/api/chains/:leaderId/alternates',
      response: R.alternatesSchema,
      errors: ['not_found'],
      summary: "Alternate suppliers for the lost parts in a blocked leader's way, ranked, with the leaders each would clear",
      request: { params: leaderParams, query: alternatesQuery },
      policy: (p, req) => p.role === 'coordinator' || p.role === 'liaison' || (p.role === 'lead' && p.enterprise === req.params.leaderId),
      handler: async (req, res) => {
        const { leaderId } = parse(leaderParams, req.params, 'params');
        const { minRevision, limit } = parse(alternatesQuery, req.query, 'query');
        const view = await s.chains.view(minRevision);
        const key = `${limit}|${leaderId}`;
        let body = alternatesAnswers.get(view.revision, key);
        if (body === undefined) {
          if (!view.analysis.has(leaderId) || !view.analysis.isLeader(leaderId)) throw notFound('leader', leaderId);
          const answer = alternatesAt(view.revision, view.analysis).forLeader(leaderId, { limit, facts: view.directory });
          const mentioned = [leaderId, ...answer.groups.flatMap((g) => [g.customer, ...g.candidates.flatMap((c) => [c.id, ...c.clears])])];
          body = JSON.stringify({ revision: view.revision, ...answer, name: view.directory.name(leaderId), names: view.directory.names(mentioned) });
          alternatesAnswers.set(view.revision, key, body);
        }
        res.type('application/json').send(body);
        return undefined;
      },
    },
    {
      method: 'get',
      path: '/api/bottlenecks',
      response: R.bottlenecksSchema,
      summary: 'Down enterprises ranked by the blocked leaders and enterprises they are root causes of',
      request: { query: analysisQuery },
      policy: (p) => p.role === 'coordinator' || p.role === 'liaison',
      handler: async (req) => {
        const { minRevision, date } = parse(analysisQuery, req.query, 'query');
        const { view, runway } = await runwayView(s, { minRevision, date });
        const a = view.analysis;
        // §7: the earliest stop among the leaders it is a root cause of, against its own estimate.
        const bottlenecks = a.bottlenecks().map((b) => {
          const earliestStop = runway.runway.earliest(a.blockedLeadersOf(b.id));
          const expectedResumeOn = runway.expectedResumeOn.get(b.id) ?? null;
          const gapDays = earliestStop !== null && expectedResumeOn !== null ? daysBetween(expectedResumeOn, earliestStop) : null;
          return { ...b, name: view.directory.name(b.id), earliestStop, expectedResumeOn, gapDays };
        });
        return { revision: view.revision, date: runway.date, bottlenecks, names: view.directory.names(bottlenecks.map((b) => b.id)) };
      },
    },
    {
      method: 'post',
      path: '/api/what-if',
      response: R.whatIfAnswerSchema,
      summary: 'Leaders whose state would change if some enterprises resumed or suspended',
      request: { query: minRevisionQuery, body: whatIfSchema },
      policy: (p) => p.role === 'coordinator' || p.role === 'liaison',
      handler: async (req) => {
        const body = parse(whatIfSchema, req.body, 'body');
        const { minRevision } = parse(minRevisionQuery, req.query, 'query');
        const view = await s.chains.view(minRevision);
        const unknown = [
          ...body.resume.map((id, i) => ['resume', i, id] as const),
          ...body.suspend.map((id, i) => ['suspend', i, id] as const),
          ...body.addLinks.flatMap((l, i) => [[`addLinks[${i}].supplier`, -1, l.supplier] as const, [`addLinks[${i}].customer`, -1, l.customer] as const]),
        ]
          .filter(([, , id]) => !view.analysis.has(id))
          .map(([field, i, id]) => ({ path: i < 0 ? field : `${field}[${i}]`, message: `unknown enterprise "${id}"` }));
        if (unknown.length) throw new LinkageError('invalid_input', 'what-if names unknown enterprises', { details: unknown });
        const changes = whatIf(view.analysis, body).map((c) => ({ ...c, name: view.directory.name(c.leader) }));
        return { revision: view.revision, changes, names: view.directory.names(changes.map((c) => c.leader)) };
      },
    },
  ];
}

/** A chain answer with a name on each lost-part supplier and root cause, and `names` for every id it mentions. */
function namedChain(directory: EnterpriseDirectory, chain: ChainDetail) {
  const lostParts = chain.lostParts.map((p) => ({ ...p, suppliers: p.suppliers.map((x) => ({ ...x, name: directory.name(x.id) })) }));
  const rootCauses = chain.rootCauses.map((r) => ({ ...r, name: directory.name(r.id) }));
  const mentioned = [chain.leader, ...lostParts.flatMap((p) => p.suppliers.map((x) => x.id)), ...rootCauses.flatMap((r) => [r.id, ...r.path])];
  return { ...chain, lostParts, rootCauses, name: directory.name(chain.leader), names: directory.names(mentioned) };
}
