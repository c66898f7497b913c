/**
 * Configuration: read from the environment once at start-up, validated by one zod schema,
 * frozen. A bad value stops the process with the variable's name. Defaults are named here
 * and listed in the README.
 */
import path from 'node:path';
import { z } from 'zod';

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
  /** Demo scenario date: the day of the source figure (71.7 %). */
  DEMO_AS_OF: '2020-03-24',
});

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
  });
}
