/**
 * In-app message campaigns end to end (issue 5): campaigns created through the real collector's admin API, the
 * script tag in real Chromium with that collector as endpoint, the engine (kizuna-campaigns.js) and the widget
 * loading on demand, and what the collector stored read back through the admin API.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assignVariant, CONTROL } from '../../src/shared/rules.js';
import { skipWithoutChromium } from './support/chromium.js';
import { kizunaPage } from './support/kizuna-page.js';
import { watchPageErrors, type PageErrors } from './support/page-errors.js';
import { USER_AGENT, type RealCollector } from './support/real-collector.js';
import type { RecordingCollector } from './support/recording-collector.js';
import { startSiteAndCollector } from './support/start-site-and-collector.js';

interface StoredEvent {
  event: string | null;
  anonymousId: string | null;
  properties: Record<string, unknown>;
}

/** A valid campaign in the owner's schema (docs/campaigns.md), live, shown on every page view unless `over` says otherwise. */
const campaign = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  status: 'live',
  priority: 0,
  kind: { type: 'modal' },
  defaultLocale: 'en',
  content: { en: { title: `Hello from ${id}`, body: 'Read **this**.', buttons: [{ label: 'Not now', action: 'dismiss' }] } },
  trigger: { pageView: {} },
  frequency: { session: 5 },
  ...over,
});

describe.skipIf(skipWithoutChromium)('campaigns in Chromium against the real collector', () => {
  let browser: Browser;
  let site: RecordingCollector;
  let real: RealCollector;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    ({ browser, site, real } = await startSiteAndCollector('kizuna-campaigns-e2e-'));
    // No site-wide gap between messages: each test shows its own.
    const limits = await real.admin('/sites/demo/message-limits', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ minGap: 0, maxPerSession: 100, quietWhileChatOpen: true }),
    });
    expect(limits.status, await limits.text()).toBe(200);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
    // Each test's campaigns stop being delivered after it.
    const list = (await (await real.admin('/sites/demo/campaigns')).json()) as { campaigns: { campaign: { id: string; status: string } }[] };
    for (const { campaign: c } of list.campaigns)
      if (c.status == 'live')
        await real.admin(`/sites/demo/campaigns/${c.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'archived' }) });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await real?.stop();
  });

  const create = async (body: unknown) => {
    const res = await real.admin('/sites/demo/campaigns', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(201);
  };

  /** A fresh visitor (own storage and HTTP cache); `anonymousId` presets who they are. */
  async function visitor(anonymousId?: string): Promise<{ context: BrowserContext; page: Page; errors: PageErrors }> {
    const context = await browser.newContext({ userAgent: USER_AGENT, viewport: { width: 1280, height: 800 } });
    contexts.push(context);
    if (anonymousId) await context.addInitScript((a) => localStorage.setItem('kizuna:pk_demo', JSON.stringify({ a })), anonymousId);
    const errors = watchPageErrors(context);
    return { context, page: await context.newPage(), errors };
  }

  const serve = (path: string, body = '<h1>Shop</h1>') =>
    site.servePage(path, kizunaPage({ endpoint: real.origin, writeKey: 'pk_demo', probe: false, body }));
  const why = (page: Page, id: string) => page.evaluate((i) => window.kizuna.campaigns.why(i), id);
  /** Waits until the engine has decided about `id` one way or the other (anything but loading/trigger). */
  const decided = (page: Page, id: string) =>
    page.waitForFunction((i) => !['off', 'loading', 'trigger'].includes(window.kizuna?.campaigns?.why(i)), id, { timeout: 15_000 });
  const dialog = (page: Page) => page.getByRole('dialog');

  /** The stored events of one visitor, once `until` holds for them (the SDK sends every 250 ms here). */
  async function storedFor(anonymousId: string, until: (events: StoredEvent[]) => boolean): Promise<StoredEvent[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await real.admin('/sites/demo/events?limit=500');
      const events = ((await res.json()) as { events: StoredEvent[] }).events.filter((e) => e.anonymousId == anonymousId);
      if (until(events) || Date.now() > deadline) return events;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const anonymousIdOf = (page: Page) => page.evaluate(() => (JSON.parse(localStorage.getItem('kizuna:pk_demo') ?? '{}') as { a: string }).a);

  it('shows to a matching visitor on its trigger, and not to one who does not match', async () => {
    await create(
      campaign('pro-offer', {
        audience: { urls: [{ match: 'starts-with', value: '/pricing' }] },
        trigger: { events: [{ name: 'Plan Compared', where: [{ key: 'plan', op: 'eq', value: 'pro' }] }] },
        content: { en: { title: 'Try Pro free', body: 'Thirty days, no card.' }, ja: { title: 'Proを無料で', body: '30日間' } },
      }),
    );
    const pricing = await serve('/pricing/plans');
    const blog = await serve('/blog/post');

    const { page, errors } = await visitor();
    await page.goto(pricing);
    // Delivered and eligible, waiting for its event.
    await page.waitForFunction(() => window.kizuna?.campaigns?.why('pro-offer') == 'trigger');
    await page.evaluate(() => window.kizuna.track('Plan Compared', { plan: 'team' }));
    await page.waitForTimeout(500);
    await expect(dialog(page).count()).resolves.toBe(0);
    await page.evaluate(() => window.kizuna.track('Plan Compared', { plan: 'pro' }));
    await dialog(page).waitFor();
    expect(await dialog(page).textContent()).toContain('Try Pro free');
    expect(await why(page, 'pro-offer')).toBe('shown');
    const id = await anonymousIdOf(page);
    const shown = await storedFor(id, (e) => e.some((x) => x.event == 'Message Shown'));
    expect(shown.filter((e) => e.event == 'Message Shown').map((e) => e.properties)).toEqual([{ campaignId: 'pro-offer', version: 1 }]);

    const other = await visitor();
    await other.page.goto(blog);
    await other.page.waitForFunction(() => window.kizuna?.campaigns?.why('pro-offer') == 'trigger' || window.kizuna?.campaigns?.why('pro-offer')?.startsWith('audience'));
    await other.page.evaluate(() => window.kizuna.track('Plan Compared', { plan: 'pro' }));
    await other.page.waitForTimeout(500);
    await expect(dialog(other.page).count()).resolves.toBe(0);
    expect(await why(other.page, 'pro-offer')).toBe('audience.url');
    errors.expectNone();
    other.errors.expectNone();
  });

  it('holds its frequency cap across reloads, and closes on Escape with a Message Dismissed', async () => {
    await create(campaign('once', { frequency: { lifetime: 1, stopAfterDismiss: false } }));
    const url = await serve('/home');
    const { page, errors } = await visitor();
    await page.goto(url);
    await dialog(page).waitFor();
    await page.keyboard.press('Escape');
    await dialog(page).waitFor({ state: 'detached' });
    await page.reload();
    await decided(page, 'once');
    expect(await why(page, 'once')).toBe('frequency.lifetime');
    await page.goto(url);
    await decided(page, 'once');
    await expect(dialog(page).count()).resolves.toBe(0);
    const events = await storedFor(await anonymousIdOf(page), (e) => e.some((x) => x.event == 'Message Dismissed'));
    expect(events.filter((e) => e.event == 'Message Shown')).toHaveLength(1);
    expect(events.find((e) => e.event == 'Message Dismissed')?.properties).toMatchObject({ campaignId: 'once', reason: 'escape' });
    errors.expectNone();
  });

  it('records an impression for a control visitor, who sees nothing, and attributes a conversion to a variant', async () => {
    const experiment = { key: 'upgrade-1', holdout: 50, variants: [{ id: 'a', weight: 1 }] };
    await create(campaign('upgrade', { experiment, goal: { event: 'Plan Upgraded', within: 3600 } }));
    const x = { k: 'upgrade-1', h: 50, v: [['a', 1]] as [string, number][] };
    const ids = Array.from({ length: 100 }, (_, i) => `e2e-visitor-${i}`);
    const control = ids.find((id) => assignVariant(x, id) == CONTROL)!;
    const treated = ids.find((id) => assignVariant(x, id) == 'a')!;
    const url = await serve('/app');

    const held = await visitor(control);
    await held.page.goto(url);
    await decided(held.page, 'upgrade');
    await held.page.waitForTimeout(500);
    await expect(dialog(held.page).count()).resolves.toBe(0);
    const heldEvents = await storedFor(control, (e) => e.some((x) => x.event == 'Message Shown'));
    expect(heldEvents.filter((e) => e.event == 'Message Shown').map((e) => e.properties)).toEqual([{ campaignId: 'upgrade', variantId: 'control', version: 1 }]);

    const shown = await visitor(treated);
    await shown.page.goto(url);
    await dialog(shown.page).waitFor();
    await shown.page.getByRole('button', { name: 'Not now' }).click();
    await shown.page.evaluate(() => window.kizuna.track('Plan Upgraded', { plan: 'pro' }));
    const events = await storedFor(treated, (e) => e.some((x) => x.event == 'Message Converted'));
    expect(events.find((e) => e.event == 'Message Converted')?.properties).toEqual({ campaignId: 'upgrade', variantId: 'a' });

    const results = (await (await real.admin('/sites/demo/campaigns/upgrade/results')).json()) as { arms: { variant: string; impressions: number; conversions: number }[] };
    expect(results.arms.map((a) => [a.variant, a.impressions, a.conversions])).toEqual([
      ['control', 1, 0],
      ['a', 1, 1],
    ]);
  });

  it('renders script and HTML in campaign content as inert text, even if such content reaches the SDK', async () => {
    // The admin API refuses it when saved, naming the field…
    const refused = await real.admin('/sites/demo/campaigns', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(campaign('evil', { content: { en: { title: '<img src=x onerror=alert(1)>' } } })),
    });
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { error: string; errors: { path: string }[] };
    expect(problem.error).toBe('invalid_campaign');
    expect(problem.errors.map((e) => e.path)).toContain('content.en.title');

    // …and were it ever delivered (an old row, a compromised proxy), the widget shows it as text.
    await create(campaign('evil'));
    const url = await serve('/evil');
    const { context, page, errors } = await visitor();
    await context.route(`${real.origin}/v1/campaigns*`, async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { campaigns: { i: string; c: Record<string, Record<string, unknown>> }[] };
      const evil = body.campaigns.find((c) => c.i == 'evil')!;
      evil.c.en = {
        t: '<img src=x onerror="window.__pwned=1">',
        b: '<script>window.__pwned=2</script> **bold** [link](javascript:window.__pwned=3)',
        n: [['<b onclick="window.__pwned=4">OK</b>', 'dismiss']],
      };
      await route.fulfill({ response: res, json: body });
    });
    await page.goto(url);
    await dialog(page).waitFor();
    const text = await dialog(page).textContent();
    expect(text).toContain('<img src=x onerror="window.__pwned=1">');
    expect(text).toContain('<script>window.__pwned=2</script>');
    expect(await dialog(page).locator('img, script').count()).toBe(0);
    expect(await dialog(page).locator('a[href^="javascript"]').count()).toBe(0);
    await page.getByRole('button', { name: '<b onclick="window.__pwned=4">OK</b>' }).click();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    errors.expectNone();
  });
});
