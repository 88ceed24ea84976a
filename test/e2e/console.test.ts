/**
 * The operator console in real Chromium against the real collector (`node build/server/start.js`, PGlite in a
 * temp dir): sign in with the token, watch events arrive live over SSE without a reload (from a raw /v1/batch
 * and from the demo site's own tag), filter them, copy the tag, open a person. The console pages are served
 * here with `Content-Security-Policy: default-src 'self'` added, so any inline script or style would show up
 * as a console error. Screenshots of every view (desktop and phone width) go to /tmp/kizuna-console-*.png.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { startRealCollector, type RealCollector, USER_AGENT } from './support/real-collector.js';
import { sendBatch } from './support/send-batch.js';
import { assertBuilt, openStrictConsole, signInToConsole } from './support/strict-console.js';


describe.skipIf(skipWithoutChromium)('operator console in Chromium against the real collector', () => {
  let browser: Browser;
  let collector: RealCollector;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertBuilt(['build/server/start.js', 'build/console/console.js', 'build/console/index.html', 'dist/kizuna.js']);
    [browser, collector] = await Promise.all([launchChromium({ userAgent: USER_AGENT }), startRealCollector({ name: 'kizuna-console-e2e-' })]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  /** A fresh context whose console pages carry a strict CSP, watched for page and console errors. */
  const open = (viewport = { width: 1280, height: 860 }) => openStrictConsole(browser, contexts, viewport);
  const signIn = (page: Page, path = '/console/') => signInToConsole(page, collector, path);

  it('refuses a wrong token, signs in with the right one, and signs out', async () => {
    const { context, errors } = await open();
    const page = await context.newPage();
    await page.goto(`${collector.origin}/console/events`);
    await page.getByLabel('Operator token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/token is not right/i);

    await page.getByLabel('Operator token').fill(collector.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    // The session survives a reload (HttpOnly cookie) and is not readable from script.
    await page.reload();
    await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Operator token').waitFor();
    await page.reload();
    await page.getByLabel('Operator token').waitFor();
    errors.expectNone();
  });

  it('shows a batch sent to /v1/batch live, without a reload, and renders its name as text', async () => {
    const { context, errors } = await open();
    const page = await context.newPage();
    await signIn(page, '/console/events');
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

    const hostile = `E2E <img src=x onerror="window.__pwned=1"> ${randomUUID().slice(0, 8)}`;
    await sendBatch(collector.origin, [{ type: 'track', event: hostile, properties: { plan: 'pro' } }]);

    const row = page.locator('.event').filter({ hasText: hostile });
    await row.waitFor({ timeout: 15_000 });
    await expect.poll(() => row.locator('.event-label').textContent()).toBe(hostile);
    expect(await row.locator('img').count()).toBe(0);
    expect(await row.textContent()).toContain('plan: pro');
    // Same document: it arrived over the stream, not through a reload.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Newest first.
    expect(await page.locator('.event .event-label').first().textContent()).toBe(hostile);
    errors.expectNone();
  });

  it("shows the demo site's signup click live, filters it, and opens the visitor", async () => {
    const { context, errors } = await open();
    const consolePage = await context.newPage();
    await signIn(consolePage, '/console/events');
    await consolePage.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    const demo = await context.newPage();
    await demo.goto(`${collector.origin}/pricing.html`);
    await demo.waitForFunction(() => typeof (window as unknown as { kizuna?: { on?: unknown } }).kizuna?.on === 'function');
    await demo.getByRole('button', { name: 'Sign up for Pro' }).click();
    await demo.evaluate(() => (window as unknown as { kizuna: { flush(): Promise<void> } }).kizuna.flush());

    const signup = consolePage.locator('.event').filter({ hasText: 'Signup Clicked' }).filter({ hasText: 'plan: pro' });
    await signup.first().waitFor({ timeout: 15_000 });
    await consolePage.locator('.event').filter({ hasText: '/pricing.html' }).first().waitFor();

    // Filter: only track events named exactly "Signup Clicked".
    await consolePage.getByLabel('Type').selectOption('track');
    await consolePage.getByLabel('Event or page name').fill('Signup Clicked');
    await expect
      .poll(async () => [...new Set(await consolePage.locator('.event .event-label').allTextContents())])
      .toEqual(['Signup Clicked']);
    expect(await consolePage.locator('.event .badge').allTextContents()).not.toContain('page');

    // The visitor: their timeline holds the click.
    await signup.first().locator('.event-person').click();
    await consolePage.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await consolePage.locator('.events .event-label').allTextContents()).toContain('Signup Clicked');
    errors.expectNone();
  });

  it('shows the tag to paste with the demo key and this collector as endpoint, and copies it', async () => {
    const { context, errors } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: collector.origin });
    const page = await context.newPage();
    await signIn(page, '/console/sites');
    await page.getByRole('link', { name: 'Demo site' }).click();
    const tag = (await page.locator('.snippet pre').textContent())!;
    expect(tag).toBe(
      `<script async src="${collector.origin}/kizuna.js" data-key="pk_demo" data-endpoint="${collector.origin}"></script>`,
    );
    await page.getByRole('button', { name: 'Copy tag' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tag);

    // Edit the origins: the server's answer is what the form shows after saving.
    const origins = page.getByLabel('Allowed origins');
    await origins.fill('http://localhost:*\nhttp://127.0.0.1:*\nhttps://tsumiki.example.com');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Allowed origins').inputValue()).toContain('https://tsumiki.example.com');
    errors.expectNone();
  });

  it('demo pages send what their notes promise: strict CSP page, SPA routes, downloads, Japanese page', async () => {
    const { context, errors } = await open();
    const page = await context.newPage();
    type Sdk = { kizuna: { flush(): Promise<void>; on(name: string, cb: (m: unknown) => void): () => void } };
    const ready = () => page.waitForFunction(() => typeof (window as unknown as Partial<Sdk>).kizuna?.flush === 'function');
    const flush = () => page.evaluate(() => (window as unknown as Sdk).kizuna.flush());
    const anonymousId = async () =>
      page.evaluate(() => JSON.parse(localStorage.getItem('kizuna:pk_demo') ?? '{}').a as string);

    await page.goto(`${collector.origin}/strict-csp.html`);
    await ready();
    await page.getByRole('button', { name: 'Click me' }).click();
    await page.goto(`${collector.origin}/spa/`);
    await ready();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('button', { name: 'Upgrade to Team' }).click();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByLabel('Filter checklists').fill('release');
    expect(await page.evaluate(() => location.search)).toBe('?q=release');
    expect(await page.getByRole('listitem').filter({ hasText: 'Security review' }).isVisible()).toBe(false);
    await flush();
    await page.goto(`${collector.origin}/docs.html`);
    await ready();
    // Keep the tab here: open the download in a way that does not navigate away.
    await page.getByRole('link', { name: /Getting-started guide/ }).click({ modifiers: ['Control'] });
    await flush();
    await page.goto(`${collector.origin}/ja/`);
    await ready();
    await flush();
    const visitor = await anonymousId();

    const events = async () => {
      const response = await collector.admin(`/sites/demo/people/${encodeURIComponent(visitor)}`);
      if (response.status !== 200) return [];
      return ((await response.json()) as { events: { type: string; event?: string; properties?: Record<string, unknown>; context?: { page?: { path?: string } } }[] }).events;
    };
    const summary = async () =>
      (await events())
        .filter((e) => e.event !== 'Web Vital')
        .map((e) => (e.type === 'page' ? `page ${e.context?.page?.path}` : `${e.event} ${JSON.stringify(e.properties ?? {})}`))
        .reverse();
    await expect.poll(summary, { timeout: 15_000 }).toEqual(
      expect.arrayContaining([
        'page /strict-csp.html',
        'CSP Button Clicked {"page":"strict-csp"}',
        'page /spa/',
        'page /spa/settings',
        'page /spa/billing',
        'Upgrade Clicked {"plan":"team"}',
        'page /docs.html',
        'page /ja/',
      ]),
    );
    const all = await summary();
    // Dashboard again after billing is a page view; the ?q= filter is not.
    expect(all.filter((line) => line === 'page /spa/')).toHaveLength(2);
    const download = (await events()).find((e) => e.event === 'Link Clicked');
    expect(download?.properties).toMatchObject({ download: true, href: `${collector.origin}/files/guide.pdf` });
    errors.expectNone();
  });

  it('renders every view at desktop and phone width without errors (screenshots in /tmp)', async () => {
    await sendBatch(collector.origin, [
      { type: 'identify', userId: 'user-aiko', traits: { name: 'Aiko Tanaka', email: 'aiko@example.com', plan: 'pro' } },
      { type: 'page', properties: { title: 'Pricing' }, context: { page: { path: '/pricing.html', url: `${collector.origin}/pricing.html` } } },
    ]);
    const views: [string, string][] = [
      ['overview', '/console/'],
      ['events', '/console/events'],
      ['people', '/console/people'],
      ['person', '/console/people/user-aiko'],
      ['sites', '/console/sites'],
      ['site', '/console/sites/demo'],
      ['new-site', '/console/new-site'],
      ['inbox', '/console/inbox'],
      ['campaigns', '/console/campaigns'],
    ];
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const { context, errors } = await open(viewport);
      const page = await context.newPage();
      await page.goto(`${collector.origin}/console/`);
      await page.getByLabel('Operator token').waitFor();
      await page.screenshot({ path: `/tmp/kizuna-console-login-${label}.png` });
      await signIn(page);
      for (const [name, path] of views) {
        await page.goto(`${collector.origin}${path}`);
        await page.locator('#view-title').waitFor();
        // Let the view's data arrive (the events view keeps an SSE connection open, so no 'networkidle').
        await page.locator('text=Loading').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
        await page.waitForTimeout(200);
        await page.screenshot({ path: `/tmp/kizuna-console-${name}-${label}.png` });
        // Nothing wider than the screen: no sideways scrolling at phone width.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${label} width`).toBeLessThanOrEqual(0);
      }
      expect(await page.locator('#view-title').textContent()).toBe('Campaigns');
      errors.expectNone();
    }
  });
});
