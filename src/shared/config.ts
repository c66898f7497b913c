/**
 * Configuration: read from the environment once at start-up, validated by one zod schema,
 * frozen. A bad value stops the process with the variable's name. Defaults are named here
 * and listed in the README.
 */
import path from 'node:path';
import { z } from 'zod';
import { isProvinceCode } from './provinces';
import { isTimeZone } from './clock';

export const DEFAULTS = Object.freeze({
  PORT: 8080,
  LINKAGE_DATA_DIR: './data',
  LINKAGE_STORE: 'sqlite' as const,
  LINKAGE_DEMO: 'on' as const,
  NEO4J_USER: 'neo4j',
  /** Body limit for every endpoint but import. */
  BODY_LIMIT: '1mb',
  /** Import documents of at least 64 MB are accepted (CONTRACT §5). */
  IMPORT_BODY_LIMIT: '256mb',
  /** How long a read with ?minRevision waits for the analysis to catch up. */
  MIN_REVISION_WAIT_MS: 10_000,
  /** Acknowledgement SLA for coordination tasks. */
  ACK_SLA_HOURS: 24,
  /** §7: a `runway` alert goes out when a leader's daysLeft is at most this. */
  RUNWAY_ALERT_DAYS: 7,
  /** An enterprise whose latest status report is more than this many days old is stale (§10). */
  STALE_DAYS: 3,
  /** When the daily reporting reminders go out, HH:MM in LINKAGE_TIME_ZONE (§10). */
  REMINDER_AT: '09:00',
  /** How often a process checks the store for revisions written by other processes. */
  REVISION_POLL_MS: 500,
  /**
   * Requests per minute per token; 0 turns rate limiting off. High enough for a coordinator's
   * scripts (200 a second, sustained), low enough to stop a runaway client hogging the API.
   */
  RATE_LIMIT_PER_MINUTE: 12_000,
  /** Demo scenario date: the day of the source figure (71.7 %). */
  DEMO_AS_OF: '2020-03-24',
  /** Redis key prefix of the BullMQ queues; tests and parallel deployments pick their own. */
  QUEUE_PREFIX: 'linkage',
  /** Attempts of analysis, reconcile, delivery and escalation jobs before they land in the failed set. */
  JOB_ATTEMPTS: 5,
  /** First retry delay of those jobs; doubles at each attempt (exponential backoff). */
  JOB_BACKOFF_MS: 1_000,
  /** How long a worker holds a job's lock; a crashed worker's job is taken over after about this long. */
  JOB_LOCK_MS: 30_000,
  /**
   * On shutdown, how long workers wait for the jobs in flight. Longer than a webhook call, so
   * with Redis up every job finishes; with Redis down none can, and after this the connections
   * are dropped (the jobs' locks run out and another worker takes them over).
   */
  DRAIN_MS: 30_000,
  /** Jobs one worker runs at once per queue (delivery, notifications). */
  WORKER_CONCURRENCY: 8,
  /** Period of the repeatable reconciliation job that repairs drift between analysis, tasks and queues. */
  RECONCILE_EVERY_MS: 60_000,
  /** Webhook delivery attempts (first try included) before the notification lands in the failed set. */
  WEBHOOK_ATTEMPTS: 8,
  /** First webhook retry delay; doubles at each attempt. */
  WEBHOOK_BACKOFF_MS: 2_000,
  /** A webhook call that has not answered after this long counts as failed. */
  WEBHOOK_TIMEOUT_MS: 10_000,
  /** The redis-server binary started for the process when REDIS_URL is unset; "off" disables it. */
  REDIS_SERVER: 'redis-server',
  /** How often the server-sent-events feed looks for new task events. */
  EVENTS_POLL_MS: 250,
  /** Live event streams (GET /api/events) one token may hold open at once; more is a 429. */
  EVENT_STREAMS_PER_TOKEN: 8,
  /** Live event streams one API process holds open at once, whoever asks; more is a 429. */
  EVENT_STREAMS_MAX: 1_000,
  /** Task events already relayed are kept this long (SSE replay with Last-Event-ID), then pruned. */
  EVENT_RETENTION_DAYS: 30,
});

/** LINKAGE_WEBHOOKS: one URL per province, e.g. {"420000": "https://hubei.example/linkage"}. */
const webhooksSchema = z.record(z.string().refine(isProvinceCode, 'must be the six-digit GB/T 2260 code of a provincial-level division'), z.url({ protocol: /^https?$/ }));

/** A JSON-valued variable: parse errors and schema issues are both reported under its name. */
function jsonVar<S extends z.ZodType>(schema: S) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

const onOff = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => v === 'on' || v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULTS.PORT),
  LINKAGE_DATA_DIR: z.string().min(1).default(DEFAULTS.LINKAGE_DATA_DIR),
  LINKAGE_STORE: z.enum(['sqlite', 'neo4j']).default(DEFAULTS.LINKAGE_STORE),
  LINKAGE_DEMO: onOff.optional().transform((v) => v ?? DEFAULTS.LINKAGE_DEMO === 'on'),
  LINKAGE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().default(DEFAULTS.NEO4J_USER),
  NEO4J_PASSWORD: z.string().optional(),
  REDIS_URL: z.string().url().optional(),
  LINKAGE_ACK_SLA_HOURS: z.coerce.number().positive().default(DEFAULTS.ACK_SLA_HOURS),
  LINKAGE_MIN_REVISION_WAIT_MS: z.coerce.number().int().min(0).default(DEFAULTS.MIN_REVISION_WAIT_MS),
  // ":" separates BullMQ's key parts, so it stays out. One {hash tag} is allowed: on Redis
  // Cluster, `{linkage}` puts every key of the queues in one slot, as BullMQ's scripts need.
  LINKAGE_QUEUE_PREFIX: z
    .string()
    .max(64, 'must be at most 64 characters')
    .regex(/^[A-Za-z0-9_.-]*(\{[A-Za-z0-9_.-]+\})?[A-Za-z0-9_.-]*$/, 'must be 1-64 characters of A-Za-z0-9_.- with at most one {hash tag} (no ":")')
    .min(1)
    .default(DEFAULTS.QUEUE_PREFIX),
  LINKAGE_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULTS.JOB_ATTEMPTS),
  LINKAGE_JOB_BACKOFF_MS: z.coerce.number().int().min(1).default(DEFAULTS.JOB_BACKOFF_MS),
  LINKAGE_JOB_LOCK_MS: z.coerce.number().int().min(500).default(DEFAULTS.JOB_LOCK_MS),
  LINKAGE_DRAIN_MS: z.coerce.number().int().min(100).default(DEFAULTS.DRAIN_MS),
  LINKAGE_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(DEFAULTS.WORKER_CONCURRENCY),
  LINKAGE_RECONCILE_EVERY_MS: z.coerce.number().int().min(100).default(DEFAULTS.RECONCILE_EVERY_MS),
  LINKAGE_WEBHOOKS: jsonVar(webhooksSchema).optional(),
  LINKAGE_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  LINKAGE_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULTS.WEBHOOK_ATTEMPTS),
  LINKAGE_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).default(DEFAULTS.WEBHOOK_BACKOFF_MS),
  LINKAGE_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(DEFAULTS.WEBHOOK_TIMEOUT_MS),
  LINKAGE_REDIS_SERVER: z.string().min(1).default(DEFAULTS.REDIS_SERVER),
  LINKAGE_TIME_ZONE: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai or UTC').default('UTC'),
  LINKAGE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(DEFAULTS.RATE_LIMIT_PER_MINUTE),
  LINKAGE_REVISION_POLL_MS: z.coerce.number().int().min(10).default(DEFAULTS.REVISION_POLL_MS),
  // Absent: the graph store's own default (CHANGE_LOG_REVISIONS in src/graph/store.ts).
  LINKAGE_CHANGE_LOG_REVISIONS: z.coerce.number().int().min(1).optional(),
  // Absent: 2 on a machine with two cores or more (src/analysis/parallel-search.ts).
  LINKAGE_ANALYSIS_THREADS: z.coerce.number().int().min(1).max(2).optional(),
  LINKAGE_EVENT_STREAMS_PER_TOKEN: z.coerce.number().int().min(1).default(DEFAULTS.EVENT_STREAMS_PER_TOKEN),
  LINKAGE_EVENT_STREAMS_MAX: z.coerce.number().int().min(1).default(DEFAULTS.EVENT_STREAMS_MAX),
  // A whole number of days, or "off": no runway alerts (GET /api/runway then defaults to 7 days).
  LINKAGE_RUNWAY_ALERT_DAYS: z.union([z.literal('off'), z.coerce.number().int().min(0).max(3650)]).default(DEFAULTS.RUNWAY_ALERT_DAYS),
  LINKAGE_STALE_DAYS: z.coerce.number().int().min(0).default(DEFAULTS.STALE_DAYS),
  // No default: two workers on one host would collide on a fixed port.
  LINKAGE_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LINKAGE_REMINDER_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour), e.g. 09:00')
    .default(DEFAULTS.REMINDER_AT),
});

export interface Config {
  port: number;
  dataDir: string;
  store: 'sqlite' | 'neo4j';
  demo: boolean;
  adminToken?: string;
  neo4j?: { uri: string; user: string; password: string };
  redisUrl?: string;
  ackSlaMs: number;
  minRevisionWaitMs: number;
  /** Requests per minute per token; 0 = no limit. */
  rateLimitPerMinute: number;
  /** Whose calendar "today" is: the default asOf of a status report and date of statistics. */
  timeZone: string;
  /** How often the analysis checks the store for other processes' writes. */
  revisionPollMs: number;
  /** Revisions the graph store's change log keeps; the store's default when unset. */
  changeLogRevisions?: number;
  /** Threads of the analysis's root searches (1 or 2); by core count when unset. */
  analysisThreads?: number;
  /** Days after its latest report an enterprise is stale (§10). */
  staleDays: number;
  /** HH:MM in timeZone: when the daily reporting reminders go out. */
  reminderAt: string;
  queues: QueueSettings;
  webhooks: WebhookSettings;
  /** The redis-server binary to start when REDIS_URL is unset, or null when disabled. */
  redisServer: string | null;
  /** Caps on open GET /api/events streams: per token, and for the process. */
  eventStreams: { perToken: number; max: number };
  /** §7: alert window in days (null: alerts off); also the default `within` of GET /api/runway. */
  runwayAlertDays: number | null;
  /** `serve --role worker`: the port of its /metrics, /api/health and /api/ready listener; none when unset. */
  metricsPort?: number;
}

export interface QueueSettings {
  prefix: string;
  attempts: number;
  backoffMs: number;
  lockMs: number;
  /** How long a closing worker waits for its jobs in flight before it drops its connections. */
  drainMs: number;
  concurrency: number;
  reconcileEveryMs: number;
}

export interface WebhookSettings {
  /** Province code → URL. */
  urls: Readonly<Record<string, string>>;
  secret?: string;
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.LINKAGE_STORE === 'neo4j' && !e.NEO4J_URI) throw new ConfigError(['NEO4J_URI: required when LINKAGE_STORE=neo4j']);
  // Unsigned webhooks would let anyone who learns a URL forge task events: refuse to start.
  if (e.LINKAGE_WEBHOOKS && Object.keys(e.LINKAGE_WEBHOOKS).length > 0 && !e.LINKAGE_WEBHOOK_SECRET) {
    throw new ConfigError(['LINKAGE_WEBHOOK_SECRET: required when LINKAGE_WEBHOOKS is set']);
  }
  return Object.freeze({
    port: e.PORT,
    dataDir: path.resolve(e.LINKAGE_DATA_DIR),
    store: e.LINKAGE_STORE,
    demo: e.LINKAGE_DEMO,
    adminToken: e.LINKAGE_ADMIN_TOKEN,
    neo4j: e.NEO4J_URI ? { uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD ?? '' } : undefined,
    redisUrl: e.REDIS_URL,
    ackSlaMs: e.LINKAGE_ACK_SLA_HOURS * 3_600_000,
    minRevisionWaitMs: e.LINKAGE_MIN_REVISION_WAIT_MS,
    rateLimitPerMinute: e.LINKAGE_RATE_LIMIT_PER_MINUTE,
    timeZone: e.LINKAGE_TIME_ZONE,
    revisionPollMs: e.LINKAGE_REVISION_POLL_MS,
    staleDays: e.LINKAGE_STALE_DAYS,
    reminderAt: e.LINKAGE_REMINDER_AT,
    queues: Object.freeze({
      prefix: e.LINKAGE_QUEUE_PREFIX,
      attempts: e.LINKAGE_JOB_ATTEMPTS,
      backoffMs: e.LINKAGE_JOB_BACKOFF_MS,
      lockMs: e.LINKAGE_JOB_LOCK_MS,
      drainMs: e.LINKAGE_DRAIN_MS,
      concurrency: e.LINKAGE_WORKER_CONCURRENCY,
      reconcileEveryMs: e.LINKAGE_RECONCILE_EVERY_MS,
    }),
    webhooks: Object.freeze({
      urls: Object.freeze({ ...(e.LINKAGE_WEBHOOKS ?? {}) }),
      secret: e.LINKAGE_WEBHOOK_SECRET,
      attempts: e.LINKAGE_WEBHOOK_ATTEMPTS,
      backoffMs: e.LINKAGE_WEBHOOK_BACKOFF_MS,
      timeoutMs: e.LINKAGE_WEBHOOK_TIMEOUT_MS,
    }),
    redisServer: e.LINKAGE_REDIS_SERVER === 'off' ? null : e.LINKAGE_REDIS_SERVER,
    eventStreams: Object.freeze({ perToken: e.LINKAGE_EVENT_STREAMS_PER_TOKEN, max: e.LINKAGE_EVENT_STREAMS_MAX }),
    runwayAlertDays: e.LINKAGE_RUNWAY_ALERT_DAYS === 'off' ? null : e.LINKAGE_RUNWAY_ALERT_DAYS,
    metricsPort: e.LINKAGE_METRICS_PORT,
    changeLogRevisions: e.LINKAGE_CHANGE_LOG_REVISIONS,
    analysisThreads: e.LINKAGE_ANALYSIS_THREADS,
  });
}
