/** GET /api/stats/resumption: a figure on a date (with change since another), or a series. */
import { z } from 'zod';
import { dateSchema, provinceLabel, roleSchema, sizeSchema, slugSchema } from '../../graph';
import { changePoints, datesBetween, resumption, resumptionBy, statusesOnDates } from '../../monitoring';
import { isoDate } from '../../shared/clock';
import { LinkageError } from '../../shared/errors';
import type { Services } from '../../runtime/services';
import { parse, provinceArgument } from '../validate';
import type { RouteDef } from '../routes';
import * as R from '../responses';

/** A series is at most this many days, so one request stays cheap. */
export const MAX_SERIES_DAYS = 366;

const statsQuery = z
  .strictObject({
    date: dateSchema.optional(),
    since: dateSchema.optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    by: z.enum(['province', 'industry']).optional(),
    province: provinceArgument.optional(),
    industry: slugSchema.optional(),
    role: roleSchema.optional(),
    size: sizeSchema.optional(),
    sme: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'from and to go together', path: ['to'] })
  .refine((q) => q.from === undefined || q.from <= q.to!, { message: 'from must not be after to', path: ['from'] });

export function statsRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/stats/resumption',
      response: R.resumptionSchema,
      summary: 'Resumption rate on a date (filters, change since a date) or as a series by province or industry',
      request: { query: statsQuery },
      policy: () => true,
      handler: async (req) => {
        const q = parse(statsQuery, req.query, 'query');
        const filter = { province: q.province, industry: q.industry, role: q.role, size: q.size, sme: q.sme };
        const filters = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
        if (q.from !== undefined && q.to !== undefined) {
          const dates = datesBetween(q.from, q.to);
          if (dates.length > MAX_SERIES_DAYS) {
            throw new LinkageError('invalid_input', 'series too long', { details: [{ path: 'to', message: `at most ${MAX_SERIES_DAYS} days` }] });
          }
          const national: ReturnType<typeof resumption>[] = [];
          const groups = new Map<string, ReturnType<typeof resumption>[]>();
          const byDate = statusesOnDates(await s.store.statusTimeline(q.to), dates);
          for (const date of dates) {
            const statuses = byDate.get(date)!;
            national.push(resumption(date, statuses, filter));
            if (q.by)
              for (const g of resumptionBy(date, statuses, q.by, filter)) {
                const { key, ...fig } = g;
                groups.set(key, [...(groups.get(key) ?? []), fig]);
              }
          }
          return {
            from: q.from,
            to: q.to,
            filters,
            points: national,
            ...(q.by
              ? {
                  by: q.by,
                  series: [...groups].map(([key, points]) => ({ key, ...(q.by === 'province' ? { label: provinceLabel(key) } : {}), points })),
                }
              : {}),
          };
        }
        const date = q.date ?? isoDate(s.clock.now(), s.config.timeZone);
        const byDate = statusesOnDates(await s.store.statusTimeline(q.since !== undefined && q.since > date ? q.since : date), [date, ...(q.since ? [q.since] : [])]);
        const statuses = byDate.get(date)!;
        const now = resumption(date, statuses, filter);
        const out: Record<string, unknown> = { ...now, filters };
        if (q.since !== undefined) {
          const then = resumption(q.since, byDate.get(q.since)!, filter);
          Object.assign(out, { since: q.since, sinceRate: then.rate, sinceTotal: then.total, sinceResumed: then.resumed, changePoints: changePoints(then, now) });
        }
        if (q.by) out.by = resumptionBy(date, statuses, q.by, filter).map((g) => ({ ...g, ...(q.by === 'province' ? { label: provinceLabel(g.key) } : {}) }));
        return out;
      },
    },
  ];
}
