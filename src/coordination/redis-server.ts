/**
 * A private redis-server for a process started without REDIS_URL (CONTRACT §6): data under
 * `<dataDir>/redis` with the append-only file on, bound to 127.0.0.1 on a free port, stopped
 * when the process exits.
 *
 * A server left behind by a process that died without stopping it (kill -9) is adopted on the
 * next start rather than started twice over the same files: its port is kept in
 * `redis.port` and its owner's pid in `owner.pid`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Redis } from 'ioredis';
import { withTimeout } from '../shared/clock';

export interface PrivateRedis {
  url: string;
  /** Stops the server if this process owns it. */
  stop(): Promise<void>;
}

export interface PrivateRedisOptions {
  dataDir: string;
  /** The redis-server binary (default "redis-server", from PATH). */
  binary: string;
  startTimeoutMs?: number;
}

export class RedisUnavailableError extends Error {}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Answers PONG within `timeoutMs`? */
export async function redisAnswers(url: string, timeoutMs = 500): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await closeConnection(client);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readInt(file: string): number | null {
  try {
    const n = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isFinite(n) ? n : null;
  } catch {
    return null;
  }
}

export async function startPrivateRedis(opts: PrivateRedisOptions): Promise<PrivateRedis> {
  const dir = path.resolve(opts.dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const portFile = path.join(dir, 'redis.port');
  const ownerFile = path.join(dir, 'owner.pid');
  const serverPidFile = path.join(dir, 'redis.pid');

  const knownPort = readInt(portFile);
  if (knownPort !== null && (await redisAnswers(`redis://127.0.0.1:${knownPort}`))) {
    const owner = readInt(ownerFile);
    const url = `redis://127.0.0.1:${knownPort}`;
    if (owner !== null && owner !== process.pid && alive(owner)) {
      // Another live process of this data directory runs it: share, and leave stopping to it.
      return { url, stop: async () => undefined };
    }
    fs.writeFileSync(ownerFile, `${process.pid}\n`);
    const pid = readInt(serverPidFile);
    return { url, stop: () => stopByPid(pid, url) };
  }

  const port = await freePort();
  const child = spawn(
    opts.binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--pidfile',
      serverPidFile,
      '--logfile',
      path.join(dir, 'redis.log'),
      '--daemonize',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  await waitForStart(child, url, opts.startTimeoutMs ?? 10_000, opts.binary);
  fs.writeFileSync(portFile, `${port}\n`);
  fs.writeFileSync(ownerFile, `${process.pid}\n`);
  // Last resort if the process ends without calling stop(): do not leave the server behind.
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);
  return {
    url,
    stop: async () => {
      process.off('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM'); // redis-server flushes the append-only file on SIGTERM
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

function waitForStart(child: ChildProcess, url: string, timeoutMs: number, binary: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      if (err) reject(err);
      else resolve();
    };
    child.once('error', (err: NodeJS.ErrnoException) =>
      finish(new RedisUnavailableError(err.code === 'ENOENT' ? `${binary} is not on PATH` : `${binary} failed to start: ${err.message}`)),
    );
    child.once('exit', (code) => finish(new RedisUnavailableError(`${binary} exited with code ${code} (see its log under the data directory)`)));
    const started = Date.now();
    const timer = setInterval(() => {
      void redisAnswers(url, 200).then((ok) => {
        if (ok) finish();
        else if (Date.now() - started > timeoutMs) {
          child.kill('SIGKILL');
          finish(new RedisUnavailableError(`${binary} did not answer within ${timeoutMs} ms`));
        }
      });
    }, 50);
  });
}

async function stopByPid(pid: number | null, url: string): Promise<void> {
  if (pid === null || !alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && (await redisAnswers(url, 100)); i++) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Quits a connection politely, or drops it when Redis does not answer within `graceMs` (a QUIT
 * queued behind commands during an outage would wait for Redis forever). One already ended is
 * left alone (disconnect would arm a timer).
 */
export async function closeConnection(c: Redis, graceMs = 1_000): Promise<void> {
  if (c.status === 'end') return;
  const quitted = await withTimeout(c.quit(), graceMs, 'quit').then(
    () => true,
    () => false,
  );
  if (!quitted && (c.status as string) !== 'end') c.disconnect();
}

/** Deletes every Redis key under `<prefix>:` (one deployment's or test's queues), never the whole database. */
export async function removeQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
