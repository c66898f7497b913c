/**
 * Webhook delivery of task events to a province: a JSON POST signed with HMAC-SHA256 of the
 * exact body, in `X-Linkage-Signature: sha256=<hex>`. Receivers verify it with the shared
 * secret (verifySignature) and deduplicate by `X-Linkage-Delivery` (the event id): delivery
 * is at least once, since a worker can die after the receiver answered.
 */
import crypto from 'node:crypto';
import { LinkageError } from '../shared/errors';
import type { TaskEvent } from './task-store';

export const SIGNATURE_HEADER = 'x-linkage-signature';
export const EVENT_HEADER = 'x-linkage-event';
export const DELIVERY_HEADER = 'x-linkage-delivery';

export function sign(secret: string, body: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** True when `header` is the signature of `body` under `secret` (constant-time comparison). */
export function verifySignature(secret: string, body: string | Buffer, header: string | undefined | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/** What a webhook carries: a task event's task, or a runway event's alert (§7). */
export type WebhookEvent = Pick<TaskEvent, 'id' | 'type' | 'at' | 'province'> & ({ task: Record<string, unknown> } | { runway: Record<string, unknown> });

/** The body a province receives. */
export function webhookBody(event: WebhookEvent): string {
  const head = { id: event.id, type: event.type, at: event.at, province: event.province };
  if ('runway' in event) return JSON.stringify({ ...head, runway: event.runway });
  // The task as clients see it: storage bookkeeping stays home.
  const { version: _v, revision: _r, ...task } = event.task;
  return JSON.stringify({ ...head, [payloadKey(event.type)]: task });
}

/** What an event carries, by its type: a task, a request (§9) or a reporting reminder (§10); a runway alert carries `runway`. */
export function payloadKey(type: TaskEvent['type']): 'task' | 'request' | 'reminder' {
  return type.startsWith('request.') ? 'request' : type === 'reminder' ? 'reminder' : 'task';
}

export interface WebhookOptions {
  secret: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * POSTs the event. Resolves on 2xx. A 4xx other than 408/429 will not get better by retrying
 * (wrong URL, rejected signature): it throws a non-retriable error; anything else (5xx,
 * timeout, refused connection) throws a retriable one.
 */
export async function postWebhook(url: string, event: WebhookEvent, opts: WebhookOptions): Promise<number> {
  const body = webhookBody(event);
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: sign(opts.secret, body),
        [EVENT_HEADER]: event.type,
        [DELIVERY_HEADER]: String(event.id),
      },
      body,
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
  } catch (cause) {
    throw new LinkageError('internal', `webhook ${url} unreachable: ${(cause as Error).message}`, { cause, retriable: true });
  }
  // Drain the body so the connection can be reused.
  await res.arrayBuffer().catch(() => undefined);
  if (res.ok) return res.status;
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
  throw new LinkageError('internal', `webhook ${url} answered ${res.status}`, { retriable: !permanent });
}
