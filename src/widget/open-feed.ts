import type { ChatApi } from './api';
import { createSseParser } from './sse-parser';

/** Failed stream attempts in a row before switching to long polling (proxies that buffer or cut SSE). */
const STREAM_TRIES = 3;
/** The collector pings every 15 s; this long without a byte means the stream is stuck (a buffering proxy). */
const SILENCE_MS = 40_000;

/** Waits for the backoff delay (full jitter, up to 30 s) or until the browser comes back online. */
const pause = (fails: number) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(30_000, 500 * 2 ** fails) * (0.5 + Math.random() / 2));
    addEventListener('online', done);
  });

/**
 * Keeps the visitor's live event feed open until the returned stop() is called: GET /v1/chat/stream read with
 * fetch (so the token travels in a header, never a URL), reconnecting with jittered backoff and Last-Event-ID
 * so nothing is missed; after {@link STREAM_TRIES} failures in a row it long-polls /v1/chat/events instead.
 */
export const openFeed = (api: ChatApi, onEvent: (type: string, data: any) => void): (() => void) => {
  let cursor = '';
  let fails = 0;
  let stopped = false;
  let polling = false;
  let ctrl: AbortController | undefined;

  const deliver = (type: string, data: unknown, id?: string) => {
    if (id) cursor = id;
    try {
      onEvent(type, typeof data == 'string' ? JSON.parse(data) : data);
    } catch {
      // One malformed event must not end the feed.
    }
  };

  const stream = async (signal: AbortSignal) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ctrl?.abort(), SILENCE_MS);
    };
    arm();
    try {
      const r = await api.raw('/v1/chat/stream', { headers: cursor ? { 'Last-Event-ID': cursor } : {}, signal });
      if (!r.ok || !r.body) throw r.status;
      const reader = r.body.getReader();
      const decoder = new TextDecoder();
      const push = createSseParser((e) => deliver(e.type, e.data, e.id));
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        arm();
        fails = 0;
        push(decoder.decode(value, { stream: true }));
      }
    } finally {
      clearTimeout(timer);
    }
  };

  const poll = async (signal: AbortSignal) => {
    const r = await api.raw('/v1/chat/events?wait=25' + (cursor ? '&after=' + encodeURIComponent(cursor) : ''), { signal });
    if (!r.ok) throw r.status;
    const b = await r.json();
    fails = 0;
    for (const e of b.events || []) deliver(e.type, e.data, e.id);
    if (b.cursor) cursor = b.cursor;
  };

  void (async () => {
    while (!stopped) {
      // Once polling, stay polling for this page: a stream that failed three times will likely fail again.
      const streaming = !(polling ||= fails >= STREAM_TRIES);
      ctrl = new AbortController();
      try {
        await (streaming ? stream : poll)(ctrl.signal);
        // A stream that ends was cut (server restart, proxy timeout): reconnect, a little later each time.
        if (streaming) fails++;
      } catch {
        fails++;
      }
      if (!stopped && fails) await pause(fails);
    }
  })();

  return () => {
    stopped = true;
    ctrl?.abort();
  };
};
