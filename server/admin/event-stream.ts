import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { siteIdOf } from './site-id-of.js';
import type { EventFilter, Store } from '../store/store.js';
import { strParam } from './query-params.js';

/** Timing of the live stream. */
export interface EventStreamOptions {
  store: Store;
  pollMs?: number;
  heartbeatMs?: number;
}

// Row ids are handed out when a transaction inserts, but transactions commit in any order, so a row with a lower
// id can become visible after a higher one was sent. The stream re-reads a trailing window of ids for this long
// and remembers which it already sent.
const SETTLE_MS = 5000;

/**
 * GET /v1/admin/sites/:site/events/stream — Server-Sent Events, one `data: <event JSON>` per newly stored event.
 * It polls the database (not process memory), so it sees events that any collector on the same database stored.
 */
export async function eventStream(app: FastifyInstance, options: EventStreamOptions): Promise<void> {
  const { store } = options;
  const pollMs = options.pollMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const open = new Set<ServerResponse>();

  // Open streams would keep close() waiting forever; end them first.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get('/sites/:site/events/stream', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const type = strParam(q.type, 'type');
    const name = strParam(q.name, 'name');
    const filter: EventFilter = { ...(type ? { type } : {}), ...(name ? { name } : {}) };
    const siteId = await siteIdOf(store, req.params);
    let floor = await store.latestEventId(siteId);

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
    });
    res.write(`retry: 2000\n: connected\n\n`);
    open.add(res);

    const sent = new Map<number, number>(); // id -> when sent
    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const heartbeat = setInterval(() => res.write(': ping\n\n'), heartbeatMs);
    const stop = (): void => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      open.delete(res);
      if (!res.writableEnded) res.end();
    };
    req.raw.on('close', stop);
    res.on('close', stop);

    const poll = async (): Promise<void> => {
      try {
        const now = Date.now();
        const rows = await store.eventsAfter(siteId, floor, filter, 500);
        for (const event of rows) {
          if (sent.has(event.id)) continue;
          sent.set(event.id, now);
          if (!closed) res.write(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
        }
        for (const [id, at] of sent) {
          if (now - at < SETTLE_MS) continue;
          floor = Math.max(floor, id);
          sent.delete(id);
        }
        // Also settle ids older than the window that no longer matter.
        for (const id of sent.keys()) if (id <= floor) sent.delete(id);
      } catch (error) {
        req.log.warn({ err: error }, 'event stream poll failed; will retry');
      }
      if (!closed) timer = setTimeout(() => void poll(), pollMs);
    };
    timer = setTimeout(() => void poll(), pollMs);
  });
}
