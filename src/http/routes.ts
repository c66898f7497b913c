/**
 * The route table. Every route names its policy here; the table is what authorization,
 * OpenAPI and the authorization-matrix test are generated from, so a route cannot exist
 * without a policy.
 */
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ErrorCode } from '../shared/errors';
import type { Principal } from './auth';

export type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * A policy decides from the principal and the request whether the call is in scope.
 * 'public' routes need no token.
 */
export type Policy = 'public' | ((p: Principal, req: Request) => boolean | Promise<boolean>);

export interface RouteDef {
  method: Method;
  path: string;
  summary: string;
  policy: Policy;
  /** Returns the JSON body, or undefined when it answered itself (streams). */
  handler: (req: Request, res: Response, principal: Principal | null) => Promise<unknown>;
  /** Status for a successful answer (default 200). */
  status?: number;
  /**
   * The successful answer's body (responses.ts): described in OpenAPI, and what
   * test/integration/openapi-responses.test.ts checks each route's real answer against.
   */
  response: z.ZodType;
  /** The answer's media type, when it is not JSON (the event stream). */
  contentType?: 'text/event-stream';
  /**
   * The errors this route answers beyond those openapi.ts derives for every route of its kind
   * (400 with input, 401/403 with a policy, 413 with a body, 429, 500, 503 with minRevision).
   */
  errors?: readonly ErrorCode[];
  /** Other non-error answers (readiness answers 503 with its own body). */
  otherAnswers?: ReadonlyArray<{ status: number; description: string; schema: z.ZodType }>;
  /**
   * The zod schemas the handler parses its input with: the OpenAPI description is generated
   * from them, so they are the same constants the handler uses.
   */
  request?: { params?: z.ZodObject; query?: z.ZodObject; body?: z.ZodType };
  /** A request without a body (or with an empty one) is refused before the handler runs. */
  bodyRequired?: boolean;
  /**
   * The body cap for an authorised caller (default DEFAULTS.BODY_LIMIT); the body is read
   * only after the policy allowed the call.
   */
  bodyLimit?: (p: Principal) => string | undefined;
}

export const policies = {
  coordinator: (p: Principal) => p.role === 'coordinator',
  anyRole: () => true,
  /** Coordinators, and a lead or reporter for its own enterprise. */
  ownEnterprise:
    (param = 'id') =>
    (p: Principal, req: Request) =>
      p.role === 'coordinator' || ((p.role === 'lead' || p.role === 'reporter') && p.enterprise === req.params[param]),
} as const;
