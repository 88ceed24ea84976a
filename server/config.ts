import path from 'node:path';
import type { CreateServerOptions } from './create-server.js';

/** Where to listen plus everything createServer needs, read from the environment. */
export interface ServerConfig {
  port: number;
  host: string;
  server: CreateServerOptions;
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

/**
 * Reads the configuration from environment variables (documented in docs/collector.md). Throws with a clear
 * message on a malformed value rather than starting with a surprise.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = path.resolve(env.KIZUNA_DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const adminToken = env.KIZUNA_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) throw new Error('KIZUNA_ADMIN_TOKEN must be at least 16 characters');
  const level = env.KIZUNA_LOG_LEVEL || 'warn';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level)) {
    throw new Error('KIZUNA_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  return {
    port: int(env, 'PORT', 8080),
    host: env.HOST || 'localhost',
    server: {
      storeOptions: {
        ...(databaseUrl ? { databaseUrl } : { dataDir }),
        poolSize: int(env, 'KIZUNA_DB_POOL', 10, 1),
        maxQueue: int(env, 'KIZUNA_DB_QUEUE', 500),
        queueTimeoutMs: int(env, 'KIZUNA_DB_QUEUE_TIMEOUT_MS', 5000, 1),
      },
      ...(databaseUrl ? {} : { dataDir }),
      ...(adminToken ? { adminToken } : {}),
      demo: env.KIZUNA_DEMO !== '0',
      rateLimit: int(env, 'KIZUNA_RATE_LIMIT', 10_000),
      rateWindowSeconds: int(env, 'KIZUNA_RATE_WINDOW', 10, 1),
      logLevel: level,
      trustProxy: env.KIZUNA_TRUST_PROXY === '1',
      maxEventLoopDelayMs: int(env, 'KIZUNA_MAX_EVENT_LOOP_DELAY_MS', 1000),
      purgeIntervalMs: int(env, 'KIZUNA_PURGE_INTERVAL_MINUTES', 60) * 60_000,
    },
  };
}
