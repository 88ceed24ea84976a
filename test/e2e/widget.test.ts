/**
 * The chat and feedback widget (issue 4) in real Chromium against the real collector (`node build/server/start.js`,
 * PGlite in a temp dir), on the demo site it serves: the core's launcher loads dist/kizuna-widget.js, the visitor
 * writes, the operator answers through the admin API, and the answer's latency is printed. Also: a message written
 * offline arrives once, a reload keeps the conversation, another visitor gets 404 for it, axe-core finds no serious
 * or critical violation in the open widget, the strict-CSP demo page shows it without a CSP violation, and
 * screenshots at desktop and phone sizes, light and dark, go to /tmp/kizuna-widget-*.png to be looked at.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { watchPageErrors, type PageErrors } from './support/page-errors.js';
import { startRealCollector, USER_AGENT, type RealCollector } from './support/real-collector.js';

const ROOT = join(__dirname, '../..');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AdminMessage {
  id: string;
  author: string;
  text: string;
  clientId: string | null;
}
interface AdminConversation {
  id: string;
  status: string;
  lastMessage: AdminMessage | null;
  visitor: { anonymousId: string };
}

describe.skipIf(skipWithoutChromium)('chat and feedback widget in Chromium against the real collector', () => {
  let browser: Browser;
  let collector: RealCollector;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    for (const file of ['build/server/start.js', 'dist/kizuna.js', 'dist/kizuna-widget.js']) {
      if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run npm run build`);
    }
    [browser, collector] = await Promise.all([launchChromium({ userAgent: USER_AGENT }), startRealCollector({ name: 'kizuna-widget-e2e-' })]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  /** Calls the operator (admin) API with the operator token. */
  async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await collector.admin(path, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The demo site's conversation whose visitor wrote `text` (waits for it to be stored). */
  async function conversationWith(text: string): Promise<{ conversation: AdminConversation; messages: AdminMessage[] }> {
    let found: AdminConversation | undefined;
    await expect
      .poll(async () => {
        const { conversations } = await admin<{ conversations: AdminConversation[] }>('GET', '/sites/demo/conversations?status=all');
        for (const c of conversations) {
          const detail = await admin<{ messages: AdminMessage[] }>('GET', `/sites/demo/conversations/${c.id}`);
          if (detail.messages.some((m) => m.text === text)) found = c;
        }
        return !!found;
      }, { timeout: 15_000 })
      .toBe(true);
    return admin('GET', `/sites/demo/conversations/${found!.id}`);
  }

  /** A fresh visitor (own storage), watched for page errors and CSP violations. */
  async function visitor(
    viewport = DESKTOP,
    colorScheme: 'light' | 'dark' = 'light',
  ): Promise<{ context: BrowserContext; page: Page; errors: PageErrors }> {
    const context = await browser.newContext({ userAgent: USER_AGENT, viewport, colorScheme, locale: 'en-US' });
    contexts.push(context);
    const errors = watchPageErrors(context);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
      );
    });
    return { context, page: await context.newPage(), errors };
  }

  /** Opens a demo page and the chat through the launcher button, as a visitor would. */
  async function openChat(page: Page, path = '/support.html'): Promise<Locator> {
    if (!page.url().endsWith(path)) await page.goto(collector.origin + path);
    await page.locator('kizuna-launcher').getByRole('button').click();
    const dialog = page.locator('kizuna-widget').getByRole('dialog');
    await dialog.waitFor();
    return dialog;
  }

  async function send(dialog: Locator, text: string): Promise<void> {
    const box = dialog.getByRole('textbox', { name: 'Write a message' });
    await box.fill(text);
    await box.press('Enter');
  }

  it('visitor → operator → visitor: the reply arrives live, and the latency is printed', async () => {
    const { page, errors } = await visitor();
    await page.goto(`${collector.origin}/support.html`);
    await page.evaluate(() => {
      const w = window as unknown as { __arrived: Record<string, number>; kizuna: { on(n: string, cb: (m: { text: string }) => void): void } };
      w.__arrived = {};
      w.kizuna.on('chat:message', (m) => (w.__arrived[m.text] ??= performance.timeOrigin + performance.now()));
    });
    const dialog = await openChat(page);
    // Focus is in the message box when the panel opens.
    expect(await dialog.getByRole('textbox', { name: 'Write a message' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);

    const question = `Where are my invoices? ${randomBytes(3).toString('hex')}`;
    await send(dialog, question);
    const { conversation, messages } = await conversationWith(question);
    expect(messages.filter((m) => m.text === question)).toHaveLength(1);
    await dialog.locator('.m.v').filter({ hasText: question }).locator('small').filter({ hasNotText: 'Sending' }).waitFor();

    // Operator typing reaches the visitor.
    await admin('POST', `/sites/demo/conversations/${conversation.id}/typing`, { typing: true });
    await dialog.getByText('Support is typing…').waitFor({ timeout: 5000 });

    const answer = `In Settings → Billing: https://example.com/billing ${randomBytes(3).toString('hex')}`;
    const sentAt = Date.now();
    await admin('POST', `/sites/demo/conversations/${conversation.id}/messages`, { text: answer });
    await page.waitForFunction((t) => (window as unknown as { __arrived: Record<string, number> }).__arrived[t], answer, { timeout: 5000 });
    const arrivedAt = await page.evaluate((t) => (window as unknown as { __arrived: Record<string, number> }).__arrived[t]!, answer);
    const latency = Math.round(arrivedAt - sentAt);
    console.log(`\n  chat reply latency (operator POST → visitor's chat:message event): ${latency} ms\n`);
    expect(latency).toBeLessThan(1000);

    const bubble = dialog.locator('.m.o').filter({ hasText: answer });
    await bubble.waitFor();
    expect(await bubble.getByRole('link').getAttribute('href')).toBe('https://example.com/billing');
    expect(await bubble.getByRole('link').getAttribute('rel')).toBe('noopener noreferrer');
    await expect.poll(() => dialog.getByText('Support is typing…').count()).toBe(0);

    // Seen while open: the operator's message is marked read on the collector.
    await expect
      .poll(async () => (await admin<{ messages: (AdminMessage & { readAt: string | null })[] }>('GET', `/sites/demo/conversations/${conversation.id}`)).messages.find((m) => m.text === answer)?.readAt)
      .toBeTruthy();

    // Esc closes and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('KIZUNA-LAUNCHER');
    errors.expectNone();
  });

  it('shows hostile text as text, and counts a reply to a closed panel on the launcher', async () => {
    const { page, errors } = await visitor();
    const dialog = await openChat(page);
    const hostile = `<img src=x onerror="window.__pwned=1"> ${randomBytes(3).toString('hex')}`;
    await send(dialog, hostile);
    const { conversation } = await conversationWith(hostile);
    await dialog.locator('.m.v').filter({ hasText: hostile }).waitFor();
    expect(await dialog.locator('img').count()).toBe(0);

    await page.keyboard.press('Escape');
    await admin('POST', `/sites/demo/conversations/${conversation.id}/messages`, { text: '<script>window.__pwned=2</script> javascript:alert(1)' });
    const launcher = page.locator('kizuna-launcher').getByRole('button');
    await expect.poll(() => launcher.textContent(), { timeout: 5000 }).toBe('Chat (1)');
    const reopened = await openChat(page);
    const reply = reopened.locator('.m.o').last();
    expect(await reply.locator('p').textContent()).toBe('<script>window.__pwned=2</script> javascript:alert(1)');
    expect(await reply.getByRole('link').count()).toBe(0);
    await expect.poll(() => launcher.textContent()).toBe('Chat');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    errors.expectNone();
  });

  it('keeps a message written offline and delivers it once when back online; a reload keeps the conversation', async () => {
    const { context, page, errors } = await visitor();
    const dialog = await openChat(page);
    const first = `First, online ${randomBytes(3).toString('hex')}`;
    await send(dialog, first);
    const { conversation } = await conversationWith(first);

    await context.setOffline(true);
    const offline = `Written offline ${randomBytes(3).toString('hex')}`;
    await send(dialog, offline);
    const pending = dialog.locator('.m.v').filter({ hasText: offline });
    await pending.filter({ hasText: 'Sends when online' }).waitFor({ timeout: 5000 });
    await context.setOffline(false);
    await pending.locator('small').filter({ hasNotText: /Send/ }).waitFor({ timeout: 15_000 });
    // Give any duplicate a chance to arrive before counting.
    await page.waitForTimeout(1000);
    const afterOnline = await admin<{ messages: AdminMessage[] }>('GET', `/sites/demo/conversations/${conversation.id}`);
    expect(afterOnline.messages.filter((m) => m.text === offline)).toHaveLength(1);

    await admin('POST', `/sites/demo/conversations/${conversation.id}/messages`, { text: 'Got both, thanks.' });
    await dialog.getByText('Got both, thanks.').waitFor();

    await page.reload();
    const again = await openChat(page);
    for (const text of [first, offline, 'Got both, thanks.']) await again.locator('.m').filter({ hasText: text }).waitFor();
    expect(await again.locator('.m').count()).toBe(3);
    errors.expectNone();
  });

  it('sends a message written offline on the next page load, once', async () => {
    const { context, page, errors } = await visitor();
    const dialog = await openChat(page);
    await send(dialog, 'hello');
    await conversationWith('hello');
    await context.setOffline(true);
    const text = `Left unsent ${randomBytes(3).toString('hex')}`;
    await send(dialog, text);
    await dialog.locator('.m.v').filter({ hasText: text }).filter({ hasText: 'Sends when online' }).waitFor();
    await context.setOffline(false);
    // The page is gone before it saw the connection come back; the next load sends it.
    await page.goto('about:blank');
    const next = await context.newPage();
    await next.goto(`${collector.origin}/support.html`);
    const { messages } = await conversationWith(text);
    await next.waitForTimeout(1000);
    expect(messages.filter((m) => m.text === text)).toHaveLength(1);
    const final = await conversationWith(text);
    expect(final.messages.filter((m) => m.text === text)).toHaveLength(1);
    errors.expectNone();
  });

  it("gives a second visitor 404 for the first visitor's conversation, and for a guessed id", async () => {
    const first = await visitor();
    const dialog = await openChat(first.page);
    const secret = `My account number is 12345 ${randomBytes(3).toString('hex')}`;
    await send(dialog, secret);
    const { conversation } = await conversationWith(secret);
    const own = await first.page.evaluate(async (id) => {
      const token = JSON.parse(localStorage.getItem('kizuna:pk_demo:chat')!).token;
      return (await fetch(`/v1/chat/conversations/${id}/messages`, { headers: { authorization: `Bearer ${token}` } })).status;
    }, conversation.id);
    expect(own).toBe(200);

    const second = await visitor();
    await openChat(second.page);
    await second.page.waitForFunction(() => localStorage.getItem('kizuna:pk_demo:chat'));
    const answers = await second.page.evaluate(async (id) => {
      const token = JSON.parse(localStorage.getItem('kizuna:pk_demo:chat')!).token;
      const get = async (path: string) => {
        const r = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
        return [r.status, await r.text()] as const;
      };
      return {
        theirs: await get(`/v1/chat/conversations/${id}/messages`),
        guessed: await get(`/v1/chat/conversations/${id.slice(0, -2)}zz/messages`),
        mine: await get('/v1/chat/conversations'),
      };
    }, conversation.id);
    expect(answers.theirs[0]).toBe(404);
    expect(answers.guessed[0]).toBe(404);
    // The same answer for both, so ids cannot be probed.
    expect(answers.theirs[1]).toBe(answers.guessed[1]);
    expect(answers.mine[1]).not.toContain(secret);
    expect(await second.page.locator('kizuna-widget').getByText(secret).count()).toBe(0);
    first.errors.expectNone();
    second.errors.expectNone();
  });

  it('has no serious or critical axe-core violations in the open widget (chat and feedback, light and dark)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await visitor(DESKTOP, scheme);
      const dialog = await openChat(page);
      await send(dialog, `Accessibility check ${scheme} https://example.com/a`);
      await dialog.locator('.m.v').first().locator('small').filter({ hasNotText: 'Sending' }).waitFor();
      await page.addScriptTag({ content: AXE });
      const scan = async (label: string) => {
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: unknown; failureSummary: string }[] }[] }> } }).axe;
          const result = await axe.run({ include: [['kizuna-widget'], ['kizuna-launcher']] }, { resultTypes: ['violations'] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => [JSON.stringify(n.target), n.failureSummary]) }));
        });
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        if (violations.length) console.log(`axe (${label}):`, JSON.stringify(violations, null, 1));
        expect(bad, label).toEqual([]);
      };
      await scan(`chat, ${scheme}`);
      await dialog.getByRole('button', { name: 'Feedback' }).click();
      await dialog.getByRole('group', { name: 'How do you rate your experience?' }).waitFor();
      await scan(`feedback, ${scheme}`);
      errors.expectNone();
    }
  });

  it('opens on the strict-CSP demo page (no unsafe-inline) without a CSP violation, styled and working', async () => {
    const { page, errors } = await visitor();
    const response = await page.goto(`${collector.origin}/strict-csp.html`);
    expect(response?.status()).toBe(200);
    const dialog = await openChat(page, '/strict-csp.html');
    // Styled: the constructable stylesheet applied (an unstyled panel would be static, in the page flow).
    expect(await dialog.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    const text = `Hello from a strict CSP ${randomBytes(3).toString('hex')}`;
    await send(dialog, text);
    await conversationWith(text);
    await dialog.getByRole('button', { name: 'Feedback' }).click();
    await dialog.getByText('★').first().click();
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await dialog.getByText('Thank you!').waitFor();
    // No inline style attribute anywhere in the widget.
    expect(await page.locator('kizuna-widget').evaluate((el) => el.shadowRoot!.querySelectorAll('[style]').length)).toBe(0);
    errors.expectNone();
  });

  it('looks right at desktop and phone sizes, light and dark (screenshots to check by eye)', async () => {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        const { page, errors } = await visitor(viewport, scheme);
        await page.goto(`${collector.origin}/support.html`);
        const scrollBefore = await page.evaluate(() => [document.documentElement.style.overflow, document.body.style.overflow]);
        const dialog = await openChat(page);
        const question = `Hi! Can I export my checklists to CSV? (${size}, ${scheme})`;
        await send(dialog, question);
        const { conversation } = await conversationWith(question);
        await admin('POST', `/sites/demo/conversations/${conversation.id}/messages`, {
          text: 'Yes: every checklist exports to CSV from its menu. Details: https://example.com/docs/export',
        });
        await dialog.locator('.m.o').waitFor();
        await page.keyboard.press('Tab');
        await page.screenshot({ path: `/tmp/kizuna-widget-${size}-${scheme}.png` });
        if (size === 'phone') {
          // Full screen, modal, and the page behind does not scroll while it is open.
          expect(await dialog.getAttribute('aria-modal')).toBe('true');
          const box = (await dialog.boundingBox())!;
          expect([box.x, box.y, box.width, box.height]).toEqual([0, 0, PHONE.width, PHONE.height]);
          expect(await page.evaluate(() => getComputedStyle(document.documentElement).overflow)).toBe('hidden');
        } else expect(await dialog.getAttribute('aria-modal')).toBeNull();
        await dialog.getByRole('button', { name: 'Feedback' }).click();
        await dialog.getByRole('group').waitFor();
        await page.screenshot({ path: `/tmp/kizuna-widget-${size}-${scheme}-feedback.png` });
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        expect(await page.evaluate(() => [document.documentElement.style.overflow, document.body.style.overflow])).toEqual(scrollBefore);
        errors.expectNone();
      }
    }
  });
});
