import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { createAdmissionGate, type AdmissionGateOptions } from './admission-gate.js';
import type { SqlDb, SqlResult, SqlRunner } from './sql-db.js';
import { toStoreError } from './store-busy-error.js';

/** Options for the embedded database. */
export interface PgliteDbOptions {
  /** Directory holding the database files; omitted = in memory (tests). */
  dataDir?: string;
  /** Waiting-line limits; PGlite runs one statement at a time, so concurrency is always 1. */
  queue?: Omit<AdmissionGateOptions, 'concurrency'>;
}

type PgliteRunner = Pick<PGlite, 'query' | 'exec'>;

function wrap(runner: PgliteRunner): SqlRunner {
  return {
    async query<T>(sql: string, params: unknown[] = []): Promise<SqlResult<T>> {
      const result = await runner.query<T>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
  };
}

/** Opens PGlite (PostgreSQL compiled to WebAssembly, in this process) behind the SqlDb interface. */
export async function createPgliteDb(options: PgliteDbOptions = {}): Promise<SqlDb> {
  if (options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const pg = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  const gate = createAdmissionGate({ concurrency: 1, maxQueue: 500, queueTimeoutMs: 5000, ...options.queue });
  const direct = wrap(pg);
  const guarded = <T>(fn: () => Promise<T>): Promise<T> =>
    gate.run(fn).catch((error: unknown) => {
      throw toStoreError(error);
    });
  return {
    kind: 'pglite',
    query: (sql, params) => guarded(() => direct.query(sql, params)),
    exec: (sql) => guarded(() => direct.exec(sql)),
    transaction: (fn) => guarded(() => pg.transaction((tx) => fn(wrap(tx)))),
    // In process: PGlite delivers NOTIFY to its own listeners after the notifying transaction commits.
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => {
        if (!pg.closed) await unlisten();
      };
    },
    close: () => pg.close(),
  };
}
