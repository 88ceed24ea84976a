import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../server/create-server.js';
import type { Site, Store } from '../../server/store/store.js';
import { trackMessage } from './helpers/messages.js';
import { ADMIN_TOKEN, testServer, testSite } from './helpers/test-server.js';
import { closeTestStore, openTestStore, schemaOf, STORE_KINDS } from './helpers/test-stores.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe.each(STORE_KINDS)('admin API on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store);
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = bearer) =>
    server.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ingest = (site: Site, batch: unknown[]) =>
    server.app.inject({ method: 'POST', url: '/v1/batch', payload: { writeKey: site.writeKey, batch } });

  describe('auth', () => {
    it('refuses requests without the operator token, or with a wrong one', async () => {
      for (const url of ['/v1/admin/me', '/v1/admin/sites', '/v1/admin/sites/x/events']) {
        const res = await admin('GET', url, undefined, {});
        expect(res.statusCode, url).toBe(401);
        expect(res.json()).toMatchObject({ error: 'unauthorized' });
      }
      expect((await admin('GET', '/v1/admin/me', undefined, { authorization: 'Bearer wrong-token' })).statusCode).toBe(401);
      expect((await admin('GET', '/v1/admin/me', undefined, { authorization: `Bearer ${ADMIN_TOKEN}x` })).statusCode).toBe(401);
      expect((await admin('GET', '/v1/admin/me', undefined, { cookie: 'kizuna_session=forged' })).statusCode).toBe(401);
      expect((await admin('GET', '/v1/admin/me')).json()).toEqual({ ok: true });
    });

    it('logs in with the token into an HttpOnly SameSite=Strict session cookie, and logs out', async () => {
      const wrong = await admin('POST', '/v1/admin/login', { token: 'nope' }, {});
      expect(wrong.statusCode).toBe(401);
      expect(wrong.headers['set-cookie']).toBeUndefined();

      const login = await admin('POST', '/v1/admin/login', { token: ADMIN_TOKEN }, {});
      expect(login.statusCode).toBe(204);
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/^kizuna_session=[A-Za-z0-9_-]{40,};/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Path=\//);
      const cookie = setCookie.split(';')[0]!;

      expect((await admin('GET', '/v1/admin/me', undefined, { cookie })).statusCode).toBe(200);
      expect((await admin('GET', '/v1/admin/sites', undefined, { cookie })).statusCode).toBe(200);
      // A cookie-authenticated write from another origin is refused even if a browser sent the cookie.
      const cross = await admin('POST', '/v1/admin/sites', { name: 'x' }, { cookie, origin: 'https://evil.example', host: 'localhost:8080' });
      expect(cross.statusCode).toBe(403);

      const logout = await admin('POST', '/v1/admin/logout', undefined, { cookie });
      expect(logout.statusCode).toBe(204);
      expect(String(logout.headers['set-cookie'])).toMatch(/kizuna_session=;/);
      expect((await admin('GET', '/v1/admin/me', undefined, { cookie })).statusCode).toBe(401);
    });
  });

  describe('sites', () => {
    it('creates, lists and edits sites; a new key and new origins work for ingest at once', async () => {
      const created = await admin('POST', '/v1/admin/sites', { name: 'My Shop', origins: ['https://shop.example'], timezone: 'Asia/Tokyo' });
      expect(created.statusCode).toBe(201);
      const site = created.json().site as Site;
      expect(site).toMatchObject({ name: 'My Shop', origins: ['https://shop.example'], timezone: 'Asia/Tokyo', retentionDays: 395 });
      expect(site.id).toMatch(/^my-shop/);
      expect(site.writeKey).toMatch(/^pk_[A-Za-z0-9_-]{20,}$/);
      expect(site).not.toHaveProperty('identitySecret');
      expect((await admin('GET', '/v1/admin/sites')).json().sites).toContainEqual(site);
      expect((await admin('GET', `/v1/admin/sites/${site.id}`)).json().site.identitySecret).toMatch(/^sk_/);

      const from = (origin: string) =>
        server.app.inject({ method: 'POST', url: '/v1/batch', headers: { origin, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36' }, payload: { writeKey: site.writeKey, batch: [trackMessage()] } });
      expect((await from('https://shop.example')).statusCode).toBe(200);
      expect((await from('https://new.example')).statusCode).toBe(403);

      const patched = await admin('PATCH', `/v1/admin/sites/${site.id}`, { origins: ['https://new.example'], retentionDays: null, name: 'Renamed' });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().site).toMatchObject({ id: site.id, name: 'Renamed', origins: ['https://new.example'], retentionDays: null, timezone: 'Asia/Tokyo', writeKey: site.writeKey });
      expect((await from('https://new.example')).statusCode).toBe(200);
      expect((await from('https://shop.example')).statusCode).toBe(403);

      const explicit = await admin('POST', '/v1/admin/sites', { id: `${site.id}-b`, name: 'Second' });
      expect(explicit.statusCode).toBe(201);
      expect(explicit.json().site).toMatchObject({ id: `${site.id}-b`, origins: [], timezone: 'UTC' });
      const again = await admin('POST', '/v1/admin/sites', { id: `${site.id}-b`, name: 'Second' });
      expect(again.statusCode).toBe(409);
    });

    it('refuses invalid site input with a message, and unknown sites with 404', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{}, /must have required property 'name'/],
        [{ name: '' }, /name must NOT have fewer than 1 characters/],
        [{ name: 'x', origins: ['localhost:3000'] }, /not an origin pattern/],
        [{ name: 'x', origins: 'https://a.example' }, /origins must be array/],
        [{ name: 'x', timezone: 'Mars/Olympus' }, /not an IANA time zone/],
        [{ name: 'x', retentionDays: 0 }, /retentionDays must be >= 1/],
        [{ name: 'x', id: 'Bad Id!' }, /id must match pattern/],
        [{ name: 'x', color: 'red' }, /must NOT have additional properties/],
      ];
      for (const [body, message] of cases) {
        const res = await admin('POST', '/v1/admin/sites', body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().message).toMatch(message);
      }
      expect((await admin('PATCH', '/v1/admin/sites/nope', { name: 'x' })).statusCode).toBe(404);
      expect((await admin('GET', '/v1/admin/sites/nope/events')).statusCode).toBe(404);
      expect((await admin('GET', '/v1/admin/sites/nope/people')).statusCode).toBe(404);
      expect((await admin('PATCH', '/v1/admin/sites/nope', {})).statusCode).toBe(400);
      // Nothing a client sends may reach PostgreSQL as text it cannot store (a 500).
      expect((await admin('POST', '/v1/admin/sites', { name: 'nul\u0000' })).statusCode).toBe(400);
      for (const url of ['/v1/admin/sites/a%00b/events', '/v1/admin/sites/a/people/x%00', '/v1/admin/sites/a/people?q=%00', '/v1/admin/sites/a%00']) {
        expect((await admin('GET', url)).statusCode, url).toBe(400);
      }
    });
  });

  describe('events and people', () => {
    it('lists events newest first, filtered by type and name, page by page', async () => {
      const site = await testSite(store);
      const batch = [
        trackMessage({ event: 'Signed Up' }),
        trackMessage({ type: 'page', event: undefined, name: 'Home' }),
        trackMessage({ event: 'Upgraded' }),
        trackMessage({ event: 'Signed Up' }),
      ];
      expect((await ingest(site, batch)).json().stored).toBe(4);
      const all = (await admin('GET', `/v1/admin/sites/${site.id}/events`)).json();
      expect(all.events.map((e: { messageId: string }) => e.messageId)).toEqual(batch.map((m) => m.messageId).reverse());
      expect(all.next).toBeNull();
      expect(Object.keys(all.events[0]).sort()).toEqual(
        expect.arrayContaining(['id', 'messageId', 'type', 'name', 'event', 'anonymousId', 'userId', 'properties', 'traits', 'context', 'timestamp', 'receivedAt', 'browser', 'os', 'device']),
      );
      const pages = (await admin('GET', `/v1/admin/sites/${site.id}/events?type=page`)).json().events;
      expect(pages.map((e: { name: string }) => e.name)).toEqual(['Home']);
      const named = (await admin('GET', `/v1/admin/sites/${site.id}/events?name=Signed%20Up`)).json().events;
      expect(named).toHaveLength(2);
      const first = (await admin('GET', `/v1/admin/sites/${site.id}/events?limit=3`)).json();
      expect(first.events).toHaveLength(3);
      expect(first.next).not.toBeNull();
      const second = (await admin('GET', `/v1/admin/sites/${site.id}/events?limit=3&before=${first.next}`)).json();
      expect(second.events.map((e: { messageId: string }) => e.messageId)).toEqual([batch[0]!.messageId]);
      expect(second.next).toBeNull();
      expect((await admin('GET', `/v1/admin/sites/${site.id}/events?limit=abc`)).statusCode).toBe(400);
    });

    it('lists and searches people and shows one with their events', async () => {
      const site = await testSite(store);
      await ingest(site, [
        trackMessage({ anonymousId: 'p-anon' }),
        { type: 'identify', messageId: crypto.randomUUID(), anonymousId: 'p-anon', userId: 'p-user', traits: { email: 'ann@example.com' } },
        trackMessage({ anonymousId: 'other-anon' }),
      ]);
      const people = (await admin('GET', `/v1/admin/sites/${site.id}/people`)).json().people;
      expect(people).toHaveLength(2);
      const found = (await admin('GET', `/v1/admin/sites/${site.id}/people?q=ann@example`)).json().people;
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ userId: 'p-user', anonymousIds: ['p-anon'], traits: { email: 'ann@example.com' }, eventCount: 2 });
      expect(found[0]).toHaveProperty('firstSeen');
      expect(found[0]).toHaveProperty('lastSeen');
      const one = (await admin('GET', `/v1/admin/sites/${site.id}/people/p-anon`)).json();
      expect(one.person.id).toBe(found[0].id);
      expect(one.events.map((e: { type: string }) => e.type)).toEqual(['identify', 'track']);
      expect((await admin('GET', `/v1/admin/sites/${site.id}/people/${found[0].id}`)).json().person.userId).toBe('p-user');
      expect((await admin('GET', `/v1/admin/sites/${site.id}/people/nobody`)).statusCode).toBe(404);
    });

    it('exports everything about a person as JSON and erases it with DELETE on the same path', async () => {
      const site = await testSite(store);
      await ingest(site, [
        trackMessage({ anonymousId: 'x-anon' }),
        { type: 'identify', messageId: crypto.randomUUID(), anonymousId: 'x-anon', userId: 'x-user', traits: { name: 'Xi' } },
        trackMessage({ anonymousId: 'keep-me' }),
      ]);
      const exported = await admin('GET', `/v1/admin/sites/${site.id}/people/x-user/export`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-disposition']).toMatch(/attachment; filename="kizuna-.*x-user\.json"/);
      const data = exported.json();
      expect(data).toMatchObject({ siteId: site.id, requestedId: 'x-user', person: { userId: 'x-user', anonymousIds: ['x-anon'], traits: { name: 'Xi' } } });
      expect(data.events).toHaveLength(2);

      const erased = await admin('DELETE', `/v1/admin/sites/${site.id}/people/x-anon/export`);
      expect(erased.statusCode).toBe(200);
      expect(erased.json()).toEqual({ deleted: { events: 2, people: 1, conversations: 0, feedback: 0 } });
      expect((await admin('GET', `/v1/admin/sites/${site.id}/people/x-user/export`)).statusCode).toBe(404);
      expect((await admin('DELETE', `/v1/admin/sites/${site.id}/people/x-user/export`)).statusCode).toBe(404);
      const left = (await admin('GET', `/v1/admin/sites/${site.id}/events`)).json().events;
      expect(left.map((e: { anonymousId: string }) => e.anonymousId)).toEqual(['keep-me']);
      expect((await admin('DELETE', `/v1/admin/sites/${site.id}/people/keep-me`)).json()).toEqual({ deleted: { events: 1, people: 1, conversations: 0, feedback: 0 } });
    });
  });

  it('streams events stored by another collector on the same database (Server-Sent Events)', async () => {
    // A second collector: on PostgreSQL its own pool on the same schema; PGlite lives in one process, so the
    // second app shares the database handle.
    const otherStore = kind === 'postgres' ? await openTestStore('postgres', { schema: schemaOf(store)! }) : store;
    const other = await testServer(otherStore);
    const streaming = await testServer(store, { stream: { pollMs: 100, heartbeatMs: 200 } });
    await streaming.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = streaming.app.server.address() as { port: number };
    const site = await testSite(store);
    const abort = new AbortController();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/admin/sites/${site.id}/events/stream?type=track`, { headers: bearer, signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      const readUntil = async (pattern: RegExp) => {
        const deadline = Date.now() + 5000;
        while (!pattern.test(text)) {
          if (Date.now() > deadline) throw new Error(`stream never matched ${pattern}: ${text}`);
          const { value, done } = await reader.read();
          if (done) throw new Error('stream ended');
          text += decoder.decode(value);
        }
      };
      const page = trackMessage({ type: 'page', event: undefined, name: 'Skipped by filter' });
      const m = trackMessage({ event: 'Live' });
      const stored = await other.app.inject({ method: 'POST', url: '/v1/batch', payload: { writeKey: site.writeKey, batch: [page, m] } });
      expect(stored.json().stored).toBe(2);
      await readUntil(/data: .*\n\n/);
      const line = /data: (.*)\n\n/.exec(text)![1]!;
      expect(JSON.parse(line)).toMatchObject({ messageId: m.messageId, event: 'Live', type: 'track' });
      expect(text).not.toContain('Skipped by filter');
      await readUntil(/: ping/);
      abort.abort();
    } finally {
      await streaming.app.close();
      await other.app.close();
      if (otherStore !== store) await otherStore.close();
    }
  });

  it('401s the stream without the token', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/v1/admin/sites/x/events/stream' });
    expect(res.statusCode).toBe(401);
  });
});

describe.each(STORE_KINDS)('operator token on %s', (kind) => {
  it('is generated once, written to the data dir, and shared by every collector on the database', async () => {
    const store = await openTestStore(kind);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kizuna-token-'));
    try {
      const first = await testServer(store, { adminToken: undefined, dataDir });
      expect(first.adminToken.source).toBe('generated');
      const token = first.adminToken.generated!;
      expect(token.length).toBeGreaterThanOrEqual(32);
      const file = path.join(dataDir, 'admin-token');
      expect((await readFile(file, 'utf8')).trim()).toBe(token);
      expect((await stat(file)).mode & 0o777).toBe(0o600);

      const second = await testServer(store, { adminToken: undefined, dataDir });
      expect(second.adminToken.source).toBe('stored');
      expect(second.adminToken.generated).toBeUndefined();
      for (const s of [first, second]) {
        const me = await s.app.inject({ method: 'GET', url: '/v1/admin/me', headers: { authorization: `Bearer ${token}` } });
        expect(me.statusCode).toBe(200);
      }
      // The database keeps only a digest of the token.
      expect(await store.getSetting('admin_token_sha256')).not.toContain(token);
      await first.app.close();
      await second.app.close();
    } finally {
      await closeTestStore(store);
    }
  });
});
