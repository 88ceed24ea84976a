import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { expectAllDelivered } from './support/expect-delivered.js';
import { setupE2E } from './support/setup-e2e.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Instruments every page of `context` before any page script runs:
 * - a window capture listener (first of all click listeners) and a window bubble listener (last) time how long
 *   all click handlers, the SDK's included, held the click; the click time goes to the test through a binding
 *   because the page is gone a moment later;
 * - Event.prototype.preventDefault reports any call on a click.
 */
async function instrumentClicks(context: BrowserContext) {
  const clicks: { at: number; handlersMs: number }[] = [];
  const prevented: string[] = [];
  await context.exposeBinding('__clickDone', (_s, at: number, handlersMs: number) => clicks.push({ at, handlersMs }));
  await context.exposeBinding('__prevented', (_s, what: string) => prevented.push(what));
  await context.addInitScript(() => {
    const w = window as unknown as {
      __clickDone(at: number, ms: number): void;
      __prevented(what: string): void;
    };
    let t0 = 0;
    let at = 0;
    addEventListener('click', () => ((t0 = performance.now()), (at = performance.timeOrigin + t0)), true);
    addEventListener('click', () => w.__clickDone(at, performance.now() - t0), false);
    const original = Event.prototype.preventDefault;
    Event.prototype.preventDefault = function (this: Event) {
      if (this.type === 'click' || this.type === 'auxclick') w.__prevented(this.type);
      return original.call(this);
    };
  });
  return { clicks, prevented };
}

describe.skipIf(skipWithoutChromium)('link clicks in Chromium', () => {
  const e2e = setupE2E();

  it('an outbound link that navigates away: the event arrives, the click is not held, navigation is not delayed', async () => {
    const { collector } = e2e;
    const body = (n: number) => `<p>Read more <a id="out" href="${collector.elsewhere}/landing?n=${n}">on  the
      <b>partner</b> site</a></p>`;

    // The same page with and without the SDK, alternated, so machine noise hits both alike.
    const delays: Record<'with' | 'without', number[]> = { with: [], without: [] };
    const handlerMs: number[] = [];
    let expectedEvents = 0;
    const { context, log, errors } = await e2e.open();
    const probe = await instrumentClicks(context);
    for (let n = 0; n < 6; n++) {
      const withSdk = n % 2 === 0;
      const path = `/links/${n}`;
      if (withSdk) e2e.servePage(path, { body: body(n) });
      else collector.servePage(path, `<!doctype html><title>plain</title>${body(n)}`);
      const page = await context.newPage();
      await page.goto(collector.origin + path);
      if (withSdk) await page.waitForFunction(() => typeof window.kizuna?.version === 'string');
      const before = probe.clicks.length;
      await page.click('#out b');
      await page.waitForURL(`${collector.elsewhere}/landing?n=${n}`);
      const landedAt = await page.evaluate(() => performance.timeOrigin);
      await expect.poll(() => probe.clicks.length).toBe(before + 1);
      const click = probe.clicks[before]!;
      delays[withSdk ? 'with' : 'without'].push(landedAt - click.at);
      if (withSdk) {
        handlerMs.push(click.handlersMs);
        expectedEvents++;
      }
      await page.close();
    }

    const clicked = log.find((m) => m.type === 'track' && m.event === 'Link Clicked');
    expect(clicked).toHaveLength(expectedEvents);
    expect(clicked[0]!.properties).toEqual({
      href: `${collector.elsewhere}/landing?n=0`,
      text: 'on the partner site',
      outbound: true,
      download: false,
    });
    // Sent with keepalive while the page was going away, so nobody read the answer: a resend would be allowed.
    await expectAllDelivered(collector, log, { allowDuplicates: true });
    expect(probe.prevented).toEqual([]);
    // The SDK's click handler records and returns: well under a frame.
    expect(Math.max(...handlerMs)).toBeLessThan(16);
    // Navigation starts as soon as without the SDK (medians; generous margin for a 2-core machine).
    expect(median(delays.with) - median(delays.without)).toBeLessThan(100);
    errors.expectNone();
  });

  it('tracks data-kizuna-event elements with their data-kizuna-prop-* properties, on left and middle click', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open();
    const probe = await instrumentClicks(context);
    const page = await context.newPage();
    e2e.servePage('/cta', {
      body: `<button id="cta" data-kizuna-event="Signup Clicked" data-kizuna-prop-plan="pro"
        data-kizuna-prop-source="hero"><span id="label">Start free</span></button>
        <a id="internal" href="/cta#top">same site, not a download: not tracked</a>`,
    });
    await page.goto(`${collector.origin}/cta`);
    await page.waitForFunction(() => typeof window.kizuna?.version === 'string');
    await page.click('#label');
    await page.click('#cta', { button: 'middle' });
    await page.click('#internal');
    await page.evaluate(() => window.kizuna.flush());
    await expectAllDelivered(collector, log);
    const signups = [...collector.stored.values()].map((s) => s.message).filter((m) => m.event === 'Signup Clicked');
    expect(signups).toHaveLength(2);
    for (const m of signups) expect(m.properties).toEqual({ plan: 'pro', source: 'hero' });
    expect([...collector.stored.values()].filter((s) => s.message.event === 'Link Clicked')).toHaveLength(0);
    expect(probe.prevented).toEqual([]);
    errors.expectNone();
  });

  it('tracks a download link by extension and by the download attribute', async () => {
    const { collector } = e2e;
    const { context, log, errors } = await e2e.open({ acceptDownloads: true });
    const page = await context.newPage();
    e2e.servePage('/files', {
      body: `<a id="report" href="/files/Report.PDF">Annual report</a>
        <a id="attr" href="/pages/probe.js" download="probe.js">Get the probe</a>`,
    });
    await page.goto(`${collector.origin}/files`);
    await page.waitForFunction(() => typeof window.kizuna?.version === 'string');
    // Clicks dispatched in the page: a real navigation to a missing file would only add noise here.
    await page.evaluate(() => {
      for (const id of ['report', 'attr']) {
        const a = document.getElementById(id)!;
        a.addEventListener('click', (e) => e.preventDefault(), { once: true });
        a.click();
      }
    });
    await page.evaluate(() => window.kizuna.flush());
    await expectAllDelivered(collector, log);
    const links = log.find((m) => m.event === 'Link Clicked').map((m) => m.properties);
    expect(links).toEqual([
      { href: `${collector.origin}/files/Report.PDF`, text: 'Annual report', outbound: false, download: true },
      { href: `${collector.origin}/pages/probe.js`, text: 'Get the probe', outbound: false, download: true },
    ]);
    errors.expectNone();
  });
});
