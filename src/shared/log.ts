/**
 * Structured JSON logs (pino), and the request context that ties work to the request that
 * caused it. Tests run silent unless LOG_LEVEL says otherwise.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type Logger = pino.Logger;

const REDACTED = ['adminToken', '*.adminToken', 'token', '*.token', 'req.headers.authorization', 'headers.authorization', '*.headers.authorization'];

export function createLogger(opts: { level?: string; name?: string; destination?: pino.DestinationStream } = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');
  // Secrets never reach a log line, whoever passes them in by mistake.
  const options = { name: opts.name ?? 'linkage', level, redact: { paths: REDACTED, censor: '[redacted]' } };
  return opts.destination ? pino(options, opts.destination) : pino(options);
}

/**
 * The id of the request a piece of work belongs to. An AsyncLocalStorage rather than a
 * parameter: the work a status change causes is queued far from its route (a revision
 * listener of the chain analysis asks for the analysis job; a task commit writes the events
 * the outbox turns into jobs), and threading an id through every signature in between would
 * touch the analysis and the store contracts for a logging concern. The context is set where
 * the id is known (requestLogging for writes, a job processor for the job's own id) and read
 * only where a job is added or an event is written.
 */
const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` with `requestId` as the current request; without one, runs it outside any. */
export function withRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestId === undefined ? requestScope.exit(fn) : requestScope.run({ requestId }, fn);
}

/** The id of the request the current work belongs to, if any. */
export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** A child logger bound to the request (as `reqId`, the key request logs use), or `log` itself. */
export function requestLogger(log: Logger, requestId: string | undefined): Logger {
  return requestId === undefined ? log : log.child({ reqId: requestId });
}
