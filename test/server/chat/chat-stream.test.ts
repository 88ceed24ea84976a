import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../../server/create-server.js';
import type { Site, Store } from '../../../server/store/store.js';
import { asOperator, operator, visitorOf } from '../helpers/chat.js';
import { openSse, type SseClient } from '../helpers/sse-client.js';
import { testServer, testSite } from '../helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from '../helpers/test-stores.js';

describe.each(STORE_KINDS)('chat streams on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  let base: string;
  const streams: SseClient[] = [];
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store, { chat: { pingMs: 200 } });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
    site = await testSite(store, ['https://shop.example']);
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await server?.app.close();
    await closeTestStore(store);
  });
  const open = async (path: string, headers: Record<string, string>) => {
    const s = await openSse(`${base}${path}`, headers);
    streams.push(s);
    return s;
  };
  const reply = (id: string, text: string) =>
    fetch(`${base}/v1/admin/sites/${site.id}/conversations/${id}/messages`, {
      method: 'POST',
      headers: { ...operator, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });

  it('round trip: visitor writes, the inbox stream shows it, the operator replies, the visitor stream gets it at once', async () => {
    const v = await visitorOf(server, site);
    const visitorStream = await open('/v1/chat/stream', { ...v.auth, origin: 'https://shop.example' });
    expect(visitorStream.status).toBe(200);
    expect(visitorStream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(visitorStream.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    const inbox = await open(`/v1/admin/sites/${site.id}/conversations/stream`, operator);

    const t0 = performance.now();
    const sent = await v.send('Is the blue one in stock?');
    const seenByOperator = await inbox.next((e) => e.event === 'message');
    const toOperatorMs = seenByOperator.at - t0;
    const id = sent.body.conversation.id as string;
    expect(seenByOperator.data).toMatchObject({ conversationId: id, message: { author: 'visitor', text: 'Is the blue one in stock?' } });
    const newConversation = await inbox.next((e) => e.event === 'conversation');
    expect(newConversation.data).toMatchObject({ conversation: { id, status: 'open', unreadForOperator: 1, visitor: { anonymousId: v.anonymousId } } });
    // The visitor's own message also reaches their other tabs.
    await visitorStream.next((e) => e.event === 'message' && (e.data as { message: { author: string } }).message.author === 'visitor');

    // The first reply is cold (route schemas compiled, statements planned); then five warm ones.
    const latencies: number[] = [];
    for (const text of ['Yes, size M and L.', 'Anything else?', 'We ship tomorrow.', 'Thanks!', 'Bye.', 'Really bye.']) {
      const t1 = performance.now();
      const posted = await reply(id, text);
      expect(posted.status).toBe(201);
      const got = await visitorStream.next((e) => e.event === 'message' && (e.data as { message: { author: string } }).message.author === 'operator');
      latencies.push(got.at - t1);
      expect(got.data).toMatchObject({ conversationId: id, message: { author: 'operator', text, readAt: null } });
      expect(got.id).toMatch(/^\d+$/);
    }
    const warm = latencies.slice(1).sort((a, b) => a - b);
    console.log(
      `[chat latency] ${kind}, one collector: visitor → inbox stream ${toOperatorMs.toFixed(1)} ms (first message, cold); ` +
        `operator reply → visitor stream ${latencies[0]!.toFixed(1)} ms cold, median ${warm[2]!.toFixed(1)} ms, max ${warm[4]!.toFixed(1)} ms warm (5 replies)`,
    );
    expect(warm[2]!).toBeLessThan(1000);
  });

  it('replays what was missed after Last-Event-ID, once, then continues live; pings keep it open', async () => {
    const v = await visitorOf(server, site);
    const id = (await v.send('first')).body.conversation.id as string;
    const first = await open('/v1/chat/stream', v.auth);
    await reply(id, 'reply one');
    // (The visitor's own "first" may arrive too: it was stored just before connecting.)
    const one = await first.next((e) => e.event === 'message' && (e.data as { message: { text: string } }).message.text === 'reply one');
    first.close();
    await reply(id, 'reply two (while away)');
    await v.post(`/v1/chat/conversations/${id}/close`);

    const again = await open('/v1/chat/stream', { ...v.auth, 'last-event-id': one.id! });
    const replayed = await again.next((e) => e.event === 'message');
    expect((replayed.data as { message: { text: string } }).message.text).toBe('reply two (while away)');
    const status = await again.next((e) => e.event === 'conversation' && (e.data as { conversation: { status: string } }).conversation.status === 'closed');
    expect(BigInt(status.id!)).toBeGreaterThan(BigInt(replayed.id!));
    await reply(id, 'live again');
    const live = await again.next((e) => e.event === 'message');
    expect((live.data as { message: { text: string } }).message.text).toBe('live again');
    const texts = again.events.filter((e) => e.event === 'message').map((e) => (e.data as { message: { text: string } }).message.text);
    expect(texts).toEqual(['reply two (while away)', 'live again']);
    await new Promise((r) => setTimeout(r, 500));
    expect(again.comments).toContain('ping');
  });

  it('carries typing both ways, only to the other side', async () => {
    const v = await visitorOf(server, site);
    const id = (await v.send('hi')).body.conversation.id as string;
    const visitorStream = await open('/v1/chat/stream', v.auth);
    const inbox = await open(`/v1/admin/sites/${site.id}/conversations/stream`, operator);
    expect((await asOperator(server, 'POST', `/v1/admin/sites/${site.id}/conversations/${id}/typing`, { typing: true })).status).toBe(204);
    expect((await visitorStream.next((e) => e.event === 'typing')).data).toEqual({ conversationId: id, typing: true });
    expect((await v.post(`/v1/chat/conversations/${id}/typing`, { typing: true })).status).toBe(204);
    expect((await inbox.next((e) => e.event === 'typing')).data).toEqual({ conversationId: id, typing: true });
    // Neither side hears its own typing.
    await new Promise((r) => setTimeout(r, 100));
    expect(visitorStream.events.filter((e) => e.event === 'typing')).toHaveLength(1);
    expect(inbox.events.filter((e) => e.event === 'typing' && (e.data as { conversationId: string }).conversationId === id)).toHaveLength(1);
  });

  it('a visitor stream carries only that visitor’s events', async () => {
    const a = await visitorOf(server, site);
    const b = await visitorOf(server, site);
    const streamB = await open('/v1/chat/stream', b.auth);
    const idA = (await a.send('private to A')).body.conversation.id as string;
    await reply(idA, 'for A only');
    const idB = (await b.send('from B')).body.conversation.id as string;
    await streamB.next((e) => e.event === 'message');
    await new Promise((r) => setTimeout(r, 100));
    expect(JSON.stringify(streamB.events)).not.toContain(idA);
    expect(JSON.stringify(streamB.events)).not.toContain('for A only');
    expect(JSON.stringify(streamB.events)).toContain(idB);
  });

  it('long-polls as a fallback: waits for the next event, returns it with a cursor, and returns at once when there is news', async () => {
    const v = await visitorOf(server, site);
    const id = (await v.send('polling')).body.conversation.id as string;
    const start = await fetch(`${base}/v1/chat/events?wait=0`, { headers: v.auth });
    const { cursor } = (await start.json()) as { cursor: string };
    const waiting = fetch(`${base}/v1/chat/events?after=${cursor}&wait=10`, { headers: v.auth }).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 150));
    const t = performance.now();
    await reply(id, 'answer while polling');
    type Polled = { events: Array<{ type: string; id: string; data: { message?: { text: string } } }>; cursor: string };
    let polled = (await waiting) as Polled;
    // A poll answers on the first news; an event of the visitor's own message committed just after the first
    // cursor can be that news, so poll on from the returned cursor, as the widget does.
    const events = [...polled.events];
    const isReply = (e: Polled['events'][number]) => e.type === 'message' && e.data.message?.text === 'answer while polling';
    while (!events.some(isReply) && performance.now() - t < 2000) {
      polled = (await fetch(`${base}/v1/chat/events?after=${polled.cursor}&wait=2`, { headers: v.auth }).then((r) => r.json())) as Polled;
      events.push(...polled.events);
    }
    expect(performance.now() - t).toBeLessThan(2000); // answered on the event, long before the 10 s wait
    expect(events.find(isReply)?.data.message?.text).toBe('answer while polling');
    expect(polled.cursor).toBe(events[events.length - 1]!.id);
    const again = await fetch(`${base}/v1/chat/events?after=${cursor}&wait=10`, { headers: v.auth }).then((r) => r.json());
    expect((again as { events: unknown[] }).events.length).toBe(events.length);
    const empty = await fetch(`${base}/v1/chat/events?after=${polled.cursor}&wait=1`, { headers: v.auth }).then((r) => r.json());
    expect(empty).toEqual({ events: [], cursor: polled.cursor });
    expect((await fetch(`${base}/v1/chat/events?after=abc`, { headers: v.auth })).status).toBe(400);
  });

  it('the inbox stream needs the operator and tells about reads, closes and ratings', async () => {
    expect((await fetch(`${base}/v1/admin/sites/${site.id}/conversations/stream`)).status).toBe(401);
    const inbox = await open(`/v1/admin/sites/${site.id}/conversations/stream`, operator);
    const v = await visitorOf(server, site);
    const id = (await v.send('rate me')).body.conversation.id as string;
    await asOperator(server, 'POST', `/v1/admin/sites/${site.id}/conversations/${id}/read`);
    const read = await inbox.next((e) => e.event === 'conversation' && (e.data as { conversation: { unreadForOperator: number } }).conversation.unreadForOperator === 0);
    expect((read.data as { conversation: { id: string } }).conversation.id).toBe(id);
    await v.post(`/v1/chat/conversations/${id}/close`);
    await v.post(`/v1/chat/conversations/${id}/rating`, { score: 5 });
    await inbox.next((e) => e.event === 'conversation' && (e.data as { conversation: { status: string } }).conversation.status === 'closed');
    const rated = await inbox.next((e) => e.event === 'conversation' && (e.data as { conversation: { rating: unknown } }).conversation.rating !== null);
    expect((rated.data as { conversation: { rating: unknown } }).conversation.rating).toEqual({ score: 5, comment: null });
  });

  it('ends open streams when the collector shuts down', async () => {
    const other = await testServer(store);
    await other.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (other.app.server.address() as { port: number }).port;
    const v = await visitorOf(other, site);
    const s = await openSse(`http://127.0.0.1:${port}/v1/chat/stream`, v.auth);
    const t = performance.now();
    await other.app.close();
    expect(performance.now() - t).toBeLessThan(3000);
    s.close();
  });
});
