/**
 * A UUID v7 (RFC 9562): 48 bits of Unix milliseconds, version 7, variant 10, then random bits. Time-ordered, so
 * the outbox's key order is the order events happened in.
 */
export const uuid = (now = Date.now()): string =>
  (
    now.toString(16).padStart(12, '0') +
    Array.from(crypto.getRandomValues(new Uint8Array(10)), (x) => (x + 256).toString(16).slice(1)).join('')
  ).replace(/^(.{8})(.{4}).(.{3}).(.{3})/, '$1-$2-7$3-8$4-');
