/**
 * The demo site's in-app messages (issue 5, "works from npm start"): a collector starting on an empty store creates
 * the demo site with live campaigns of every kind, valid, limited to the demo's Messages page and delivered by
 * GET /v1/campaigns with the demo's message limits; KIZUNA_DEMO=0 creates none. Real PGlite, and PostgreSQL when
 * KIZUNA_TEST_DATABASE_URL is set.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCampaign } from '../../src/shared/compile-campaign.js';
import type { Campaign } from '../../src/shared/campaign-schema.js';
import type { CompiledCampaign } from '../../src/shared/compiled-campaign.js';
import { audienceCheck, type Visitor } from '../../src/shared/rules.js';
import { validateCampaign } from '../../src/shared/validate-campaign.js';
import { loadConfig } from '../../server/config.js';
import type { KizunaServer } from '../../server/create-server.js';
import { DEMO_CAMPAIGNS, DEMO_MESSAGE_LIMITS } from '../../server/demo-campaigns.js';
import type { Store } from '../../server/store/store.js';
import { ADMIN_TOKEN, testServer } from './helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from './helpers/test-stores.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ORIGIN = 'http://localhost:8080';
const DEMO = fileURLToPath(new URL('../../demo', import.meta.url));

/** The URL path of every page in demo/, as the collector serves it. */
function demoPaths(dir = DEMO): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return demoPaths(file);
    return name.endsWith('.html') ? [`/${relative(DEMO, file).split('\\').join('/')}`] : [];
  });
}

/** A visitor on `path` (the facts the SDK's engine checks an audience against). */
const visitorOn = (path: string): Visitor => ({
  id: 'visitor-1',
  path,
  url: `${ORIGIN}${path}`,
  traits: {},
  device: 'desktop',
  langs: ['en'],
  sessions: 1,
  score: 0,
  tier: '',
});

describe.each(STORE_KINDS)('demo campaigns on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  beforeAll(async () => {
    store = await openTestStore(kind);
    // As `npm start` does on a fresh data directory (the default environment creates the demo site).
    server = await testServer(store, { demo: loadConfig({}).server.demo! });
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  const admin = async (url: string) => {
    const res = await server.app.inject({ method: 'GET', url: `/v1/admin/sites/demo${url}`, headers: bearer });
    return { status: res.statusCode, body: res.json() };
  };
  const stored = async (): Promise<Campaign[]> => (await admin('/campaigns')).body.campaigns.map((r: { campaign: Campaign }) => r.campaign);

  it('creates the demo site with live campaigns of every kind, each valid', async () => {
    expect(server.demoCreated).toBe(true);
    const campaigns = await stored();
    expect(campaigns.map((c) => c.id).sort()).toEqual(DEMO_CAMPAIGNS.map((c) => c.id).sort());
    expect(campaigns.length).toBeGreaterThanOrEqual(6);
    for (const campaign of campaigns) {
      expect(campaign.status, campaign.id).toBe('live');
      const checked = validateCampaign(campaign);
      expect(checked.ok ? [] : checked.errors, campaign.id).toEqual([]);
      // In English and Japanese, English by default.
      expect(Object.keys(campaign.content).sort(), campaign.id).toEqual(['en', 'ja']);
      expect(campaign.defaultLocale).toBe('en');
      // Loose enough to try each one several times in a session.
      expect(campaign.frequency?.session ?? 1, campaign.id).toBeGreaterThanOrEqual(3);
    }
    const kinds = campaigns.map((c) => (c.kind.type === 'banner' ? `banner-${c.kind.position}` : c.kind.type === 'survey' ? `survey-${c.kind.survey}` : c.kind.type));
    expect(kinds).toEqual(expect.arrayContaining(['modal', 'banner-bottom', 'slide-up', 'survey-nps', 'chat-prompt', 'card']));
    const triggers = campaigns.map((c) => c.trigger);
    expect(triggers).toEqual(
      expect.arrayContaining([
        { click: { selector: '#demo-show-modal' } },
        { pageView: {} },
        { timeOnPage: { seconds: 10 } },
        { events: [{ name: 'Demo Survey Requested' }] },
      ]),
    );
    // One A/B test: two variants and a 20 % holdout, with a goal, so the results page has arms to compare.
    const tested = campaigns.filter((c) => c.experiment);
    expect(tested).toHaveLength(1);
    expect(tested[0]!.experiment).toMatchObject({ holdout: 20, variants: [{ id: 'a' }, { id: 'b' }] });
    expect(tested[0]!.goal?.event).toBeTruthy();
  });

  it('limits every demo campaign to the Messages page, so no other page (nor the e2e tests) sees one', async () => {
    const paths = demoPaths();
    const messages = paths.filter((p) => /\/messages\.html$/.test(p)).sort();
    expect(messages).toEqual(['/ja/messages.html', '/messages.html']);
    // Every other demo page, and paths the e2e tests serve with pk_demo.
    const others = [...paths.filter((p) => !messages.includes(p)), '/', '/ja/', '/spa/settings', '/pricing/plans', '/blog/post', '/shop'];
    expect(others.length).toBeGreaterThan(8);
    for (const campaign of await stored()) {
      for (const rule of campaign.audience?.urls ?? []) expect(rule, campaign.id).toMatchObject({ match: 'starts-with', value: expect.stringMatching(/^(\/ja)?\/messages$/) });
      expect(campaign.audience?.urls?.every((r) => !r.exclude && (r.on ?? 'path') === 'path'), campaign.id).toBe(true);
      const compiled = compileCampaign(campaign);
      for (const path of messages) expect(audienceCheck(compiled, visitorOn(path)), `${campaign.id} on ${path}`).toBeUndefined();
      for (const path of others) expect(audienceCheck(compiled, visitorOn(path)), `${campaign.id} on ${path}`).toBe('audience.url');
    }
  });

  it('delivers them from GET /v1/campaigns with the demo message limits (5 s gap)', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/v1/campaigns?writeKey=pk_demo', headers: { origin: ORIGIN } });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { campaigns: CompiledCampaign[]; limits: { g: number; n: number; q?: number } };
    expect(body.campaigns.map((c) => c.i).sort()).toEqual(DEMO_CAMPAIGNS.map((c) => c.id).sort());
    expect(body.limits).toEqual({ g: 5, n: DEMO_MESSAGE_LIMITS.maxPerSession, q: 1 });
    // The A/B test arrives with its holdout and variants, the survey as an NPS survey.
    const ab = body.campaigns.find((c) => c.x)!;
    expect(ab.x).toMatchObject({ h: 20, v: [['a', 1], ['b', 1, expect.any(Object)]] });
    expect(body.campaigns.map((c) => c.k)).toEqual(expect.arrayContaining(['modal', 'banner-bottom', 'slide-up', 'survey-nps', 'chat-prompt', 'card']));
    expect((await admin('/message-limits')).body).toEqual({ limits: DEMO_MESSAGE_LIMITS, custom: true });
  });

  it('creates them on the first start only: a restart leaves the owner’s changes alone', async () => {
    const patched = await server.app.inject({ method: 'PATCH', url: '/v1/admin/sites/demo/campaigns/demo-banner', headers: bearer, payload: { status: 'paused' } });
    expect(patched.statusCode).toBe(200);
    const again = await testServer(store, { demo: true });
    try {
      expect(again.demoCreated).toBe(false);
      const campaigns = await stored();
      expect(campaigns).toHaveLength(DEMO_CAMPAIGNS.length);
      expect(campaigns.find((c) => c.id === 'demo-banner')?.status).toBe('paused');
    } finally {
      await again.app.close();
    }
  });
});

describe.each(STORE_KINDS)('KIZUNA_DEMO=0 on %s', (kind) => {
  it('creates no demo site and no campaigns', async () => {
    const store = await openTestStore(kind);
    const server = await testServer(store, { demo: loadConfig({ KIZUNA_DEMO: '0' }).server.demo! });
    try {
      expect(server.demoCreated).toBe(false);
      expect(await store.listSites()).toEqual([]);
      expect(await store.campaigns.list('demo')).toEqual([]);
      expect((await store.campaigns.settings('demo')).limits).toBeNull();
      const res = await server.app.inject({ method: 'GET', url: '/v1/campaigns?writeKey=pk_demo', headers: { origin: ORIGIN } });
      expect(res.statusCode).toBe(401);
    } finally {
      await server.app.close();
      await closeTestStore(store);
    }
  });
});
