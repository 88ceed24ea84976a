import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/widget/chat-types';
import { MessageList } from '../../../src/widget/components/MessageList';
import { STRINGS } from '../../../src/widget/strings';

let box: HTMLElement | undefined;
afterEach(() => {
  if (box) render(null, box);
  box?.remove();
});

const message = (text: string, author: ChatMessage['author'] = 'operator'): ChatMessage => ({
  id: 'm-' + Math.random(),
  conversationId: 'c',
  author,
  text,
  clientId: null,
  createdAt: new Date().toISOString(),
  readAt: null,
});

const show = (messages: ChatMessage[]) => {
  box = document.createElement('div');
  document.body.append(box);
  render(<MessageList messages={messages} typing={false} online t={STRINGS.en} locale="en" />, box);
  return box;
};

describe('MessageList', () => {
  it('renders markup in a message as literal text', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script><b>bold</b>';
    const root = show([message(hostile)]);
    expect(root.querySelector('.m p')!.textContent).toBe(hostile);
    expect(root.querySelectorAll('img, script, b')).toHaveLength(0);
  });

  it('links http(s) URLs safely and nothing else', () => {
    const root = show([message('see https://example.com/a?b=1&c=2. or http://x.test/p, not javascript:alert(1) or data:text/html,hi')]);
    const links = Array.from(root.querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a?b=1&c=2', 'http://x.test/p']);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.textContent).toBe(a.getAttribute('href'));
    }
    expect(root.querySelector('.m p')!.textContent).toContain('not javascript:alert(1) or data:text/html,hi');
  });

  it('does not swallow Japanese text after a URL', () => {
    const root = show([message('詳しくはhttps://example.jp/docsをご覧ください')]);
    expect(root.querySelector('a')!.getAttribute('href')).toBe('https://example.jp/docs');
    expect(root.querySelector('.m p')!.textContent).toBe('詳しくはhttps://example.jp/docsをご覧ください');
  });

  it('is a polite live log, names authors for screen readers and shows pending messages', () => {
    const root = show([message('hi', 'visitor'), { ...message('waiting', 'visitor'), pending: true }, message('hello')]);
    const log = root.querySelector('[role="log"]')!;
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.getAttribute('aria-label')).toBe('Messages');
    const bubbles = Array.from(root.querySelectorAll('.m'));
    expect(bubbles.map((b) => b.querySelector('.sr')!.textContent)).toEqual(['You: ', 'You: ', 'Support: ']);
    expect(bubbles[1]!.querySelector('small')!.textContent).toBe('Sending…');
  });
});
