import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { expectAllDelivered } from './support/expect-delivered.js';
import { setupE2E } from './support/setup-e2e.js';

const sdkReady = (page: Page) => page.waitForFunction(() => typeof window.kizuna?.version === 'string');
const track = (page: Page, event: string, n: number) =>
  page.evaluate(
    ([e, count]) => {
      for (let i = 0; i < count; i++) window.kizuna.track(e, { i });
    },
    [event, n] as const,
  );

describe.skipIf(skipWithoutChromium)('several tabs of one site, in Chromium', () => {
  const e2e = setupE2E();

  it('two tabs open at once, through retries and a reload of one of them: each event arrives, none twice', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    e2e.servePage('/tabs/one', { options: { 'flush-at': '4' } });
    e2e.servePage('/tabs/two', { options: { 'flush-at': '4' } });
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([a.goto(`${collector.origin}/tabs/one`), b.goto(`${collector.origin}/tabs/two`)]);
    await Promise.all([sdkReady(a), sdkReady(b)]);

    // Both tabs track at the same time while the collector refuses a third of the batches.
    collector.setFault({ failShare: 0.34, status: 503, retryAfter: '1' });
    for (let round = 0; round < 5; round++) {
      await Promise.all([track(a, 'Tab One', 3), track(b, 'Tab Two', 3)]);
      await a.waitForTimeout(150);
    }
    // The collector goes down with events of both tabs unsent; tab one reloads, and its new page claims what its
    // old page left, while tab two, still open, keeps its own.
    collector.setFault({ offline: true });
    await Promise.all([track(a, 'Tab One', 4), track(b, 'Tab Two', 4)]);
    await collector.waitFor(() => collector.requests.filter((r) => r.outcome === 'offline').length >= 2, 'failed sends');
    await a.reload();
    await sdkReady(a);
    collector.setFault({});
    await Promise.all([a.evaluate(() => window.kizuna.flush()), b.evaluate(() => window.kizuna.flush())]);

    await expectAllDelivered(collector, log, { timeoutMs: 20_000 });
    expect(log.find((m) => m.event === 'Tab One')).toHaveLength(19);
    expect(log.find((m) => m.event === 'Tab Two')).toHaveLength(19);
    await a.waitForTimeout(1500); // a late resend by the other tab would show up here
    expect(collector.duplicates()).toEqual([]);
    errors.expectNone();
  });

  it('a tab closed with unsent events: the tab still open keeps to its own, the next tab sends them once', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    e2e.servePage('/tabs/x');
    const [closing, staying] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([closing.goto(`${collector.origin}/tabs/x`), staying.goto(`${collector.origin}/tabs/x`)]);
    await Promise.all([sdkReady(closing), sdkReady(staying)]);
    await collector.waitFor(() => collector.messages().filter((m) => m.type === 'page').length === 2, 'two page views');

    collector.setFault({ offline: true });
    await track(closing, 'Left Behind', 6);
    const leftBehind = log.find((m) => m.event === 'Left Behind').map((m) => m.messageId);
    await collector.waitFor(() => collector.requests.some((r) => r.outcome === 'offline'), 'a failed send');
    await closing.close(); // pagehide's keepalive send fails too: the collector is down
    // The keepalive request outlives the page: give it time to reach the (still offline) collector, or it may
    // arrive after the fault is cleared and be stored, and the next tab's resend would count as a duplicate.
    await new Promise((r) => setTimeout(r, 1000));
    collector.setFault({});
    await staying.evaluate(() => window.kizuna.flush());
    await staying.waitForTimeout(500);
    expect(leftBehind.filter((id) => collector.stored.has(id))).toEqual([]);

    const next = await context.newPage();
    await next.goto(`${collector.origin}/tabs/x`);
    await expectAllDelivered(collector, log, { ids: leftBehind, timeoutMs: 10_000 });
    await Promise.all([next.evaluate(() => window.kizuna.flush()), staying.evaluate(() => window.kizuna.flush())]);
    await expectAllDelivered(collector, log);
    await next.waitForTimeout(1000);
    expect(collector.duplicates()).toEqual([]);
    errors.expectNone();
  });
});
