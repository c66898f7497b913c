/**
 * Cross-cutting HTTP protections and observability: security headers (helmet), per-token
 * rate limiting (express-rate-limit), request ids carried into logs (pino-http), and
 * request latency metrics by route.
 */
import crypto from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import pinoHttp from 'pino-http';
import { LinkageError } from '../shared/errors';
import type { Logger } from '../shared/log';
import type { Metrics } from '../shared/metrics';
import { bearerToken } from './auth';

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
  });
}

/** Requests per minute per token (per address without one); 0 turns the limit off. */
export function perTokenRateLimit(perMinute: number): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const token = bearerToken(req.headers.authorization);
      return token ? `t:${crypto.createHash('sha256').update(token).digest('hex')}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    skip: (req) => req.path === '/api/health' || req.path === '/api/ready',
    handler: (_req, _res, next) => next(new LinkageError('rate_limited', `more than ${perMinute} requests per minute`, { retryAfter: 60 })),
  });
}

export function requestLogging(log: Logger): RequestHandler {
  return pinoHttp({
    logger: log,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: { req: (req) => ({ id: req.id, method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
  }) as unknown as RequestHandler;
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
