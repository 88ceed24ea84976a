import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { MessageText } from '../../server/console/components/MessageText';
import { linkify } from '../../server/console/linkify';
import { createFakeAdminApi, type FakeAdmin } from './fake-admin-api';
import { at, demoSite, makeConversation, makeEvent, makeMessage } from './fixtures';
import { byLabel, byText, click, find, mount, type, waitFor } from './render';

const HOSTILE = '<img src=x onerror=alert(1)>';

async function open(fake: FakeAdmin, id = 'aiko') {
  history.replaceState(null, '', `/console/inbox/${id}?site=demo`);
  const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
  await waitFor(() => find(root, '.thread'));
  await waitFor(() => find(root, '.status-live'));
  return root;
}

function bubbles(root: HTMLElement) {
  return Array.from(root.querySelectorAll('.msg')).map((li) => `${li.className.replace('msg msg-', '')}: ${li.querySelector('.msg-text')?.textContent}`);
}

async function press(el: HTMLElement, init: KeyboardEventInit) {
  await act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });
}

describe('conversation view', () => {
  let fake: FakeAdmin;
  beforeEach(() => {
    fake = createFakeAdminApi({
      loggedIn: true,
      sites: [demoSite],
      conversations: {
        demo: [
          makeConversation('aiko', {
            visitor: {
              personId: 'user-aiko',
              userId: 'user-aiko',
              traits: { name: 'Aiko Tanaka' },
              verified: true,
              email: 'aiko@example.com',
            },
            messages: [
              { text: `Look: ${HOSTILE}`, secondsAgo: 400 },
              { author: 'system', text: 'Aiko left an email address for a reply.', secondsAgo: 390 },
              { author: 'operator', text: 'See https://docs.example.com/plans?x=1&y=2. Or javascript:alert(1)', secondsAgo: 300 },
              { text: 'Thanks!\nSecond line', secondsAgo: 200 },
            ],
            unreadForOperator: 1,
            firstResponseSeconds: 100,
            rating: { score: 5, comment: 'Great <b>help</b>' },
            context: {
              currentPage: { url: 'https://tsumiki.example.com/pricing.html', title: 'Pricing' },
              pages: [
                { url: 'https://tsumiki.example.com/pricing.html', title: 'Pricing', timestamp: at(250) },
                { url: 'javascript:alert(2)', title: 'Evil page', timestamp: at(260) },
              ],
              recentEvents: [makeEvent({ type: 'track', event: 'Signup Clicked', secondsAgo: 240 })],
              traits: { name: 'Aiko Tanaka', plan: 'pro' },
            },
          }),
        ],
      },
    });
  });
  afterEach(() => history.replaceState(null, '', '/'));

  it('renders untrusted text as text, links only http(s) URLs, and styles each author', async () => {
    const root = await open(fake);
    await waitFor(() => expect(bubbles(root)).toHaveLength(4));
    expect(bubbles(root)).toEqual([
      `visitor: Look: ${HOSTILE}`,
      'system: Aiko left an email address for a reply.',
      'operator: See https://docs.example.com/plans?x=1&y=2. Or javascript:alert(1)',
      'visitor: Thanks!\nSecond line',
    ]);
    expect(root.querySelector('.messages img')).toBeNull();
    const links = Array.from(root.querySelectorAll<HTMLAnchorElement>('.messages a'));
    expect(links.map((a) => [a.getAttribute('href'), a.textContent, a.rel, a.target])).toEqual([
      ['https://docs.example.com/plans?x=1&y=2', 'https://docs.example.com/plans?x=1&y=2', 'noopener noreferrer', '_blank'],
    ]);
    expect(root.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(find(root, '[role="log"]').getAttribute('aria-label')).toBe('Messages with Aiko Tanaka');
  });

  it('marks the conversation read when it is viewed', async () => {
    const root = await open(fake);
    await waitFor(() => expect(fake.requests.some((r) => r.method === 'POST' && r.path.endsWith('/conversations/aiko/read'))).toBe(true));
    await waitFor(() => expect(root.querySelector('.conv-row .unread-dot')).toBeNull());
    // A new visitor message while the operator looks at it is read too.
    const before = fake.requests.filter((r) => r.path.endsWith('/read')).length;
    fake.pushInbox('demo', 'message', { conversationId: 'aiko', message: makeMessage('aiko', { text: 'One more thing', secondsAgo: 0 }) });
    await waitFor(() => expect(bubbles(root).at(-1)).toBe('visitor: One more thing'));
    await waitFor(() => expect(fake.requests.filter((r) => r.path.endsWith('/read')).length).toBe(before + 1));
    expect(root.querySelector('.conv-row .unread-dot')).toBeNull();
  });

  it('sends a reply with Enter, keeps Shift+Enter as a new line, and clears the box', async () => {
    const root = await open(fake);
    const box = await waitFor(() => byLabel<HTMLTextAreaElement>(root, 'Reply'));
    await type(box, 'Line one');
    await press(box, { key: 'Enter', shiftKey: true });
    expect(fake.requests.some((r) => r.path.endsWith('/messages'))).toBe(false);
    // While an IME is composing, Enter confirms the conversion and must not send.
    await press(box, { key: 'Enter', isComposing: true });
    expect(fake.requests.some((r) => r.path.endsWith('/messages'))).toBe(false);
    await type(box, 'Line one\nLine two  ');
    await press(box, { key: 'Enter' });
    await waitFor(() => expect(bubbles(root).at(-1)).toBe('operator: Line one\nLine two'));
    expect(fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/messages'))).toEqual({
      method: 'POST',
      path: '/v1/admin/sites/demo/conversations/aiko/messages',
      body: { text: 'Line one\nLine two' },
    });
    expect(box.value).toBe('');
    // The list shows it as the last message, and the stream's echo of it is not shown twice.
    expect(find(root, '.conv-row .conv-preview').textContent).toBe('You: Line one\nLine two');
    const sent = fake.state.conversations.demo![0]!.messages.at(-1)!;
    fake.pushInbox('demo', 'message', { conversationId: 'aiko', message: sent });
    await waitFor(() => expect(bubbles(root).filter((b) => b.startsWith('operator: Line one'))).toHaveLength(1));
  });

  it('disables the box while sending, and keeps the text and shows the error when sending fails', async () => {
    const root = await open(fake);
    const box = await waitFor(() => byLabel<HTMLTextAreaElement>(root, 'Reply'));
    const release = fake.holdNext('POST', '/messages');
    await type(box, 'Slow reply');
    await click(byText(root, 'Send'));
    await waitFor(() => expect(box.disabled).toBe(true));
    expect(byText<HTMLButtonElement>(root, 'Sending…').disabled).toBe(true);
    release();
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(bubbles(root).at(-1)).toBe('operator: Slow reply');

    fake.failNext('POST', '/messages', 429, 'rate_limited', 'Too many messages: wait a few seconds.');
    await type(box, 'Will fail');
    await press(box, { key: 'Enter' });
    const alert = await waitFor(() => find(root, '.reply [role="alert"]'));
    expect(alert.textContent).toBe('Too many messages: wait a few seconds.');
    expect(box.value).toBe('Will fail');
    expect(bubbles(root).at(-1)).toBe('operator: Slow reply');
    await press(box, { key: 'Enter' });
    await waitFor(() => expect(bubbles(root).at(-1)).toBe('operator: Will fail'));
    expect(root.querySelector('.reply [role="alert"]')).toBeNull();
  });

  it('tells the visitor the operator is typing (throttled) and shows when the visitor types', async () => {
    const root = await open(fake);
    const box = await waitFor(() => byLabel<HTMLTextAreaElement>(root, 'Reply'));
    const typing = () => fake.requests.filter((r) => r.path.endsWith('/conversations/aiko/typing')).map((r) => r.body);
    await type(box, 'H');
    await type(box, 'He');
    await type(box, 'Hel');
    await waitFor(() => expect(typing()).toEqual([{ typing: true }]));
    await type(box, '');
    await waitFor(() => expect(typing()).toEqual([{ typing: true }, { typing: false }]));

    fake.pushInbox('demo', 'typing', { conversationId: 'aiko', typing: true });
    await waitFor(() => expect(find(root, '.typing').textContent).toBe('Aiko Tanaka is typing…'));
    fake.pushInbox('demo', 'typing', { conversationId: 'other', typing: false });
    expect(find(root, '.typing').textContent).toBe('Aiko Tanaka is typing…');
    fake.pushInbox('demo', 'typing', { conversationId: 'aiko', typing: false });
    await waitFor(() => expect(find(root, '.typing').textContent).toBe(''));
    // A visitor message ends the typing display too.
    fake.pushInbox('demo', 'typing', { conversationId: 'aiko', typing: true });
    await waitFor(() => expect(find(root, '.typing').textContent).not.toBe(''));
    fake.pushInbox('demo', 'message', { conversationId: 'aiko', message: makeMessage('aiko', { text: 'Done typing', secondsAgo: 0 }) });
    await waitFor(() => expect(find(root, '.typing').textContent).toBe(''));
  });

  it('closes and reopens, showing the resolution time, and a reply reopens a closed conversation', async () => {
    const root = await open(fake);
    await click(await waitFor(() => byText(root, 'Close conversation')));
    await waitFor(() => expect(find(root, '.thread-header .tag').textContent).toBe('Closed'));
    expect(fake.requests.some((r) => r.method === 'POST' && r.path === '/v1/admin/sites/demo/conversations/aiko/close')).toBe(true);
    expect(find(root, '.closed-note').textContent).toBe('This conversation is closed. A reply reopens it.');
    expect(find(root, '.visitor-panel').textContent).toContain('Resolution1 h 2 min');
    // The open list no longer holds it.
    await waitFor(() => expect(root.querySelector('.conv-row')).toBeNull());
    await click(byText(root, 'Reopen'));
    await waitFor(() => expect(find(root, '.thread-header .tag').textContent).toBe('Open'));
    expect(find(root, '.visitor-panel').textContent).toContain('ResolutionNot closed yet');
    expect(root.querySelector('.closed-note')).toBeNull();
    await waitFor(() => expect(root.querySelector('.conv-row')).not.toBeNull());

    await click(byText(root, 'Close conversation'));
    await waitFor(() => expect(find(root, '.thread-header .tag').textContent).toBe('Closed'));
    const box = byLabel<HTMLTextAreaElement>(root, 'Reply');
    await type(box, 'One more tip: exports are in Settings.');
    await press(box, { key: 'Enter' });
    await waitFor(() => expect(find(root, '.thread-header .tag').textContent).toBe('Open'));
    expect(bubbles(root).at(-1)).toBe('operator: One more tip: exports are in Settings.');
    expect(root.querySelector('.closed-note')).toBeNull();
  });

  it("shows the visitor's context beside the conversation, all as text", async () => {
    const root = await open(fake);
    const panel = await waitFor(() => find(root, '.visitor-panel'));
    const text = panel.textContent!;
    expect(find(panel, '.visitor-name').textContent).toBe('Aiko Tanaka');
    expect(text).toContain('✓ Verified');
    expect(text).toContain('Emailaiko@example.com');
    expect(text).toContain('First response1 min 40 s');
    expect(text).toContain('ResolutionNot closed yet');
    expect(find(panel, '.stars').getAttribute('aria-label')).toBe('5 out of 5 stars');
    expect(find(panel, '.rating-comment').textContent).toBe('“Great <b>help</b>”');
    expect(panel.querySelector('b')).toBeNull();
    const current = find<HTMLAnchorElement>(panel, '.page-line a');
    expect([current.textContent, current.href, current.rel]).toEqual(['Pricing', 'https://tsumiki.example.com/pricing.html', 'noopener noreferrer']);
    // Pages seen: a javascript: URL stays text.
    expect(text).toContain('Evil page');
    expect(panel.querySelector('a[href^="javascript:"]')).toBeNull();
    expect(text).toContain('Signup Clicked');
    expect(text).toContain('planpro');
    expect(byText<HTMLAnchorElement>(panel, 'Full timeline →').getAttribute('href')).toBe('/console/people/user-aiko?site=demo');
  });

  it('links to the full timeline only when the visitor has events', async () => {
    fake.state.conversations.demo!.push(makeConversation('quiet', { visitor: { anonymousId: 'quiet-0000-4000-8000-000000000000' } }));
    const root = await open(fake, 'quiet');
    await waitFor(() => find(root, '.visitor-panel'));
    expect(() => byText(root, 'Full timeline →')).toThrow();
    expect(find(root, '.visitor-panel').textContent).toContain('No page views recorded.');
  });

  it('says so when the conversation does not exist', async () => {
    history.replaceState(null, '', '/console/inbox/nope?site=demo');
    const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
    const alert = await waitFor(() => find(root, '.conversation [role="alert"]'));
    expect(alert.textContent).toBe('No such conversation.');
  });

  it('opens a conversation from the list and goes back to it', async () => {
    history.replaceState(null, '', '/console/inbox?site=demo');
    const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
    await click(await waitFor(() => find(root, '.conv-row a')));
    await waitFor(() => expect(bubbles(root)).toHaveLength(4));
    expect(location.pathname).toBe('/console/inbox/aiko');
    expect(find(root, '.conv-row a').getAttribute('aria-current')).toBe('page');
    expect(document.activeElement?.id).toBe('view-title');
    await click(byText(root, '← Inbox'));
    await waitFor(() => expect(root.querySelector('.thread')).toBeNull());
  });
});

describe('message text', () => {
  it('splits text into plain runs and http(s) links, leaving punctuation and other schemes out', () => {
    expect(linkify('Go to https://a.example/x, then (see http://b.example/y). Bye')).toEqual([
      { kind: 'text', text: 'Go to ' },
      { kind: 'link', text: 'https://a.example/x', href: 'https://a.example/x' },
      { kind: 'text', text: ', then (see ' },
      { kind: 'link', text: 'http://b.example/y', href: 'http://b.example/y' },
      { kind: 'text', text: '). Bye' },
    ]);
    expect(linkify('https://en.wikipedia.org/wiki/Bond_(band) rocks')[0]).toMatchObject({ text: 'https://en.wikipedia.org/wiki/Bond_(band)' });
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>1</script>', 'JaVaScRiPt://x%0aalert(1)', 'ftp://x.example', 'www.example.com']) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
    expect(linkify('詳しくはhttps://tsumiki.example.com/docs。ありがとう')).toEqual([
      { kind: 'text', text: '詳しくは' },
      { kind: 'link', text: 'https://tsumiki.example.com/docs', href: 'https://tsumiki.example.com/docs' },
      { kind: 'text', text: '。ありがとう' },
    ]);
  });

  it('renders a hostile message literally', async () => {
    const root = await mount(<MessageText text={`${HOSTILE} https://ok.example/ <a href="javascript:alert(1)">x</a>`} />);
    expect(root.textContent).toBe(`${HOSTILE} https://ok.example/ <a href="javascript:alert(1)">x</a>`);
    expect(root.querySelector('img')).toBeNull();
    expect(Array.from(root.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['https://ok.example/']);
  });
});
