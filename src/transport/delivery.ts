import type { DropReason, KizunaEvents, Message } from '../types';
import type { Outbox } from '../storage/outbox';
import { backoff, parseRetryAfter } from './retry';
import { byteLength, send, sendOnUnload } from './send';

/** Largest request body; below the 64 KiB keepalive budget so one batch can always leave during unload. */
export const MAX_BODY_BYTES = 60 * 1024;
/** Largest single message the collector accepts; bigger ones are dropped as `oversize`. */
export const MAX_MESSAGE_BYTES = 32 * 1024;

/** Options for {@link createDelivery}. */
export interface DeliveryOptions {
  /** Collector base URL, without a trailing slash. */
  url: string;
  key: string;
  flushAt: number;
  flushInterval: number;
  cap: number;
  emit: <K extends keyof KizunaEvents>(name: K, value: KizunaEvents[K]) => void;
  log: (...a: unknown[]) => void;
}

/** Batching, retry and unload-safe sending of this tab's events; the outbox holds the durable copy. */
export interface Delivery {
  /** Queues a new message: written to the outbox, sent at the size or age threshold. */
  add(m: Message): void;
  /** Queues messages claimed from the outbox (already stored) and sends them. */
  adopt(ms: Message[]): void;
  /** Sends everything waiting, batch after batch, until done or a failure schedules a retry. */
  flush(): Promise<void>;
  /** Forgets every waiting event and erases the outbox (consent denied). */
  clear(): void;
}

const size = (m: Message) => byteLength(JSON.stringify(m));

/** Groups messages, in order, into batches whose JSON stays under `max` bytes. */
export const chunk = (ms: Message[], max = MAX_BODY_BYTES): Message[][] => {
  const out: Message[][] = [];
  let bytes = max;
  for (const m of ms) {
    const n = size(m) + 1;
    // 256 bytes for the envelope: sentAt, writeKey, dropped counters.
    if (bytes + n > max - 256) out.push([]), (bytes = 0);
    out[out.length - 1]!.push(m);
    bytes += n;
  }
  return out;
};

/**
 * Creates the {@link Delivery} for one tab. An event leaves the outbox only when the collector answered 2xx;
 * 5xx, network errors and timeouts retry with jittered backoff; 429 and 503 wait for Retry-After; other 4xx drop
 * the batch and count it. Sends on `visibilitychange` to hidden, and with keepalive or a beacon on `pagehide`.
 */
export const createDelivery = (o: DeliveryOptions, outbox: Outbox): Delivery => {
  let queue: Message[] = [];
  const sending = new Set<Message>();
  let dropped: { [R in DropReason]?: number } = {};
  let attempt = 0;
  let notBefore = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> | undefined;
  let gone = 0;
  let toWrite: Message[] = [];
  let written: Promise<unknown> = Promise.resolve();
  const url = o.url + '/v1/batch';

  /** Removes messages from the queue and the outbox; with a reason, counts them as lost. */
  const remove = (ms: Message[], reason?: DropReason) => {
    queue = queue.filter((m) => !ms.includes(m));
    void outbox.del(ms.map((m) => m.messageId));
    if (reason) {
      dropped[reason] = (dropped[reason] || 0) + ms.length;
      o.emit('dropped', { reason, count: ms.length });
    }
  };
  const body = (batch: Message[], d: typeof dropped) =>
    JSON.stringify({
      batch,
      sentAt: new Date().toISOString(),
      writeKey: o.key,
      context: Object.keys(d).length ? { dropped: d } : undefined,
    });
  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  const ready = () => queue.filter((m) => !sending.has(m));

  const drain = async () => {
    for (;;) {
      // Written to the outbox before it is sent; but an IndexedDB that never answers (Safari 14.1's hung open)
      // must not stop delivery: after 2 s the events go from memory.
      await Promise.race([written, new Promise((r) => setTimeout(r, 2000))]);
      const wait = notBefore - Date.now();
      if (wait > 0) return schedule(wait);
      const batch = chunk(ready())[0];
      if (!batch || navigator.onLine === false) return; // 'online' resumes
      const d = dropped;
      dropped = {};
      batch.forEach((m) => sending.add(m));
      const [s, retryAfter] = await send(url, body(batch, d));
      batch.forEach((m) => sending.delete(m));
      if (s > 199 && s < 300) {
        attempt = 0;
        remove(batch);
        o.emit('delivered', { count: batch.length });
        continue;
      }
      // Not delivered: the counters travel with the next batch.
      for (const k in d) dropped[k as DropReason] = (dropped[k as DropReason] || 0) + d[k as DropReason]!;
      if (s > 399 && s < 500 && s != 408 && s != 429) remove(batch, 'rejected');
      else {
        notBefore = Date.now() + ((s == 429 || s == 503 ? parseRetryAfter(retryAfter) : undefined) ?? backoff(attempt++));
        o.log('send', s);
      }
    }
  };
  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    return (current ||= drain()
      .catch(o.log)
      .finally(() => (current = undefined)));
  };

  const enqueue = (ms: Message[]) => {
    queue.push(...ms);
    const over = queue.length - o.cap;
    if (over > 0) remove(queue.slice(0, over), 'overflow');
    if (gone) unload();
    else if (queue.length - sending.size >= o.flushAt || document.hidden) void flush();
    else if (!timer) schedule(o.flushInterval);
  };

  addEventListener('online', () => {
    attempt = notBefore = 0;
    void flush();
  });
  document.addEventListener('visibilitychange', () => document.hidden && flush());
  // After pagehide no response will be read: send what is not already on its way at once, and keep it in the
  // outbox; the next page load (or another tab) sends it again and the collector keeps one copy. Events made
  // after pagehide (Chromium fires visibilitychange, where web-vitals reports, after it) leave the same way.
  const unload = () => {
    for (const batch of chunk(ready())) {
      if (!sendOnUnload(url, body(batch, dropped))) break;
      batch.forEach((m) => sending.add(m));
    }
  };
  addEventListener('pagehide', () => {
    gone = 1;
    unload();
    outbox.hold(false);
  });
  addEventListener('pageshow', (e) => {
    // Back from the back/forward cache: what was sent during pagehide was never acknowledged, so it is due again.
    if (e.persisted) (gone = 0), outbox.hold(true), sending.clear(), flush();
  });

  return {
    add(m) {
      if (size(m) > MAX_MESSAGE_BYTES) return remove([m], 'oversize');
      if (toWrite.push(m) == 1)
        written = written.then(() => {
          const ms = toWrite;
          toWrite = [];
          return outbox.put(ms);
        });
      enqueue([m]);
    },
    adopt(ms) {
      enqueue(ms);
      void flush();
    },
    flush,
    clear() {
      queue = [];
      toWrite = [];
      dropped = {};
      void outbox.clear();
    },
  };
};
