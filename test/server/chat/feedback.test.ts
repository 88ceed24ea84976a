import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../../server/create-server.js';
import type { Site, Store } from '../../../server/store/store.js';
import { asOperator } from '../helpers/chat.js';
import { testServer, testSite } from '../helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from '../helpers/test-stores.js';

describe.each(STORE_KINDS)('feedback on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store, { chat: { feedbackPerMinute: 3 } });
    site = await testSite(store, ['https://shop.example']);
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });
  const submit = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    server.app.inject({ method: 'POST', url: '/v1/feedback', headers, payload: { writeKey: site.writeKey, anonymousId: `a-${randomUUID()}`, clientId: randomUUID(), ...body } });

  it('stores an answer once per clientId and lists it with the page', async () => {
    const clientId = randomUUID();
    const body = { scale: 'stars', rating: 4, comment: ' Nice shop ', page: { url: 'https://shop.example/cart', title: 'Cart' }, clientId, userId: 'u-7' };
    const first = await submit(body, { origin: 'https://shop.example' });
    expect(first.statusCode).toBe(201);
    expect(first.headers['access-control-allow-origin']).toBe('https://shop.example');
    const again = await submit(body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const list = await asOperator(server, 'GET', `/v1/admin/sites/${site.id}/feedback`);
    expect(list.body.feedback).toEqual([
      expect.objectContaining({ id: first.json().id, scale: 'stars', rating: 4, comment: 'Nice shop', page: { url: 'https://shop.example/cart', title: 'Cart' }, userId: 'u-7' }),
    ]);
  });

  it('validates the rating on its scale and the write key and origin', async () => {
    for (const [scale, rating] of [['nps', -1], ['nps', 11], ['stars', 0], ['stars', 6], ['stars', 3.5], ['emoji', 3]] as const) {
      const res = await submit({ scale, rating });
      expect(res.statusCode, `${scale} ${rating}`).toBe(400);
    }
    expect((await submit({ scale: 'nps', rating: 11 })).json()).toMatchObject({ error: 'invalid_rating', message: expect.stringContaining('0 to 10') });
    expect((await submit({ scale: 'stars', rating: 3, comment: 'x'.repeat(4001) })).statusCode).toBe(400);
    expect((await submit({ scale: 'stars', rating: 3, clientId: undefined })).statusCode).toBe(400);
    expect((await submit({ scale: 'stars', rating: 3, writeKey: 'pk_unknown' })).statusCode).toBe(401);
    expect((await submit({ scale: 'stars', rating: 3 }, { origin: 'https://evil.example' })).statusCode).toBe(403);
    const anonymousId = 'a-rate';
    for (let i = 0; i < 3; i++) expect((await submit({ scale: 'stars', rating: 3, anonymousId })).statusCode).toBe(201);
    const limited = await submit({ scale: 'stars', rating: 3, anonymousId });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('summarises NPS (promoters − detractors) and the star average', async () => {
    const s = await testSite(store);
    const summary = async () => (await asOperator(server, 'GET', `/v1/admin/sites/${s.id}/feedback?limit=2`)).body;
    expect((await summary()).summary).toEqual({ count: 0, nps: null, averageStars: null });
    const post = (scale: string, rating: number) =>
      server.app.inject({ method: 'POST', url: '/v1/feedback', payload: { writeKey: s.writeKey, anonymousId: `a-${randomUUID()}`, clientId: randomUUID(), scale, rating } });
    // NPS: 10, 9 promoters; 8 passive; 3 detractor → (2 − 1) / 4 = 25.
    for (const r of [10, 9, 8, 3]) expect((await post('nps', r)).statusCode).toBe(201);
    for (const r of [5, 4, 4]) expect((await post('stars', r)).statusCode).toBe(201);
    const body = await summary();
    expect(body.summary).toEqual({ count: 7, nps: 25, averageStars: 4.33 });
    expect(body.feedback).toHaveLength(2);
  });
});
