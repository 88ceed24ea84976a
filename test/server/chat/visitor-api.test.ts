import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../../server/create-server.js';
import type { Site, Store } from '../../../server/store/store.js';
import { asOperator, visitorOf } from '../helpers/chat.js';
import { testServer, testSite } from '../helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from '../helpers/test-stores.js';

const sign = (secret: string, claims: { sub?: string; exp?: number }, alg = 'HS256') => {
  const jwt = new SignJWT({}).setProtectedHeader({ alg });
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
  return jwt.sign(new TextEncoder().encode(secret));
};
const inMinutes = (m: number) => Math.floor(Date.now() / 1000) + m * 60;

describe.each(STORE_KINDS)('visitor chat API on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store, { chat: { messagesPerMinute: 5 } });
    site = await testSite(store, ['https://shop.example']);
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  const inject = (method: 'GET' | 'POST' | 'OPTIONS', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    server.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });

  it('gives an opaque token whose hash alone is stored; a second session for the same anonymousId sees the same chat', async () => {
    const a = await visitorOf(server, site);
    expect(a.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const sent = await a.send('Hello there');
    expect(sent.status).toBe(201);
    const again = await visitorOf(server, site, { anonymousId: a.anonymousId });
    expect(again.token).not.toBe(a.token);
    const mine = await again.get('/v1/chat/conversations');
    expect(mine.body.conversations.map((c: { id: string }) => c.id)).toEqual([sent.body.conversation.id]);
    expect((await a.get('/v1/chat/conversations')).status).toBe(200); // the old token still works
    const exported = JSON.stringify(await store.exportPerson(site.id, a.anonymousId));
    expect(exported).toContain('Hello there');
    expect(exported).not.toContain(a.token);
  });

  it('answers 401 without a token, with an unknown one, and ignores a token in the query string', async () => {
    const a = await visitorOf(server, site);
    expect((await inject('GET', '/v1/chat/conversations')).json()).toMatchObject({ error: 'missing_token' });
    expect((await inject('GET', '/v1/chat/conversations', { authorization: `Bearer ${'x'.repeat(43)}` })).statusCode).toBe(401);
    for (const q of ['token', 'access_token', 'visitorToken', 'authorization']) {
      const res = await inject('GET', `/v1/chat/unread?${q}=${a.token}`);
      expect(res.statusCode, q).toBe(401);
    }
    const stream = await inject('GET', `/v1/chat/stream?token=${a.token}`);
    expect(stream.statusCode).toBe(401);
  });

  it('shows a visitor only their own conversations: another token or a guessed id is the same 404', async () => {
    const owner = await visitorOf(server, site);
    const other = await visitorOf(server, site);
    const { body } = await owner.send('my secret order number is 42');
    const id = body.conversation.id as string;
    const notFound = { error: 'not_found', message: 'No such conversation.' };
    for (const probe of [id, randomUUID(), 'not-a-uuid']) {
      const read = await other.get(`/v1/chat/conversations/${probe}/messages`);
      expect(read.status, probe).toBe(404);
      expect(read.body, probe).toEqual(notFound);
      for (const [path, payload] of [
        ['read', { upTo: '1' }],
        ['typing', { typing: true }],
        ['close', undefined],
        ['rating', { score: 5 }],
        ['email', { email: 'x@example.com' }],
      ] as const) {
        const res = await other.post(`/v1/chat/conversations/${probe}/${path}`, payload);
        expect(res.status, `${path} ${probe}`).toBe(404);
        expect(res.body, `${path} ${probe}`).toEqual(notFound);
      }
    }
    expect((await other.send('hijack', { conversationId: id })).body).toEqual(notFound);
    expect((await other.get('/v1/chat/conversations')).body.conversations).toEqual([]);
    expect((await owner.get(`/v1/chat/conversations/${id}/messages`)).body.messages.map((m: { text: string }) => m.text)).toEqual([
      'my secret order number is 42',
    ]);
    // The owner's conversation was not touched by the probes.
    expect((await owner.get('/v1/chat/conversations')).body.conversations[0]).toMatchObject({ status: 'open', rating: null });
  });

  it('stores a resent message once (same clientId → 200 with the same message)', async () => {
    const v = await visitorOf(server, site);
    const clientId = randomUUID();
    const first = await v.send('offline hello', { clientId });
    const resend = await v.send('offline hello', { clientId });
    expect(first.status).toBe(201);
    expect(resend.status).toBe(200);
    expect(resend.body.message).toEqual(first.body.message);
    expect(first.body.message).toMatchObject({ author: 'visitor', text: 'offline hello', clientId, readAt: null });
    expect(typeof first.body.message.id).toBe('string');
    const list = await v.get(`/v1/chat/conversations/${first.body.conversation.id}/messages`);
    expect(list.body.messages).toHaveLength(1);
  });

  it('limits length (trimmed, 1–4000 characters) and rate, with errors that say what to do', async () => {
    const v = await visitorOf(server, site);
    const empty = await v.send('   \n ');
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('text_empty');
    const long = await v.send('あ'.repeat(4001));
    expect(long.status).toBe(413);
    expect(long.body).toMatchObject({ error: 'text_too_long' });
    expect(long.body.message).toContain('4000');
    expect((await v.send(`  ${'😀'.repeat(4000)}  `)).status).toBe(201); // characters, not UTF-16 units
    expect((await v.send('nul \u0000 byte')).body.error).toBe('invalid_text');
    expect((await v.post('/v1/chat/messages', { text: 42, clientId: randomUUID() })).status).toBe(400);
    // This server allows 5 a minute: the fifth is accepted, the sixth is refused with Retry-After.
    for (let i = 2; i <= 5; i++) expect((await v.send(`message ${i}`)).status).toBe(201);
    const limited = await v.send('one too many');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('rate_limited');
    expect(limited.body.message).toMatch(/at most 5 messages a minute/);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another visitor is not affected.
    expect((await (await visitorOf(server, site)).send('hi')).status).toBe(201);
  });

  it('verifies identity tokens (HS256, sub = userId, exp required and near): a verified user sees one chat on every device', async () => {
    const secret = (await store.getSite(site.id))!.identitySecret;
    const session = (body: Record<string, unknown>) =>
      inject('POST', '/v1/chat/session', {}, { writeKey: site.writeKey, anonymousId: `anon-${randomUUID()}`, ...body });

    const phone = await session({ userId: 'u-1', identityToken: await sign(secret, { sub: 'u-1', exp: inMinutes(5) }) });
    expect(phone.statusCode).toBe(200);
    expect(phone.json().verified).toBe(true);
    const laptop = await session({ userId: 'u-1', identityToken: await sign(secret, { sub: 'u-1', exp: inMinutes(5) }) });
    const post = await inject('POST', '/v1/chat/messages', { authorization: `Bearer ${phone.json().visitorToken}` }, { text: 'from my phone', clientId: randomUUID() });
    expect(post.statusCode).toBe(201);
    const seen = await inject('GET', '/v1/chat/conversations', { authorization: `Bearer ${laptop.json().visitorToken}` });
    expect(seen.json().conversations.map((c: { lastMessage: { text: string } }) => c.lastMessage.text)).toEqual(['from my phone']);

    // Only verified users follow across devices: claiming userId u-1 without a token is just another device.
    const claimed = await session({ userId: 'u-1' });
    expect(claimed.json().verified).toBe(false);
    const claimedSees = await inject('GET', '/v1/chat/conversations', { authorization: `Bearer ${claimed.json().visitorToken}` });
    expect(claimedSees.json().conversations).toEqual([]);

    const refused = async (body: Record<string, unknown>, reason: RegExp) => {
      const res = await session(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(401);
      expect(res.json().error).toBe('identity_invalid');
      expect(res.json().message).toMatch(reason);
    };
    await refused({ userId: 'u-1', identityToken: await sign(secret, { sub: 'u-1', exp: inMinutes(-5) }) }, /expired/);
    await refused({ userId: 'u-1', identityToken: await sign('sk_not-the-secret', { sub: 'u-1', exp: inMinutes(5) }) }, /signature/);
    await refused({ userId: 'u-1', identityToken: await sign(secret, { sub: 'u-2', exp: inMinutes(5) }) }, /sub/);
    await refused({ userId: 'u-1', identityToken: await sign(secret, { sub: 'u-1' }) }, /exp/);
    await refused({ userId: 'u-1', identityToken: await sign(secret, { sub: 'u-1', exp: inMinutes(3 * 24 * 60) }) }, /24 hours/);
    await refused({ userId: 'u-1', identityToken: await sign(secret, { sub: 'u-1', exp: inMinutes(5) }, 'HS512') }, /HS256/);
    await refused({ userId: 'u-1', identityToken: 'not.a.jwt' }, /not a valid JWT/);
    await refused({ identityToken: await sign(secret, { sub: 'u-1', exp: inMinutes(5) }) }, /userId/);
  });

  it('moves what a device wrote before signing in to the verified user', async () => {
    const secret = (await store.getSite(site.id))!.identitySecret;
    const before = await visitorOf(server, site);
    await before.send('asked before logging in');
    const after = await visitorOf(server, site, { anonymousId: before.anonymousId, userId: 'u-move', identityToken: await sign(secret, { sub: 'u-move', exp: inMinutes(5) }) });
    const list = await after.get('/v1/chat/conversations');
    expect(list.body.conversations.map((c: { lastMessage: { text: string } }) => c.lastMessage.text)).toEqual(['asked before logging in']);
  });

  it('refuses unverified sessions when the site requires verification', async () => {
    const strict = await testSite(store);
    expect((await asOperator(server, 'PATCH', `/v1/admin/sites/${strict.id}`, { chat: { requireVerification: true } })).status).toBe(200);
    const res = await inject('POST', '/v1/chat/session', {}, { writeKey: strict.writeKey, anonymousId: 'a-1', userId: 'u-9' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('verification_required');
    const secret = (await store.getSite(strict.id))!.identitySecret;
    const ok = await inject('POST', '/v1/chat/session', {}, { writeKey: strict.writeKey, anonymousId: 'a-1', userId: 'u-9', identityToken: await sign(secret, { sub: 'u-9', exp: inMinutes(2) }) });
    expect(ok.json()).toMatchObject({ verified: true });
    const config = await inject('GET', `/v1/chat/config?writeKey=${strict.writeKey}`);
    expect(config.json().requireVerification).toBe(true);
  });

  it('counts unread operator messages and marks them read up to a message', async () => {
    const v = await visitorOf(server, site);
    const { body } = await v.send('anyone there?');
    const id = body.conversation.id as string;
    const r1 = await asOperator(server, 'POST', `/v1/admin/sites/${site.id}/conversations/${id}/messages`, { text: 'Yes!' });
    const r2 = await asOperator(server, 'POST', `/v1/admin/sites/${site.id}/conversations/${id}/messages`, { text: 'How can I help?' });
    expect(r1.status).toBe(201);
    expect((await v.get('/v1/chat/unread')).body).toEqual({ unread: 2 });
    expect((await v.get('/v1/chat/conversations')).body.conversations[0]).toMatchObject({ unread: 2, lastMessage: { text: 'How can I help?', author: 'operator' } });
    expect((await v.post(`/v1/chat/conversations/${id}/read`, { upTo: r1.body.message.id })).status).toBe(204);
    expect((await v.get('/v1/chat/unread')).body).toEqual({ unread: 1 });
    expect((await v.post(`/v1/chat/conversations/${id}/read`, { upTo: r2.body.message.id })).status).toBe(204);
    expect((await v.get('/v1/chat/unread')).body).toEqual({ unread: 0 });
    const messages = (await v.get(`/v1/chat/conversations/${id}/messages`)).body.messages;
    expect(messages.map((m: { readAt: string | null; author: string }) => [m.author, m.readAt !== null])).toEqual([
      ['visitor', false],
      ['operator', true],
      ['operator', true],
    ]);
    const after = await v.get(`/v1/chat/conversations/${id}/messages?after=${r1.body.message.id}`);
    expect(after.body.messages.map((m: { text: string }) => m.text)).toEqual(['How can I help?']);
    expect((await v.post(`/v1/chat/conversations/${id}/read`, { upTo: 'abc' })).status).toBe(400);
  });

  it('closes and rates a conversation (CSAT 1–5 with a comment); a new message then starts a new conversation', async () => {
    const v = await visitorOf(server, site);
    const id = (await v.send('help')).body.conversation.id as string;
    const closed = await v.post(`/v1/chat/conversations/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.conversation).toMatchObject({ id, status: 'closed' });
    expect(closed.body.conversation.closedAt).toBeTruthy();
    for (const score of [0, 6, 4.5, '5']) expect((await v.post(`/v1/chat/conversations/${id}/rating`, { score })).status, String(score)).toBe(400);
    expect((await v.post(`/v1/chat/conversations/${id}/rating`, { score: 4, comment: 'x'.repeat(2001) })).status).toBe(400);
    const rated = await v.post(`/v1/chat/conversations/${id}/rating`, { score: 4, comment: ' Quick and kind ' });
    expect(rated.body.conversation.rating).toEqual({ score: 4, comment: 'Quick and kind' });
    const inbox = await asOperator(server, 'GET', `/v1/admin/sites/${site.id}/conversations/${id}`);
    expect(inbox.body.conversation.rating).toEqual({ score: 4, comment: 'Quick and kind' });
    const next = await v.send('another question');
    expect(next.body.conversation.id).not.toBe(id);
    expect((await v.get('/v1/chat/conversations')).body.conversations.map((c: { status: string }) => c.status)).toEqual(['open', 'closed']);
  });

  it('records the contact email for the operator, validated', async () => {
    const v = await visitorOf(server, site);
    const id = (await v.send('please write back')).body.conversation.id as string;
    expect((await v.post(`/v1/chat/conversations/${id}/email`, { email: 'not an email' })).body.error).toBe('invalid_email');
    expect((await v.post(`/v1/chat/conversations/${id}/email`, { email: 'ann@example.com' })).status).toBe(204);
    const seen = await asOperator(server, 'GET', `/v1/admin/sites/${site.id}/conversations/${id}`);
    expect(seen.body.conversation.visitor.email).toBe('ann@example.com');
  });

  it('serves config by write key with business hours, cached for a minute', async () => {
    const res = await inject('GET', `/v1/chat/config?writeKey=${site.writeKey}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('max-age=60');
    expect(res.json()).toEqual({ enabled: true, online: true, nextOpen: null, replyTimeMinutes: 5, requireVerification: false, feedbackScale: 'stars' });
    const closedSite = await testSite(store);
    const never = { timezone: 'Asia/Tokyo', days: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    await asOperator(server, 'PATCH', `/v1/admin/sites/${closedSite.id}`, { chat: { businessHours: never, replyTimeMinutes: 60 }, feedback: { scale: 'nps' } });
    const closedConfig = (await inject('GET', `/v1/chat/config?writeKey=${closedSite.writeKey}`)).json();
    expect(closedConfig).toMatchObject({ online: false, nextOpen: null, replyTimeMinutes: 60, feedbackScale: 'nps' });
    const always = { timezone: 'UTC', days: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]])) };
    await asOperator(server, 'PATCH', `/v1/admin/sites/${closedSite.id}`, { chat: { businessHours: always } });
    expect((await inject('GET', `/v1/chat/config?writeKey=${closedSite.writeKey}`)).json()).toMatchObject({ online: true, replyTimeMinutes: 60 });
    expect((await inject('GET', '/v1/chat/config?writeKey=pk_nope')).statusCode).toBe(401);
  });

  it('answers CORS for the site origins; other origins get 403, preflights 204', async () => {
    const pre = await inject('OPTIONS', '/v1/chat/messages', { origin: 'https://shop.example', 'access-control-request-method': 'POST' });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toContain('Authorization');
    expect(pre.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect((await inject('OPTIONS', '/v1/feedback', { origin: 'https://shop.example' })).statusCode).toBe(204);
    const v = await visitorOf(server, site);
    const ok = await inject('GET', '/v1/chat/unread', { ...v.auth, origin: 'https://shop.example' });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(ok.headers.vary).toContain('Origin');
    const evil = await inject('GET', '/v1/chat/unread', { ...v.auth, origin: 'https://evil.example' });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error).toBe('origin_not_allowed');
    const session = await inject('POST', '/v1/chat/session', { origin: 'https://evil.example' }, { writeKey: site.writeKey, anonymousId: 'x' });
    expect(session.statusCode).toBe(403);
  });
});
