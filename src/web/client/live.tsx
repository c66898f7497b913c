/**
 * Live task events from GET /api/events (server-sent events). EventSource cannot send the
 * bearer token, so the stream is read with fetch and parsed here. Reconnects after the
 * server's `retry` delay (longer after failures), resuming after the last event seen, and
 * gives up for good when the server has no such route.
 */
import type { Api } from './api';
import type { TaskEvent } from './model';

export type LiveState = 'connecting' | 'live' | 'offline' | 'unavailable';

interface Listener {
  onEvent?: (e: TaskEvent) => void;
  onState?: (s: LiveState) => void;
}

/** Splits a text/event-stream into its events (one block per blank line). */
export function parseEventBlock(block: string): { id?: string; event?: string; data?: string; retry?: number } | null {
  const out: { id?: string; event?: string; data?: string; retry?: number } = {};
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'id') out.id = value;
    else if (field === 'event') out.event = value;
    else if (field === 'retry' && /^\d+$/.test(value)) out.retry = Number(value);
  }
  if (data.length) out.data = data.join('\n');
  return out.data !== undefined || out.retry !== undefined ? out : null;
}

export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  private abort: AbortController | null = null;
  private lastId: string | null = null;
  private retryMs = 3000;
  private failures = 0;
  private timer: number | undefined;
  private stopped = false;
  state: LiveState = 'connecting';

  constructor(private readonly api: Api) {}

  /** Subscribes; returns the unsubscribe function. */
  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    l.onState?.(this.state);
    return () => this.listeners.delete(l);
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.abort?.abort();
    this.abort = null;
  }

  private setState(s: LiveState): void {
    if (this.state === s) return;
    this.state = s;
    for (const l of this.listeners) l.onState?.(s);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.abort = new AbortController();
    const path = this.lastId ? `/api/events?after=${encodeURIComponent(this.lastId)}` : '/api/events';
    try {
      const res = await this.api.stream(path, this.abort.signal);
      if (res.status === 404 || res.status === 401 || res.status === 403) {
        this.setState('unavailable');
        return;
      }
      if (!res.ok || !res.body) throw new Error(`events answered ${res.status}`);
      this.failures = 0;
      this.setState('live');
      await this.read(res.body);
      this.setState('connecting');
    } catch (err) {
      if (this.stopped || (err as Error).name === 'AbortError') return;
      this.failures += 1;
      this.setState('offline');
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped) return;
    const delay = Math.min(this.retryMs * 2 ** Math.min(this.failures, 4), 60_000);
    this.timer = window.setTimeout(() => void this.connect(), delay);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        this.dispatch(block);
      }
    }
  }

  private dispatch(block: string): void {
    const msg = parseEventBlock(block);
    if (!msg) return;
    if (msg.retry !== undefined) this.retryMs = msg.retry;
    if (msg.id) this.lastId = msg.id;
    if (msg.data === undefined) return;
    let event: TaskEvent;
    try {
      event = JSON.parse(msg.data) as TaskEvent;
    } catch {
      return;
    }
    for (const l of this.listeners) l.onEvent?.(event);
  }
}
