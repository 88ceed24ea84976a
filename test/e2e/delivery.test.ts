import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { expectAllDelivered } from './support/expect-delivered.js';
import type { BatchRequest, RecordingCollector } from './support/recording-collector.js';
import { setupE2E } from './support/setup-e2e.js';

/** Tracks `n` events named `name` in the page, numbered from 1. */
const trackMany = (page: Page, name: string, n: number) =>
  page.evaluate(
    ([event, count]) => {
      for (let i = 1; i <= count; i++) window.kizuna.track(event, { i });
    },
    [name, n] as const,
  );

const sdkReady = (page: Page) => page.waitForFunction(() => typeof window.kizuna?.version === 'string');

/** For each refused request, how long the SDK waited before its next request (one tab sends one batch at a time). */
const waitsAfterRefusals = (requests: BatchRequest[]) =>
  requests.flatMap((r, i) => (r.outcome === 'refused' && requests[i + 1] ? [requests[i + 1]!.at - r.at] : []));

const storedPageViews = (collector: RecordingCollector) => collector.messages().filter((m) => m.type === 'page').length;

describe.skipIf(skipWithoutChromium)('delivery through faults in Chromium', () => {
  const e2e = setupE2E();

  it('offline then online: nothing is sent while offline, everything arrives once when back', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const page = await context.newPage();
    e2e.servePage('/offline');
    await page.goto(`${collector.origin}/offline`);
    await collector.waitFor(() => storedPageViews(collector) === 1, 'the initial page view');

    await context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    const sentBefore = collector.requests.length;
    await trackMany(page, 'While Offline', 25);
    await page.evaluate(() => window.kizuna.flush()); // must resolve, not hang or throw, while offline
    await page.waitForTimeout(1000);
    expect(collector.requests.length).toBe(sentBefore);

    await context.setOffline(false);
    await expectAllDelivered(collector, log, { timeoutMs: 10_000 });
    expect(log.find((m) => m.event === 'While Offline')).toHaveLength(25);
    errors.expectNone();
  });

  it('reload with unsent events: collector down, reload, collector up — the first load’s events arrive once', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const page = await context.newPage();
    e2e.servePage('/reload');
    await page.goto(`${collector.origin}/reload`);
    await collector.waitFor(() => storedPageViews(collector) === 1, 'the initial page view');

    collector.setFault({ offline: true });
    await trackMany(page, 'Before Reload', 5);
    const firstLoad = log.ids();
    await collector.waitFor(() => collector.requests.some((r) => r.outcome === 'offline'), 'a failed send');
    await page.reload(); // pagehide tries a keepalive send: the collector is still down
    await sdkReady(page);
    collector.setFault({});

    await expectAllDelivered(collector, log, { ids: firstLoad, timeoutMs: 15_000 });
    expect(firstLoad.length).toBeGreaterThanOrEqual(5);
    await collector.waitFor(() => storedPageViews(collector) === 2, 'the page view of the reload');
    await page.evaluate(() => window.kizuna.flush());
    await expectAllDelivered(collector, log);
    errors.expectNone();
  });

  it('a crashed tab loses nothing: its stored events leave with the next tab of the site', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    e2e.servePage('/crash');
    const doomed = await context.newPage();
    await doomed.goto(`${collector.origin}/crash`);
    await collector.waitFor(() => storedPageViews(collector) === 1, 'the initial page view');
    collector.setFault({ offline: true });
    await trackMany(doomed, 'Before Crash', 5);
    const lost = log.ids();
    await collector.waitFor(() => collector.requests.some((r) => r.outcome === 'offline'), 'a failed send');
    // No pagehide, no unload: the renderer just dies.
    const cdp = await context.newCDPSession(doomed);
    const crashed = new Promise((resolve) => doomed.once('crash', resolve));
    void cdp.send('Page.crash').catch(() => {}); // answers only once the session is gone
    await crashed;
    collector.setFault({});

    const next = await context.newPage();
    await next.goto(`${collector.origin}/crash`);
    await expectAllDelivered(collector, log, { ids: lost, timeoutMs: 10_000 });
    errors.expectNone();
  });

  it('a 503 storm: Retry-After in seconds is honoured before the next try, and everything arrives once', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const page = await context.newPage();
    e2e.servePage('/storm503', { options: { 'flush-at': '3' } });
    collector.setFault({ failShare: 1, status: 503, retryAfter: '2' });
    await page.goto(`${collector.origin}/storm503`);
    await sdkReady(page);
    await trackMany(page, 'Storm', 3);
    await collector.waitFor(() => collector.requests.filter((r) => r.outcome === 'refused').length >= 2, 'two refusals', 15_000);
    // Then every other request refused, while the page keeps tracking in bursts.
    collector.setFault({ failShare: 0.5, status: 503, retryAfter: '1' });
    let tracked = 3;
    while (collector.requests.filter((r) => r.outcome === 'refused').length < 5 && tracked < 60) {
      await trackMany(page, 'Storm', 3);
      tracked += 3;
      await page.waitForTimeout(300);
    }
    await expectAllDelivered(collector, log, { timeoutMs: 30_000 });
    const waits = waitsAfterRefusals(collector.requests);
    expect(waits.length).toBeGreaterThanOrEqual(4);
    // The first two refusals asked for 2 s, later ones for 1 s (a few ms of timer slack allowed).
    expect(Math.min(...waits.slice(0, 2))).toBeGreaterThanOrEqual(1950);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(950);
    expect(log.find((m) => m.event === 'Storm')).toHaveLength(tracked);
    errors.expectNone();
  });

  it('a 429 storm with Retry-After as an HTTP date: honoured, everything arrives once', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const page = await context.newPage();
    e2e.servePage('/storm429', { options: { 'flush-at': '5' } });
    await page.goto(`${collector.origin}/storm429`);
    await collector.waitFor(() => storedPageViews(collector) === 1, 'the initial page view');
    // An HTTP date 3 s ahead; its one-second precision makes that at least 2 s.
    collector.setFault({ failShare: 1, status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString() });
    await trackMany(page, 'Burst', 5);
    await collector.waitFor(() => collector.requests.some((r) => r.outcome === 'refused'), 'a refusal');
    collector.setFault({ failShare: 0.34, status: 429, retryAfter: '1' });
    await trackMany(page, 'Burst', 15);
    await expectAllDelivered(collector, log, { timeoutMs: 30_000 });
    const waits = waitsAfterRefusals(collector.requests);
    expect(waits[0]).toBeGreaterThanOrEqual(1950);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(950);
    expect(log.find((m) => m.event === 'Burst')).toHaveLength(20);
    errors.expectNone();
  });
});
