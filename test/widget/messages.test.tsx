import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WidgetApi, WidgetHost } from '../../src/widget/host';
import { mount } from '../../src/widget/mount';
import { campaign } from './campaign-fixture';
import { createChatDouble, createTestHost, unplug, waitFor } from './chat-double';

const mounted: WidgetApi[] = [];
afterEach(() => {
  mounted.splice(0).forEach((w) => w.close());
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
  unplug();
  localStorage.clear();
  vi.useRealTimers();
  vi.restoreAllMocks();
  (window as any).happyDOM?.setViewport({ width: 1024, height: 768 });
});

const setup = (overrides: Partial<WidgetHost> = {}) => {
  const t = createTestHost(overrides);
  const server = createChatDouble({ key: t.host.key });
  const api = mount(t.host);
  mounted.push(api);
  const root = Array.from(document.querySelectorAll('kizuna-widget')).pop()!.shadowRoot!;
  /** The campaign events the widget recorded, in order. */
  const events = () => t.calls.track.filter(([e]) => /^(Message|Survey) /.test(e));
  const named = (name: string) => t.calls.track.filter(([e]) => e == name).map(([, p]) => p);
  const message = () => root.querySelector<HTMLElement>('.w');
  const button = (label: string) =>
    Array.from(root.querySelectorAll<HTMLElement>('.w button, .w a')).find((b) => b.textContent == label)!;
  const key = (k: string, init: KeyboardEventInit = {}) =>
    (root.activeElement || message())!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, ...init }));
  /** Waits for the message's effect (focus, Message Shown) to have run. */
  const drawn = () => waitFor(() => expect(named('Message Shown').length).toBeGreaterThan(0));
  return { ...t, server, api, root, events, named, message, button, key, drawn };
};

/** Chooses a radio, waits for it to be drawn, and submits its form. */
const answer = async (root: ShadowRoot, index: number) => {
  root.querySelectorAll<HTMLInputElement>('.w input[type=radio]')[index]!.click();
  await waitFor(() => expect(root.querySelector<HTMLInputElement>('.w input:checked')).not.toBeNull());
  root.querySelector('.w form')!.dispatchEvent(new Event('submit', { cancelable: true }));
};

describe('in-app messages: kinds', () => {
  it('shows a modal as a named modal dialog over a backdrop that takes focus and keeps Tab inside', async () => {
    const { api, root, message, key, drawn } = setup();
    api.show(campaign('modal', { en: { t: 'Go Pro', b: 'More *projects*', n: [['Plans', 'url', '/pricing'], ['Later', 'dismiss']] } }));
    await drawn();
    const dialog = message()!;
    expect(dialog.parentElement!.className).toBe('bd');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Go Pro');
    expect(root.activeElement).toBe(dialog);

    const [plans, later, close] = Array.from(dialog.querySelectorAll<HTMLElement>('a, button'));
    expect([plans!.textContent, later!.textContent, close!.getAttribute('aria-label')]).toEqual(['Plans', 'Later', 'Close']);
    close!.focus();
    key('Tab');
    expect(root.activeElement).toBe(plans);
    key('Tab', { shiftKey: true });
    expect(root.activeElement).toBe(close);
  });

  it('shows banners as labelled regions at the top or bottom that leave focus where it was', async () => {
    const { api, root, message, launcher } = setup();
    launcher.focus();
    api.show(campaign('banner-top', { en: { b: 'Free shipping this week' } }));
    await waitFor(() => expect(message()).not.toBeNull());
    expect(message()!.className).toBe('w bn bt');
    expect(message()!.getAttribute('role')).toBe('region');
    // No title: the body names it.
    expect(root.getElementById(message()!.getAttribute('aria-labelledby')!)!.textContent).toBe('Free shipping this week');
    await new Promise((r) => setTimeout(r, 20));
    expect(document.activeElement).toBe(launcher);
    api.show(campaign('banner-bottom'));
    expect(message()!.className).toBe('w bn bt');
  });

  it('puts slide-ups, cards and surveys in the launcher corner as non-modal dialogs that do not take focus', async () => {
    for (const [kind, cls] of [
      ['slide-up', 'w sd'],
      ['card', 'w sd cd'],
      ['survey-nps', 'w sd'],
      ['banner-bottom', 'w bn bb'],
    ]) {
      const { api, message, launcher } = setup();
      launcher.focus();
      api.show(campaign(kind!, { en: { t: 'Hi ' + kind } }));
      await waitFor(() => expect(message()).not.toBeNull());
      expect(message()!.className, kind).toBe(cls);
      expect(message()!.getAttribute('aria-modal'), kind).toBeNull();
      await new Promise((r) => setTimeout(r, 20));
      expect(document.activeElement, kind).toBe(launcher);
      mounted.splice(0).forEach((w) => w.close());
      document.body.innerHTML = '';
    }
  });

  it('draws an image only from an http(s) URL, lazily, with its alt text', async () => {
    const { api, root } = setup();
    api.show(campaign('slide-up', { en: { t: 'New', m: ['https://cdn.example/a.png', 'A rocket'] } }));
    const img = await waitFor(() => root.querySelector('.w img')!);
    expect([img.getAttribute('src'), img.getAttribute('alt'), img.getAttribute('loading')]).toEqual(['https://cdn.example/a.png', 'A rocket', 'lazy']);

    const other = setup();
    other.api.show(campaign('slide-up', { en: { t: 'New', m: ['javascript:alert(1)', 'x'] } }));
    await waitFor(() => expect(other.message()).not.toBeNull());
    expect(other.root.querySelector('img')).toBeNull();
  });

  it('lays out right to left on a right-to-left page and for content in a right-to-left language', async () => {
    const { api, message } = setup({ dir: 'rtl' });
    api.show(campaign('card'));
    await waitFor(() => expect(message()!.getAttribute('dir')).toBe('rtl'));
    api.close();
    const ar = setup();
    (ar.host.options as { locale?: string }).locale = 'ar';
    ar.api.show(campaign('card', { en: { t: 'Hello' }, ar: { t: 'مرحبا' } }));
    await waitFor(() => expect(ar.message()!.getAttribute('dir')).toBe('rtl'));
    expect(ar.message()!.getAttribute('lang')).toBe('ar');
  });

  it('shows nothing for the control arm, an unknown kind or missing content', async () => {
    const { api, root, events } = setup();
    api.show(campaign('modal'), 'control');
    api.show(campaign('popover'));
    api.show(campaign('modal', {}));
    api.show(campaign('survey-single-choice', { en: { t: 'Pick' } }));
    await new Promise((r) => setTimeout(r, 20));
    expect(root.querySelector('.w')).toBeNull();
    expect(events()).toEqual([]);
    // And nothing is left blocking the next one.
    api.show(campaign('card'));
    await waitFor(() => expect(root.querySelector('.w')).not.toBeNull());
  });
});

describe('in-app messages: events', () => {
  it('records Message Shown exactly once per show(), with the version and no variantId without an experiment', async () => {
    const { api, named, drawn } = setup();
    api.show(campaign('modal'));
    await drawn();
    await new Promise((r) => setTimeout(r, 30));
    expect(named('Message Shown')).toEqual([{ campaignId: 'c-modal', version: 3 }]);
  });

  it('counts a message closed before its first frame as shown, once, before the dismissal', async () => {
    const { api, root, events } = setup();
    api.show(campaign('modal'));
    root.querySelector<HTMLElement>('.w .x')!.click();
    await new Promise((r) => setTimeout(r, 30));
    expect(events()).toEqual([
      ['Message Shown', { campaignId: 'c-modal', version: 3 }],
      ['Message Dismissed', { campaignId: 'c-modal', reason: 'close' }],
    ]);
  });

  it('waits until the page is visible before counting it as shown', async () => {
    const { api, named, message } = setup();
    const state = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    api.show(campaign('slide-up'));
    await waitFor(() => expect(message()).not.toBeNull());
    await new Promise((r) => setTimeout(r, 20));
    expect(named('Message Shown')).toEqual([]);
    state.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(named('Message Shown')).toEqual([{ campaignId: 'c-slide-up', version: 3 }]);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(named('Message Shown')).toHaveLength(1);
  });

  it('closes on ×, Esc and the backdrop with the matching Dismissed reason, and gives focus back', async () => {
    for (const [how, reason] of [
      ['×', 'close'],
      ['Esc', 'escape'],
      ['backdrop', 'backdrop'],
    ] as const) {
      const { api, root, message, key, launcher, named, drawn } = setup();
      launcher.focus();
      api.show(campaign('modal'), 'b');
      await drawn();
      expect(root.activeElement).toBe(message());
      if (how == '×') root.querySelector<HTMLElement>('.w .x')!.click();
      else if (how == 'Esc') key('Escape');
      else root.querySelector<HTMLElement>('.bd')!.click();
      expect(message(), how).toBeNull();
      expect(named('Message Dismissed'), how).toEqual([{ campaignId: 'c-modal', variantId: 'b', reason }]);
      expect(named('Message Shown')).toEqual([{ campaignId: 'c-modal', variantId: 'b', version: 3 }]);
      expect(document.activeElement, how).toBe(launcher);
      mounted.splice(0).forEach((w) => w.close());
      document.body.innerHTML = '';
    }
  });

  it('does not close the modal on a click inside it', async () => {
    const { api, root, message, drawn, named } = setup();
    api.show(campaign('modal'));
    await drawn();
    root.querySelector<HTMLElement>('.w h2')!.click();
    expect(message()).not.toBeNull();
    expect(named('Message Dismissed')).toEqual([]);
  });

  it('keeps one message at a time: another show() is suppressed as site.busy until the first closes', async () => {
    const { api, root, named, drawn, message } = setup();
    api.show(campaign('card'));
    await drawn();
    api.show(campaign('modal'), 'a');
    api.show(campaign('banner-top'));
    expect(named('Message Suppressed')).toEqual([
      { campaignId: 'c-modal', variantId: 'a', reason: 'site.busy' },
      { campaignId: 'c-banner-top', reason: 'site.busy' },
    ]);
    expect(root.querySelectorAll('.w')).toHaveLength(1);
    expect(message()!.className).toBe('w sd cd');
    root.querySelector<HTMLElement>('.w .x')!.click();
    api.show(campaign('modal'));
    await waitFor(() => expect(named('Message Shown').map((p: any) => p.campaignId)).toEqual(['c-card', 'c-modal']));
    expect(message()!.getAttribute('aria-modal')).toBe('true');
  });
});

describe('in-app messages: buttons', () => {
  const buttons = {
    en: {
      t: 'Offer',
      n: [
        ['Plans', 'url', '/pricing'],
        ['Docs', 'url', 'https://docs.example/x', 1],
        ['Talk to us', 'chat'],
      ] as any,
    },
  };

  it('links a URL button in the same tab or a new one (noopener), as a click that closes without a dismissal', async () => {
    const { api, button, named, message, drawn } = setup();
    api.show(campaign('slide-up', buttons), 'v1');
    await drawn();
    const plans = button('Plans') as HTMLAnchorElement;
    const docs = button('Docs') as HTMLAnchorElement;
    expect([plans.tagName, plans.getAttribute('href'), plans.getAttribute('target'), plans.getAttribute('rel')]).toEqual([
      'A',
      location.origin + '/pricing',
      null,
      null,
    ]);
    expect([docs.getAttribute('href'), docs.getAttribute('target'), docs.getAttribute('rel')]).toEqual(['https://docs.example/x', '_blank', 'noopener']);
    // The link's own navigation is the browser's (checked in Chromium); here it stays put.
    document.addEventListener('click', (e) => e.preventDefault(), { once: true });
    docs.click();
    expect(message()).toBeNull();
    expect(named('Message Clicked')).toEqual([{ campaignId: 'c-slide-up', variantId: 'v1', button: 'Docs' }]);
    expect(named('Message Dismissed')).toEqual([]);
  });

  it('opens the chat from a chat button', async () => {
    const { api, button, named, root, calls, drawn } = setup();
    api.show(campaign('slide-up', buttons));
    await drawn();
    button('Talk to us').click();
    await waitFor(() => expect(root.querySelector('.p [role="log"]')).not.toBeNull());
    expect(named('Message Clicked')).toEqual([{ campaignId: 'c-slide-up', button: 'Talk to us' }]);
    expect(calls.emit).toContainEqual(['widget:open', 'chat']);
    expect(root.querySelector('.w')).toBeNull();
  });

  it('tracks an event button with the campaign and variant, and counts a dismiss button as a dismissal, not a click', async () => {
    const { api, button, calls, named, drawn } = setup();
    api.show(campaign('card', { en: { t: 'Try it', n: [['Try', 'event', 'Trial Started'], ['No thanks', 'dismiss']] } }), 'b');
    await drawn();
    button('Try').click();
    expect(named('Message Clicked')).toEqual([{ campaignId: 'c-card', variantId: 'b', button: 'Try' }]);
    expect(named('Trial Started')).toEqual([{ campaignId: 'c-card', variantId: 'b' }]);
    const order = calls.track.map(([e]) => e);
    expect(order.indexOf('Message Clicked')).toBeLessThan(order.indexOf('Trial Started'));

    api.show(campaign('card', { en: { t: 'Again', n: [['No thanks', 'dismiss']] } }));
    await waitFor(() => expect(named('Message Shown')).toHaveLength(2));
    button('No thanks').click();
    expect(named('Message Dismissed')).toEqual([{ campaignId: 'c-card', reason: 'button' }]);
    expect(named('Message Clicked')).toHaveLength(1);
  });
});

describe('in-app messages: untrusted content', () => {
  const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';

  it('renders HTML in the title, body, buttons and choices as inert text', async () => {
    const { api, root, drawn } = setup();
    api.show(
      campaign('modal', {
        en: { t: hostile, b: hostile + ' **bold** [x](javascript:evil) [ok](https://example.com/a)', n: [[hostile, 'dismiss'], ['Bad', 'url', 'javascript:alert(4)']] },
      }),
    );
    await drawn();
    const w = root.querySelector('.w')!;
    expect(w.querySelector('h2')!.textContent).toBe(hostile);
    expect(w.querySelector('#kz-mb')!.textContent).toBe(hostile + ' bold x ok');
    expect(w.querySelector('#kz-mb b')!.textContent).toBe('bold');
    expect(Array.from(w.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a']);
    expect(w.querySelector('a')!.getAttribute('rel')).toBe('noopener');
    expect(w.querySelector('.bs')!.textContent).toBe(hostile);
    expect(w.querySelectorAll('img, script')).toHaveLength(0);
    api.close();
    root.querySelector<HTMLElement>('.w .x')!.click();

    api.show(campaign('survey-single-choice', { en: { t: 'Pick', o: [hostile, 'fine'] } }));
    await waitFor(() => expect(root.querySelectorAll('.w .co')).toHaveLength(2));
    expect(root.querySelector('.w .co')!.textContent).toBe(hostile);
    expect(root.querySelectorAll('.w img, .w script')).toHaveLength(0);
  });
});

describe('in-app messages: locale and variant content', () => {
  const content = { en: { t: 'Hello' }, ja: { t: 'こんにちは' }, 'pt-BR': { t: 'Olá' } };

  it('picks the tag’s data-locale first, then the page language, then the browser’s, else the campaign default', async () => {
    const langs = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['pt-PT', 'en']);
    const cases: [string | undefined, string, string][] = [
      ['ja', 'pt-BR', 'こんにちは'],
      [undefined, 'ja-JP', 'こんにちは'],
      [undefined, '', 'Olá'],
    ];
    for (const [locale, lang, title] of cases) {
      document.documentElement.lang = lang;
      const { api, root, host } = setup();
      (host.options as { locale?: string }).locale = locale;
      api.show(campaign('card', content));
      await waitFor(() => expect(root.querySelector('h2')!.textContent, String([locale, lang])).toBe(title));
      mounted.splice(0).forEach((w) => w.close());
      document.body.innerHTML = '';
    }
    langs.mockReturnValue(['fr']);
    document.documentElement.lang = '';
    const { api, root } = setup();
    api.show(campaign('card', content, { l: 'ja' }));
    await waitFor(() => expect(root.querySelector('h2')!.textContent).toBe('こんにちは'));
  });

  it('speaks the content’s language in its own labels', async () => {
    const { api, root, host } = setup();
    (host.options as { locale?: string }).locale = 'ja';
    api.show(campaign('survey-nps', { en: { t: 'Recommend us?' }, ja: { t: '薦めますか？' } }));
    await waitFor(() => expect(root.querySelector('.w .x')!.getAttribute('aria-label')).toBe('閉じる'));
    expect(root.querySelector('.w .b')!.textContent).toBe('送信');
    expect(root.querySelector('.w .ends')!.textContent).toBe('0 = 薦めない10 = ぜひ薦める');
    expect(root.querySelector('.w')!.getAttribute('lang')).toBe('ja');
  });

  it('shows the variant’s own content, or the campaign’s when the variant has none', async () => {
    const x = { k: 'k', h: 10, v: [['a', 1], ['b', 1, { en: { t: 'Variant B' } }], ['c', 1, 0]] as any };
    for (const [variant, title] of [
      ['a', 'Hello'],
      ['b', 'Variant B'],
      ['c', 'Hello'],
      [undefined, 'Hello'],
    ]) {
      const { api, root } = setup();
      api.show(campaign('card', content, { x }), variant);
      await waitFor(() => expect(root.querySelector('h2')!.textContent, variant).toBe(title));
      mounted.splice(0).forEach((w) => w.close());
      document.body.innerHTML = '';
    }
  });
});

describe('in-app messages: surveys', () => {
  it('answers NPS 0–10 as an integer, with the default scale labels, then thanks and closes by itself', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const { api, root, named, message } = setup();
    api.show(campaign('survey-nps', { en: { t: 'Recommend us?', b: 'Be honest' } }), 'a');
    await waitFor(() => expect(root.querySelectorAll('.w input[type=radio]')).toHaveLength(11));
    const fieldset = root.querySelector('.w fieldset')!;
    expect(root.getElementById(fieldset.getAttribute('aria-labelledby')!)!.textContent).toBe('Recommend us?');
    expect(root.querySelector('.w .ends')!.textContent).toBe('0 = not likely10 = very likely');
    // No answer yet: it says so and records nothing.
    root.querySelector('.w form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await waitFor(() => expect(root.querySelector('.w [role="alert"]')!.textContent).toBe('Choose a rating.'));
    await answer(root, 0);
    await waitFor(() => expect(root.querySelector('.w [role="status"]')!.textContent).toBe('Thank you!'));
    expect(named('Survey Answered')).toEqual([{ campaignId: 'c-survey-nps', variantId: 'a', answer: 0 }]);
    vi.advanceTimersByTime(4000);
    expect(message()).toBeNull();
    expect(named('Message Dismissed')).toEqual([]);
  });

  it('answers CSAT 1–5 with its own scale labels; closing after the answer is not a dismissal', async () => {
    const { api, root, named, message } = setup();
    api.show(campaign('survey-csat', { en: { t: 'How was it?', q: ['Awful', 'Great'] } }));
    await waitFor(() => expect(root.querySelectorAll('.w input[type=radio]')).toHaveLength(5));
    expect(root.querySelector('.w .ends')!.textContent).toBe('AwfulGreat');
    await answer(root, 4);
    await waitFor(() => expect(named('Survey Answered')).toEqual([{ campaignId: 'c-survey-csat', answer: 5 }]));
    root.querySelector<HTMLElement>('.w .x')!.click();
    expect(message()).toBeNull();
    expect(named('Message Dismissed')).toEqual([]);
  });

  it('answers a single choice with the index of the answer (the same in every locale)', async () => {
    const { api, root, named, host } = setup();
    (host.options as { locale?: string }).locale = 'ja';
    api.show(campaign('survey-single-choice', { en: { t: 'Why?', o: ['Price', 'Speed', 'Support'] }, ja: { t: 'なぜ？', o: ['価格', '速さ', 'サポート'] } }));
    await waitFor(() => expect(root.querySelectorAll('.w input[type=radio]')).toHaveLength(3));
    expect(Array.from(root.querySelectorAll('.w .co')).map((l) => l.textContent)).toEqual(['価格', '速さ', 'サポート']);
    root.querySelector('.w form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await waitFor(() => expect(root.querySelector('.w [role="alert"]')!.textContent).toBe('回答を選んでください。'));
    await answer(root, 1);
    await waitFor(() => expect(named('Survey Answered')).toEqual([{ campaignId: 'c-survey-single-choice', answer: 1 }]));
  });

  it('answers free text trimmed, and not when empty', async () => {
    const { api, root, named } = setup();
    api.show(campaign('survey-free-text', { en: { b: 'What could be **better**?' } }));
    const box = await waitFor(() => root.querySelector<HTMLTextAreaElement>('.w textarea')!);
    expect(root.getElementById(box.getAttribute('aria-labelledby')!)!.textContent).toBe('What could be better?');
    const submit = () => root.querySelector('.w form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    box.value = '   ';
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    submit();
    await waitFor(() => expect(root.querySelector('.w [role="alert"]')!.textContent).toBe('Write an answer.'));
    box.value = '  Faster <b>search</b>\n';
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    submit();
    await waitFor(() => expect(named('Survey Answered')).toEqual([{ campaignId: 'c-survey-free-text', answer: 'Faster <b>search</b>' }]));
  });
});

describe('in-app messages: chat prompt', () => {
  it('opens the chat with the greeting as a local bubble from the team; a reply is its click and goes through the chat', async () => {
    const { api, root, named, server, calls } = setup();
    api.show(campaign('chat-prompt', { en: { t: 'Hi there', b: 'Questions about **pricing**?' } }), 'b');
    const bubble = await waitFor(() => root.querySelector('.p [role="log"] .m.o')!);
    expect(bubble.textContent).toBe('Support: Hi thereQuestions about pricing?');
    expect(bubble.querySelector('p b')!.textContent).toBe('Hi there');
    expect(root.querySelector('.p .e0')).toBeNull();
    expect(named('Message Shown')).toEqual([{ campaignId: 'c-chat-prompt', variantId: 'b', version: 3 }]);
    expect(calls.track.map(([e]) => e)).toContain('Chat Opened');
    // It does not take focus from the page.
    await new Promise((r) => setTimeout(r, 20));
    expect(root.activeElement).toBeNull();
    // One at a time: the prompt is the open message until answered.
    api.show(campaign('card'));
    expect(named('Message Suppressed')).toEqual([{ campaignId: 'c-card', reason: 'site.busy' }]);

    const box = root.querySelector<HTMLTextAreaElement>('.p textarea')!;
    box.value = 'Yes, the team plan';
    box.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 20));
    root.querySelector('.p form.c')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await waitFor(() => expect(server.to('/v1/chat/messages')).toHaveLength(1));
    // Only the visitor's reply reaches the collector, never the greeting.
    expect(server.to('/v1/chat/messages')[0]!.body.text).toBe('Yes, the team plan');
    expect(JSON.stringify(server.requests)).not.toContain('pricing');
    expect(named('Message Clicked')).toEqual([{ campaignId: 'c-chat-prompt', variantId: 'b', button: 'reply' }]);
    // The greeting stays above the reply; closing the panel now is not a dismissal.
    await waitFor(() => expect(Array.from(root.querySelectorAll('.p .m')).map((m) => m.className)).toEqual(['m o', 'm v']));
    api.close();
    expect(named('Message Dismissed')).toEqual([]);
    api.show(campaign('card'));
    await waitFor(() => expect(root.querySelector('.w')).not.toBeNull());
  });

  it('is dismissed when the panel closes before a reply, by Esc or ×, and the greeting goes with it', async () => {
    const { api, root, named } = setup();
    api.show(campaign('chat-prompt', { en: { b: 'Need help?' } }));
    await waitFor(() => expect(root.querySelector('.p .m.o')).not.toBeNull());
    root.querySelector('.p')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(root.querySelector('.p')).toBeNull();
    expect(named('Message Dismissed')).toEqual([{ campaignId: 'c-chat-prompt', reason: 'escape' }]);
    api.open();
    await waitFor(() => expect(root.querySelector('.p [role="log"]')).not.toBeNull());
    expect(root.querySelector('.p .m.o')).toBeNull();
    api.close();

    api.show(campaign('chat-prompt', { en: { b: 'Still there?' } }));
    await waitFor(() => expect(root.querySelector('.p .m.o')!.textContent).toContain('Still there?'));
    root.querySelector<HTMLElement>('.p .h .x')!.click();
    expect(named('Message Dismissed')).toEqual([
      { campaignId: 'c-chat-prompt', reason: 'escape' },
      { campaignId: 'c-chat-prompt', reason: 'close' },
    ]);
    expect(named('Message Shown')).toHaveLength(2);
  });
});
