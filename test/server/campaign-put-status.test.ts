/**
 * A content save (PUT) must not undo a status change made meanwhile with PATCH: without a `status`, a PUT keeps the
 * stored one. The console's editor sends the status only when the operator changed it in the editor, so pausing a
 * campaign from the list while someone edits its text keeps it paused after their save.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../server/create-server.js';
import type { Site, Store } from '../../server/store/store.js';
import { adminInject, testServer, testSite } from './helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from './helpers/test-stores.js';

describe.each(STORE_KINDS)('PUT keeps the stored status when the body has none, on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store);
    site = await testSite(store, ['https://shop.example']);
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => adminInject(server, method, `/v1/admin/sites/${site.id}${url}`, payload);
  const content = (title: string) => ({
    priority: 1,
    kind: { type: 'modal' },
    defaultLocale: 'en',
    content: { en: { title } },
    trigger: { pageView: {} },
  });

  it('keeps a pause made with PATCH through a later content save, and still takes an explicit status', async () => {
    const created = await admin('POST', '/campaigns', { id: 'keep-status', ...content('One'), status: 'live' });
    expect(created.status).toBe(201);
    expect((await admin('PATCH', '/campaigns/keep-status', { status: 'paused' })).body.campaign.status).toBe('paused');

    const saved = await admin('PUT', '/campaigns/keep-status', { id: 'keep-status', version: 2, ...content('Two') });
    expect(saved.status).toBe(200);
    expect(saved.body.campaign).toMatchObject({ version: 2, status: 'paused', content: { en: { title: 'Two' } } });
    // Not delivered: it stayed paused.
    const delivered = await server.app.inject({ method: 'GET', url: `/v1/campaigns?writeKey=${site.writeKey}` });
    expect((delivered.json() as { campaigns: { i: string }[] }).campaigns.map((c) => c.i)).not.toContain('keep-status');

    const explicit = await admin('PUT', '/campaigns/keep-status', { ...content('Three'), status: 'draft' });
    expect(explicit.body.campaign).toMatchObject({ version: 3, status: 'draft' });
    // A POST without a status is still a draft.
    expect((await admin('POST', '/campaigns', { id: 'fresh', ...content('New') })).body.campaign.status).toBe('draft');
  });
});
