let last = 0;
let pool = new Uint8Array(0);
let at = 0;

/**
 * A UUID v7 (RFC 9562): 48 bits of Unix milliseconds, version 7, variant 10, then random bits. Time-ordered, so
 * the outbox's key order is the order events happened in. Ids made now are also monotonic: two in the same
 * millisecond get increasing timestamps (RFC 9562 §6.2 allows the clock to be moved on), so a burst of events
 * keeps its order. An explicit `now` (a replayed call's time) is encoded as given. Random bytes come from
 * crypto.getRandomValues in blocks of 64 ids: one call per id costs more than the rest of track().
 */
export const uuid = (now?: number): string => {
  if (at >= pool.length) (pool = crypto.getRandomValues(new Uint8Array(640))), (at = 0);
  return (
    (now ?? (last = Math.max(Date.now(), last + 1))).toString(16).padStart(12, '0') +
    Array.from(pool.subarray(at, (at += 10)), (x) => (x + 256).toString(16).slice(1)).join('')
  ).replace(/^(.{8})(.{4}).(.{3}).(.{3})/, '$1-$2-7$3-8$4-');
};
