/** Tokens (issue, list, revoke) and the audit trail; coordinators only. */
import { z } from 'zod';
import { AUDIT_ACTIONS, issueToken, revokeToken, tokenRequestSchema } from '../../access';
import type { Services } from '../../runtime/services';
import { describedWithProvinceNames, parse, withProvinceCodes } from '../validate';
import { policies, type RouteDef } from '../routes';
import * as R from '../responses';

const auditQuery = z.strictObject({
  actor: z.string().max(200).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  target: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().optional(),
});
const tokenParams = z.object({ id: z.string().regex(/^tok_[0-9a-f]{12}$/, 'not a token id') });

export function accessRoutes(s: Services): RouteDef[] {
  return [
    {
      method: 'post',
      path: '/api/tokens',
      response: R.issuedTokenSchema,
      summary: 'Issue a token for a role and scope; the secret is shown once',
      bodyRequired: true,
      request: { body: describedWithProvinceNames(tokenRequestSchema, ['province']) },
      policy: policies.coordinator,
      status: 201,
      handler: async (req, _res, p) => {
        const { token, record } = await issueToken(s, parse(tokenRequestSchema, withProvinceCodes(req.body, ['province']), 'body'), p!.actor);
        return { token, ...record };
      },
    },
    {
      method: 'get',
      path: '/api/tokens',
      response: R.tokenListSchema,
      summary: 'Every token issued, without secrets',
      policy: policies.coordinator,
      handler: async () => ({ tokens: await s.tokenStore.list() }),
    },
    {
      method: 'delete',
      path: '/api/tokens/:id',
      response: R.tokenRecordSchema,
      errors: ['not_found'],
      summary: 'Revoke a token',
      request: { params: tokenParams },
      policy: policies.coordinator,
      handler: async (req, _res, p) => revokeToken(s, parse(tokenParams, req.params, 'params').id, p!.actor),
    },
    {
      method: 'get',
      path: '/api/audit',
      response: R.auditPageSchema,
      summary: 'The audit trail of every write, newest first',
      request: { query: auditQuery },
      policy: policies.coordinator,
      handler: async (req) => {
        const { limit, cursor, ...filter } = parse(auditQuery, req.query, 'query');
        const page = await s.audit.list(filter, { limit, cursor });
        return { entries: page.items, nextCursor: page.nextCursor };
      },
    },
  ];
}
