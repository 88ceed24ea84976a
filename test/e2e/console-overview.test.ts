/**
 * The console's Overview in real Chromium against the real collector (`node build/server/start.js`, PGlite in a temp
 * dir), under the collector's own strict CSP (no inline style or script: uPlot must draw without them): demo data from
 * the demo site's own tag plus a batch with referrers, UTM tags, clicks and vitals; the overview at desktop width with
 * its charts, then at a phone's 360 px without sideways scrolling, and a table saved as CSV.
 * Screenshots: /tmp/kizuna-overview-desktop.png, /tmp/kizuna-overview-phone.png.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { watchPageErrors, type PageErrors } from './support/page-errors.js';
import { startRealCollector, USER_AGENT, type RealCollector } from './support/real-collector.js';

const ROOT = join(__dirname, '../..');

describe.skipIf(skipWithoutChromium)('console overview in Chromium against the real collector', () => {
  let browser: Browser;
  let collector: RealCollector;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    for (const file of ['build/server/start.js', 'build/console/console.js', 'build/console/console.css', 'dist/kizuna.js']) {
      if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run npm run build`);
    }
    [browser, collector] = await Promise.all([launchChromium(), startRealCollector({ name: 'kizuna-overview-e2e-' })]);

    // Demo data: the demo site's own tag in a real page (page views, and web vitals once the page hides)…
    const context = await browser.newContext({ userAgent: USER_AGENT });
    const demo = await context.newPage();
    for (const path of ['/', '/pricing.html']) {
      await demo.goto(`${collector.origin}${path}`);
      await demo.waitForFunction(() => typeof (window as unknown as { kizuna?: { flush?: unknown } }).kizuna?.flush === 'function');
      await demo.evaluate(() => (window as unknown as { kizuna: { flush(): Promise<void> } }).kizuna.flush());
    }
    await context.close();
    // …and a batch the way the SDK sends it, from three visitors: a search referral with UTM tags, clicks, vitals.
    const now = Date.now();
    const msg = (anonymousId: string, session: string, path: string, extra: Record<string, unknown>) => {
      const { referrer, campaign, ...fields } = extra;
      return {
        messageId: randomUUID(),
        anonymousId,
        timestamp: new Date(now - 60_000).toISOString(),
        context: { sessionId: session, page: { url: `${collector.origin}${path}`, path, referrer: referrer ?? '' }, ...(campaign ? { campaign } : {}) },
        ...fields,
      };
    };
    const batch = [
      msg('e2e-a', 's-a', '/docs.html', { type: 'page', properties: { path: '/docs.html', url: `${collector.origin}/docs.html`, referrer: 'https://www.google.com/' }, referrer: 'https://www.google.com/', campaign: { name: 'launch', source: 'newsletter', medium: 'email' } }),
      msg('e2e-a', 's-a', '/docs.html', { type: 'track', event: 'Link Clicked', properties: { href: 'https://github.com/kizuna', text: 'GitHub', outbound: true, download: false } }),
      msg('e2e-a', 's-a', '/docs.html', { type: 'track', event: 'Web Vital', properties: { name: 'LCP', value: 1234, rating: 'good' } }),
      msg('e2e-b', 's-b', '/pricing.html', { type: 'page', properties: { path: '/pricing.html', url: `${collector.origin}/pricing.html`, referrer: 'https://news.ycombinator.com/' }, referrer: 'https://news.ycombinator.com/' }),
      msg('e2e-b', 's-b', '/pricing.html', { type: 'track', event: 'Link Clicked', properties: { href: `${collector.origin}/files/price-list.pdf`, text: 'Price list', outbound: false, download: true } }),
      msg('e2e-b', 's-b', '/pricing.html', { type: 'track', event: 'Web Vital', properties: { name: 'LCP', value: 4567, rating: 'poor' } }),
      // Tags a spreadsheet would run as formulas.
      msg('e2e-c', 's-c', '/features.html', { type: 'page', properties: { path: '/features.html', url: `${collector.origin}/features.html` }, campaign: { name: '=SUM(1,2)', source: '@evil', medium: '-x' } }),
    ];
    const response = await fetch(`${collector.origin}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: collector.origin, 'user-agent': USER_AGENT },
      body: JSON.stringify({ writeKey: 'pk_demo', sentAt: new Date().toISOString(), batch }),
    });
    expect(await response.json()).toMatchObject({ stored: batch.length });
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  async function overview(viewport: { width: number; height: number }): Promise<{ page: Page; errors: PageErrors }> {
    const context = await browser.newContext({ userAgent: USER_AGENT, viewport, acceptDownloads: true });
    contexts.push(context);
    const errors = watchPageErrors(context);
    const page = await context.newPage();
    const first = await page.goto(`${collector.origin}/console/?site=demo`);
    expect(first?.headers()['content-security-policy']).toContain("style-src 'self'");
    await page.getByLabel('Operator token').fill(collector.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
    await page.locator('section.ov-table[aria-label="Top pages"] tbody tr').first().waitFor({ timeout: 15_000 });
    return { page, errors };
  }

  it('shows the demo data with charts at desktop width and saves a table as CSV', async () => {
    const { page, errors } = await overview({ width: 1280, height: 900 });
    const stat = (label: string) => page.locator('.stat').filter({ has: page.locator('.stat-label', { hasText: new RegExp(`^${label}$`) }) }).locator('.stat-value');
    expect(Number((await stat('Page views').textContent())!.replace(/,/g, ''))).toBeGreaterThanOrEqual(5);
    expect(Number((await stat('Visitors').textContent())!.replace(/,/g, ''))).toBeGreaterThanOrEqual(4);
    expect(await stat('Link clicks').textContent()).toBe('2');
    const pages = page.locator('section.ov-table[aria-label="Top pages"] tbody');
    for (const path of ['/', '/pricing.html', '/docs.html', '/features.html']) await pages.getByText(path, { exact: true }).waitFor();
    await page.locator('section.ov-table[aria-label="Referrers"]').getByText('news.ycombinator.com').waitFor();
    await page.locator('section.ov-table[aria-label="UTM campaigns"]').getByText('launch').waitFor();
    await page.locator('section.ov-table[aria-label="Downloads"]').getByText(`${collector.origin}/files/price-list.pdf`).waitFor();
    await page.locator('section.ov-table[aria-label="Web vitals"]').getByText('4.6 s').waitFor();
    // uPlot drew every chart on a canvas, at the container's width.
    const charts = page.locator('.chart canvas');
    await expect.poll(() => charts.count()).toBe(4);
    const box = await page.locator('.chart').first().boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    await page.screenshot({ path: '/tmp/kizuna-overview-desktop.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download Top pages as CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^top-pages-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFPage,Views,Entries\r\n')).toBe(true);
    expect(csv).toMatch(/\r\n\/pricing\.html,\d+,\d+\r\n/);
    // UTM tags a spreadsheet would run as formulas are saved as text.
    const [utm] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download UTM campaigns as CSV' }).click()]);
    const utmCsv = readFileSync((await utm.path())!, 'utf8');
    expect(utmCsv).toContain(`\r\n"'=SUM(1,2)",'@evil,'-x,1\r\n`);
    expect(utmCsv).toContain('\r\nlaunch,newsletter,email,1\r\n');
    errors.expectNone();
  });

  it('fits a 360 px phone screen: no sideways scrolling, charts as wide as the screen allows', async () => {
    const { page, errors } = await overview({ width: 360, height: 740 });
    await expect.poll(() => page.locator('.chart canvas').count()).toBe(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.locator('.chart').first().boundingBox();
    expect(box!.width).toBeGreaterThan(240);
    expect(box!.width).toBeLessThanOrEqual(360);
    await page.getByRole('combobox', { name: 'Date range' }).selectOption('7');
    await page.locator('.ov-range-text', { hasText: '7 days' }).waitFor();
    await page.screenshot({ path: '/tmp/kizuna-overview-phone.png', fullPage: true });
    errors.expectNone();
  });
});
