/**
 * The console inbox in real Chromium against the real collector (`node build/server/start.js`, PGlite in a temp
 * dir). A visitor talks through the visitor chat API from this process (as the widget would); the operator works
 * in the console: the message arrives live, the reply reaches the visitor's stream (latency printed), typing goes
 * both ways, closing records the resolution time, a rating and feedback show up, and chat settings save.
 * Console pages carry `Content-Security-Policy: default-src 'self'`. Screenshots of the inbox, a conversation,
 * feedback and settings at desktop and phone width go to /tmp/kizuna-inbox-*.png.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import type { PageErrors } from './support/page-errors.js';
import { startRealCollector, USER_AGENT, type RealCollector } from './support/real-collector.js';
import { assertBuilt, openStrictConsole, signInToConsole } from './support/strict-console.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

interface StreamEvent {
  type: string;
  data: Record<string, unknown>;
  /** performance.now() when it arrived in this process. */
  at: number;
}

/** A visitor of the demo site talking to the visitor chat API the way the widget does (token in a header). */
class Visitor {
  readonly anonymousId = randomUUID();
  token = '';
  conversationId = '';
  readonly events: StreamEvent[] = [];
  private abort = new AbortController();

  constructor(private readonly origin: string) {}

  private headers(json = true): Record<string, string> {
    return {
      origin: this.origin,
      'user-agent': USER_AGENT,
      ...(json ? { 'content-type': 'application/json' } : {}),
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    };
  }

  async call<T>(method: string, path: string, body?: unknown, expected = 200): Promise<T> {
    const response = await fetch(`${this.origin}${path}`, {
      method,
      headers: this.headers(body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    expect(response.status, `${method} ${path}: ${text}`).toBe(expected);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Page views and traits through /v1/batch, so the console has context to show. */
  async browse(pages: { path: string; title: string }[], traits: Record<string, unknown>): Promise<void> {
    const now = Date.now();
    const batch = [
      ...pages.map((page, i) => ({
        type: 'page',
        properties: { title: page.title, url: `${this.origin}${page.path}`, path: page.path },
        context: { page: { path: page.path, url: `${this.origin}${page.path}`, title: page.title } },
        timestamp: new Date(now - (pages.length - i) * 1000).toISOString(),
      })),
      { type: 'track', event: 'Chat Opened', properties: { from: 'support' }, timestamp: new Date(now).toISOString() },
      { type: 'identify', traits, timestamp: new Date(now).toISOString() },
    ].map((m) => ({ messageId: randomUUID(), anonymousId: this.anonymousId, ...m }));
    const response = await fetch(`${this.origin}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: this.origin, 'user-agent': USER_AGENT },
      body: JSON.stringify({ batch, sentAt: new Date().toISOString(), writeKey: 'pk_demo' }),
    });
    expect(response.status, await response.text()).toBe(200);
  }

  async start(): Promise<void> {
    const session = await this.call<{ visitorToken: string }>('POST', '/v1/chat/session', {
      writeKey: 'pk_demo',
      anonymousId: this.anonymousId,
    });
    this.token = session.visitorToken;
  }

  async say(text: string, page?: { url: string; title: string }): Promise<void> {
    const body = await this.call<{ conversation: { id: string } }>(
      'POST',
      '/v1/chat/messages',
      { text, clientId: randomUUID(), ...(page ? { page } : {}) },
      201,
    );
    this.conversationId = body.conversation.id;
  }

  /** Reads the visitor's SSE stream with fetch (token in a header), collecting events until close(). */
  async listen(): Promise<void> {
    const response = await fetch(`${this.origin}/v1/chat/stream`, {
      headers: { ...this.headers(false), accept: 'text/event-stream' },
      signal: this.abort.signal,
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let type = 'message';
            let data = '';
            for (const line of frame.split('\n')) {
              if (line.startsWith('event:')) type = line.slice(6).trim();
              else if (line.startsWith('data:')) data += line.slice(5).trim();
            }
            if (data) this.events.push({ type, data: JSON.parse(data) as Record<string, unknown>, at: performance.now() });
          }
        }
      } catch {
        // Aborted at the end of the test.
      }
    })();
  }

  close(): void {
    this.abort.abort();
  }
}

describe.skipIf(skipWithoutChromium)('console inbox in Chromium against the real collector', () => {
  let browser: Browser;
  let collector: RealCollector;
  const contexts: BrowserContext[] = [];
  const visitors: Visitor[] = [];

  beforeAll(async () => {
    assertBuilt(['build/server/start.js', 'build/console/console.js', 'build/console/index.html']);
    [browser, collector] = await Promise.all([launchChromium({ userAgent: USER_AGENT }), startRealCollector({ name: 'kizuna-inbox-e2e-' })]);
  });

  afterEach(async () => {
    visitors.splice(0).forEach((v) => v.close());
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  async function open(viewport = { width: 1280, height: 860 }): Promise<{ page: Page; errors: PageErrors }> {
    const { context, errors } = await openStrictConsole(browser, contexts, viewport);
    return { page: await context.newPage(), errors };
  }

  const signIn = (page: Page, path: string) => signInToConsole(page, collector, path);

  async function visitor(name: string): Promise<Visitor> {
    const v = new Visitor(collector.origin);
    visitors.push(v);
    await v.browse(
      [
        { path: '/pricing.html', title: 'Pricing' },
        { path: '/support.html', title: 'Support' },
      ],
      { name, plan: 'pro' },
    );
    await v.start();
    return v;
  }

  const admin = async <T>(path: string): Promise<T> => {
    const response = await collector.admin(`/sites/demo${path}`);
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };

  it('shows a visitor message live, and the operator reply reaches the visitor; closing records the resolution time', async () => {
    const { page, errors } = await open();
    await signIn(page, '/console/inbox');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const aiko = await visitor('Aiko Tanaka');
    await aiko.listen();
    const first = `Hi! ${HOSTILE} Is https://example.com/plans?x=1 current? Or javascript:alert(1)`;
    await aiko.say(first, { url: `${collector.origin}/support.html`, title: 'Support' });

    // Live in the list, without a reload: unread, at the top, the preview as text.
    const row = page.locator('.conv-row').filter({ hasText: 'Is https://example.com/plans' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.conv-preview').textContent()).toBe(first);
    expect(await row.locator('.unread-dot').count()).toBe(1);
    expect(await page.locator('.conv-row').first().textContent()).toContain('Is https://example.com/plans');
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // Open it: the message is literal text, only the https URL is a link, and it is marked read.
    await row.locator('a').click();
    const bubble = page.locator('.msg-visitor .msg-text').first();
    await bubble.waitFor();
    expect(await bubble.textContent()).toBe(first);
    expect(await page.locator('.messages img').count()).toBe(0);
    const links = await page.locator('.messages a').evaluateAll((as) =>
      as.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')]),
    );
    expect(links).toEqual([['https://example.com/plans?x=1', 'noopener noreferrer', '_blank']]);
    await expect.poll(() => row.locator('.unread-dot').count()).toBe(0);
    await expect
      .poll(async () => (await admin<{ conversations: { id: string; unreadForOperator: number }[] }>('/conversations')).conversations[0]?.unreadForOperator)
      .toBe(0);

    // The visitor's context beside it.
    const panel = page.locator('.visitor-panel');
    await expect.poll(() => panel.locator('.page-line').textContent()).toContain('Support');
    expect(await panel.textContent()).toContain('Pricing');
    expect(await panel.textContent()).toContain('Chat Opened');
    expect(await panel.textContent()).toContain('Not verified');

    // Typing, both ways.
    await aiko.call('POST', `/v1/chat/conversations/${aiko.conversationId}/typing`, { typing: true }, 204);
    await page.getByText('is typing…').waitFor({ timeout: 5000 });
    const box = page.getByLabel('Reply');
    await box.pressSequentially('Yes', { delay: 20 });
    await expect.poll(() => aiko.events.some((e) => e.type === 'typing' && e.data.typing === true), { timeout: 5000 }).toBe(true);

    // Shift+Enter is a new line; Enter sends. Measure until the visitor's stream has it.
    await box.press('Shift+Enter');
    await box.pressSequentially('it is, since April.');
    const sentAt = performance.now();
    await box.press('Enter');
    const reply = 'Yes\nit is, since April.';
    await expect
      .poll(() => aiko.events.find((e) => e.type === 'message' && (e.data.message as { text?: string })?.text === reply), { timeout: 5000 })
      .toBeTruthy();
    const arrived = aiko.events.find((e) => e.type === 'message' && (e.data.message as { text?: string })?.text === reply)!;
    console.log(`operator reply → visitor stream: ${(arrived.at - sentAt).toFixed(0)} ms (Enter in Chromium to SSE event in Node)`);
    expect(arrived.at - sentAt).toBeLessThan(1000);
    await page.locator('.msg-operator .msg-text').filter({ hasText: 'since April' }).waitFor();
    expect(await box.inputValue()).toBe('');

    // The visitor API has it too, as an operator message.
    const history = await aiko.call<{ messages: { author: string; text: string }[] }>(
      'GET',
      `/v1/chat/conversations/${aiko.conversationId}/messages`,
    );
    expect(history.messages.map((m) => [m.author, m.text])).toEqual([
      ['visitor', first],
      ['operator', reply],
    ]);

    // Close: resolution time recorded and shown; the visitor sees it closed.
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await page.locator('.thread-header .tag').filter({ hasText: 'Closed' }).waitFor();
    await expect.poll(() => panel.textContent()).not.toContain('Not closed yet');
    const detail = await admin<{ conversation: { status: string; resolutionSeconds: number | null; firstResponseSeconds: number | null } }>(
      `/conversations/${aiko.conversationId}`,
    );
    expect(detail.conversation.status).toBe('closed');
    expect(detail.conversation.resolutionSeconds).toEqual(expect.any(Number));
    expect(detail.conversation.resolutionSeconds).toBeGreaterThanOrEqual(0);
    expect(detail.conversation.firstResponseSeconds).toEqual(expect.any(Number));
    const mine = await aiko.call<{ conversations: { id: string; status: string }[] }>('GET', '/v1/chat/conversations');
    expect(mine.conversations.find((c) => c.id === aiko.conversationId)?.status).toBe('closed');

    // The visitor rates it: the stars show without a reload.
    await aiko.call('POST', `/v1/chat/conversations/${aiko.conversationId}/rating`, { score: 4, comment: 'Quick <b>and</b> kind' });
    await expect.poll(() => panel.locator('.stars').first().getAttribute('aria-label'), { timeout: 5000 }).toBe('4 out of 5 stars');
    expect(await panel.locator('.rating-comment').textContent()).toBe('“Quick <b>and</b> kind”');

    // A reply to a closed conversation reopens it (the collector's rule), and so does the Reopen button.
    await box.fill('Thank you for the stars!');
    await box.press('Enter');
    await page.locator('.thread-header .tag').filter({ hasText: 'Open' }).waitFor();
    await expect
      .poll(async () => (await admin<{ conversation: { status: string } }>(`/conversations/${aiko.conversationId}`)).conversation.status)
      .toBe('open');
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await page.getByRole('button', { name: 'Reopen' }).click();
    await page.locator('.thread-header .tag').filter({ hasText: 'Open' }).waitFor();
    expect((await admin<{ conversation: { status: string } }>(`/conversations/${aiko.conversationId}`)).conversation.status).toBe('open');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    errors.expectNone();
  });

  it('lists feedback with its summary, and saves chat settings the visitor API then reports', async () => {
    const { page, errors } = await open();
    const v = await visitor('Ben');
    for (const [rating, comment] of [
      [5, 'Love the <i>templates</i>'],
      [3, null],
    ] as const) {
      await v.call(
        'POST',
        '/v1/feedback',
        {
          writeKey: 'pk_demo',
          anonymousId: v.anonymousId,
          scale: 'stars',
          rating,
          ...(comment ? { comment } : {}),
          page: { url: `${collector.origin}/support.html`, title: 'Support' },
          clientId: randomUUID(),
        },
        201,
      );
    }
    await signIn(page, '/console/feedback');
    await page.locator('.feedback').first().waitFor();
    expect(await page.locator('.feedback-comment').allTextContents()).toContain('Love the <i>templates</i>');
    expect(await page.locator('.feedback i').count()).toBe(0);
    const average = page.locator('.stat').filter({ hasText: 'Average' });
    expect(await average.locator('.stat-value').textContent()).toContain('4.0');

    await page.goto(`${collector.origin}/console/sites/demo`);
    await page.getByLabel('Reply time (minutes)').fill('15');
    await page.getByLabel('Feedback scale').selectOption('nps');
    await page.getByLabel('During business hours').check();
    await page.getByLabel('Time zone of these hours').fill('Asia/Tokyo');
    await page.getByRole('button', { name: 'Save chat settings' }).click();
    await page.locator('.chat-settings').getByText('Saved.').waitFor();
    const config = await v.call<{ replyTimeMinutes: number; feedbackScale: string }>('GET', '/v1/chat/config?writeKey=pk_demo');
    expect(config).toMatchObject({ replyTimeMinutes: 15, feedbackScale: 'nps' });
    await page.reload();
    await expect.poll(() => page.getByLabel('Reply time (minutes)').inputValue()).toBe('15');
    expect(await page.getByLabel('Monday opens').inputValue()).toBe('09:00');
    // The secret: hidden, then shown.
    expect(await page.locator('.identity').textContent()).not.toMatch(/sk_[A-Za-z0-9_-]{20,}/);
    await page.getByRole('button', { name: 'Show secret' }).click();
    expect(await page.locator('.secret code').textContent()).toMatch(/^sk_[A-Za-z0-9_-]{20,}$/);
    errors.expectNone();
  });

  it("the demo support page's buttons open the chat and the feedback form; what the visitor writes reaches the inbox", async () => {
    const { page: consolePage, errors } = await open();
    await signIn(consolePage, '/console/inbox');
    await consolePage.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const demo = await consolePage.context().newPage();
    await demo.goto(`${collector.origin}/support.html`);
    await expect
      .poll(() => demo.evaluate(() => typeof (window as unknown as { kizuna?: { chat?: { open?: unknown } } }).kizuna?.chat?.open), { timeout: 10_000 })
      .toBe('function');
    await demo.getByRole('button', { name: 'Chat with us' }).click();
    const dialog = demo.getByRole('dialog');
    await dialog.waitFor({ timeout: 10_000 });
    const text = `Hello from the support page ${randomUUID().slice(0, 8)}`;
    const box = dialog.getByRole('textbox').first();
    await box.fill(text);
    await box.press('Enter');

    const row = consolePage.locator('.conv-row').filter({ hasText: text });
    await row.waitFor({ timeout: 10_000 });
    await row.locator('a').click();
    // The visitor's current page is the support page the message came from.
    await expect.poll(() => consolePage.locator('.visitor-panel .page-line').textContent(), { timeout: 10_000 }).toContain('/support.html');

    await demo.keyboard.press('Escape');
    await demo.getByRole('button', { name: 'Give feedback' }).click();
    await demo.getByRole('dialog').waitFor({ timeout: 10_000 });
    expect(await demo.locator('[data-demo-status]').textContent()).toBe('');
    errors.expectNone();
  });

  it('renders inbox, conversation, feedback and settings at desktop and phone width (screenshots in /tmp)', async () => {
    const chie = await visitor('Chie Sato');
    await chie.say('Can I export my checklists to CSV? https://tsumiki.example.com/docs', {
      url: `${collector.origin}/support.html`,
      title: 'Support',
    });
    const daichi = await visitor('Daichi');
    await daichi.say('請求書はどこでダウンロードできますか？');
    const id = chie.conversationId;
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const { page, errors } = await open(viewport);
      await signIn(page, '/console/inbox');
      const shots: [string, string, string][] = [
        ['inbox', '/console/inbox', '.conv-row'],
        ['conversation', `/console/inbox/${id}`, '.msg'],
        ['feedback', '/console/feedback', '#view-title'],
        ['settings', '/console/sites/demo', '.chat-settings'],
      ];
      for (const [name, path, ready] of shots) {
        await page.goto(`${collector.origin}${path}`);
        await page.locator(ready).first().waitFor();
        await page.locator('text=Loading').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
        await page.waitForTimeout(200);
        await page.screenshot({ path: `/tmp/kizuna-inbox-${name}-${label}.png`, fullPage: name === 'settings' || name === 'feedback' });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${label} width`).toBeLessThanOrEqual(0);
      }
      // At phone width the list and the conversation are separate screens.
      await page.goto(`${collector.origin}/console/inbox/${id}`);
      await page.locator('.msg').first().waitFor();
      expect(await page.locator('.inbox-list').isVisible()).toBe(label === 'desktop');
      expect(await page.getByRole('link', { name: '← Inbox' }).isVisible()).toBe(label === 'phone');
      if (label === 'phone') {
        await page.getByRole('link', { name: '← Inbox' }).click();
        await page.locator('.conv-row').first().waitFor();
        expect(await page.locator('.thread').count()).toBe(0);
      }
      errors.expectNone();
    }
  });
});
