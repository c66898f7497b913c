/**
 * The HTTP API as the UI calls it: bearer token on every call, JSON in and out, and errors
 * as ApiError carrying the API's stable code, its field details and the HTTP status (the UI
 * translates the code; the API's English message stays for logs). Names of enterprises in
 * every answer go to the names cache.
 */
import type { Error as ErrorBody } from './api-types';
import { absorbNames } from './names';

/** One invalid field of a 400 (`details`). */
export type FieldProblem = NonNullable<ErrorBody['error']['details']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export class Api {
  /** Called once when the server no longer accepts the token (401). */
  onUnauthorized: () => void = () => undefined;

  constructor(readonly token: string) {}

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.call<T>('GET', withQuery(path, query), undefined, signal);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', path, body);
  }

  /** Any other method (DELETE). */
  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.call<T>(method, path, body);
  }

  /** Raw access for streams: the response as fetch gives it. */
  stream(path: string, signal: AbortSignal): Promise<Response> {
    return fetch(path, { headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' }, signal, cache: 'no-store' });
  }

  private async call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.');
    }
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.ok) {
      absorbNames(parsed);
      return parsed as T;
    }
    // Not every failure is the API's (a proxy's 502 page): its fields are read as possibly absent.
    const e = (parsed as Partial<ErrorBody> | undefined)?.error;
    const err = new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `${method} ${path} answered ${res.status}`, e?.details);
    if (res.status === 401) this.onUnauthorized();
    throw err;
  }
}
