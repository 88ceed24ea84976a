import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createStore } from '../../../server/store/create-store.js';
import type { Store } from '../../../server/store/store.js';

/** The databases the server suite runs against. */
export type StoreKind = 'pglite' | 'postgres';

const url = process.env.KIZUNA_TEST_DATABASE_URL;
const ci = process.env.CI === 'true';

if (!url && !ci) {
  console.warn(
    [
      '',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '!! KIZUNA_TEST_DATABASE_URL is not set: server tests run against PGlite ONLY and SKIP PostgreSQL. !!',
      '!! Start one with:  eval "$(bash scripts/test-postgres.sh)"                                      !!',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      '',
    ].join('\n'),
  );
}

/** PGlite always; PostgreSQL when configured, and always under CI=true (where a missing URL fails the run). */
export const STORE_KINDS: StoreKind[] = url || ci ? ['pglite', 'postgres'] : ['pglite'];

const schemas = new WeakMap<Store, string>();

/** Options passed through to createStore for a test store. */
export interface TestStoreOptions {
  maxQueue?: number;
  queueTimeoutMs?: number;
  poolSize?: number;
  /** Reuse this PostgreSQL schema (a second "collector" on the same database). */
  schema?: string;
}

/**
 * Opens a fresh, migrated store: in-memory PGlite, or a new schema in the test PostgreSQL so test files running
 * in parallel never see each other's rows.
 */
export async function openTestStore(kind: StoreKind, options: TestStoreOptions = {}): Promise<Store> {
  const queue = {
    ...(options.maxQueue !== undefined ? { maxQueue: options.maxQueue } : {}),
    ...(options.queueTimeoutMs !== undefined ? { queueTimeoutMs: options.queueTimeoutMs } : {}),
  };
  if (kind === 'pglite') return createStore(queue);
  if (!url) throw new Error('CI=true but KIZUNA_TEST_DATABASE_URL is not set: the server suite must run against PostgreSQL in CI');
  const schema = options.schema ?? `kz_test_${randomBytes(6).toString('hex')}`;
  const store = await createStore({ databaseUrl: url, schema, ...queue, ...(options.poolSize ? { poolSize: options.poolSize } : {}) });
  schemas.set(store, schema);
  return store;
}

/** The PostgreSQL schema of a test store (undefined for PGlite). */
export function schemaOf(store: Store): string | undefined {
  return schemas.get(store);
}

/** Closes a test store and drops its PostgreSQL schema. */
export async function closeTestStore(store: Store | undefined): Promise<void> {
  if (!store) return;
  await store.close();
  const schema = schemas.get(store);
  if (schema && url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  }
}

/** A site id that no other test uses. */
export function uniqueId(prefix = 'site'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}
