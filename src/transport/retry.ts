/** First retry after about this long. */
export const RETRY_BASE_MS = 1000;
/** Retries never wait longer than this, unless the server says so. */
export const RETRY_CAP_MS = 60_000;
/** A server's Retry-After is honoured up to this long. */
export const RETRY_AFTER_CAP_MS = 3_600_000;

/**
 * Delay before retry number `attempt` (0-based): exponential with equal jitter, so a fleet of browsers that failed
 * together does not come back together.
 */
export const backoff = (attempt: number, random: () => number = Math.random): number => {
  const d = Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
  return d / 2 + random() * (d / 2);
};

/** Milliseconds a `Retry-After` header asks to wait (delta-seconds or HTTP date), or undefined if absent or bad. */
export const parseRetryAfter = (value: string | null | undefined, now: number = Date.now()): number | undefined => {
  if (!value) return;
  const ms = /^\d+$/.test(value) ? +value * 1000 : Date.parse(value) - now;
  if (ms == ms) return Math.min(Math.max(ms, 0), RETRY_AFTER_CAP_MS); // NaN: neither seconds nor a date
};
