/**
 * The SDK's core scenarios in real Chromium with the real collector (`node build/server/start.js`, PGlite in a temp
 * dir) as the endpoint and the demo site's key pk_demo. The pages come from the recording collector's site origin
 * (http://127.0.0.1:*, allowed for the demo site), so every send is a real cross-origin request. What the
 * collector stored is read back through the admin API: every message a page created is stored exactly once,
 * unchanged, and nothing else is stored for that visitor.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { recordEvents, type EventLog } from './support/event-log.js';
import { kizunaPage, type KizunaPageOptions } from './support/kizuna-page.js';
import { watchPageErrors, type PageErrors } from './support/page-errors.js';
import { USER_AGENT, type RealCollector } from './support/real-collector.js';
import type { RecordingCollector } from './support/recording-collector.js';
import { startSiteAndCollector } from './support/start-site-and-collector.js';

/** An event as GET /v1/admin/sites/:site/events returns it (only the fields read here). */
interface StoredEvent {
  id: number;
  messageId: string;
  type: string;
  name: string | null;
  event: string | null;
  anonymousId: string | null;
  properties: Record<string, unknown>;
  context: { page?: { path?: string } } & Record<string, unknown>;
  originalTimestamp: string;
  browser: string | null;
}

const sdkReady = (page: Page) => page.waitForFunction(() => typeof window.kizuna?.version === 'string');
const flush = (page: Page) => page.evaluate(() => window.kizuna.flush());
const trackMany = (page: Page, event: string, n: number) =>
  page.evaluate(
    ([name, count]) => {
      for (let i = 1; i <= count; i++) window.kizuna.track(name, { i, note: `ü 絆 "${i}"` });
    },
    [event, n] as const,
  );

describe.skipIf(skipWithoutChromium)('the SDK in Chromium against the real collector', () => {
  let browser: Browser;
  let site: RecordingCollector; // only its site origin (pages and dist/) and its other host are used here
  let real: RealCollector;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ browser, site, real } = await startSiteAndCollector('kizuna-sdk-e2e-'));
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await real?.stop();
  });

  /** Serves a page with the documented tag, key pk_demo and the real collector as endpoint; returns its URL. */
  const serve = (path: string, options: Omit<KizunaPageOptions, 'endpoint' | 'writeKey'> = {}) =>
    site.servePage(path, kizunaPage({ ...options, endpoint: real.origin, writeKey: 'pk_demo' }));

  /** A fresh context (own storage) recording every message its pages create, and their errors. */
  async function open(): Promise<{ context: BrowserContext; log: EventLog; errors: PageErrors }> {
    const context = await browser.newContext({ userAgent: USER_AGENT });
    contexts.push(context);
    const errors = watchPageErrors(context);
    const log = await recordEvents(context);
    return { context, log, errors };
  }

  /** Every event stored for the demo site, oldest first (pages through the newest-first admin list). */
  async function storedEvents(): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    let before = '';
    for (;;) {
      const response = await real.admin(`/sites/demo/events?limit=500${before ? `&before=${before}` : ''}`);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const page = JSON.parse(text) as { events: StoredEvent[]; next: string | null };
      all.push(...page.events);
      if (!page.next) break;
      before = page.next;
    }
    return all.sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Stored events whose messageId is one of `ids`. */
  const storedOf = async (ids: string[]) => {
    const wanted = new Set(ids);
    return (await storedEvents()).filter((e) => wanted.has(e.messageId));
  };

  /** The anonymousId of the visitor in `page` (the SDK keeps it in localStorage "kizuna:pk_demo"). */
  const visitorOf = (page: Page) =>
    page.evaluate(() => (JSON.parse(localStorage.getItem('kizuna:pk_demo') ?? '{}') as { a?: string }).a ?? '');

  /**
   * Waits until every message in `log` is stored and the visitors' stored page views number `pages.length`, then
   * checks: nothing stored twice; each logged message stored with the type, event/name, properties, anonymousId
   * and client timestamp the page created; the visitors' page views are exactly `pages` (paths, any order); and
   * nothing else is stored for these visitors.
   *
   * The automatic page view of each page load never reaches the log: global.ts replays the stub queue (and with it
   * the probe's kizuna.on('event')) only after createCore() has already tracked that view. Those views are
   * therefore checked by path only, and they are the only stored events the log may lack.
   * Returns the visitors' stored events, oldest first.
   */
  async function expectStored(
    log: EventLog,
    pages: string[],
    visitors = log.seen.map((s) => s.message.anonymousId ?? ''),
  ): Promise<StoredEvent[]> {
    const who = new Set(visitors.filter(Boolean));
    expect(who.size, 'no visitor: the page created no message (probe or SDK missing?)').toBeGreaterThan(0);
    const made = new Map(log.seen.map((s) => [s.message.messageId, s.message]));
    let mine: StoredEvent[] = [];
    const deadline = Date.now() + 15_000;
    for (;;) {
      mine = (await storedEvents()).filter((e) => who.has(e.anonymousId ?? ''));
      const have = new Set(mine.map((e) => e.messageId));
      const lost = [...made.values()].filter((m) => !have.has(m.messageId));
      const views = mine.filter((e) => e.type === 'page').length;
      if (lost.length === 0 && views >= pages.length) break;
      if (Date.now() > deadline) {
        throw new Error(
          `not stored after 15 s: ${lost.length} of ${made.size} logged messages ` +
            `(${lost.map((m) => `${m.type} ${m.event ?? m.name ?? ''}`).join(', ')}); page views ${views} of ${pages.length}`,
        );
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 300)); // a late second copy would show up here
    mine = (await storedEvents()).filter((e) => who.has(e.anonymousId ?? ''));
    // Messages created meanwhile (a web vital) count as made too.
    for (const s of log.seen) made.set(s.message.messageId, s.message);

    const counts = new Map<string, number>();
    for (const e of mine) counts.set(e.messageId, (counts.get(e.messageId) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1), 'messages stored more than once').toEqual([]);
    for (const e of mine) {
      const m = made.get(e.messageId);
      if (!m) {
        expect(e.type, `stored ${e.type} ${e.event ?? ''} ${e.messageId} was never created by the pages`).toBe('page');
        expect(e.properties.path).toBe(e.context.page?.path);
        continue;
      }
      expect(
        { type: e.type, event: e.event, name: e.name, anonymousId: e.anonymousId, properties: e.properties, timestamp: e.originalTimestamp },
        `stored message ${e.messageId}`,
      ).toEqual({
        type: m.type,
        event: m.event ?? null,
        name: m.name ?? null,
        anonymousId: m.anonymousId,
        properties: m.properties ?? {},
        timestamp: m.timestamp,
      });
    }
    const paths = mine.filter((e) => e.type === 'page').map((e) => String(e.context.page?.path));
    expect(paths.sort(), 'stored page views').toEqual([...pages].sort());
    return mine;
  }

  it('stores the initial page view and each SPA navigation once (pushState, replaceState, popstate), not a query-only change', async () => {
    const { context, log, errors } = await open();
    const page = await context.newPage();
    await page.goto(serve('/spa/a', { title: 'SPA' }));
    await sdkReady(page);

    await page.evaluate(() => history.pushState({}, '', '/spa/b'));
    await page.evaluate(() => history.replaceState({}, '', '/spa/c'));
    await page.evaluate(() => history.pushState({}, '', '/spa/c?sort=price')); // query only: same page
    await page.goBack(); // popstate to /spa/c: same page
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    await page.goBack(); // popstate to /spa/a: a new page view
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/spa/a');
    await page.evaluate(() => window.kizuna.track('Plan Chosen', { plan: 'pro', seats: 3, annual: true, tags: ['a', 'b'] }));
    await flush(page);

    const stored = await expectStored(log, ['/spa/a', '/spa/b', '/spa/c', '/spa/a']);
    // In the order they happened (the SDK sends in order; ids grow with each insert).
    expect(stored.filter((e) => e.type === 'page').map((e) => e.context.page?.path)).toEqual(['/spa/a', '/spa/b', '/spa/c', '/spa/a']);
    expect(stored.find((e) => e.event === 'Plan Chosen')?.properties).toEqual({ plan: 'pro', seats: 3, annual: true, tags: ['a', 'b'] });
    // The request's user agent reached the parser: a normal Chrome, so nothing was dropped as a bot.
    expect(new Set(stored.map((e) => e.browser))).toEqual(new Set(['Chrome']));
    errors.expectNone();
  });

  it('stores the Link Clicked event of an outbound link that navigates away', async () => {
    const { context, log, errors } = await open();
    const page = await context.newPage();
    const href = `${site.elsewhere}/landing?from=real`;
    await page.goto(serve('/out', { body: `<p>Read <a id="out" href="${href}">on the partner site</a></p>`, options: { vitals: 'false' } }));
    await sdkReady(page);
    await page.click('#out');
    await page.waitForURL(href);

    const stored = await expectStored(log, ['/out']);
    const clicked = stored.filter((e) => e.event === 'Link Clicked');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.properties).toEqual({ href, text: 'on the partner site', outbound: true, download: false });
    errors.expectNone();
  });

  it('offline then online: nothing stored while offline, then every event once', async () => {
    const { context, log, errors } = await open();
    const page = await context.newPage();
    await page.goto(serve('/offline'));
    await sdkReady(page);
    const visitor = await visitorOf(page);
    await expectStored(log, ['/offline'], [visitor]);

    await context.setOffline(true);
    await trackMany(page, 'While Offline', 12);
    await flush(page); // resolves while offline
    const offline = log.find((m) => m.event === 'While Offline').map((m) => m.messageId);
    expect(offline).toHaveLength(12);
    await page.waitForTimeout(800);
    expect(await storedOf(offline)).toEqual([]);

    await context.setOffline(false);
    await expectStored(log, ['/offline']);
    errors.expectNone();
  });

  it('events left unsent by a closed page are sent by the next page of the site and stored once (its pagehide send may deliver them first)', async () => {
    const { context, log, errors } = await open();
    const sent: string[][] = [];
    context.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${real.origin}/v1/batch`) {
        const body = JSON.parse(request.postData() ?? '{"batch":[]}') as { batch: { messageId: string }[] };
        sent.push(body.batch.map((m) => m.messageId));
      }
    });
    const first = await context.newPage();
    await first.goto(serve('/left', { options: { vitals: 'false' } }));
    await sdkReady(first);
    await expectStored(log, ['/left'], [await visitorOf(first)]);

    const blocked = (route: { abort(): Promise<void> }) => route.abort();
    await first.route('**/v1/batch', blocked);
    await trackMany(first, 'Left Behind', 6);
    const left = log.find((m) => m.event === 'Left Behind').map((m) => m.messageId);
    expect(left).toHaveLength(6);
    await flush(first); // refused by the route: the events stay in the outbox
    await first.waitForTimeout(300);
    expect(await storedOf(left)).toEqual([]);
    // Closing runs pagehide, whose keepalive send Playwright's routing does not hold back: it may deliver them
    // without the page ever reading the answer, so the next page may send the same messages again.
    await first.close();
    await first.unroute('**/v1/batch', blocked).catch(() => {});
    const sentBefore = sent.length;

    const next = await context.newPage();
    await next.goto(`${site.origin}/left`);
    await sdkReady(next);
    await flush(next);
    await expectStored(log, ['/left', '/left']);
    // The next page took over the closed page's outbox and sent every one of them; if the pagehide send had
    // already delivered them, the collector answered duplicates and stored nothing twice (checked above).
    const resent = new Set(sent.slice(sentBefore).flat());
    expect(left.filter((id) => !resent.has(id)), 'left-behind messages the next page did not send').toEqual([]);
    errors.expectNone();
  });

  it('events left unsent by a crashed tab (no pagehide) are sent by the next page of the site, once', async () => {
    const { context, log, errors } = await open();
    const doomed = await context.newPage();
    await doomed.goto(serve('/crash', { options: { vitals: 'false' } }));
    await sdkReady(doomed);
    await expectStored(log, ['/crash'], [await visitorOf(doomed)]);

    await doomed.route('**/v1/batch', (route) => route.abort());
    await trackMany(doomed, 'Before Crash', 5);
    const lost = log.find((m) => m.event === 'Before Crash').map((m) => m.messageId);
    expect(lost).toHaveLength(5);
    await flush(doomed);
    // No pagehide, no unload: the renderer just dies, with the events in its IndexedDB outbox.
    const cdp = await context.newCDPSession(doomed);
    const crashed = new Promise((resolve) => doomed.once('crash', resolve));
    void cdp.send('Page.crash').catch(() => {}); // answers only once the session is gone
    await crashed;
    expect(await storedOf(lost)).toEqual([]);

    const next = await context.newPage();
    await next.goto(`${site.origin}/crash`);
    await sdkReady(next);
    await flush(next);
    await expectStored(log, ['/crash', '/crash']);
    errors.expectNone();
  });

  it('the exact same batch body sent again stores nothing twice; the answer counts the duplicates', async () => {
    const { context, log, errors } = await open();
    const page = await context.newPage();
    const bodies: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${real.origin}/v1/batch`) bodies.push(request.postData() ?? '');
    });
    await page.goto(serve('/resend', { options: { vitals: 'false' } }));
    await sdkReady(page);
    await trackMany(page, 'Once Only', 4);
    await flush(page);
    await expectStored(log, ['/resend']);
    expect(bodies.length).toBeGreaterThan(0);

    const body = bodies[0]!;
    const ids = (JSON.parse(body) as { batch: { messageId: string }[] }).batch.map((m) => m.messageId);
    // Re-sent from the page (same origin, same agent), once and then twice at the same moment.
    const replies = await page.evaluate(
      async ([url, raw]) => {
        const send = async () => {
          const response = await fetch(url, { method: 'POST', body: raw, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
          return { status: response.status, body: (await response.json()) as Record<string, unknown> };
        };
        const one = await send();
        return [one, ...(await Promise.all([send(), send()]))];
      },
      [`${real.origin}/v1/batch`, body] as const,
    );
    for (const reply of replies) {
      expect(reply).toEqual({ status: 200, body: { ok: true, stored: 0, duplicates: ids.length, dropped: 0, rejected: [] } });
    }
    expect(await storedOf(ids)).toHaveLength(ids.length);
    await expectStored(log, ['/resend']);
    errors.expectNone();
  });

  it('two tabs tracking at the same time: each event stored once, from its own tab', async () => {
    const { context, log, errors } = await open();
    serve('/tabs/one', { options: { 'flush-at': '4' } });
    serve('/tabs/two', { options: { 'flush-at': '4' } });
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([a.goto(`${site.origin}/tabs/one`), b.goto(`${site.origin}/tabs/two`)]);
    await Promise.all([sdkReady(a), sdkReady(b)]);
    for (let round = 0; round < 4; round++) {
      await Promise.all([trackMany(a, 'Tab One', 3), trackMany(b, 'Tab Two', 3)]);
    }
    await Promise.all([flush(a), flush(b)]);

    const stored = await expectStored(log, ['/tabs/one', '/tabs/two']);
    const pathsOf = (event: string) => stored.filter((e) => e.event === event).map((e) => e.context.page?.path);
    expect(pathsOf('Tab One')).toEqual(Array(12).fill('/tabs/one'));
    expect(pathsOf('Tab Two')).toEqual(Array(12).fill('/tabs/two'));
    errors.expectNone();
  });

  it('consent pending: nothing is stored until the visitor grants it, then everything once', async () => {
    const { context, log, errors } = await open();
    const page = await context.newPage();
    await page.goto(serve('/consent', { options: { consent: 'pending', vitals: 'false' } }));
    await sdkReady(page);
    await trackMany(page, 'Before Consent', 3);
    await flush(page);
    await log.waitFor((seen) => seen.length >= 3, 'three events');
    const visitor = log.seen[0]!.message.anonymousId;
    await page.waitForTimeout(800);
    expect((await storedEvents()).filter((e) => e.anonymousId === visitor)).toEqual([]);

    await page.evaluate(() => window.kizuna.consent('granted'));
    await trackMany(page, 'After Consent', 2);
    await flush(page);
    const stored = await expectStored(log, ['/consent']);
    expect(stored.map((e) => (e.type === 'page' ? 'page' : e.event))).toEqual([
      'page',
      'Before Consent',
      'Before Consent',
      'Before Consent',
      'After Consent',
      'After Consent',
    ]);
    errors.expectNone();
  });
});
