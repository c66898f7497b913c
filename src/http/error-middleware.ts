/**
 * The one error pipeline of the HTTP API: every failure leaves as
 * {"error": {"code", "message", "details"?}} with the status its code implies.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LinkageError } from '../shared/errors';

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

export function toLinkageError(err: unknown): LinkageError {
  if (err instanceof LinkageError) return err;
  const bp = err as BodyParserError;
  if (bp && bp.type === 'entity.too.large') {
    return new LinkageError('payload_too_large', `request body exceeds the limit of ${bp.limit} bytes`);
  }
  if (bp && bp.type === 'entity.parse.failed') {
    return new LinkageError('invalid_input', 'request body is not valid JSON', { details: [{ path: 'body', message: 'malformed JSON' }] });
  }
  if (bp && typeof bp.status === 'number' && bp.status >= 400 && bp.status < 500) {
    return new LinkageError('invalid_input', (err as Error).message || 'bad request');
  }
  return new LinkageError('internal', 'internal error', { cause: err });
}

export function errorMiddleware(log: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const e = toLinkageError(err);
    if (e.code === 'internal') log(err);
    if (e.retryAfter !== undefined) res.setHeader('Retry-After', String(Math.ceil(e.retryAfter)));
    res.status(e.status).json(e.toJSON());
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new LinkageError('not_found', `no route for ${req.method} ${req.path}`));
};
