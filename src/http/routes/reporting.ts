/** GET /api/stats/reporting (§10): who reported on a date, and who has gone quiet (stale, paged). */
import { z } from 'zod';
import { dateSchema, roleSchema, sizeSchema, slugSchema } from '../../graph';
import { decodeCursor, encodeCursor } from '../../shared/cursor';
import { isoDate } from '../../shared/clock';
import { LinkageError } from '../../shared/errors';
import { named, reportingFigure } from '../../runtime/reporting';
import type { Services } from '../../runtime/services';
import type { RouteDef } from '../routes';
import { parse, provinceArgument } from '../validate';
import * as R from '../responses';

export const reportingQuery = z.strictObject({
  date: dateSchema.optional(),
  province: provinceArgument.optional(),
  industry: slugSchema.optional(),
  role: roleSchema.optional(),
  size: sizeSchema.optional(),
  sme: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(512).optional(),
});

/** Stale list cursor: the last item's leadersServed and id (the list's order). */
const isCursor = (v: unknown): v is [number, string] => Array.isArray(v) && v.length === 2 && Number.isInteger(v[0]) && typeof v[1] === 'string';

export function reportingRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/stats/reporting',
      response: R.reportingSchema,
      summary: 'Reporting completeness on a date (filters as resumption): expected, reported, rate, and the stale enterprises, most leaders served first (paged)',
      request: { query: reportingQuery },
      // National coordinators, and a liaison for its own province (it phones them).
      policy: (p) => p.role === 'coordinator' || p.role === 'liaison',
      handler: async (req, _res, principal) => {
        const q = parse(reportingQuery, req.query, 'query');
        let province = q.province;
        if (principal!.role === 'liaison') {
          if (province !== undefined && province !== principal!.province) {
            throw new LinkageError('forbidden', `a liaison of ${principal!.province} may not read the reporting of ${province}`);
          }
          province = principal!.province;
        }
        const date = q.date ?? isoDate(s.clock.now(), s.config.timeZone);
        const figure = await reportingFigure(s, date, { province, industry: q.industry, role: q.role, size: q.size, sme: q.sme });
        const after = decodeCursor(q.cursor, isCursor);
        const from = after ? figure.stale.findIndex((x) => x.leadersServed < after[0] || (x.leadersServed === after[0] && x.id > after[1])) : 0;
        const page = from < 0 ? [] : figure.stale.slice(from, from + q.limit);
        const more = from >= 0 && from + q.limit < figure.stale.length;
        const last = page[page.length - 1];
        return {
          date,
          expected: figure.expected,
          reported: figure.reported,
          rate: figure.rate,
          staleCount: figure.staleCount,
          stale: await named(s, page),
          nextCursor: more ? encodeCursor([last.leadersServed, last.id]) : null,
        };
      },
    },
  ];
}
