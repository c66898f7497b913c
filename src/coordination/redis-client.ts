/**
 * The Redis client coordination uses: ioredis, with one bug mended.
 *
 * ioredis 6 does not end a client that is disconnected while it waits to reconnect: the retry
 * timer is cancelled, no socket is left to close, so the status stays `reconnecting` and `end`
 * is never emitted (redis/ioredis#1247; the fix, redis/ioredis#2169, is not released). BullMQ's
 * `Worker.close()` disconnects its blocking connection and waits for that `end`, so a worker
 * closed during a Redis outage, or in the backoff just after one, never finished closing: a
 * SIGTERM hung forever, and so did the fault test that restarts Redis.
 *
 * `connectRedis` returns clients whose `disconnect()` finishes the close itself in that state,
 * the way a closed socket would (status `end`, queued commands rejected), and whose
 * `duplicate()` returns a client mended the same way, since the blocking connection BullMQ
 * makes is a duplicate of the one we hand it.
 */
import { Redis, type RedisOptions } from 'ioredis';
// The handler a closed socket runs; no public API ends a client that has no socket.
import { closeHandler } from 'ioredis/built/redis/event_handler';

/** The ioredis fields `disconnect()` works with (private in its types). */
interface DisconnectState {
  manuallyClosing: boolean;
  reconnectTimeout: NodeJS.Timeout | null;
}

/** Mends `client` in place (see above) and returns it. */
export function mendDisconnect<R extends Redis>(client: R): R {
  const disconnect = client.disconnect.bind(client);
  client.disconnect = (reconnect = false) => {
    if (reconnect || client.status !== 'reconnecting') return disconnect(reconnect);
    // What ioredis's disconnect does (cancel the retry, mark the close as manual), without
    // asking the connector to end a socket that is already closed (which only arms a 2 s
    // timer), then what a closing socket would trigger: the close handler, which sees the
    // manual close and ends the client.
    const state = client as unknown as DisconnectState;
    state.manuallyClosing = true;
    if (state.reconnectTimeout) clearTimeout(state.reconnectTimeout);
    state.reconnectTimeout = null;
    closeHandler(client)();
  };
  const duplicate = client.duplicate.bind(client);
  client.duplicate = ((override?: Partial<RedisOptions>) => mendDisconnect(duplicate(override))) as R['duplicate'];
  return client;
}

/** A client for the URL; commands wait for a reconnect rather than fail (what BullMQ needs). */
export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  return mendDisconnect(new Redis(url, { maxRetriesPerRequest: null, ...options }));
}
