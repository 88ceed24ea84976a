import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { sortConversations } from '../../server/console/inbox-order';
import { createFakeAdminApi, type FakeAdmin } from './fake-admin-api';
import { demoSite, makeConversation, makeMessage } from './fixtures';
import { byText, click, find, mount, waitFor } from './render';

function rows(root: HTMLElement) {
  return Array.from(root.querySelectorAll('.conv-row')).map((row) => ({
    name: row.querySelector('.conv-name')?.textContent ?? '',
    preview: row.querySelector('.conv-preview')?.textContent ?? '',
    unread: row.querySelector('.unread-dot') !== null,
    closed: row.querySelector('.tag')?.textContent === 'Closed',
    stars: row.querySelector('.stars')?.getAttribute('aria-label') ?? null,
  }));
}

const names = (root: HTMLElement) => rows(root).map((row) => row.name);

async function inbox(fake: FakeAdmin) {
  history.replaceState(null, '', '/console/inbox?site=demo');
  const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
  await waitFor(() => find(root, '.status-live'));
  await waitFor(() => expect(root.querySelector('.conv-row')).not.toBeNull());
  return root;
}

describe('inbox list', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = createFakeAdminApi({
      loggedIn: true,
      sites: [demoSite],
      conversations: {
        demo: [
          makeConversation('aiko', {
            visitor: { userId: 'user-aiko', traits: { name: 'Aiko Tanaka', email: 'aiko@example.com' }, verified: true },
            messages: [{ text: 'Hello, can I change plans?', secondsAgo: 300 }],
          }),
          makeConversation('ben', {
            visitor: { email: 'ben@example.com' },
            messages: [
              { text: 'Is there a student discount?', secondsAgo: 200 },
              { author: 'operator', text: 'Yes, 50 % with a school address.', secondsAgo: 100 },
            ],
          }),
          makeConversation('c0ffee00-anon', {
            visitor: { anonymousId: 'c0ffee00-1111-4222-8333-444455556666' },
            messages: [{ text: 'Checkout is broken <img src=x onerror="window.__pwned=1">', secondsAgo: 500 }],
            unreadForOperator: 2,
          }),
          makeConversation('closed-1', {
            visitor: { traits: { name: 'Chie' } },
            messages: [{ text: 'Thanks, solved!', secondsAgo: 50 }],
            status: 'closed',
            rating: { score: 4, comment: 'Quick and kind' },
          }),
        ],
      },
    });
  });
  afterEach(() => history.replaceState(null, '', '/'));

  it('lists open conversations unread first, then newest, with who, what, when and an unread dot', async () => {
    const root = await inbox(fake);
    expect(fake.requests.find((r) => r.path.includes('/conversations?'))?.path).toBe('/v1/admin/sites/demo/conversations?status=open');
    expect(rows(root)).toEqual([
      // Unread though oldest; named by its anonymous id, the hostile preview shown as typed.
      {
        name: 'Visitor c0ffee00…6666',
        preview: 'Checkout is broken <img src=x onerror="window.__pwned=1">',
        unread: true,
        closed: false,
        stars: null,
      },
      // Named by the email given; the operator's own last message is marked as theirs.
      { name: 'ben@example.com', preview: 'You: Yes, 50 % with a school address.', unread: false, closed: false, stars: null },
      { name: 'Aiko Tanaka', preview: 'Hello, can I change plans?', unread: false, closed: false, stars: null },
    ]);
    expect(root.querySelector('.conversations img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(find(root, '.count').textContent).toBe('1 unread');
    expect(find(root, '.conv-row time').getAttribute('dateTime')).toBe(fake.state.conversations.demo![2]!.messages[0]!.createdAt);
  });

  it('filters open, closed and all, and shows the CSAT of rated conversations', async () => {
    const root = await inbox(fake);
    await click(byText(root, 'Closed'));
    await waitFor(() => expect(names(root)).toEqual(['Chie']));
    expect(rows(root)[0]).toMatchObject({ closed: true, stars: '4 out of 5 stars' });
    expect(fake.requests.at(-1)?.path).toBe('/v1/admin/sites/demo/conversations?status=closed');
    await click(byText(root, 'All'));
    await waitFor(() => expect(names(root)).toEqual(['Visitor c0ffee00…6666', 'Chie', 'ben@example.com', 'Aiko Tanaka']));
    expect(byText(root, 'All').getAttribute('aria-pressed')).toBe('true');
  });

  it('moves a conversation to the top, unread, when the visitor writes, without reloading', async () => {
    const root = await inbox(fake);
    const message = makeMessage('aiko', { text: 'Also, do you invoice in yen?', secondsAgo: 0 });
    fake.pushInbox('demo', 'message', { conversationId: 'aiko', message });
    await waitFor(() => expect(names(root)).toEqual(['Aiko Tanaka', 'Visitor c0ffee00…6666', 'ben@example.com']));
    expect(rows(root)[0]).toMatchObject({ preview: 'Also, do you invoice in yen?', unread: true });
    expect(find(root, '.count').textContent).toBe('2 unread');
    // The same message again (a stream replay) changes nothing.
    fake.pushInbox('demo', 'message', { conversationId: 'aiko', message });
    await waitFor(() => expect(find(root, '.count').textContent).toBe('2 unread'));
  });

  it('fetches the list when a message belongs to a conversation it does not hold yet', async () => {
    const root = await inbox(fake);
    const fresh = makeConversation('new-one', {
      visitor: { traits: { name: 'Daichi' } },
      messages: [{ text: 'First time here', secondsAgo: 0 }],
      unreadForOperator: 1,
    });
    fake.state.conversations.demo!.push(fresh);
    fake.pushInbox('demo', 'message', { conversationId: 'new-one', message: fresh.messages[0] });
    await waitFor(() => expect(names(root)[0]).toBe('Daichi'));
    expect(rows(root)[0]).toMatchObject({ preview: 'First time here', unread: true });
  });

  it('drops a conversation closed elsewhere from the open list', async () => {
    const root = await inbox(fake);
    const ben = fake.state.conversations.demo!.find((e) => e.conversation.id === 'ben')!.conversation;
    fake.pushInbox('demo', 'conversation', { conversation: { ...ben, status: 'closed' } });
    await waitFor(() => expect(names(root)).toEqual(['Visitor c0ffee00…6666', 'Aiko Tanaka']));
  });

  it('says when the stream drops and catches up on what it missed when it is back', async () => {
    const root = await inbox(fake);
    const source = fake.sources.find((s) => s.url.pathname.endsWith('/conversations/stream'))!;
    expect(source.url.pathname).toBe('/v1/admin/sites/demo/conversations/stream');
    source.onerror?.(new Event('error'));
    await waitFor(() => expect(find(root, '[role="status"]').textContent).toContain('Reconnecting'));
    // Started while disconnected: the stream never carries it.
    fake.state.conversations.demo!.push(
      makeConversation('while-down', { visitor: { traits: { name: 'Emi' } }, messages: [{ text: 'Anyone there?', secondsAgo: 1 }] }),
    );
    source.onopen?.(new Event('open'));
    await waitFor(() => expect(names(root)).toContain('Emi'));
    expect(find(root, '[role="status"]').textContent).toContain('Live');
  });

  it('offers to reconnect when the browser gives up on the stream', async () => {
    const root = await inbox(fake);
    const opened = fake.sources.length;
    const source = fake.sources.at(-1)!;
    source.readyState = 2;
    source.onerror?.(new Event('error'));
    await click(await waitFor(() => byText(root, 'Reconnect')));
    await waitFor(() => find(root, '.status-live'));
    expect(fake.sources.length).toBe(opened + 1);
  });
});

describe('inbox order', () => {
  it('puts unread first, then the latest activity, and keeps conversations without messages by creation time', () => {
    const a = makeConversation('a', { messages: [{ secondsAgo: 10 }] }).conversation;
    const b = makeConversation('b', { messages: [{ secondsAgo: 5 }] }).conversation;
    const c = { ...makeConversation('c', { messages: [] }).conversation, createdAt: new Date(Date.UTC(2026, 0, 2, 12)).toISOString() };
    const d = makeConversation('d', { messages: [{ secondsAgo: 900 }], unreadForOperator: true }).conversation;
    expect(sortConversations([a, b, c, d]).map((x) => x.id)).toEqual(['d', 'c', 'b', 'a']);
  });
});
