/** Browsers let all keepalive requests (and beacons) of a page have at most this many body bytes in flight. */
export const KEEPALIVE_BUDGET = 65536;
/** Give up on a request after this long; it is retried like a network error. */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * The outcome of one POST: an HTTP status (0 = network error or timeout) and the Retry-After header. A tuple, not an
 * object: property names survive minification, and the tracking core's size budget has no bytes to spare.
 */
export type SendResult = [status: number, retryAfter?: string | null];

let inFlight = 0;

/** UTF-8 byte length of a string. */
export const byteLength = (s: string): number => new TextEncoder().encode(s).length;

/**
 * POSTs `body` as text/plain: a CORS "simple" request, so no preflight that might never finish during unload
 * (posthog-js#4139). Uses keepalive while the page-wide 64 KiB budget allows, so the request outlives the page.
 */
export const send = async (url: string, body: string): Promise<SendResult> => {
  const size = byteLength(body);
  const keepalive = inFlight + size <= KEEPALIVE_BUDGET;
  if (keepalive) inFlight += size;
  try {
    const r = await fetch(url, {
      method: 'POST',
      body,
      keepalive,
      credentials: 'omit',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      signal: AbortSignal.timeout?.(SEND_TIMEOUT_MS),
    });
    return [r.status, r.headers.get('Retry-After')];
  } catch {
    return [0];
  } finally {
    if (keepalive) inFlight -= size;
  }
};

/**
 * Sends during pagehide, when no response will ever be read, as a keepalive fetch if the page-wide budget still
 * has room. (sendBeacon draws on the same budget in Chromium, so it would not get further.) Returns false when
 * there is no room: those events stay in the outbox for the next page load.
 */
export const sendOnUnload = (url: string, body: string): boolean =>
  inFlight + byteLength(body) <= KEEPALIVE_BUDGET && (void send(url, body), true);
