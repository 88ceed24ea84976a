/**
 * The console's campaign pages in real Chromium against the real collector (`node build/server/start.js`, PGlite in a
 * temp dir), served with `Content-Security-Policy: default-src 'self'` so any inline script or style would show as a
 * console error: create a campaign through the editor (a bad field is flagged beside it, the save is refused until it
 * is fixed), preview it as the widget draws it, save, set it live (the collector then delivers it), see its results
 * computed from ingested events and its version history; a second editor that saved in between is caught (409) and
 * reloads; the settings pages and people by score render at phone width. Screenshots: /tmp/kizuna-console-campaign-*.png.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { startRealCollector, type RealCollector, USER_AGENT } from './support/real-collector.js';
import { sendBatch } from './support/send-batch.js';
import { assertBuilt, openStrictConsole, signInToConsole } from './support/strict-console.js';


describe.skipIf(skipWithoutChromium)('console campaigns in Chromium against the real collector', () => {
  let browser: Browser;
  let collector: RealCollector;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    assertBuilt(['build/server/start.js', 'build/console/console.js', 'build/console/index.html']);
    [browser, collector] = await Promise.all([launchChromium({ userAgent: USER_AGENT }), startRealCollector({ name: 'kizuna-console-campaigns-e2e-' })]);
  });

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => {})));
  });

  afterAll(async () => {
    await browser?.close();
    await collector?.stop();
  });

  const open = (viewport = { width: 1280, height: 900 }) => openStrictConsole(browser, contexts, viewport);
  const signIn = (page: Page, path: string) => signInToConsole(page, collector, path);

  async function stored(id: string): Promise<{ status: number; body: Record<string, any> }> {
    const response = await collector.admin(`/sites/demo/campaigns/${id}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  it('creates a campaign through the editor, flags a bad field, saves, sets it live and shows its results', async () => {
    const { context, errors } = await open();
    const page = await context.newPage();
    await signIn(page, '/console/campaigns?site=demo');
    await page.getByRole('heading', { name: 'Campaigns', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New campaign' }).first().click();
    await page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/new-campaign');

    await page.getByLabel('Name', { exact: true }).fill('E2E scroll offer');
    await page.getByLabel('Id', { exact: true }).fill('e2e-scroll');
    await page.getByLabel('Title', { exact: true }).fill('Go further with Pro');
    await page.getByLabel('Body', { exact: true }).fill('Unlimited **projects**.\nSee [the plans](/pricing).');
    await page.getByLabel('Scrolling down the page').check();
    const percent = page.getByLabel('Scroll depth (%)');
    await percent.fill('150');
    // Checked as typed, beside the field.
    await page.getByText('Must be a whole number from 1 to 100').waitFor();
    expect(await percent.getAttribute('aria-invalid')).toBe('true');

    // A save attempt is refused here, with the summary focused, and nothing reaches the collector.
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('campaign-errors');
    expect(await page.locator('#campaign-errors').textContent()).toContain('trigger.scroll.percent must be a whole number from 1 to 100');
    expect((await stored('e2e-scroll')).status).toBe(404);

    await percent.fill('50');
    await expect.poll(() => percent.getAttribute('aria-invalid')).toBe(null);
    await page.getByLabel('Measure a goal').check();
    await page.getByLabel('Goal event').fill('Plan Upgraded');

    // The preview is the widget's own rendering of the compiled draft.
    const preview = page.locator('.preview-host');
    await expect.poll(() => preview.locator('h2').textContent()).toBe('Go further with Pro');
    expect(await preview.locator('b').textContent()).toBe('projects');

    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByText('Created.').waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/console/campaigns/e2e-scroll?site=demo');
    await page.getByRole('heading', { name: 'E2E scroll offer', level: 1 }).waitFor();
    const created = await stored('e2e-scroll');
    expect(created.status).toBe(200);
    expect(created.body.campaign).toMatchObject({
      id: 'e2e-scroll',
      version: 1,
      status: 'draft',
      trigger: { pageView: {}, scroll: { percent: 50 } },
      goal: { event: 'Plan Upgraded' },
      content: { en: { title: 'Go further with Pro', body: 'Unlimited **projects**.\nSee [the plans](/pricing).' } },
    });
    await page.screenshot({ path: '/tmp/kizuna-console-campaign-editor-desktop.png' });

    // Live: the collector delivers it to the SDK from now on.
    await page.getByLabel('Status of E2E scroll offer', { exact: true }).selectOption('live');
    await page.getByRole('button', { name: 'Set status of E2E scroll offer' }).click();
    await page.locator('.campaign-header .badge', { hasText: 'Live' }).waitFor();
    expect((await stored('e2e-scroll')).body.campaign.status).toBe('live');
    const delivery = await fetch(`${collector.origin}/v1/campaigns?writeKey=pk_demo`, { headers: { origin: collector.origin } });
    expect(delivery.status).toBe(200);
    expect(((await delivery.json()) as { campaigns: { i: string }[] }).campaigns.map((c) => c.i)).toContain('e2e-scroll');

    // A second version from the editor.
    await page.getByLabel('Title', { exact: true }).fill('Go further with Pro today');
    await page.getByRole('button', { name: 'Save new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    // Saving content keeps the status it had (the editor sends none it did not change).
    expect((await stored('e2e-scroll')).body.campaign).toMatchObject({ version: 2, status: 'live', content: { en: { title: 'Go further with Pro today' } } });

    // Two visitors see it; one converts within the goal window.
    const [ann, ben] = [randomUUID(), randomUUID()];
    const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
    await sendBatch(collector.origin, [
      { type: 'track', event: 'Message Shown', anonymousId: ann, timestamp: at(60_000), properties: { campaignId: 'e2e-scroll', version: 2 } },
      { type: 'track', event: 'Message Shown', anonymousId: ben, timestamp: at(60_000), properties: { campaignId: 'e2e-scroll', version: 2 } },
      { type: 'track', event: 'Message Clicked', anonymousId: ann, timestamp: at(50_000), properties: { campaignId: 'e2e-scroll', button: 'See plans' } },
      { type: 'track', event: 'Message Dismissed', anonymousId: ben, timestamp: at(50_000), properties: { campaignId: 'e2e-scroll', reason: 'close' } },
      { type: 'track', event: 'Plan Upgraded', anonymousId: ann, timestamp: at(30_000), properties: { plan: 'pro' } },
    ]);

    await page.getByRole('link', { name: 'Results and history' }).click();
    await page.locator('.arms-table tbody tr').first().waitFor();
    const cells = async () =>
      Object.fromEntries(
        await page.locator('.arms-table tbody tr').first().locator('[data-label]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-label'), e.textContent])),
      );
    expect(await cells()).toEqual({
      Arm: 'Everyone',
      Impressions: '2',
      Visitors: '2',
      Clicks: '1',
      Dismissals: '1',
      Conversions: '1',
      'Conversion rate': '50.0 %',
      'Uplift vs control': '–',
      'p-value': '–',
      Verdict: 'Nothing to compare with',
    });
    expect(await page.locator('.history strong').allTextContents()).toEqual(['Version 2', 'Version 1']);
    await page.getByRole('button', { name: 'Show version 1' }).click();
    expect(JSON.parse((await page.locator('.history-json').textContent())!).content.en.title).toBe('Go further with Pro');
    await page.screenshot({ path: '/tmp/kizuna-console-campaign-results-desktop.png', fullPage: true });

    // The list links each campaign at the URL the dashboard uses.
    await page.getByRole('link', { name: '← All campaigns' }).click();
    const link = page.getByRole('link', { name: 'E2E scroll offer', exact: true });
    expect(await link.getAttribute('href')).toBe('/console/campaigns/e2e-scroll?site=demo');
    expect(await page.locator('.campaigns-table tbody tr').first().locator('.badge').textContent()).toBe('Live');
    errors.expectNone();
  });

  it('catches a save made in between by another editor and reloads it', async () => {
    const campaign = {
      id: 'e2e-conflict',
      priority: 1,
      kind: { type: 'banner', position: 'top' },
      defaultLocale: 'en',
      content: { en: { title: 'Original' } },
      trigger: { pageView: {} },
    };
    const made = await collector.admin('/sites/demo/campaigns', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(campaign) });
    expect(made.status).toBe(201);

    const { context, errors } = await open();
    const first = await context.newPage();
    await signIn(first, '/console/campaigns/e2e-conflict?site=demo');
    const second = await context.newPage();
    await second.goto(`${collector.origin}/console/campaigns/e2e-conflict?site=demo`);
    for (const page of [first, second]) await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue()).toBe('Original');

    await first.getByLabel('Title', { exact: true }).fill('Saved first');
    await first.getByRole('button', { name: 'Save new version' }).click();
    await first.getByText('Saved as version 2.').waitFor();

    await second.getByLabel('Title', { exact: true }).fill('Saved second');
    await second.getByRole('button', { name: 'Save new version' }).click();
    const alert = second.getByRole('alert').filter({ hasText: 'Someone saved this campaign while you were editing.' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('save as version 3');
    expect((await stored('e2e-conflict')).body.campaign.content.en.title).toBe('Saved first');

    await second.getByRole('button', { name: 'Reload the latest version' }).click();
    await expect.poll(() => second.getByLabel('Title', { exact: true }).inputValue()).toBe('Saved first');
    await second.getByLabel('Title', { exact: true }).fill('Saved second, after reading theirs');
    await second.getByRole('button', { name: 'Save new version' }).click();
    await second.getByText('Saved as version 3.').waitFor();
    expect((await stored('e2e-conflict')).body.campaign.content.en.title).toBe('Saved second, after reading theirs');
    errors.expectNone();
  });

  it('renders the campaign pages at desktop and phone width without errors or sideways scrolling', async () => {
    // An NPS survey with an A/B test, answered by three visitors.
    const survey = {
      id: 'e2e-nps',
      name: 'How likely are you to recommend us?',
      priority: 2,
      kind: { type: 'survey', survey: 'nps' },
      defaultLocale: 'en',
      content: { en: { title: 'One question', scale: { low: 'Not likely', high: 'Very likely' } }, ja: { title: 'ひとつ質問' } },
      trigger: { timeOnPage: { seconds: 20 } },
      experiment: { holdout: 10, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1, content: { en: { title: 'Quick question' } } }] },
    };
    const made = await collector.admin('/sites/demo/campaigns', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(survey) });
    expect(made.status, await made.text()).toBe(201);
    await sendBatch(
      collector.origin,
      [10, 9, 3].flatMap((answer, i) => {
        const anonymousId = randomUUID();
        const variantId = i ? 'b' : 'a';
        return [
          { type: 'page', anonymousId, properties: { path: '/pricing' } },
          { type: 'track', event: 'Message Shown', anonymousId, properties: { campaignId: 'e2e-nps', variantId } },
          { type: 'track', event: 'Survey Answered', anonymousId, properties: { campaignId: 'e2e-nps', variantId, answer } },
        ];
      }),
    );
    const views: [string, string][] = [
      ['list', '/console/campaigns?site=demo'],
      ['new', '/console/new-campaign?site=demo'],
      ['editor', '/console/campaigns/e2e-nps?site=demo'],
      ['results', '/console/campaigns/e2e-nps/results?site=demo'],
      ['engagement', '/console/engagement?site=demo'],
      ['limits', '/console/message-limits?site=demo'],
      ['people-score', '/console/people?site=demo&sort=score'],
    ];
    for (const [label, viewport] of [
      ['desktop', { width: 1280, height: 860 }],
      ['phone', { width: 390, height: 844 }],
    ] as const) {
      const { context, errors } = await open(viewport);
      const page = await context.newPage();
      await signIn(page, '/console/campaigns?site=demo');
      for (const [name, path] of views) {
        await page.goto(`${collector.origin}${path}`);
        await page.locator('#view-title').waitFor();
        await page.locator('text=/^(Loading|Scoring)/').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
        await page.waitForTimeout(200);
        await page.screenshot({ path: `/tmp/kizuna-console-campaign-${name}-${label}.png` });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${label} width`).toBeLessThanOrEqual(0);
      }
      // People by score: the tier counts cover everyone the collector knows.
      const total = await page.locator('.tier-counts .stat').last().locator('.stat-value').textContent();
      const perTier = await page.locator('.tier-counts .stat .stat-value').allTextContents();
      expect(perTier.slice(0, -1).reduce((n, v) => n + Number(v), 0)).toBe(Number(total));
      expect(Number(total)).toBeGreaterThanOrEqual(3);
      expect(await page.locator('.people-table tbody tr').count()).toBe(Number(total));
      // The survey's results: NPS from the three answers (two promoters, one detractor).
      await page.goto(`${collector.origin}/console/campaigns/e2e-nps/results?site=demo`);
      await page.locator('.stat-value').first().waitFor();
      expect(await page.locator('.stat-value').allTextContents()).toEqual(['33', '2', '0', '1']);
      expect(await page.locator('.arms-table tbody th').allTextContents()).toEqual(['Control (holdout)', 'Variant a', 'Variant b']);
      errors.expectNone();
    }
  });
});
