import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import type { Person } from '../../server/console/types';
import { createFakeAdminApi, type FakeAdmin } from './fake-admin-api';
import { demoSite, makeEvent } from './fixtures';
import { byLabel, byText, click, find, mount, type, waitFor } from './render';

const ada: Person = {
  id: 'p1',
  userId: 'user-ada',
  anonymousIds: ['anon-ada-1', 'anon-ada-2'],
  traits: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro', bio: '<b onmouseover=alert(1)>hi</b>' },
  firstSeen: '2026-01-01T10:00:00.000Z',
  lastSeen: '2026-01-02T10:00:00.000Z',
  eventCount: 2,
};
const anon: Person = {
  id: 'p2',
  userId: null,
  anonymousIds: ['0b5e7a90-1111-4000-8000-00000000beef'],
  traits: {},
  firstSeen: '2026-01-01T11:00:00.000Z',
  lastSeen: '2026-01-01T11:00:00.000Z',
  eventCount: 1,
};

async function app(fake: FakeAdmin, path: string) {
  history.replaceState(null, '', path);
  return mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
}

describe('people', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = createFakeAdminApi({
      loggedIn: true,
      sites: [demoSite],
      people: {
        demo: [
          {
            person: ada,
            events: [
              makeEvent({ type: 'identify', event: null, userId: 'user-ada', secondsAgo: 1 }),
              makeEvent({ event: 'Signup Clicked', userId: 'user-ada', secondsAgo: 2 }),
            ],
          },
          { person: anon, events: [makeEvent({ type: 'page', event: null, name: 'Pricing', secondsAgo: 3 })] },
        ],
      },
    });
  });

  it('lists people and narrows them with the search box', async () => {
    const root = await app(fake, '/console/people?site=demo');
    await waitFor(() => byText(root, 'Ada Lovelace'));
    expect(byText(root, 'Anonymous visitor').getAttribute('href')).toBe(
      '/console/people/0b5e7a90-1111-4000-8000-00000000beef?site=demo',
    );
    await type(byLabel(root, /Search by user id/), 'ada@');
    await waitFor(() => expect(() => byText(root, 'Anonymous visitor')).toThrow());
    expect(byText(root, 'Ada Lovelace')).toBeTruthy();
    expect(fake.requests.at(-1)?.path).toBe('/v1/admin/sites/demo/people?q=ada%40&limit=100');
    await type(byLabel(root, /Search by user id/), 'zzz');
    await waitFor(() => expect(root.textContent).toContain('Nobody matches that search.'));
  });

  it('shows a person with traits as text and their timeline', async () => {
    const root = await app(fake, '/console/people?site=demo');
    await click(await waitFor(() => byText(root, 'Ada Lovelace')));
    await waitFor(() => expect(find(root, 'h1').textContent).toBe('Ada Lovelace'));
    expect(location.pathname).toBe('/console/people/user-ada');
    expect(root.textContent).toContain('anon-ada-2');
    const traits = Array.from(root.querySelectorAll('.panel dt')).map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(traits).toContainEqual(['plan', 'pro']);
    expect(traits).toContainEqual(['bio', '<b onmouseover=alert(1)>hi</b>']);
    expect(root.querySelector('.panel b')).toBeNull();
    const timeline = Array.from(root.querySelectorAll('.events .event-label')).map((el) => el.textContent);
    expect(timeline).toEqual(['user-ada', 'Signup Clicked']);
    expect(byText(root, 'Export JSON').getAttribute('href')).toBe('/v1/admin/sites/demo/people/user-ada/export');
  });

  it('erases a person only after an explicit confirmation', async () => {
    const root = await app(fake, '/console/people/user-ada?site=demo');
    await click(await waitFor(() => byText(root, 'Erase…')));
    expect(fake.requests.some((r) => r.method === 'DELETE')).toBe(false);
    expect(root.textContent).toContain('Erase this person and all 2 of their events? This cannot be undone.');
    await click(byText(root, 'Cancel'));
    expect(() => byText(root, 'Yes, erase everything')).toThrow();
    expect(fake.requests.some((r) => r.method === 'DELETE')).toBe(false);

    await click(byText(root, 'Erase…'));
    await click(byText(root, 'Yes, erase everything'));
    await waitFor(() => expect(location.pathname).toBe('/console/people'));
    expect(fake.requests.find((r) => r.method === 'DELETE')?.path).toBe('/v1/admin/sites/demo/people/user-ada/export');
    await waitFor(() => byText(root, 'Anonymous visitor'));
    expect(() => byText(root, 'Ada Lovelace')).toThrow();
  });

  it('opens a person from an event in the live view', async () => {
    fake.state.events.demo = [makeEvent({ event: 'Checkout', userId: 'user-ada', secondsAgo: 1 })];
    const root = await app(fake, '/console/events?site=demo');
    await click(await waitFor(() => byText(root, 'user-ada', 'a')));
    await waitFor(() => expect(find(root, 'h1').textContent).toBe('Ada Lovelace'));
    expect(find(root, 'nav [aria-current="page"]').textContent).toBe('People');
  });
});
