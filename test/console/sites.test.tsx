import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { TagSnippet } from '../../server/console/components/TagSnippet';
import { scriptTag } from '../../server/console/script-tag';
import { createFakeAdminApi, type FakeAdmin } from './fake-admin-api';
import { demoSite } from './fixtures';
import { byLabel, byText, click, find, mount, submit, type, waitFor } from './render';

async function app(fake: FakeAdmin, path: string) {
  history.replaceState(null, '', path);
  return mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
}

describe('sites', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = createFakeAdminApi({ loggedIn: true, sites: [{ ...demoSite, origins: [...demoSite.origins] }] });
  });

  it('builds the tag with the write key and the collector as endpoint', () => {
    expect(scriptTag('https://collect.example.com/', 'pk_live_1')).toBe(
      '<script async src="https://collect.example.com/kizuna.js" data-key="pk_live_1" data-endpoint="https://collect.example.com"></script>',
    );
  });

  it('shows the tag for this origin and copies it', async () => {
    const root = await mount(<TagSnippet writeKey="pk_demo" />);
    const code = find(root, 'pre').textContent!;
    expect(code).toContain(`src="${location.origin}/kizuna.js"`);
    expect(code).toContain('data-key="pk_demo"');
    expect(code).toContain(`data-endpoint="${location.origin}"`);
    let copied = '';
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    await click(byText(root, 'Copy tag'));
    await waitFor(() => expect(find(root, '.copy-status').textContent).toBe('Copied to the clipboard.'));
    expect(copied).toBe(code);
  });

  it('lists sites and opens one with its tag and settings', async () => {
    const root = await app(fake, '/console/sites');
    const card = await waitFor(() => byText(root, 'Demo site'));
    expect(root.textContent).toContain('pk_demo');
    expect(root.textContent).toContain('http://localhost:*, http://127.0.0.1:*');
    await click(card);
    await waitFor(() => expect(find(root, 'h1').textContent).toBe('Demo site'));
    expect(location.pathname).toBe('/console/sites/demo');
    expect(find(root, '.snippet pre').textContent).toContain('data-key="pk_demo"');
    expect(byLabel<HTMLTextAreaElement>(root, 'Allowed origins').value).toBe('http://localhost:*\nhttp://127.0.0.1:*');
    expect(byLabel(root, 'Timezone').value).toBe('Asia/Tokyo');
    expect(byLabel(root, 'Keep events for (days)').value).toBe('365');
  });

  it('edits origins, name and retention and shows the saved values', async () => {
    const root = await app(fake, '/console/sites/demo');
    await waitFor(() => byLabel(root, 'Allowed origins'));
    await type(byLabel(root, 'Name'), 'Marketing site');
    await type(byLabel<HTMLTextAreaElement>(root, 'Allowed origins'), 'https://www.example.com/\nhttps://example.com, https://www.example.com');
    await type(byLabel(root, 'Keep events for (days)'), '30');
    await submit(find<HTMLFormElement>(root, 'form'));
    await waitFor(() => expect(root.textContent).toContain('Saved.'));
    const patch = fake.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.path).toBe('/v1/admin/sites/demo');
    expect(patch.body).toEqual({
      name: 'Marketing site',
      origins: ['https://www.example.com', 'https://example.com'],
      timezone: 'Asia/Tokyo',
      retentionDays: 30,
    });
    expect(find(root, 'h1').textContent).toBe('Marketing site');
    expect(find<HTMLSelectElement>(root, '#site-switcher').selectedOptions[0]?.textContent).toBe('Marketing site');
  });

  it("shows the server's message when an origin is invalid and keeps what was typed", async () => {
    const root = await app(fake, '/console/sites/demo');
    await waitFor(() => byLabel(root, 'Allowed origins'));
    await type(byLabel<HTMLTextAreaElement>(root, 'Allowed origins'), 'example.com/path');
    await submit(find<HTMLFormElement>(root, 'form'));
    const alert = await waitFor(() => find(root, '[role="alert"]'));
    expect(alert.textContent).toBe('"example.com/path" is not an origin like https://example.com');
    expect(byLabel<HTMLTextAreaElement>(root, 'Allowed origins').value).toBe('example.com/path');
    expect(fake.state.sites[0]!.origins).toEqual(demoSite.origins);
  });

  it('creates a site and lands on its page with the new key in the tag', async () => {
    const root = await app(fake, '/console/sites');
    await click(await waitFor(() => byText(root, 'New site')));
    await waitFor(() => expect(find(root, 'h1').textContent).toBe('Add a site'));
    await submit(find<HTMLFormElement>(root, 'form'));
    expect(find(root, '[role="alert"]').textContent).toBe('Give the site a name.');
    await type(byLabel(root, 'Name'), 'Shop');
    await type(byLabel(root, 'Id (optional)'), 'shop');
    await type(byLabel<HTMLTextAreaElement>(root, 'Allowed origins'), 'https://shop.example.com');
    await type(byLabel(root, 'Timezone'), 'Europe/Paris');
    await submit(find<HTMLFormElement>(root, 'form'));
    await waitFor(() => expect(location.pathname).toBe('/console/sites/shop'));
    await waitFor(() => expect(find(root, 'h1').textContent).toBe('Shop'));
    const created = fake.state.sites.find((s) => s.id === 'shop')!;
    expect(created).toMatchObject({ name: 'Shop', origins: ['https://shop.example.com'], timezone: 'Europe/Paris', retentionDays: 395 });
    expect(find(root, '.snippet pre').textContent).toContain(`data-key="${created.writeKey}"`);
    expect(find<HTMLSelectElement>(root, '#site-switcher').value).toBe('shop');
  });
});
