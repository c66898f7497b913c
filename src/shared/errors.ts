/**
 * The one error type of linkage. Every entry point (HTTP, CLI, jobs) maps it the same way:
 * `code` is stable for clients, `status` is the HTTP status, `retriable` tells retry logic
 * whether trying again can help, without parsing messages.
 */
export interface ErrorDetail {
  path: string;
  message: string;
}

export type ErrorCode = 'invalid_input' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'payload_too_large' | 'not_ready' | 'rate_limited' | 'internal';

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  not_ready: 503,
  internal: 500,
};

export class LinkageError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly retriable: boolean;
  readonly details?: ErrorDetail[];
  readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, opts: { details?: ErrorDetail[]; retriable?: boolean; retryAfter?: number; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'LinkageError';
    this.code = code;
    this.status = STATUS_BY_CODE[code];
    this.retriable = opts.retriable ?? (code === 'not_ready' || code === 'rate_limited');
    this.details = opts.details;
    this.retryAfter = opts.retryAfter;
  }

  toJSON(): { error: { code: ErrorCode; message: string; details?: ErrorDetail[]; retryAfter?: number } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.details ? { details: this.details } : {}),
        ...(this.retryAfter !== undefined ? { retryAfter: this.retryAfter } : {}),
      },
    };
  }
}

export const invalidInput = (message: string, details?: ErrorDetail[]): LinkageError => new LinkageError('invalid_input', message, { details });

export const notFound = (what: string, id: string): LinkageError => new LinkageError('not_found', `${what} "${id}" not found`);

/** Formats a zod-style path (['links', 3, 'supplier']) as `links[3].supplier`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}
