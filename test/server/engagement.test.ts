import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../server/create-server.js';
import type { Store } from '../../server/store/store.js';
import { ADMIN_TOKEN, testServer, testSite } from './helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from './helpers/test-stores.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

const track = (anonymousId: string, event: string, at: number, properties: Record<string, unknown> = {}) => ({
  type: 'track',
  messageId: randomUUID(),
  anonymousId,
  event,
  properties,
  timestamp: new Date(at).toISOString(),
});

describe.each(STORE_KINDS)('engagement settings, message limits and people by score on %s', (kind) => {
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

  it('serves the defaults, refuses invalid settings with every problem, and stores valid ones', async () => {
    const own = await testSite(store);
    const url = `/v1/admin/sites/${own.id}/engagement`;
    const get = await server.app.inject({ method: 'GET', url, headers: bearer });
    expect(get.json()).toMatchObject({ custom: false, settings: { halfLifeDays: 30, tiers: [{ name: 'champion', min: 80 }, { name: 'engaged' }, { name: 'casual' }, { name: 'dormant', min: 0 }] } });
    const settings = get.json().settings;

    const bad = await server.app.inject({ method: 'PUT', url, headers: bearer, payload: { ...settings, halfLifeDays: 0, tiers: [{ name: 'top', min: 50 }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_settings');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['halfLifeDays', 'tiers']);

    const good = await server.app.inject({ method: 'PUT', url, headers: bearer, payload: { ...settings, halfLifeDays: 7, tiers: [{ name: 'fan', min: 50 }, { name: 'other', min: 0 }] } });
    expect(good.statusCode).toBe(200);
    expect((await server.app.inject({ method: 'GET', url, headers: bearer })).json()).toMatchObject({ custom: true, settings: { halfLifeDays: 7, tiers: [{ name: 'fan' }, { name: 'other' }] } });

    const limits = `/v1/admin/sites/${own.id}/message-limits`;
    expect((await server.app.inject({ method: 'GET', url: limits, headers: bearer })).json()).toEqual({ limits: { minGap: 30, maxPerSession: 3, quietWhileChatOpen: true }, custom: false });
    const badLimits = await server.app.inject({ method: 'PUT', url: limits, headers: bearer, payload: { minGap: -1, maxPerSession: 3, quietWhileChatOpen: 'yes', extra: 1 } });
    expect(badLimits.json().errors.map((e: { path: string }) => e.path)).toEqual(['minGap', 'quietWhileChatOpen', 'extra']);
  });

  it('lists people by engagement score with their tier, and counts each tier', async () => {
    const own = await testSite(store);
    const now = Date.now();
    const day = 86_400_000;
    const page = (who: string, at: number, session: string) => ({ type: 'page', messageId: randomUUID(), anonymousId: who, timestamp: new Date(at).toISOString(), context: { sessionId: session } });
    const batch: unknown[] = [];
    // "busy": 4 sessions this week, 5 pages each, and an order; "casual": two pages today; "old": busy but a year ago.
    for (let s = 0; s < 4; s++) for (let p = 0; p < 5; p++) batch.push(page('busy', now - s * day - p * 60_000, `busy-${s}`));
    batch.push({ ...track('busy', 'Order Completed', now - day, { revenue: 120 }), context: { sessionId: 'busy-1' } });
    batch.push(page('casual', now - 3_600_000, 'casual-1'), page('casual', now - 3_000_000, 'casual-1'));
    for (let p = 0; p < 20; p++) batch.push(page('old', now - 365 * day - p * 60_000, 'old-1'));
    batch.push(track('quiet', 'Something Else', now - 60_000));
    const res = await server.app.inject({ method: 'POST', url: '/v1/batch', payload: { writeKey: own.writeKey, batch } });
    expect(res.json().stored).toBe(batch.length);

    const list = await server.app.inject({ method: 'GET', url: `/v1/admin/sites/${own.id}/people?sort=score`, headers: bearer });
    expect(list.statusCode).toBe(200);
    const { people, tiers, total } = list.json();
    expect(total).toBe(4);
    expect(people.map((p: { anonymousIds: string[] }) => p.anonymousIds[0])).toEqual(['busy', 'casual', expect.any(String), expect.any(String)]);
    // busy: 4 sessions × 3 + 20 pages + 10 + 12 (value 120 × 0.1), decayed by up to 3 days of a 30-day half-life → about 57.
    expect(people[0].score).toBeGreaterThan(55);
    expect(people[0].score).toBeLessThan(70);
    expect(people[0].tier).toBe('engaged');
    expect(people[1]).toMatchObject({ tier: 'dormant' });
    expect(people[1].score).toBeGreaterThan(5);
    expect(people.slice(2).map((p: { score: number }) => p.score)).toEqual([0, 0]);
    expect(tiers).toEqual([
      { name: 'champion', min: 80, count: 0 },
      { name: 'engaged', min: 50, count: 1 },
      { name: 'casual', min: 20, count: 0 },
      { name: 'dormant', min: 0, count: 3 },
    ]);
    expect((await server.app.inject({ method: 'GET', url: `/v1/admin/sites/${own.id}/people?sort=loud`, headers: bearer })).statusCode).toBe(400);
  });
});
