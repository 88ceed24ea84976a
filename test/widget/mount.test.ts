import { afterEach, describe, expect, it } from 'vitest';
import type { WidgetApi } from '../../src/widget/host';
import { mount } from '../../src/widget/mount';
import { createChatDouble, createTestHost, unplug, waitFor } from './chat-double';

const mounted: WidgetApi[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.close());
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('style');
  document.body.removeAttribute('style');
  unplug();
  localStorage.clear();
  (window as any).happyDOM?.setViewport({ width: 1024, height: 768 });
});

const setup = (overrides = {}) => {
  const t = createTestHost(overrides);
  const server = createChatDouble({ key: t.host.key });
  const api = mount(t.host);
  mounted.push(api);
  const root = document.querySelector('kizuna-widget')!.shadowRoot!;
  const dialog = () => root.querySelector<HTMLElement>('[role="dialog"]');
  const key = (k: string, init: KeyboardEventInit = {}) =>
    (root.activeElement || dialog())!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...init }));
  return { ...t, server, api, root, dialog, key };
};

describe('widget mount', () => {
  it('draws into one open shadow root at the end of <body>, with no inline style attributes', async () => {
    const { api, root } = setup();
    expect(document.querySelectorAll('kizuna-widget')).toHaveLength(1);
    expect(document.body.lastElementChild!.tagName).toBe('KIZUNA-WIDGET');
    expect(root.mode).toBe('open');
    api.open();
    await waitFor(() => expect(root.querySelector('[role="dialog"]')).not.toBeNull());
    expect(root.querySelectorAll('[style]')).toHaveLength(0);
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
  });

  it('opens a named dialog that takes focus, closes on Esc and gives focus back to the launcher', async () => {
    const { api, root, dialog, key, launcher, calls } = setup();
    launcher.focus();
    api.open();
    const d = await waitFor(() => dialog()!);
    expect(d.getAttribute('aria-modal')).toBeNull();
    expect(root.getElementById(d.getAttribute('aria-labelledby')!)!.textContent).toBe('Chat');
    await waitFor(() => expect(root.activeElement?.tagName).toBe('TEXTAREA'));
    expect(calls.emit).toContainEqual(['widget:open', 'chat']);
    expect(calls.track.map(([e]) => e)).toContain('Chat Opened');

    key('Escape');
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(launcher);
    expect(calls.emit).toContainEqual(['widget:close', 'chat']);
  });

  it('does not take focus back to the launcher when the visitor was elsewhere', async () => {
    const { api, dialog, launcher } = setup();
    const input = document.createElement('input');
    document.body.append(input);
    api.open();
    await waitFor(() => dialog()!);
    input.focus();
    api.close();
    expect(document.activeElement).toBe(input);
    expect(document.activeElement).not.toBe(launcher);
  });

  it('switches to feedback and back with the header button, moving focus into the dialog', async () => {
    const { api, root, dialog } = setup();
    api.open();
    await waitFor(() => dialog()!);
    Array.from(root.querySelectorAll<HTMLButtonElement>('.h button')).find((b) => b.textContent == 'Feedback')!.click();
    await waitFor(() => expect(root.querySelector('legend')!.textContent).toBe('How do you rate your experience?'));
    expect(root.getElementById('kz-t')!.textContent).toBe('Feedback');
    await waitFor(() => expect(root.activeElement).toBe(dialog()));
    api.toggle('chat');
    await waitFor(() => expect(root.querySelector('[role="log"]')).not.toBeNull());
    api.toggle('chat');
    expect(dialog()).toBeNull();
  });

  it('is full screen and modal on a phone: traps Tab, stops the page scrolling and restores it exactly', async () => {
    (window as any).happyDOM.setViewport({ width: 390, height: 844 });
    document.documentElement.style.overflow = 'scroll';
    const { api, root, dialog, key } = setup();
    api.open();
    const d = await waitFor(() => dialog()!);
    expect(d.getAttribute('aria-modal')).toBe('true');
    expect(document.documentElement.style.overflow).toBe('hidden');
    expect(document.body.style.overflow).toBe('hidden');
    // Focus goes to the dialog itself, so a phone keyboard does not cover the conversation at once.
    await waitFor(() => expect(root.activeElement).toBe(d));

    const send = Array.from(root.querySelectorAll('button')).find((b) => b.textContent == 'Send')!;
    send.focus();
    key('Tab');
    expect(root.activeElement!.textContent).toBe('Feedback');
    key('Tab', { shiftKey: true });
    expect(root.activeElement).toBe(send);

    api.close();
    expect(document.documentElement.style.overflow).toBe('scroll');
    expect(document.body.style.overflow).toBe('');
  });

  it('lays out right-to-left pages mirrored and speaks Japanese when asked', async () => {
    const { api, root } = setup({ dir: 'rtl', locale: 'ja' });
    api.open();
    await waitFor(() => expect(root.querySelector('[role="dialog"]')).not.toBeNull());
    expect(root.querySelector('.k')!.getAttribute('dir')).toBe('rtl');
    expect(root.querySelector('.k')!.getAttribute('lang')).toBe('ja');
    expect(root.getElementById('kz-t')!.textContent).toBe('チャット');
    expect(root.querySelector('[role="log"]')!.getAttribute('aria-label')).toBe('メッセージ');
  });

  it('sends by Enter from the message box, but not while an IME is composing', async () => {
    const { api, root, server } = setup();
    api.open();
    const box = await waitFor(() => root.querySelector('textarea')!);
    box.value = 'こんにちは';
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }));
    await new Promise((r) => setTimeout(r, 30));
    expect(server.to('/v1/chat/messages')).toHaveLength(0);
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await waitFor(() => expect(server.to('/v1/chat/messages')).toHaveLength(1));
    expect(server.to('/v1/chat/messages')[0]!.body.text).toBe('こんにちは');
    await waitFor(() => expect(root.querySelector('.m.v p')!.textContent).toBe('こんにちは'));
    expect(root.querySelector('textarea')!.value).toBe('');
  });

  it('submits feedback on the site scale (NPS) with a radio group', async () => {
    const { api, root, calls, host } = setup();
    // The site asks for NPS.
    const nps = createChatDouble({ key: host.key, scale: 'nps' });
    api.open('feedback');
    await waitFor(() => expect(root.querySelectorAll('input[type=radio]')).toHaveLength(11));
    const submit = () => root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    submit();
    await waitFor(() => expect(root.querySelector('[role="alert"]')!.textContent).toBe('Choose a rating.'));
    const nine = root.querySelectorAll<HTMLInputElement>('input[type=radio]')[9]!;
    nine.click();
    await waitFor(() => expect(root.querySelector('.sc.on')!.textContent).toBe('99'));
    const comment = root.querySelector<HTMLTextAreaElement>('form textarea')!;
    comment.value = 'Great <b>docs</b>';
    comment.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    submit();
    await waitFor(() => expect(root.querySelector('[role="status"]')!.textContent).toBe('Thank you!'));
    expect(nps.to('/v1/feedback')[0]!.body).toMatchObject({ writeKey: expect.any(String), scale: 'nps', rating: 9, comment: 'Great <b>docs</b>', anonymousId: 'anon-1' });
    expect(nps.to('/v1/feedback')[0]!.body.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(calls.track).toContainEqual(['Feedback Submitted', { scale: 'nps', rating: 9 }]);
  });
});
