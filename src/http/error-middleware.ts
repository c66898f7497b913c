/**
 * The one error pipeline of the HTTP API: every failure leaves as
 * {"error": {"code", "message", "details"?}} with the status its code implies. An unexpected
 * failure (500, `internal`) is logged with its cause and the request id, and its body carries
 * `requestId` too: the caller sees only "internal error", and the id is what finds the log line.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LinkageError } from '../shared/errors';
import type { RequestWithId } from './hardening';

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

/** `log` receives the unexpected errors with the id requestLogging gave the request. */
export function errorMiddleware(log: (err: unknown, requestId: string | undefined) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = toLinkageError(err);
    if (e.retryAfter !== undefined) res.setHeader('Retry-After', String(Math.ceil(e.retryAfter)));
    if (e.code !== 'internal') {
      res.status(e.status).json(e.toJSON());
      return;
    }
    const requestId = (req as Partial<RequestWithId>).id;
    log(err, requestId);
    const body = e.toJSON();
    res.status(e.status).json(requestId === undefined ? body : { error: { ...body.error, requestId } });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  // Mounted under /api, req.path is relative to the mount: name the path the caller sent.
  next(new LinkageError('not_found', `no route for ${req.method} ${req.baseUrl}${req.path}`));
};
