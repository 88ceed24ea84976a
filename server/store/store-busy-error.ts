/**
 * Thrown when the database cannot take more work right now (queue full, queue wait or statement timed out,
 * connection refused). The HTTP layer answers 503 with Retry-After so clients back off and retry.
 */
export class StoreBusyError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreBusyError';
  }
}

/** True for errors that mean "the store is overloaded or away", as opposed to a bug. */
export function isStoreBusyError(error: unknown): boolean {
  return error instanceof StoreBusyError;
}

// PostgreSQL error codes and node errors that mean the server is saturated or unreachable, not that the input was bad.
const BUSY_CODES = new Set([
  '53300', // too_many_connections
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
  '08000', '08001', '08003', '08006', // connection exceptions
  '55P03', // lock_not_available
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE',
]);

/** Wraps driver errors that signal saturation into StoreBusyError; returns anything else unchanged. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreBusyError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  if ((typeof code === 'string' && BUSY_CODES.has(code)) || /timeout exceeded when trying to connect|Connection terminated/i.test(message)) {
    return new StoreBusyError(`database unavailable: ${message || String(code)}`, { cause: error });
  }
  return error;
}
