import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { watchPageErrors } from './support/page-errors.js';
import { startRecordingCollector, type RecordingCollector } from './support/recording-collector.js';

// The harness checks itself in Chromium, so an e2e failure can be trusted to be the SDK's.
describe.skipIf(skipWithoutChromium)('e2e harness: recording collector and error watch', () => {
  let browser: Browser;
  let collector: RecordingCollector;

  beforeAll(async () => {
    [browser, collector] = await Promise.all([launchChromium(), startRecordingCollector()]);
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  const batch = (ids: string[]) =>
    JSON.stringify({
      batch: ids.map((messageId) => ({ type: 'track', event: 'E', messageId, anonymousId: 'a', timestamp: new Date().toISOString() })),
      sentAt: new Date().toISOString(),
      writeKey: 'pk_harness',
    });

  async function openPage() {
    const context = await browser.newContext();
    const page = await context.newPage();
    collector.servePage('/blank.html', '<!doctype html><title>blank</title>');
    await page.goto(`${collector.origin}/blank.html`);
    return { context, page };
  }

  /** Sends `body` from the page to the collector, cross-origin, as the SDK would. */
  const send = (page: import('playwright-core').Page, body: string) =>
    page.evaluate(
      async ([url, b]) => {
        try {
          const r = await fetch(url!, { method: 'POST', body: b!, keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
          return { status: r.status, retryAfter: r.headers.get('retry-after') };
        } catch (e) {
          return { error: String(e) };
        }
      },
      [`${collector.endpoint}/v1/batch`, body],
    );

  it('records text/plain batches cross-origin without a preflight and counts duplicate deliveries', async () => {
    collector.clear();
    const { context, page } = await openPage();
    expect(collector.origin).not.toBe(collector.endpoint);
    expect(await send(page, batch(['m1', 'm2']))).toEqual({ status: 200, retryAfter: null });
    expect(await send(page, batch(['m2', 'm3']))).toEqual({ status: 200, retryAfter: null });
    expect([...collector.stored.keys()]).toEqual(['m1', 'm2', 'm3']);
    expect(collector.duplicates()).toEqual(['m2']);
    expect(collector.preflights).toBe(0);
    expect(collector.requests.map((r) => r.contentType)).toEqual(['text/plain;charset=UTF-8', 'text/plain;charset=UTF-8']);
    expect(collector.requests[0]!.origin).toBe(collector.origin);
    await context.close();
  });

  it('answers a share of batches with 429 + a Retry-After the page can read, storing none of them', async () => {
    collector.clear();
    const { context, page } = await openPage();
    collector.setFault({ failShare: 0.5, status: 429, retryAfter: '2' });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send(page, batch([`r${i}`])));
    expect(answers).toEqual([
      { status: 200, retryAfter: null },
      { status: 429, retryAfter: '2' },
      { status: 200, retryAfter: null },
      { status: 429, retryAfter: '2' },
    ]);
    expect([...collector.stored.keys()]).toEqual(['r0', 'r2']);
    expect(collector.requests.map((r) => r.outcome)).toEqual(['stored', 'refused', 'stored', 'refused']);
    await context.close();
  });

  it('goes offline (the request fails at the network level) and delays answers', async () => {
    collector.clear();
    const { context, page } = await openPage();
    collector.setFault({ offline: true });
    expect(await send(page, batch(['o1']))).toHaveProperty('error');
    expect(collector.stored.size).toBe(0);
    expect(collector.requests.map((r) => r.outcome)).toEqual(['offline']);
    collector.setFault({ delayMs: 400 });
    const started = Date.now();
    expect(await send(page, batch(['o1']))).toEqual({ status: 200, retryAfter: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    expect([...collector.stored.keys()]).toEqual(['o1']);
    await context.close();
  });

  it('rejects a malformed batch with 400 and stores nothing', async () => {
    collector.clear();
    const { context, page } = await openPage();
    expect(await send(page, '{"batch":[{"type":"track"}]}')).toEqual({ status: 400, retryAfter: null });
    expect(collector.requests.map((r) => r.outcome)).toEqual(['malformed']);
    expect(collector.stored.size).toBe(0);
    await context.close();
  });

  it('collects page errors and console errors but not the network noise of injected faults', async () => {
    collector.clear();
    const context = await browser.newContext();
    const watch = watchPageErrors(context);
    const page = await context.newPage();
    collector.setFault({ failShare: 1, status: 503 });
    collector.servePage(
      '/errors.html',
      `<!doctype html><script>
        fetch(${JSON.stringify(collector.endpoint)} + '/v1/batch', { method: 'POST', body: '{}' }).catch(() => {});
        setTimeout(() => { throw new Error('boom from the page') }, 0);
        Promise.reject(new Error('unhandled rejection'));
        console.error('logged error');
      </script>`,
    );
    await page.goto(`${collector.origin}/errors.html`);
    await collector.waitFor(() => watch.errors.length >= 3 && collector.requests.length === 1, 'three errors and a 400');
    await page.waitForTimeout(200);
    expect(watch.errors).toHaveLength(3);
    expect(watch.errors.join('\n')).toMatch(/boom from the page/);
    expect(watch.errors.join('\n')).toMatch(/unhandled rejection/);
    expect(watch.errors.join('\n')).toMatch(/logged error/);
    expect(() => watch.expectNone()).toThrow(/3 error/);
    await context.close();
  });
});
