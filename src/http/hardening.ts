/**
 * Cross-cutting HTTP protections and observability: security headers (helmet), per-token
 * rate limiting (express-rate-limit), request ids carried into logs, and
 * request latency metrics by route.
 */
import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import helmet from 'helmet';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { LinkageError } from '../shared/errors';
import { withRequestId, type Logger } from '../shared/log';
import type { Metrics } from '../shared/metrics';
import { bearerToken, type Principal } from './auth';

const HELMET_OPTIONS: Parameters<typeof helmet>[0] = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      connectSrc: ["'self'"],
    },
  },
};

/**
 * helmet's headers. They do not depend on the request, so helmet runs once at start-up
 * against a recording response and each request gets the recorded set: at thousands of
 * requests a second, rebuilding the policy string per request was a visible share of CPU.
 */
export function securityHeaders(): RequestHandler {
  const headers = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void headers.set(name, value),
    removeHeader: (name: string) => void removed.add(name),
    getHeader: (name: string) => headers.get(name),
  };
  helmet(HELMET_OPTIONS)({} as never, recorder as never, () => undefined);
  const entries = [...headers];
  return (_req, res, next) => {
    for (const [name, value] of entries) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

/**
 * Requests per minute per verified token, per client address for everything else (no token,
 * or one that does not resolve: random bearer strings share their sender's budget); 0 turns
 * the limit off. Liveness and readiness are exempt, so probes see the truth under load.
 */
export function perTokenRateLimit(perMinute: number, principalOf: (req: Request) => Promise<Principal | null>): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: async (req) => {
      const token = bearerToken(req.headers.authorization);
      if (token && (await principalOf(req))) return `t:${crypto.createHash('sha256').update(token).digest('hex')}`;
      return `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    // Mounted under /api: req.path is relative to the mount, so compare the whole path.
    skip: (req) => EXEMPT.has(req.baseUrl + req.path),
    handler: (_req, _res, next) => next(new LinkageError('rate_limited', `more than ${perMinute} requests per minute`, { retryAfter: 60 })),
  });
}

const EXEMPT: ReadonlySet<string> = new Set(['/api/health', '/api/ready']);

/** Whether the per-token rate limit counts calls to this path (probes are exempt). */
export function isRateLimited(path: string): boolean {
  return !EXEMPT.has(path);
}

/** Reads cause no jobs: they do not need the request context (see withRequestId). */
const READS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Gives every request an id (X-Request-Id, taken from the caller when well-formed) and logs
 * it when it finishes, at a level by status. Hand-written rather than pino-http: at a few
 * thousand requests a second its per-request child logger was a tenth of the server's CPU,
 * and a child is only needed when something is logged.
 *
 * A write runs the rest of its handling inside the request context, so the jobs it causes
 * (analysis, reconcile, delivery, notifications) carry its id and their logs say `reqId`.
 */
export function requestLogging(log: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
    res.setHeader('X-Request-Id', id);
    (req as unknown as RequestWithId).id = id;
    const started = performance.now();
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info';
      if (!log.isLevelEnabled(level)) return;
      log[level](
        { reqId: id, req: { method: req.method, url: req.originalUrl }, res: { statusCode: res.statusCode }, responseTime: Math.round(performance.now() - started) },
        'request completed',
      );
    });
    if (READS.has(req.method)) next();
    else withRequestId(id, next);
  };
}

export interface RequestWithId {
  id: string;
}

/** Latency by the route's pattern, not its path, so ids do not explode the label set. */
export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route?.path as string | undefined) ?? (req.path.startsWith('/api') ? 'unmatched' : 'static');
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
