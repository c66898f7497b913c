/** Routes of the chain analysis: blocked chains, one leader's chain, bottlenecks, what-if. */
import { z } from 'zod';
import { daysBetween, whatIf } from '../../analysis';
import { idSchema, isProvinceCode } from '../../graph';
import { LinkageError, notFound } from '../../shared/errors';
import type { Services } from '../../runtime/services';
import { parse } from '../validate';
import type { RouteDef } from '../routes';
import { minRevisionQuery } from './graph';
import { runwayView } from '../../runtime/runway';
import { analysisQuery } from './runway';

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
export const whatIfSchema = z.strictObject({
  resume: idList,
  suspend: idList,
  suspendProvinces: z
    .array(z.string().refine(isProvinceCode, 'must be the six-digit GB/T 2260 code of a provincial-level division'))
    .max(34)
    .default([]),
});

export function chainRoutes(s: Services): RouteDef[] {
  const chainAnswers = new RevisionCache();
  return [
    {
      method: 'get',
      path: '/api/chains',
      summary: "Every leader's chain state with its root causes and lost parts",
      request: { query: analysisQuery },
      policy: (p) => p.role === 'coordinator' || p.role === 'liaison',
      handler: async (req) => {
        const { minRevision, date } = parse(analysisQuery, req.query, 'query');
        const { view, runway } = await runwayView(s, { minRevision, date });
        const chains = view.analysis.chains().map((c) => ({ ...c, ...runway.runway.of(c.leader) }));
        return { revision: view.revision, date: runway.date, chains };
      },
    },
    {
      method: 'get',
      path: '/api/chains/:leaderId',
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
          body = JSON.stringify({ revision: view.revision, date: runway.date, ...view.analysis.chain(leaderId), ...runway.runway.of(leaderId), leader });
          chainAnswers.set(view.revision, key, body);
        }
        res.type('application/json').send(body);
        return undefined;
      },
    },
    {
      method: 'get',
      path: '/api/bottlenecks',
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
          return { ...b, earliestStop, expectedResumeOn, gapDays };
        });
        return { revision: view.revision, date: runway.date, bottlenecks };
      },
    },
    {
      method: 'post',
      path: '/api/what-if',
      summary: 'Leaders whose state would change if some enterprises resumed or suspended',
      request: { query: minRevisionQuery, body: whatIfSchema },
      policy: (p) => p.role === 'coordinator' || p.role === 'liaison',
      handler: async (req) => {
        const body = parse(whatIfSchema, req.body, 'body');
        const { minRevision } = parse(minRevisionQuery, req.query, 'query');
        const view = await s.chains.view(minRevision);
        const unknown = [...body.resume.map((id, i) => ['resume', i, id] as const), ...body.suspend.map((id, i) => ['suspend', i, id] as const)]
          .filter(([, , id]) => !view.analysis.has(id))
          .map(([field, i, id]) => ({ path: `${field}[${i}]`, message: `unknown enterprise "${id}"` }));
        if (unknown.length) throw new LinkageError('invalid_input', 'what-if names unknown enterprises', { details: unknown });
        return { revision: view.revision, changes: whatIf(view.analysis, body) };
      },
    },
  ];
}
