import path from 'node:path';
import { migrate } from './migrations.js';
import { createPgliteDb } from './pglite-db.js';
import { createPostgresDb } from './postgres-db.js';
import type { SqlDb } from './sql-db.js';
import { createSqlStore } from './sql-store.js';
import type { Store } from './store.js';

/** Where and how to store. */
export interface StoreOptions {
  /** postgres://… selects PostgreSQL; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite directory (its files go in `<dataDir>/pglite`); omitted with no databaseUrl = in memory. */
  dataDir?: string;
  /** PostgreSQL schema to use (created if missing). */
  schema?: string;
  /** PostgreSQL pool size. */
  poolSize?: number;
  /** Requests allowed to wait for the database before 503. */
  maxQueue?: number;
  /** Longest wait for the database before 503, in ms. */
  queueTimeoutMs?: number;
}

/** Opens the database, applies pending migrations and returns the store. */
export async function createStore(options: StoreOptions = {}): Promise<Store> {
  const queue = { maxQueue: options.maxQueue ?? 500, queueTimeoutMs: options.queueTimeoutMs ?? 5000 };
  let db: SqlDb;
  if (options.databaseUrl) {
    db = await createPostgresDb({
      connectionString: options.databaseUrl,
      queue,
      ...(options.schema ? { schema: options.schema } : {}),
      ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    });
  } else {
    db = await createPgliteDb({ queue, ...(options.dataDir ? { dataDir: path.join(options.dataDir, 'pglite') } : {}) });
  }
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  // NOTIFY channels are per database, not per schema: each schema gets its own so that collectors of another
  // installation (or another test) on the same database never read each other's ids.
  const chatChannel = options.databaseUrl && options.schema ? `kizuna_chat_${options.schema}`.slice(0, 63) : 'kizuna_chat';
  return createSqlStore(db, { chatChannel });
}
