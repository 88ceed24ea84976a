import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { EventsView } from '../../server/console/components/EventsView';
import { createFakeAdminApi, type FakeAdmin } from './fake-admin-api';
import { demoSite, makeEvent } from './fixtures';
import { byLabel, byText, choose, click, find, mount, type, waitFor } from './render';

function labels(root: HTMLElement): string[] {
  return Array.from(root.querySelectorAll('.event-label')).map((el) => el.textContent ?? '');
}

async function view(fake: FakeAdmin) {
  const api = createApi({ fetch: fake.fetch, EventSource: fake.EventSource });
  const root = await mount(<EventsView api={api} site="demo" debounceMs={0} />);
  await waitFor(() => find(root, '.status-live'));
  return root;
}

describe('live events view', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = createFakeAdminApi({
      loggedIn: true,
      sites: [demoSite],
      events: {
        demo: [
          makeEvent({ type: 'track', event: 'Signup Clicked', secondsAgo: 10 }),
          makeEvent({ type: 'page', event: null, name: null, context: { page: { path: '/pricing' } }, secondsAgo: 20 }),
          makeEvent({ type: 'identify', event: null, userId: 'user-42', secondsAgo: 30 }),
        ],
      },
    });
  });
  afterEach(() => history.replaceState(null, '', '/'));

  it('lists stored events newest first with what, where and who', async () => {
    const root = await view(fake);
    await waitFor(() => expect(labels(root)).toEqual(['Signup Clicked', '/pricing', 'user-42']));
    const first = root.querySelector('.event')!;
    expect(first.querySelector('.badge')?.textContent).toBe('track');
    expect(first.textContent).toContain('Chrome · Linux · desktop');
  });

  it('renders hostile names and properties as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    fake.state.events.demo = [
      makeEvent({ event: hostile, properties: { note: '<script>window.__pwned=2</script>' }, secondsAgo: 1 }),
    ];
    const root = await view(fake);
    await waitFor(() => expect(labels(root)).toEqual([hostile]));
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('.event script')).toBeNull();
    expect(root.querySelector('.event pre')?.textContent).toContain('<script>window.__pwned=2</script>');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows a new event from the stream at the top without reloading', async () => {
    const root = await view(fake);
    await waitFor(() => expect(labels(root)).toHaveLength(3));
    expect(fake.sources.at(-1)!.url.pathname).toBe('/v1/admin/sites/demo/events/stream');
    fake.push('demo', makeEvent({ event: 'Plan Upgraded', secondsAgo: 0 }));
    await waitFor(() => expect(labels(root)[0]).toBe('Plan Upgraded'));
    expect(labels(root)).toHaveLength(4);
    // The same event delivered twice (stream + fetch) is shown once.
    fake.sources.at(-1)!.onmessage?.(new MessageEvent('message', { data: JSON.stringify(fake.state.events.demo![0]) }));
    await waitFor(() => expect(labels(root)).toHaveLength(4));
  });

  it('holds new events while paused and shows them on resume', async () => {
    const root = await view(fake);
    await waitFor(() => expect(labels(root)).toHaveLength(3));
    await click(byText(root, 'Pause'));
    expect(find(root, '[role="status"]').textContent).toContain('Paused');
    fake.push('demo', makeEvent({ event: 'While Paused', secondsAgo: 0 }));
    await waitFor(() => byText(root, 'Resume (1 new)'));
    expect(labels(root)).not.toContain('While Paused');
    await click(byText(root, 'Resume (1 new)'));
    await waitFor(() => expect(labels(root)[0]).toBe('While Paused'));
  });

  it('narrows the list by type and by name, including streamed events', async () => {
    const root = await view(fake);
    await waitFor(() => expect(labels(root)).toHaveLength(3));
    await choose(byLabel<HTMLSelectElement>(root, 'Type'), 'page');
    await waitFor(() => expect(labels(root)).toEqual(['/pricing']));
    await waitFor(() => expect(fake.sources.at(-1)!.url.searchParams.get('type')).toBe('page'));
    fake.push('demo', makeEvent({ type: 'track', event: 'Not A Page', secondsAgo: 0 }));
    fake.push('demo', makeEvent({ type: 'page', event: null, name: 'Docs', secondsAgo: 0 }));
    await waitFor(() => expect(labels(root)).toEqual(['Docs', '/pricing']));

    await choose(byLabel<HTMLSelectElement>(root, 'Type'), '');
    await type(byLabel(root, 'Event or page name'), 'Signup Clicked');
    await waitFor(() => expect(labels(root)).toEqual(['Signup Clicked']));
    expect(fake.requests.at(-1)?.path).toContain('name=Signup+Clicked');
    // Names match exactly, as on the server; the names seen so far are offered as suggestions.
    const suggestions = Array.from(root.querySelectorAll('#event-names option')).map((o) => o.getAttribute('value'));
    expect(suggestions).toContain('Signup Clicked');
    await type(byLabel(root, 'Event or page name'), 'Signup');
    await waitFor(() => expect(find(root, '.empty').textContent).toBe('No events match these filters.'));
    await type(byLabel(root, 'Event or page name'), 'nothing like this');
    await waitFor(() => expect(find(root, '.empty').textContent).toBe('No events match these filters.'));
  });

  it('loads older events page by page', async () => {
    fake.state.events.demo = Array.from({ length: 120 }, (_, i) => makeEvent({ event: `E${i}`, secondsAgo: i + 1 }));
    const root = await view(fake);
    await waitFor(() => expect(labels(root)).toHaveLength(50));
    await click(byText(root, 'Load older'));
    await waitFor(() => expect(labels(root)).toHaveLength(100));
    expect(labels(root)[99]).toBe('E99');
    await click(byText(root, 'Load older'));
    await waitFor(() => expect(labels(root)).toHaveLength(120));
    expect(() => byText(root, 'Load older')).toThrow();
  });

  it('says when the stream drops and fetches what it missed on reconnect', async () => {
    const root = await view(fake);
    await waitFor(() => expect(labels(root)).toHaveLength(3));
    const source = fake.sources.at(-1)!;
    source.onerror?.(new Event('error'));
    await waitFor(() => expect(find(root, '[role="status"]').textContent).toContain('Reconnecting'));
    // Stored while disconnected: the stream never carries it.
    fake.state.events.demo = [makeEvent({ event: 'Missed While Offline', secondsAgo: 0 }), ...fake.state.events.demo!];
    source.onopen?.(new Event('open'));
    await waitFor(() => expect(labels(root)[0]).toBe('Missed While Offline'));
    expect(find(root, '[role="status"]').textContent).toContain('Live');
  });
});

describe('live events view when the stream is refused', () => {
  it('offers to reconnect, and sends the operator to sign in when the session has ended', async () => {
    const fake = createFakeAdminApi({ loggedIn: true, sites: [demoSite], events: { demo: [makeEvent({ event: 'Old' })] } });
    history.replaceState(null, '', '/console/events?site=demo');
    const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
    await waitFor(() => find(root, '.status-live'));
    const opened = fake.sources.length;

    // The server refuses the stream once (e.g. a restart): the browser gives up; the console offers to reconnect.
    let source = fake.sources.at(-1)!;
    source.readyState = 2;
    source.onerror?.(new Event('error'));
    await waitFor(() => expect(find(root, '[role="status"]').textContent).toContain('Disconnected'));
    await click(byText(root, 'Reconnect'));
    await waitFor(() => find(root, '.status-live'));
    expect(fake.sources.length).toBe(opened + 1);

    // Now the session has expired: the same refusal leads back to the login form.
    fake.state.loggedIn = false;
    source = fake.sources.at(-1)!;
    source.readyState = 2;
    source.onerror?.(new Event('error'));
    await waitFor(() => byLabel(root, 'Operator token'));
    history.replaceState(null, '', '/');
  });
});
