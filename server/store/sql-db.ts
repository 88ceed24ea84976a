/** Rows and count returned by one statement. */
export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

/** What a statement runner can do: one parameterised statement, or a script of several (migrations). */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<T>>;
  exec(sql: string): Promise<void>;
}

/**
 * The small database surface the store needs, implemented by PGlite and by node-postgres.
 * Both speak the same PostgreSQL SQL, so the store above it is written once.
 */
export interface SqlDb extends SqlRunner {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction (BEGIN … COMMIT, ROLLBACK on a throw). */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /**
   * Receives the payloads of `NOTIFY <channel>` (sent by any session, delivered after its commit). PostgreSQL
   * uses one dedicated connection per call, re-established when lost; `onResync` then runs because
   * notifications sent meanwhile are gone. Resolves once listening; the returned function stops.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResync?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
