import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { expectAllDelivered } from './support/expect-delivered.js';
import { setupE2E } from './support/setup-e2e.js';

/** The stub snippet exactly as documented in the contract and the README. */
const STUB = `<script>!function(w,k){k=w.kizuna=w.kizuna||{q:[]};"page track identify reset consent flush on".split(" ").forEach(function(n){k[n]=k[n]||function(){k.q.push([n,[].slice.call(arguments),location.href,document.title,document.referrer,Date.now()])}})}(window)</script>`;

type Queued = [string, unknown[], string, string, string, number];

describe.skipIf(skipWithoutChromium)('the stub snippet, in Chromium', () => {
  const e2e = setupE2E();

  it('queues calls made before the script arrives and replays them in order, each with its original URL, title and time', async () => {
    const { collector } = e2e;
    const ctx = await e2e.open();
    // The SDK arrives late, as on a slow network; the site makes calls and navigates meanwhile.
    collector.delayGet('/dist/kizuna.js', 700);
    e2e.servePage('/stub/first', {
      title: 'First',
      probe: false,
      head: `${STUB}<script>
        kizuna.on('event', function (m) { window.__kizunaEvents.push(m); window.__kizunaSeen && window.__kizunaSeen(m); });
        window.__kizunaEvents = [];
        kizuna.track('Early One', { n: 1 });
        kizuna.identify('user-42', { plan: 'pro' });
        history.pushState({}, '', '/stub/second?from=first');
        document.title = 'Second';
        kizuna.track('Early Two', { n: 2 });
        kizuna.page('Pricing', { section: 'top' });
        window.__queued = JSON.parse(JSON.stringify(kizuna.q));
      </script>`,
    });
    const page = await ctx.newPage();
    await page.goto(`${collector.origin}/stub/first`, { waitUntil: 'commit' });
    await page.waitForFunction(() => typeof window.kizuna?.version === 'string');
    await page.evaluate(() => window.kizuna.flush());
    const queued = (await page.evaluate(() => (window as unknown as { __queued: Queued[] }).__queued)).slice(1); // [0] is on()
    expect(queued.map((q) => q[0])).toEqual(['track', 'identify', 'track', 'page']);

    await expectAllDelivered(collector, ctx.log);
    const replayed = ctx.log.seen.map((s) => s.message).filter((m) => m.type !== 'page' || m.name === 'Pricing');
    const early = replayed.filter((m) => m.event !== 'Web Vital');
    // In the order the calls were made.
    expect(early.map((m) => m.event ?? m.name ?? m.type)).toEqual(['Early One', 'identify', 'Early Two', 'Pricing']);
    early.forEach((m, i) => {
      const [, , url, title, , at] = queued[i]!;
      // When and where the call was made, not when the script arrived.
      expect(m.timestamp, `${m.type} ${m.event ?? ''}`).toBe(new Date(at).toISOString());
      expect(m.context?.page?.url).toBe(url);
      expect(m.context?.page?.title).toBe(title);
    });
    expect(early[0]!.context?.page?.path).toBe('/stub/first');
    expect(early[2]!.context?.page).toMatchObject({ path: '/stub/second', search: '?from=first', title: 'Second' });
    expect(early[0]!.properties).toEqual({ n: 1 });
    expect(early[1]).toMatchObject({ type: 'identify', userId: 'user-42', traits: { plan: 'pro' } });
    // identify applies to what follows it in the queue, not to what came before.
    expect(early[0]!.userId).toBeUndefined();
    expect(early[2]!.userId).toBe('user-42');
    expect(early[3]).toMatchObject({ type: 'page', name: 'Pricing', userId: 'user-42' });
    expect(early[3]!.properties).toMatchObject({ section: 'top' });
    // Plus exactly one automatic page view for the page as it was when the SDK started.
    const automatic = collector.messages().filter((m) => m.type === 'page' && m.name === undefined);
    expect(automatic).toHaveLength(1);
    ctx.errors.expectNone();
  });

  it('a page with the stub but no script never breaks: calls just queue', async () => {
    const { collector } = e2e;
    const ctx = await e2e.open();
    collector.servePage(
      '/stub/alone',
      `<!doctype html><title>alone</title>${STUB}<script>kizuna.track('Queued'); kizuna.flush(); kizuna.on('event', function () {});</script>`,
    );
    const page = await ctx.newPage();
    await page.goto(`${collector.origin}/stub/alone`);
    expect(await page.evaluate(() => window.kizuna.q!.length)).toBe(3);
    ctx.errors.expectNone();
  });
});
