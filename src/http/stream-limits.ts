/**
 * Caps on long-lived streams (server-sent events): each holds a connection and a file
 * descriptor for as long as the client likes, so one token, or everyone together, may hold
 * only so many. Beyond either cap a new stream is refused with 429 before it starts.
 */
import { LinkageError } from '../shared/errors';

export class StreamLimits {
  private readonly byKey = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perKey: number,
    private readonly max: number,
  ) {}

  /** Takes a slot for `key` (a verified token); returns the function that gives it back (idempotent). */
  acquire(key: string): () => void {
    const held = this.byKey.get(key) ?? 0;
    if (held >= this.perKey) throw new LinkageError('rate_limited', `this token already holds ${held} event streams (at most ${this.perKey})`, { retryAfter: 30 });
    if (this.total >= this.max) throw new LinkageError('rate_limited', `the server holds its maximum of ${this.max} event streams`, { retryAfter: 30 });
    this.byKey.set(key, held + 1);
    this.total += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total -= 1;
      const left = (this.byKey.get(key) ?? 1) - 1;
      if (left > 0) this.byKey.set(key, left);
      else this.byKey.delete(key);
    };
  }

  get open(): number {
    return this.total;
  }
}
