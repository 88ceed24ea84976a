import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { expectAllDelivered } from './support/expect-delivered.js';
import { setupE2E } from './support/setup-e2e.js';
import type { RecordingCollector } from './support/recording-collector.js';

/** Path, query and hash of each page view the collector stored, in delivery order (the SDK sends in order). */
const pageViews = (collector: RecordingCollector) =>
  collector
    .messages()
    .filter((m) => m.type === 'page')
    .map((m) => {
      const u = new URL(String(m.context?.page?.url));
      return u.pathname + u.search + u.hash;
    });

describe.skipIf(skipWithoutChromium)('page views in Chromium', () => {
  // The back/forward cache stays on here (Playwright turns it off by default) so a real restore can be tested.
  const e2e = setupE2E({ bfcache: true });

  it('counts the initial page and each SPA navigation once: pushState, replaceState, popstate; not a query-only change or a bare hash', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const page = await context.newPage();
    e2e.servePage('/app/a');
    await page.goto(`${collector.origin}/app/a`);
    await collector.waitFor(() => pageViews(collector).length === 1, 'the initial page view');

    await page.evaluate(() => history.pushState({}, '', '/app/b'));
    await page.evaluate(() => history.replaceState({}, '', '/app/c'));
    await page.evaluate(() => history.pushState({}, '', '/app/c?sort=price')); // query only: same page
    await page.evaluate(() => history.replaceState({}, '', '/app/c?sort=name')); // query only: same page
    await page.evaluate(() => (location.hash = 'details')); // no hash routing: same page
    await page.goBack(); // popstate to /app/c?sort=price: same page
    await page.goBack(); // popstate to /app/c: same page
    await page.goBack(); // popstate to /app/a: a new page view
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/app/a');
    await page.evaluate(() => window.kizuna.flush());

    await expectAllDelivered(collector, log);
    await collector.waitFor(() => pageViews(collector).length >= 4, 'four page views');
    await page.waitForTimeout(300); // a late double would show up here
    expect(pageViews(collector)).toEqual(['/app/a', '/app/b', '/app/c', '/app/a']);
    // The SPA page views carry the previous in-app URL as referrer.
    const views = collector.messages().filter((m) => m.type === 'page');
    expect(views.find((m) => m.context?.page?.path === '/app/b')?.context?.page?.referrer).toBe(`${collector.origin}/app/a`);
    errors.expectNone();
  });

  it('with data-hash="true" counts hash changes as pages, and still not a query-only change', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const page = await context.newPage();
    e2e.servePage('/hash/', { options: { hash: 'true' } });
    await page.goto(`${collector.origin}/hash/#/home`);
    await collector.waitFor(() => pageViews(collector).length === 1, 'the initial page view');
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.evaluate(() => history.pushState({}, '', '/hash/?tab=2#/settings')); // query only
    await page.evaluate(() => (location.hash = '#/profile'));
    await page.evaluate(() => window.kizuna.flush());
    await expectAllDelivered(collector, log);
    await collector.waitFor(() => pageViews(collector).length >= 3, 'three page views');
    await page.waitForTimeout(300);
    expect(pageViews(collector)).toEqual(['/hash/#/home', '/hash/#/settings', '/hash/?tab=2#/profile']);
    errors.expectNone();
  });

  it('counts a restore from the back/forward cache as a page view, once', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const page = await context.newPage();
    e2e.servePage('/bf/start', { body: '<a id="next" href="/bf/next">next</a>' });
    collector.servePage('/bf/next', '<!doctype html><title>next</title><p>no SDK here</p>');
    await page.goto(`${collector.origin}/bf/start`);
    await page.evaluate(() => addEventListener('pageshow', (e) => ((window as unknown as { restored: boolean }).restored = e.persisted)));
    await collector.waitFor(() => pageViews(collector).length === 1, 'the initial page view');
    await page.evaluate(() => window.kizuna.flush());
    await page.click('#next');
    await page.waitForURL('**/bf/next');
    await page.goBack({ waitUntil: 'commit' });
    await expect.poll(() => page.evaluate(() => (window as unknown as { restored?: boolean }).restored)).toBe(true);
    await collector.waitFor(() => pageViews(collector).length >= 2, 'the page view of the restore');
    await page.evaluate(() => window.kizuna.flush());
    // Web vitals reported while the page was hidden were sent with keepalive just before it entered the cache; the
    // page never read those answers, so the contract allows a resend (the server dedupes on messageId).
    await expectAllDelivered(collector, log, { allowDuplicates: true });
    await page.waitForTimeout(300);
    expect(pageViews(collector)).toEqual(['/bf/start', '/bf/start']);
    errors.expectNone();
  });
});
