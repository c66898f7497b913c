/** Structured JSON logs (pino). Tests run silent unless LOG_LEVEL says otherwise. */
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(opts: { level?: string; name?: string } = {}): Logger {
  const level = opts.level ?? process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info');
  return pino({ name: opts.name ?? 'linkage', level });
}
