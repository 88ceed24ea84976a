import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ChatEvent } from '../store/chat-types.js';
import type { HubListener } from './chat-hub.js';

/** Where a stream's events come from: live from the hub, missed ones from the database. */
export interface ChatEventSource {
  subscribe(listener: HubListener): () => void;
  /** Stored events after the cursor, oldest first, at most `limit`. */
  replay(afterId: string, limit: number): Promise<ChatEvent[]>;
  /** The newest cursor now. */
  latest(): Promise<string>;
}

/** Open streams of one route family, ended when the server closes. */
export type OpenStreams = Set<ServerResponse>;

const PAGE = 500;
const REMEMBERED = 2000;

/** A cursor from Last-Event-ID / `after`: digits only, else null. */
export function parseCursor(value: unknown): string | null {
  return typeof value === 'string' && /^\d{1,18}$/.test(value) ? value : null;
}

function frame(event: ChatEvent, cursor: string | null): string {
  const id = event.id ?? cursor;
  return `event: ${event.type}\n${id ? `id: ${id}\n` : ''}data: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * Serves Server-Sent Events: `event: <type>`, `id: <cursor>`, `data: <json>`, a `: ping` comment every
 * `pingMs`. With `Last-Event-ID` it first replays what was stored after that cursor; live events arriving
 * meanwhile wait, and every id is written once. After a lost database listener (`resync`) it catches up from
 * the last cursor it wrote (or the one current when it opened).
 */
export async function serveChatStream(req: FastifyRequest, reply: FastifyReply, source: ChatEventSource, options: { pingMs: number; open: OpenStreams }): Promise<void> {
  const lastEventId = parseCursor(req.headers['last-event-id']);
  let cursor: string | null = lastEventId;
  const sent = new Set<string>();
  const buffer: ChatEvent[] = [];
  let replaying = true;
  let closed = false;

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
  });
  res.write('retry: 2000\n: connected\n\n');
  options.open.add(res);

  const write = (event: ChatEvent): void => {
    if (closed) return;
    if (event.id !== null) {
      if (sent.has(event.id)) return;
      sent.add(event.id);
      if (sent.size > REMEMBERED) sent.delete(sent.values().next().value!);
      if (cursor === null || BigInt(event.id) > BigInt(cursor)) cursor = event.id;
    }
    res.write(frame(event, cursor));
  };

  let floor: string | null = null;
  const catchUp = async (): Promise<void> => {
    let after = cursor ?? floor;
    if (after === null) return;
    for (;;) {
      const events = await source.replay(after, PAGE);
      for (const event of events) write(event);
      if (events.length < PAGE || closed) return;
      after = events[events.length - 1]!.id!;
    }
  };

  const unsubscribe = source.subscribe((signal) => {
    if (signal.kind === 'resync') {
      catchUp().catch((error: unknown) => req.log.warn({ err: error }, 'chat stream catch-up failed'));
    } else if (replaying) buffer.push(signal.event);
    else write(signal.event);
  });
  const ping = setInterval(() => res.write(': ping\n\n'), options.pingMs);
  const stop = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(ping);
    unsubscribe();
    options.open.delete(res);
    if (!res.writableEnded) res.end();
  };
  req.raw.on('close', stop);
  res.on('close', stop);

  try {
    if (lastEventId === null) floor = await source.latest();
    else await catchUp();
  } catch (error) {
    req.log.warn({ err: error }, 'chat stream replay failed');
  }
  replaying = false;
  for (const event of buffer.splice(0)) write(event);
}

/** Outcome of one long poll. */
export interface PollResult {
  events: Array<{ type: string; data: unknown; id: string }>;
  cursor: string;
}

/**
 * The polling fallback: events after `after` (or from now), waiting up to `waitMs` for the first one. Typing
 * events seen while waiting are included with the current cursor as their id. `closing` ends the wait early.
 */
export async function pollChatEvents(source: ChatEventSource, after: string | null, waitMs: number, closing: Promise<void>): Promise<PollResult> {
  const typing: ChatEvent[] = [];
  let wake!: () => void;
  const woken = new Promise<void>((resolve) => (wake = resolve));
  const unsubscribe = source.subscribe((signal) => {
    if (signal.kind === 'event' && signal.event.id === null) typing.push(signal.event);
    wake();
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    const start = after ?? (await source.latest());
    let events = await source.replay(start, PAGE);
    if (events.length === 0 && typing.length === 0 && waitMs > 0) {
      await Promise.race([woken, closing, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
      events = await source.replay(start, PAGE);
    }
    const cursor = events.length > 0 ? events[events.length - 1]!.id! : start;
    return {
      events: [...events, ...typing].map((e) => ({ type: e.type, data: e.data, id: e.id ?? cursor })),
      cursor,
    };
  } finally {
    clearTimeout(timer);
    unsubscribe();
  }
}
