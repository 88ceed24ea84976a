import pg from 'pg';

/** How the dedicated LISTEN connection is opened. */
export interface PostgresListenerOptions {
  connectionString: string;
  channel: string;
  onPayload: (payload: string) => void;
  /** Runs after a lost connection is back: notifications sent while it was down are gone. */
  onResync?: () => void;
  /** Longest wait between reconnection attempts, in ms (default 10 000). */
  maxBackoffMs?: number;
}

/**
 * LISTENs on its own connection, outside the pool: a pooled connection is handed to other queries, and a
 * transaction pooler (PgBouncer in transaction mode) would drop the LISTEN, so this must be a direct session.
 * A lost connection is re-established with backoff, and then `onResync` lets readers catch up from the
 * database. Resolves once the first LISTEN succeeded (a failure there is thrown: the collector must not start
 * deaf); the returned function stops for good.
 */
export async function createPostgresListener(options: PostgresListenerOptions): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.channel)) throw new Error(`invalid channel name ${options.channel}`);
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let failures = 0;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: options.connectionString, keepAlive: true });
    c.on('notification', (msg) => {
      if (msg.channel === options.channel && msg.payload !== undefined) options.onPayload(msg.payload);
    });
    // A dropped connection emits 'error' then 'end'; handled by 'end' (an unhandled 'error' would crash).
    c.on('error', () => {});
    try {
      await c.connect();
      await c.query(`LISTEN "${options.channel}"`);
    } catch (error) {
      c.end().catch(() => {});
      throw error;
    }
    c.on('end', () => {
      if (client === c) client = null;
      if (!stopped) schedule();
    });
    client = c;
  };

  const schedule = (): void => {
    const delay = Math.min(maxBackoffMs, 250 * 2 ** failures);
    timer = setTimeout(() => {
      connect().then(
        () => {
          failures = 0;
          options.onResync?.();
        },
        () => {
          failures = Math.min(failures + 1, 10);
          if (!stopped) schedule();
        },
      );
    }, delay);
    timer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}
