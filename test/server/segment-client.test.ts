import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../server/create-server.js';
import type { Site, Store } from '../../server/store/store.js';
import { testServer, testSite } from './helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from './helpers/test-stores.js';

// Segment's own Node client, unmodified, pointed at a real listening collector: proof that the ecosystem's
// format (HTTP Basic write key, its messageIds, _metadata, integrations, screen/group/alias) is accepted.
describe.each(STORE_KINDS)('@segment/analytics-node against the collector on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  let host: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store);
    site = await testSite(store, []);
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    host = `http://127.0.0.1:${(server.app.server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  it('stores every call type it sends', async () => {
    const analytics = new Analytics({ writeKey: site.writeKey, host, path: '/v1/batch', flushAt: 20, maxRetries: 0 });
    const failures: unknown[] = [];
    analytics.on('error', (e) => failures.push(e));
    analytics.identify({ userId: 'seg-user', anonymousId: 'seg-anon', traits: { plan: 'enterprise' } });
    analytics.track({ userId: 'seg-user', event: 'Order Completed', properties: { total: 42 } });
    analytics.page({ anonymousId: 'seg-anon', name: 'Checkout', properties: { url: 'https://shop.example/checkout' } });
    analytics.screen({ userId: 'seg-user', name: 'Home' });
    analytics.group({ userId: 'seg-user', groupId: 'acme', traits: { employees: 10 } });
    analytics.alias({ userId: 'seg-user', previousId: 'old-seg-id' });
    await analytics.closeAndFlush({ timeout: 10_000 });
    expect(failures).toEqual([]);

    const events = await store.listEvents(site.id, { limit: 50 });
    expect(events.map((e) => e.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track']);
    const track = events.find((e) => e.type === 'track')!;
    expect(track).toMatchObject({ event: 'Order Completed', userId: 'seg-user', properties: { total: 42 } });
    expect(track.context).toMatchObject({ library: { name: '@segment/analytics-node' } });
    expect(events.find((e) => e.type === 'group')!.extra).toMatchObject({ groupId: 'acme' });
    // Its own user agent is the library's, not a visitor's: not dropped as a bot, not parsed as a browser.
    expect(track.browser).toBeNull();

    const person = await store.findPerson(site.id, 'seg-anon');
    expect(person).toMatchObject({ userId: 'seg-user', traits: { plan: 'enterprise' } });
    expect((await store.findPerson(site.id, 'old-seg-id'))?.id).toBe(person!.id);
  });
});
