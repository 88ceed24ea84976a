import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../../server/create-server.js';
import type { Site, Store } from '../../../server/store/store.js';
import { asOperator, visitorOf } from '../helpers/chat.js';
import { trackMessage } from '../helpers/messages.js';
import { testServer, testSite } from '../helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from '../helpers/test-stores.js';

describe.each(STORE_KINDS)('operator chat API on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store);
    site = await testSite(store);
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });
  const url = (path = '') => `/v1/admin/sites/${site.id}/conversations${path}`;

  it('needs the operator token', async () => {
    const res = await server.app.inject({ method: 'GET', url: url() });
    expect(res.statusCode).toBe(401);
  });

  it('lists unread first, then newest; filters by status', async () => {
    const s = await testSite(store);
    const list = async (status = 'all') => (await asOperator(server, 'GET', `/v1/admin/sites/${s.id}/conversations?status=${status}`)).body.conversations as Array<{ id: string; unreadForOperator: number }>;
    const a = await visitorOf(server, s);
    const b = await visitorOf(server, s);
    const c = await visitorOf(server, s);
    const idA = (await a.send('a')).body.conversation.id;
    const idB = (await b.send('b')).body.conversation.id;
    const idC = (await c.send('c')).body.conversation.id;
    expect((await list()).map((x) => x.id)).toEqual([idC, idB, idA]);
    await asOperator(server, 'POST', `/v1/admin/sites/${s.id}/conversations/${idC}/read`);
    await asOperator(server, 'POST', `/v1/admin/sites/${s.id}/conversations/${idB}/read`);
    // A is unread, so it comes first though it is the oldest.
    expect((await list()).map((x) => [x.id, x.unreadForOperator])).toEqual([[idA, 1], [idC, 0], [idB, 0]]);
    await asOperator(server, 'POST', `/v1/admin/sites/${s.id}/conversations/${idB}/close`);
    expect((await list('open')).map((x) => x.id)).toEqual([idA, idC]);
    expect((await list('closed')).map((x) => x.id)).toEqual([idB]);
    expect((await asOperator(server, 'GET', `/v1/admin/sites/${s.id}/conversations?status=nope`)).status).toBe(400);
    expect((await asOperator(server, 'GET', `/v1/admin/sites/nope/conversations`)).status).toBe(404);
  });

  it('shows a conversation with messages and the visitor context from events and people', async () => {
    const v = await visitorOf(server, site, { userId: 'u-ctx' });
    const page = (path: string, title: string, at: number) =>
      trackMessage({ type: 'page', event: undefined, name: title, anonymousId: v.anonymousId, timestamp: new Date(Date.now() - at).toISOString(), context: { page: { url: `https://shop.example${path}`, title, path } } });
    await server.app.inject({
      method: 'POST',
      url: '/v1/batch',
      payload: {
        writeKey: site.writeKey,
        batch: [
          page('/', 'Home', 60_000),
          page('/pricing', 'Pricing', 30_000),
          trackMessage({ anonymousId: v.anonymousId, event: 'Plan Selected', timestamp: new Date(Date.now() - 20_000).toISOString() }),
          { type: 'identify', messageId: randomUUID(), anonymousId: v.anonymousId, userId: 'u-ctx', traits: { name: 'Aiko', plan: 'pro' } },
        ],
      },
    });
    const id = (await v.send('Which plan fits me?', { page: { url: 'https://shop.example/pricing', title: 'Pricing' } })).body.conversation.id;
    const res = await asOperator(server, 'GET', url(`/${id}`));
    expect(res.status).toBe(200);
    const { conversation, messages, context } = res.body;
    expect(conversation).toMatchObject({ id, status: 'open', visitor: { anonymousId: v.anonymousId, userId: 'u-ctx', verified: false, email: null, traits: { name: 'Aiko' } } });
    expect(conversation.visitor.personId).toBeTruthy();
    expect(messages.map((m: { text: string }) => m.text)).toEqual(['Which plan fits me?']);
    expect(context.currentPage).toEqual({ url: 'https://shop.example/pricing', title: 'Pricing' });
    expect(context.pages.map((p: { title: string }) => p.title)).toEqual(['Pricing', 'Home']);
    expect(context.recentEvents.map((e: { type: string }) => e.type)).toEqual(['identify', 'track', 'page', 'page']);
    expect(context.traits).toEqual({ name: 'Aiko', plan: 'pro' });
    expect((await asOperator(server, 'GET', url(`/${randomUUID()}`))).body.error).toBe('conversation_not_found');
  });

  it('records first-response and resolution times; a reply reopens a closed conversation', async () => {
    const v = await visitorOf(server, site);
    const id = (await v.send('Hello?')).body.conversation.id;
    const before = (await asOperator(server, 'GET', url(`/${id}`))).body.conversation;
    expect(before).toMatchObject({ firstResponseSeconds: null, resolutionSeconds: null });
    await new Promise((r) => setTimeout(r, 1100));
    const reply = await asOperator(server, 'POST', url(`/${id}/messages`), { text: '  Hi! How can I help?  ' });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ author: 'operator', text: 'Hi! How can I help?', clientId: null, conversationId: id });
    await asOperator(server, 'POST', url(`/${id}/messages`), { text: 'second reply does not change it' });
    const closed = await asOperator(server, 'POST', url(`/${id}/close`));
    expect(closed.status).toBe(200);
    const c = closed.body.conversation;
    expect(c.status).toBe('closed');
    expect(c.firstResponseSeconds).toBeGreaterThanOrEqual(1.1);
    expect(c.firstResponseSeconds).toBeLessThan(5);
    expect(c.resolutionSeconds).toBeGreaterThanOrEqual(c.firstResponseSeconds);
    expect(c.resolutionSeconds).toBeLessThan(10);
    const reopened = await asOperator(server, 'POST', url(`/${id}/reopen`));
    expect(reopened.body.conversation).toMatchObject({ status: 'open', closedAt: null, resolutionSeconds: null });
    await asOperator(server, 'POST', url(`/${id}/close`));
    await asOperator(server, 'POST', url(`/${id}/messages`), { text: 'one more thing' });
    expect((await asOperator(server, 'GET', url(`/${id}`))).body.conversation.status).toBe('open');
    expect((await asOperator(server, 'POST', url(`/${id}/messages`), { text: '' })).body.error).toBe('text_empty');
    expect((await asOperator(server, 'POST', url(`/${id}/messages`), { text: 'x'.repeat(4001) })).status).toBe(413);
    expect((await asOperator(server, 'POST', url(`/${randomUUID()}/messages`), { text: 'x' })).status).toBe(404);
  });

  it('keeps one site’s conversations out of another site’s API', async () => {
    const other = await testSite(store);
    const v = await visitorOf(server, site);
    const id = (await v.send('site one')).body.conversation.id;
    expect((await asOperator(server, 'GET', `/v1/admin/sites/${other.id}/conversations/${id}`)).status).toBe(404);
    expect((await asOperator(server, 'POST', `/v1/admin/sites/${other.id}/conversations/${id}/messages`, { text: 'x' })).status).toBe(404);
    expect((await asOperator(server, 'GET', `/v1/admin/sites/${other.id}/conversations`)).body.conversations).toEqual([]);
  });

  it('patches chat and feedback settings, validating business hours', async () => {
    const s = await testSite(store);
    const hours = { timezone: 'Asia/Tokyo', days: { mon: [['09:00', '18:00']], sat: [] } };
    const res = await asOperator(server, 'PATCH', `/v1/admin/sites/${s.id}`, { chat: { businessHours: hours }, feedback: { scale: 'nps' } });
    expect(res.status).toBe(200);
    expect(res.body.site.chat).toEqual({ enabled: true, businessHours: hours, requireVerification: false, replyTimeMinutes: 5 });
    expect(res.body.site.feedback).toEqual({ scale: 'nps' });
    const partial = await asOperator(server, 'PATCH', `/v1/admin/sites/${s.id}`, { chat: { replyTimeMinutes: 30 } });
    expect(partial.body.site.chat).toMatchObject({ businessHours: hours, replyTimeMinutes: 30 });
    for (const bad of [
      { chat: { businessHours: { timezone: 'Mars/Olympus', days: {} } } },
      { chat: { businessHours: { timezone: 'UTC', days: { mon: [['9:00', '18:00']] } } } },
      { chat: { businessHours: { timezone: 'UTC', days: { mon: [['09:00', '09:00']] } } } },
      { chat: { businessHours: { timezone: 'UTC', days: { funday: [] } } } },
      { chat: { replyTimeMinutes: -1 } },
      { chat: { surprise: true } },
      { feedback: { scale: 'emoji' } },
    ]) {
      expect((await asOperator(server, 'PATCH', `/v1/admin/sites/${s.id}`, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    await asOperator(server, 'PATCH', `/v1/admin/sites/${s.id}`, { chat: { enabled: false } });
    const session = await server.app.inject({ method: 'POST', url: '/v1/chat/session', payload: { writeKey: s.writeKey, anonymousId: 'a' } });
    expect(session.statusCode).toBe(403);
    expect(session.json().error).toBe('chat_disabled');
  });

  it('erases a person’s conversations and feedback with them', async () => {
    const v = await visitorOf(server, site);
    await v.send('please forget me');
    await server.app.inject({ method: 'POST', url: '/v1/feedback', payload: { writeKey: site.writeKey, anonymousId: v.anonymousId, scale: 'stars', rating: 2, clientId: randomUUID() } });
    const exported = await asOperator(server, 'GET', `/v1/admin/sites/${site.id}/people/${v.anonymousId}/export`);
    expect(exported.body.conversations[0].messages[0].text).toBe('please forget me');
    expect(exported.body.feedback[0].rating).toBe(2);
    const erased = await server.app.inject({ method: 'DELETE', url: `/v1/admin/sites/${site.id}/people/${v.anonymousId}`, headers: { authorization: 'Bearer test-operator-token-0123456789' } });
    expect(erased.json()).toEqual({ deleted: { events: 0, people: 0, conversations: 1, feedback: 1 } });
    expect((await v.get('/v1/chat/conversations')).status).toBe(401); // the visitor and their tokens are gone too
  });
});
