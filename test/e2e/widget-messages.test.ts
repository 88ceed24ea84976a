/**
 * In-app messages (issue 5) in real Chromium: the built dist/kizuna-widget.js on a plain page, handed a host that
 * records `track()` calls (the core's rules engine is not involved: this is the widget's side), against the real
 * collector (`node build/server/start.js`), which answers the chat a chat prompt opens. Every
 * kind is shown and checked with axe-core in light and dark; the modal's focus trap, Esc and focus return with the
 * real keyboard; a banner leaves focus alone; reduced motion; a phone-width layout; no style leaks either way; the
 * URL buttons really navigate; the recorded events; hostile content stays inert. Screenshots of each kind at desktop
 * and phone sizes go to /tmp/kizuna-message-*.png to be looked at.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledCampaign, CompiledContent } from '../../src/shared/compiled-campaign.js';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { watchPageErrors, type PageErrors } from './support/page-errors.js';
import { startRealCollector, USER_AGENT, type RealCollector } from './support/real-collector.js';

const ROOT = join(__dirname, '../..');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PATH = '/messages-e2e.html';

type Call = [string, Record<string, unknown>];

/**
 * The test page: page styles that would wreck the widget if they reached in (and that the widget must not change),
 * and a host like the core's whose track() records calls in `window.calls`. `?theme=dark&color=…&dir=rtl` vary it.
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Messages</title>
<style>
  * { letter-spacing: 2px; }
  h2 { color: rgb(255, 0, 0); font-size: 40px; margin: 30px; }
  button { background: rgb(0, 255, 0); padding: 20px; }
  p { margin: 25px; line-height: 3; }
  a { color: rgb(255, 0, 255); }
</style></head>
<body>
<main>
  <h1>Plain page</h1>
  <h2 id="page-h2">Page heading</h2>
  <p id="page-p">Page text with <a id="page-a" href="#x">a link</a>.</p>
  <button id="page-button" type="button">Page button</button>
  <label>Search <input id="page-input"></label>
</main>
<script>
  const q = new URLSearchParams(location.search);
  window.calls = [];
  window.__kizunaWidget = (mount) => {
    window.api = mount({
      key: 'pk_demo',
      endpoint: location.origin,
      locale: 'en',
      dir: q.get('dir') || 'ltr',
      options: { position: 'right', offsetX: 20, offsetY: 20, zIndex: 2147483000, color: q.get('color') || '#4f46e5',
        theme: q.get('theme') || 'light', font: 'system-ui, sans-serif', launcher: true, locale: q.get('locale') || undefined },
      visitor: () => ({ anonymousId: 'messages-e2e-' + (q.get('id') || '1') }),
      track: (event, properties) => window.calls.push([event, properties]),
      emit() {},
      badge() {},
      launcher: () => null,
    });
  };
</script>
<script src="/kizuna-widget.js"></script>
</body></html>`;

const content = (c: CompiledContent): Record<string, CompiledContent> => ({ en: c });
const campaign = (k: string, c: Record<string, CompiledContent>): CompiledCampaign => ({ i: 'e2e-' + k, v: 2, p: 0, k, l: 'en', c, t: { c: [['x']] }, f: {} });

/** One campaign of every kind, with everything the kind can carry. */
const KINDS: CompiledCampaign[] = [
  campaign('modal', content({ t: 'Go further with Pro', b: 'Unlimited projects, **priority support** and *early access*.\nSee [the plans](https://example.com/plans).', n: [['See plans', 'url', '/plans'], ['Ask us', 'chat'], ['Not now', 'dismiss']] })),
  campaign('banner-top', content({ t: 'Free shipping', b: 'On every order this week.', n: [['Shop now', 'url', '/shop']] })),
  campaign('banner-bottom', content({ b: 'We use cookies only to keep you signed in.', n: [['OK', 'dismiss']] })),
  campaign('slide-up', content({ t: 'New: dark mode', b: 'Switch it on in *Settings*.', n: [['Try it', 'event', 'Dark Mode Tried'], ['Later', 'dismiss']] })),
  campaign('card', content({ t: 'Webinar on Friday', b: 'Learn the new reports in 30 minutes.', n: [['Register', 'url', 'https://example.com/webinar', 1]] })),
  campaign('chat-prompt', content({ t: 'Hi there', b: 'Questions about **pricing**? We are online.' })),
  campaign('survey-nps', content({ t: 'How likely are you to recommend us to a friend?' })),
  campaign('survey-csat', content({ t: 'How was checkout?', q: ['Very bad', 'Very good'] })),
  campaign('survey-single-choice', content({ t: 'What brought you here?', o: ['Search', 'A friend', 'An ad', 'Something else'] })),
  campaign('survey-free-text', content({ t: 'What could we do better?', b: 'Anything at all.' })),
];
const kind = (k: string) => KINDS.find((c) => c.k == k)!;

describe.skipIf(skipWithoutChromium)('in-app messages in Chromium (dist/kizuna-widget.js)', () => {
  let browser: Browser;
  let collector: RealCollector;
  /** The built chunk, read once: others may rebuild dist/ while this file runs. */
  let chunk = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    for (const file of ['build/server/start.js', 'dist/kizuna-widget.js']) {
      if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run npm run build`);
    }
    chunk = readFileSync(join(ROOT, 'dist/kizuna-widget.js'), 'utf8');
    [browser, collector] = await Promise.all([launchChromium({ userAgent: USER_AGENT }), startRealCollector({ name: 'kizuna-messages-e2e-' })]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  /** A fresh visitor on the test page (served at the collector's origin, so the chat is same-origin) with the widget mounted. */
  async function visit(query = '', options: BrowserContextOptions = {}): Promise<{ page: Page; errors: PageErrors }> {
    const context = await browser.newContext({ userAgent: USER_AGENT, viewport: DESKTOP, locale: 'en-US', ...options });
    contexts.push(context);
    const errors = watchPageErrors(context);
    await context.route(collector.origin + PATH + '*', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    await context.route(collector.origin + '/kizuna-widget.js', (route) => route.fulfill({ contentType: 'text/javascript', body: chunk }));
    await context.route(collector.origin + '/landing*', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Landing</title><p>Landed' }));
    const page = await context.newPage();
    await page.goto(collector.origin + PATH + query);
    await page.waitForFunction(() => 'api' in window);
    return { page, errors };
  }

  const show = (page: Page, c: CompiledCampaign, variant?: string) =>
    page.evaluate(([c, v]) => (window as any).api.show(c, v), [c, variant] as const);
  const calls = (page: Page): Promise<Call[]> => page.evaluate(() => (window as any).calls);
  const events = async (page: Page, name: string) => (await calls(page)).filter(([e]) => e == name).map(([, p]) => p);
  const message = (page: Page) => page.locator('kizuna-widget .w');
  /** Waits for the widget's entrance animations to finish, so positions and colours are measured at rest. */
  const settled = (page: Page) =>
    page.evaluate(() => Promise.all(document.querySelector('kizuna-widget')!.shadowRoot!.getAnimations().map((a) => a.finished)).then(() => {}));
  /** The deepest focused element's id, class or tag, through shadow roots. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      let a = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a ? a.id || a.getAttribute('aria-label') || (a.matches('a, button') ? a.textContent : a.getAttribute('class')) : null;
    });
  const closeAny = async (page: Page) => {
    await page.evaluate(() => (window as any).api.close());
    const x = page.locator('kizuna-widget .w .x');
    if (await x.count()) await x.click();
  };

  async function axe(page: Page, label: string) {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (window as any).axe.run({ include: [['kizuna-widget']] }, { resultTypes: ['violations'] });
      return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => [JSON.stringify(n.target), n.failureSummary]) }));
    });
    if (violations.length) console.log(`axe (${label}):`, JSON.stringify(violations, null, 1));
    expect(violations, label).toEqual([]);
  }

  it('shows every kind with no axe-core violations, in light and dark and with a light site colour', async () => {
    for (const query of ['', '?theme=dark', '?color=%23facc15']) {
      const { page, errors } = await visit(query);
      for (const c of KINDS) {
        await show(page, c);
        const drawn = c.k == 'chat-prompt' ? page.locator('kizuna-widget .p .m.o') : message(page);
        await drawn.waitFor();
        await settled(page);
        await axe(page, `${c.k} ${query || 'light'}`);
        if (!query) await page.screenshot({ path: `/tmp/kizuna-message-${c.k}.png` });
        await closeAny(page);
        await drawn.waitFor({ state: 'detached' });
      }
      // Shown once per show(), and the × of each was a dismissal (the chat prompt's by closing its panel).
      expect((await events(page, 'Message Shown')).map((p) => p.campaignId)).toEqual(KINDS.map((c) => c.i));
      expect(await events(page, 'Message Dismissed')).toEqual(KINDS.map((c) => ({ campaignId: c.i, reason: 'close' })));
      errors.expectNone();
    }
  });

  it('would notice an inaccessible message (the axe scan above can fail)', async () => {
    const { page } = await visit();
    await show(page, kind('modal'));
    await message(page).waitFor();
    await page.addScriptTag({ content: AXE });
    await message(page).locator('.x').evaluate((x) => {
      x.removeAttribute('aria-label');
      x.textContent = '';
    });
    const ids = await page.evaluate(async () => (await (window as any).axe.run({ include: [['kizuna-widget']] })).violations.map((v: any) => v.id));
    expect(ids).toContain('button-name');
  });

  it('mirrors for right-to-left content: the close button at the start edge, the corner still the launcher’s', async () => {
    const { page, errors } = await visit('?locale=ar');
    await show(page, campaign('slide-up', { en: { t: 'Hello' }, ar: { t: 'مرحبا بكم', b: 'عرض خاص لهذا الأسبوع.', n: [['تسوق', 'dismiss']] } }));
    await message(page).waitFor();
    await settled(page);
    expect(await message(page).getAttribute('dir')).toBe('rtl');
    expect(await message(page).getAttribute('lang')).toBe('ar');
    const box = (await message(page).boundingBox())!;
    const close = (await message(page).locator('.x').boundingBox())!;
    expect(close.x - box.x).toBeLessThan(20);
    expect(Math.round(box.x + box.width)).toBe(DESKTOP.width - 20);
    await axe(page, 'rtl');
    await page.screenshot({ path: '/tmp/kizuna-message-rtl.png' });
    errors.expectNone();
  });

  it('traps focus in the modal, closes it on Esc and gives focus back; the backdrop closes it too', async () => {
    const { page, errors } = await visit();
    await page.locator('#page-button').focus();
    await show(page, kind('modal'), 'b');
    await message(page).waitFor();
    await expect.poll(() => focused(page)).toBe('w md');
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 3 == 2 ? 'Shift+Tab' : 'Tab');
      seen.add(String(await focused(page)));
    }
    // Every stop was inside the dialog: its body link, its buttons and its close button, and nothing of the page.
    expect([...seen].sort()).toEqual(['Ask us', 'Close', 'Not now', 'See plans', 'the plans'].sort());
    await page.keyboard.press('Escape');
    await message(page).waitFor({ state: 'detached' });
    expect(await focused(page)).toBe('page-button');
    expect(await events(page, 'Message Dismissed')).toEqual([{ campaignId: 'e2e-modal', variantId: 'b', reason: 'escape' }]);

    await show(page, kind('modal'));
    await message(page).waitFor();
    // The backdrop covers the page: a click in its corner lands on the backdrop, not the page.
    await page.mouse.click(5, 5);
    await message(page).waitFor({ state: 'detached' });
    expect((await events(page, 'Message Dismissed')).at(-1)).toEqual({ campaignId: 'e2e-modal', reason: 'backdrop' });
    expect(await events(page, 'Message Shown')).toEqual([
      { campaignId: 'e2e-modal', variantId: 'b', version: 2 },
      { campaignId: 'e2e-modal', version: 2 },
    ]);
    errors.expectNone();
  });

  it('leaves focus and typing where they are when a banner shows, and covers only a strip of the page', async () => {
    const { page, errors } = await visit();
    const input = page.locator('#page-input');
    await input.click();
    await page.keyboard.type('sho');
    await show(page, kind('banner-top'));
    await message(page).waitFor();
    await page.keyboard.type('es');
    expect(await input.inputValue()).toBe('shoes');
    await settled(page);
    expect(await focused(page)).toBe('page-input');
    const box = (await message(page).boundingBox())!;
    expect([box.x, box.y, box.width]).toEqual([0, 0, DESKTOP.width]);
    expect(box.height).toBeLessThan(80);
    await closeAny(page);

    await show(page, kind('banner-bottom'));
    await message(page).waitFor();
    await settled(page);
    const bottom = (await message(page).boundingBox())!;
    expect(bottom.y + bottom.height).toBe(DESKTOP.height);
    expect(bottom.height).toBeLessThan(80);
    expect(await focused(page)).toBe('page-input');
    errors.expectNone();
  });

  it('puts slide-ups, cards and surveys above the launcher in its corner without taking focus', async () => {
    const { page, errors } = await visit();
    await page.locator('#page-button').focus();
    for (const k of ['slide-up', 'card', 'survey-nps']) {
      await show(page, kind(k));
      await message(page).waitFor();
      await settled(page);
      const box = (await message(page).boundingBox())!;
      expect(Math.round(box.x + box.width), k).toBe(DESKTOP.width - 20);
      // Above a launcher 20 px from the bottom (its panel sits 68 px above the offset).
      expect(Math.round(box.y + box.height), k).toBe(DESKTOP.height - 88);
      expect(await focused(page), k).toBe('page-button');
      await closeAny(page);
    }
    errors.expectNone();
  });

  it('does not animate for visitors who ask for reduced motion', async () => {
    const animation = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await visit('', { reducedMotion });
      await show(page, kind('modal'));
      await message(page).waitFor();
      return message(page).evaluate((el) => [getComputedStyle(el).animationName, getComputedStyle(el.parentElement!).animationName]);
    };
    expect(await animation('no-preference')).toEqual(['in', 'fd']);
    expect(await animation('reduce')).toEqual(['none', 'none']);
  });

  it('fits a phone: corner messages span the width above the launcher, the modal and surveys fit without sideways scrolling', async () => {
    const { page, errors } = await visit('', { viewport: PHONE, hasTouch: true, isMobile: true });
    for (const c of KINDS.filter((c) => c.k != 'chat-prompt')) {
      await show(page, c);
      await message(page).waitFor();
      await settled(page);
      const box = (await message(page).boundingBox())!;
      expect(box.x, c.k).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, c.k).toBeLessThanOrEqual(PHONE.width);
      expect(box.y + box.height, c.k).toBeLessThanOrEqual(PHONE.height);
      if (/slide|card|survey/.test(c.k)) expect([box.x, box.x + box.width], c.k).toEqual([8, PHONE.width - 8]);
      expect(await message(page).evaluate((el) => el.scrollWidth <= el.clientWidth), c.k).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), c.k).toBe(PHONE.width);
      await page.screenshot({ path: `/tmp/kizuna-message-${c.k}-phone.png` });
      await closeAny(page);
    }
    errors.expectNone();
  });

  it('leaks no style either way: the page looks the same with a message open, and page CSS does not reach the message', async () => {
    const { page, errors } = await visit();
    const pageLook = () =>
      page.evaluate(() =>
        ['page-h2', 'page-p', 'page-a', 'page-button', 'page-input'].map((id) => {
          const s = getComputedStyle(document.getElementById(id)!);
          return [id, s.color, s.backgroundColor, s.font, s.margin, s.padding, s.letterSpacing, s.lineHeight, s.boxSizing].join('|');
        }).concat(String(document.styleSheets.length), String(document.querySelectorAll('style, link[rel=stylesheet]').length)),
      );
    const before = await pageLook();
    await show(page, kind('modal'));
    await message(page).waitFor();
    expect(await pageLook()).toEqual(before);
    const inside = await message(page).evaluate((w) => {
      const h2 = getComputedStyle(w.querySelector('h2')!);
      const b = getComputedStyle(w.querySelector('.b')!);
      const bold = getComputedStyle(w.querySelector('#kz-mb b')!);
      const italic = getComputedStyle(w.querySelector('#kz-mb i')!);
      return { h2: [h2.color, h2.fontSize, h2.margin, h2.letterSpacing], button: [b.backgroundColor, b.letterSpacing], markup: [bold.fontWeight, italic.fontStyle] };
    });
    // The body's markup shows as bold and italic (the widget's reset does not flatten it).
    expect(inside.markup).toEqual(['700', 'italic']);
    expect(inside.h2).toEqual(['rgb(31, 35, 40)', '16px', '0px', 'normal']);
    expect(inside.button).toEqual(['rgb(79, 70, 229)', 'normal']);
    // No inline style attributes anywhere (a strict CSP's style-src would block them).
    expect(await page.evaluate(() => document.querySelector('kizuna-widget')!.shadowRoot!.querySelectorAll('[style]').length)).toBe(0);
    await closeAny(page);
    expect(await pageLook()).toEqual(before);
    errors.expectNone();
  });

  it('follows URL buttons (same tab, or a new tab without access to the page) and records the click, not a dismissal', async () => {
    const { page, errors } = await visit();
    await show(page, campaign('card', content({ t: 'Offer', n: [['New tab', 'url', '/landing?tab=new', 1], ['Same tab', 'url', '/landing?tab=same']] })), 'a');
    await message(page).waitFor();
    const [popup] = await Promise.all([page.context().waitForEvent('page'), message(page).getByRole('link', { name: 'New tab' }).click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(collector.origin + '/landing?tab=new');
    expect(await popup.evaluate(() => window.opener)).toBeNull();
    await message(page).waitFor({ state: 'detached' });
    expect(await events(page, 'Message Clicked')).toEqual([{ campaignId: 'e2e-card', variantId: 'a', button: 'New tab' }]);
    expect(await events(page, 'Message Dismissed')).toEqual([]);

    await show(page, campaign('card', content({ t: 'Offer', n: [['Same tab', 'url', '/landing?tab=same']] })));
    await message(page).waitFor();
    await Promise.all([page.waitForURL(collector.origin + '/landing?tab=same'), message(page).getByRole('link', { name: 'Same tab' }).click()]);
    errors.expectNone();
  });

  it('records survey answers and event buttons exactly as docs/protocol.md says', async () => {
    const { page, errors } = await visit();
    await show(page, kind('survey-nps'), 'b');
    await message(page).locator('label').nth(9).click();
    await message(page).getByRole('button', { name: 'Submit' }).click();
    await message(page).getByRole('status').filter({ hasText: 'Thank you!' }).waitFor();
    // The thank-you closes by itself, and that is not a dismissal.
    await message(page).waitFor({ state: 'detached', timeout: 6000 });

    await show(page, kind('survey-single-choice'));
    await message(page).getByRole('radio', { name: 'An ad' }).check();
    await message(page).getByRole('button', { name: 'Submit' }).click();
    await message(page).getByRole('status').waitFor();
    await closeAny(page);

    await show(page, kind('survey-free-text'));
    await message(page).getByRole('textbox', { name: 'What could we do better?' }).fill('  Faster search  ');
    await message(page).getByRole('button', { name: 'Submit' }).click();
    await message(page).getByRole('status').waitFor();
    await closeAny(page);

    await show(page, kind('slide-up'), 'a');
    await message(page).getByRole('button', { name: 'Try it' }).click();

    const all = (await calls(page)).filter(([e]) => e != 'Message Shown');
    expect(all).toEqual([
      ['Survey Answered', { campaignId: 'e2e-survey-nps', variantId: 'b', answer: 9 }],
      ['Survey Answered', { campaignId: 'e2e-survey-single-choice', answer: 2 }],
      ['Survey Answered', { campaignId: 'e2e-survey-free-text', answer: 'Faster search' }],
      ['Message Clicked', { campaignId: 'e2e-slide-up', variantId: 'a', button: 'Try it' }],
      ['Dark Mode Tried', { campaignId: 'e2e-slide-up', variantId: 'a' }],
    ]);
    expect(await events(page, 'Message Shown')).toHaveLength(4);
    errors.expectNone();
  });

  it('opens the chat for a chat prompt; the greeting stays local and the reply reaches the team through the chat', async () => {
    const id = String(Date.now());
    const { page, errors } = await visit('?id=' + id);
    await page.locator('#page-button').focus();
    await show(page, kind('chat-prompt'), 'b');
    const panel = page.locator('kizuna-widget .p');
    await panel.locator('.m.o').filter({ hasText: 'Questions about pricing? We are online.' }).waitFor();
    expect(await focused(page)).toBe('page-button');
    await panel.getByRole('textbox', { name: 'Write a message' }).fill('Is there a team plan?');
    await panel.getByRole('textbox', { name: 'Write a message' }).press('Enter');
    await panel.locator('.m.v').filter({ hasText: 'Is there a team plan?' }).locator('small').filter({ hasNotText: 'Sending' }).waitFor();
    expect(await events(page, 'Message Clicked')).toEqual([{ campaignId: 'e2e-chat-prompt', variantId: 'b', button: 'reply' }]);

    const list = await (await collector.admin('/sites/demo/conversations?status=all')).json();
    const mine = list.conversations.find((c: any) => c.visitor.anonymousId == 'messages-e2e-' + id);
    const detail = await (await collector.admin(`/sites/demo/conversations/${mine.id}`)).json();
    expect(detail.messages.map((m: any) => [m.author, m.text])).toEqual([['visitor', 'Is there a team plan?']]);
    errors.expectNone();
  });

  it('keeps hostile campaign content inert', async () => {
    const { page, errors } = await visit();
    const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await show(
      page,
      campaign('modal', content({ t: hostile, b: hostile + ' [x](javascript:window.__pwned=3)', m: ['javascript:window.__pwned=4', 'x'], n: [[hostile, 'url', 'javascript:window.__pwned=5'], [hostile, 'dismiss']] })),
    );
    await message(page).waitFor();
    expect(await message(page).locator('h2').textContent()).toBe(hostile);
    expect(await message(page).locator('img, script, a').count()).toBe(0);
    await message(page).getByRole('button', { name: hostile }).click();
    await show(page, campaign('survey-single-choice', content({ t: 'Pick', o: [hostile, 'b'] })));
    await message(page).getByRole('radio', { name: hostile }).check();
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
    errors.expectNone();
  });
});
