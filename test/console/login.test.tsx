import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { createFakeAdminApi } from './fake-admin-api';
import { demoSite } from './fixtures';
import { byLabel, byText, click, find, mount, submit, type, waitFor } from './render';

describe('console login', () => {
  beforeEach(() => history.replaceState(null, '', '/console/'));

  it('shows an error for a wrong token and stays on the login form', async () => {
    const fake = createFakeAdminApi({ token: 'right-token', sites: [demoSite] });
    const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
    const input = await waitFor(() => byLabel(root, 'Operator token'));
    expect(input.type).toBe('password');
    await type(input, 'wrong-token');
    await submit(root.querySelector('form')!);
    const alert = await waitFor(() => find(root, '[role="alert"]'));
    expect(alert.textContent).toMatch(/token is not right/i);
    expect(root.querySelector('nav')).toBeNull();
    expect(fake.state.loggedIn).toBe(false);
  });

  it('signs in with the right token and shows the navigation and the site', async () => {
    const fake = createFakeAdminApi({ token: 'right-token', sites: [demoSite] });
    const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
    await type(await waitFor(() => byLabel(root, 'Operator token')), '  right-token\n');
    await submit(root.querySelector('form')!);
    const nav = await waitFor(() => find(root, 'nav[aria-label="Console"]'));
    const labels = Array.from(nav.querySelectorAll('a')).map((a) => a.textContent);
    expect(labels).toEqual(['Overview', 'Events', 'People', 'Inbox', 'Feedback', 'Campaigns', 'Sites']);
    expect(nav.querySelector('[aria-current="page"]')?.textContent).toBe('Overview');
    expect((await waitFor(() => byLabel<HTMLSelectElement>(root, 'Site'))).value).toBe('demo');
    expect(fake.requests.find((r) => r.path === '/v1/admin/login')?.body).toEqual({ token: 'right-token' });
  });

  it('goes back to the login form when the session ends, and signs out on request', async () => {
    const fake = createFakeAdminApi({ loggedIn: true, sites: [demoSite] });
    history.replaceState(null, '', '/console/sites');
    const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
    await waitFor(() => byText(root, 'Sign out'));
    await click(byText(root, 'Sign out'));
    await waitFor(() => byLabel(root, 'Operator token'));
    expect(fake.state.loggedIn).toBe(false);
  });

  it('navigates between views without a reload and follows the back button', async () => {
    const fake = createFakeAdminApi({ loggedIn: true, sites: [demoSite] });
    const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
    await waitFor(() => byLabel(root, 'Site'));
    await click(byText(root, 'Sites'));
    await waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Sites'));
    expect(location.pathname).toBe('/console/sites');
    expect(location.search).toBe('?site=demo');
    expect(document.activeElement?.textContent).toBe('Sites');
    await click(byText(root, 'Campaigns'));
    await waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Campaigns'));
    expect(byText(root, 'New campaign').getAttribute('href')).toBe('/console/new-campaign?site=demo');
    history.back();
    await waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Sites'));
    await click(byText(root, 'Inbox'));
    await waitFor(() => expect(root.querySelector('h1')?.textContent).toBe('Inbox'));
    expect(document.activeElement?.textContent).toBe('Inbox');
  });
});
