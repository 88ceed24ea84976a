import { vi } from 'vitest';
import type { ChatMessage, Conversation } from '../../src/widget/chat-types';
import type { WidgetHost } from '../../src/widget/host';

/** One request the widget made, as the collector would see it. */
export interface SeenRequest {
  method: string;
  path: string;
  body: any;
  token: string | null;
}

/**
 * A small in-memory stand-in for the collector's chat API (docs/protocol.md), for unit tests only: the real
 * collector is exercised in test/e2e/widget*.test.ts. Replaces the global fetch; `online = false` makes every
 * request fail like a dropped connection.
 */
export const createChatDouble = (options: { key?: string; scale?: 'nps' | 'stars'; online?: boolean; streamStatus?: number } = {}) => {
  /** The site keys of the tokens this double issued: chats left running by earlier tests get network errors. */
  const issued = new Map<string, string>();
  const requests: SeenRequest[] = [];
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const messages: ChatMessage[] = [];
  /** Events for long polls (GET /v1/chat/events), as the collector keeps them. */
  const events: { type: string; data: unknown; id: string }[] = [];
  let conversation: Conversation | undefined;
  let tokens = 0;
  let seq = 0;
  const encoder = new TextEncoder();
  const json = (status: number, body?: unknown) =>
    new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  const double = {
    online: options.online ?? true,
    requests,
    messages,
    /** Requests to one path (and method). */
    to: (path: string, method = 'POST') => requests.filter((r) => r.path == path && r.method == method),
    /** Sends an event to every open stream. */
    push(type: string, data: unknown) {
      events.push({ type, data, id: String(++seq) });
      const chunk = encoder.encode(`event: ${type}\nid: ${seq}\ndata: ${JSON.stringify(data)}\n\n`);
      for (const s of streams) s.enqueue(chunk);
    },
    /** The operator answers in the current conversation. */
    reply(text: string): ChatMessage {
      const m: ChatMessage = { id: 'op-' + ++seq, conversationId: conversation!.id, author: 'operator', text, clientId: null, createdAt: new Date().toISOString(), readAt: null };
      messages.push(m);
      double.push('message', { conversationId: m.conversationId, message: m });
      return m;
    },
    /** Ends every open stream (as a restart of the collector would). */
    endStreams: () => streams.splice(0).forEach((s) => s.close()),
    fetch: vi.fn(async (url: string, init: RequestInit = {}) => {
      if (!double.online) throw new TypeError('Failed to fetch');
      const u = new URL(url);
      const method = init.method || 'GET';
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      const token = new Headers(init.headers).get('authorization');
      const key = body?.writeKey || u.searchParams.get('writeKey') || issued.get(token?.slice(7) || '');
      if (options.key && key != options.key) throw new TypeError('Failed to fetch');
      requests.push({ method, path: u.pathname, body, token });
      const p = u.pathname;
      if (p == '/v1/chat/config')
        return json(200, { enabled: true, online: true, nextOpen: null, replyTimeMinutes: 5, requireVerification: false, feedbackScale: options.scale || 'stars' });
      if (p == '/v1/feedback') return json(201, { id: 'f1' });
      if (p == '/v1/chat/session') {
        issued.set('token-' + ++tokens, key);
        return json(200, { visitorToken: 'token-' + tokens, verified: false });
      }
      if (!token?.startsWith('Bearer token-')) return json(401, { error: 'unauthorized' });
      if (p == '/v1/chat/events') {
        // A short long poll: answer at once when something is newer than `after`, else after 50 ms.
        const after = Number(u.searchParams.get('after') || 0);
        const newer = () => events.filter((e) => Number(e.id) > after);
        if (!newer().length) await new Promise((r) => setTimeout(r, 50));
        return json(200, { events: newer(), cursor: events.at(-1)?.id ?? String(after) });
      }
      if (p == '/v1/chat/stream' && options.streamStatus) return json(options.streamStatus, { error: 'unavailable' });
      if (p == '/v1/chat/stream') {
        const body = new ReadableStream<Uint8Array>({
          start(c) {
            streams.push(c);
            c.enqueue(encoder.encode(': hello\n\n'));
          },
        });
        init.signal?.addEventListener('abort', () => streams.splice(streams.findIndex((s) => s == (body as any)), 0));
        return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
      }
      if (p == '/v1/chat/conversations') return json(200, { conversations: conversation ? [{ ...conversation, unread: 0 }] : [] });
      if (p == '/v1/chat/messages') {
        const old = messages.find((m) => m.clientId == body.clientId);
        if (old) return json(200, { conversation, message: old });
        if (body.text.length > 4000) return json(413, { error: 'text_too_long', message: 'too long' });
        conversation ||= { id: 'conv-1', status: 'open' };
        const m: ChatMessage = { id: 'm-' + ++seq, conversationId: conversation.id, author: 'visitor', text: body.text, clientId: body.clientId, createdAt: new Date().toISOString(), readAt: null };
        messages.push(m);
        return json(201, { conversation, message: m });
      }
      const sub = /^\/v1\/chat\/conversations\/([^/]+)\/(\w+)$/.exec(p);
      if (!sub || sub[1] != conversation?.id) return json(404, { error: 'not_found' });
      if (sub[2] == 'messages') return json(200, { messages });
      if (sub[2] == 'close') return json(200, { conversation: (conversation = { ...conversation, status: 'closed' }) });
      if (sub[2] == 'rating') return json(200, { conversation });
      return json(204);
    }),
  };
  vi.stubGlobal('fetch', double.fetch);
  return double;
};

/** Instead of the real fetch after a test: chats it left running fail quietly and back off. */
export const unplug = () => vi.stubGlobal('fetch', () => Promise.reject(new TypeError('Failed to fetch')));

/** A host object like the one the core hands to mount(), recording what the widget asked of it. */
export const createTestHost = (overrides: Partial<WidgetHost> = {}) => {
  const launcher = document.createElement('button');
  launcher.textContent = 'Open chat';
  document.body.append(launcher);
  const calls = { track: [] as [string, unknown][], emit: [] as [string, unknown][], badge: [] as number[] };
  const visitor = { anonymousId: 'anon-1' };
  const host: WidgetHost = {
    key: 'pk_test_' + Math.random().toString(36).slice(2),
    endpoint: 'https://collector.test',
    locale: 'en',
    dir: 'ltr',
    options: { position: 'right', offsetX: 20, offsetY: 20, zIndex: 2147483000, color: '#4f46e5', theme: 'auto', font: 'system-ui, sans-serif', launcher: true },
    visitor: () => visitor,
    track: (e, p) => calls.track.push([e, p]),
    emit: (n, v) => calls.emit.push([n, v]),
    badge: (n) => calls.badge.push(n),
    launcher: () => launcher,
    ...overrides,
  };
  return { host, calls, visitor, launcher };
};

/** Retries `check` until it stops throwing or time runs out. */
export async function waitFor<T>(check: () => T, timeoutMs = 2000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
