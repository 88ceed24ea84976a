import pg from 'pg';
import { createAdmissionGate, type AdmissionGateOptions } from './admission-gate.js';
import { createPostgresListener } from './postgres-listener.js';
import type { SqlDb, SqlResult, SqlRunner } from './sql-db.js';
import { toStoreError } from './store-busy-error.js';

/** Options for a PostgreSQL server reached through node-postgres. */
export interface PostgresDbOptions {
  connectionString: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Schema to create if missing and use as search_path (tests use one per file). */
  schema?: string;
  /** Server-side cap on one statement, in ms (default 10 000). */
  statementTimeoutMs?: number;
  /** Waiting-line limits in front of the pool. */
  queue?: Omit<AdmissionGateOptions, 'concurrency'>;
}

// Deadlocks and serialization failures are safe to retry: the whole transaction rolled back.
const RETRYABLE = new Set(['40P01', '40001']);

function wrap(client: pg.PoolClient | pg.Pool): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<SqlResult<T>> {
      const result = await client.query(sql, params);
      return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Connects a node-postgres pool behind the SqlDb interface. */
export async function createPostgresDb(options: PostgresDbOptions): Promise<SqlDb> {
  const poolSize = options.poolSize ?? 10;
  if (options.schema && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid schema name ${options.schema}`);
  if (options.schema) {
    const setup = new pg.Client({ connectionString: options.connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    statement_timeout: options.statementTimeoutMs ?? 10_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next checkout reconnects.
  pool.on('error', () => {});
  const gate = createAdmissionGate({ concurrency: poolSize, maxQueue: 500, queueTimeoutMs: 5000, ...options.queue });
  const guarded = <T>(fn: () => Promise<T>): Promise<T> =>
    gate.run(fn).catch((error: unknown) => {
      throw toStoreError(error);
    });
  const direct = wrap(pool);
  const listeners = new Set<() => Promise<void>>();

  const transactionOnce = async <T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await fn(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  };

  return {
    kind: 'postgres',
    query: (sql, params) => guarded(() => direct.query(sql, params)),
    exec: (sql) => guarded(() => direct.exec(sql)),
    transaction: (fn) =>
      guarded(async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await transactionOnce(fn);
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw error;
          }
        }
      }),
    async listen(channel, onPayload, onResync) {
      const stop = await createPostgresListener({
        connectionString: options.connectionString,
        channel,
        onPayload,
        ...(onResync ? { onResync } : {}),
      });
      listeners.add(stop);
      return async () => {
        listeners.delete(stop);
        await stop();
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((stop) => stop()));
      listeners.clear();
      await pool.end();
    },
  };
}
