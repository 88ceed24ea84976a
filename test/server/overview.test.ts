/**
 * The Overview API (GET /v1/admin/sites/:site/overview) on real PGlite and PostgreSQL: every number it returns, from a
 * small hand-made dataset in a UTC+9 site whose answers are worked out by hand (day boundaries at local midnight,
 * duplicates, a session that started the day before the range, rounding of vitals, interpolated chat percentiles, NPS,
 * engagement tiers day by day), then the request's validation.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../server/create-server.js';
import { DEFAULT_SCORE_SETTINGS } from '../../src/shared/engagement-score.js';
import { overviewRange } from '../../server/overview/overview-range.js';
import type { Overview } from '../../server/overview/overview-types.js';
import { readEngagement } from '../../server/overview/read-engagement.js';
import type { Site, Store } from '../../server/store/store.js';
import { storedMessage } from './helpers/messages.js';
import { ADMIN_TOKEN, testServer } from './helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS, uniqueId } from './helpers/test-stores.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ORIGIN = 'https://shop.example';

type Msg = Record<string, unknown>;
const page = (who: string, session: string, at: string, path: string, extra: { referrer?: string; campaign?: Record<string, string>; userId?: string } = {}): Msg => ({
  type: 'page',
  messageId: randomUUID(),
  anonymousId: who,
  timestamp: at,
  properties: { url: ORIGIN + path, path, referrer: extra.referrer ?? '', title: path },
  context: { sessionId: session, page: { url: ORIGIN + path, path, referrer: extra.referrer ?? '' }, ...(extra.campaign ? { campaign: extra.campaign } : {}) },
});
const track = (who: string, session: string, at: string, event: string, properties: Msg, path?: string): Msg => ({
  type: 'track',
  messageId: randomUUID(),
  anonymousId: who,
  timestamp: at,
  event,
  properties,
  context: { sessionId: session, ...(path ? { page: { url: ORIGIN + path, path } } : {}) },
});
const vital = (who: string, session: string, at: string, name: string, value: number, path: string) =>
  track(who, session, at, 'Web Vital', { name, value, rating: 'ignored: the collector rates the value itself' }, path);

describe.each(STORE_KINDS)('overview on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  let overview: Overview;

  const get = (url: string, headers: Record<string, string> = bearer) => server.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store);
    site = await store.createSite({ id: uniqueId('ov'), name: 'Overview', origins: [], timezone: 'Asia/Tokyo', retentionDays: null });

    // A live campaign with events, and a draft without any.
    const campaign = (id: string, status: string) => ({
      id, version: 1, status, priority: 5, name: `Campaign ${id}`, kind: { type: 'modal' }, defaultLocale: 'en',
      content: { en: { title: 'Hello', body: 'Hi' } }, trigger: { pageView: {} },
    });
    for (const [id, status] of [['promo', 'live'], ['later', 'draft']]) {
      const res = await server.app.inject({ method: 'POST', url: `/v1/admin/sites/${site.id}/campaigns`, headers: bearer, payload: campaign(id, status) });
      expect(res.statusCode, res.body).toBe(201);
    }

    // JST = UTC+9. The range is 2024-05-01 … 2024-05-03 JST = 2024-04-30T15:00Z … 2024-05-03T15:00Z.
    const dup = page('vc', 'sc1', '2024-05-03T14:59:59Z', '/pricing', { referrer: 'https://news.ycombinator.com/item?id=1' });
    const batch: Msg[] = [
      // B starts a session a second before the range (April 30 JST) and goes on into May 1.
      page('vb', 'sb1', '2024-04-30T14:59:59Z', '/'),
      page('vb', 'sb1', '2024-04-30T15:00:00Z', '/docs'),
      // A, May 1 JST: from Google with UTM tags, two pages, an outbound click, vitals.
      page('va', 'sa1', '2024-04-30T15:30:00Z', '/', { referrer: 'https://www.google.com/search?q=kizuna', campaign: { name: 'spring', source: 'news', medium: 'email' } }),
      vital('va', 'sa1', '2024-04-30T15:30:01Z', 'LCP', 1200, '/'),
      vital('va', 'sa1', '2024-04-30T15:30:02Z', 'CLS', 0.05, '/'),
      page('va', 'sa1', '2024-04-30T15:35:00Z', '/pricing', { referrer: `${ORIGIN}/` }),
      vital('va', 'sa1', '2024-04-30T15:35:01Z', 'LCP', 2534, '/pricing'),
      track('va', 'sa1', '2024-04-30T15:36:00Z', 'Link Clicked', { href: 'https://github.com/x', text: 'GitHub', outbound: true, download: false }, '/pricing'),
      track('va', 'sa1', '2024-04-30T15:37:00Z', 'Message Shown', { campaignId: 'promo' }, '/pricing'),
      track('va', 'sa1', '2024-04-30T15:37:05Z', 'Message Clicked', { campaignId: 'promo' }, '/pricing'),
      track('vb', 'sb1', '2024-04-30T15:01:00Z', 'Message Shown', { campaignId: 'promo' }, '/docs'),
      track('vb', 'sb1', '2024-04-30T15:01:04Z', 'Message Dismissed', { campaignId: 'promo' }, '/docs'),
      track('vb', 'sb1', '2024-04-30T14:00:00Z', 'Message Shown', { campaignId: 'promo' }, '/'), // April 30: outside
      // A again on May 2 JST (direct), signs in as u1 and downloads a file.
      page('va', 'sa2', '2024-05-02T01:00:00Z', '/'),
      { type: 'identify', messageId: randomUUID(), anonymousId: 'va', userId: 'u1', timestamp: '2024-05-02T01:00:30Z', traits: { plan: 'pro' }, context: { sessionId: 'sa2' } },
      track('va', 'sa2', '2024-05-02T01:01:00Z', 'Link Clicked', { href: `${ORIGIN}/files/a.pdf`, text: 'Whitepaper', outbound: false, download: true }, '/'),
      vital('va', 'sa2', '2024-05-02T01:01:01Z', 'LCP', 4100, '/'),
      vital('va', 'sa2', '2024-05-02T01:01:02Z', 'INP', 180, '/'),
      // D orders on May 2 JST without a page view: a conversion worth 10 + 300 × 0.1 points.
      track('vd', 'sd1', '2024-05-02T03:00:00Z', 'Order Completed', { revenue: 300 }),
      // C, the last second of May 3 JST (from Hacker News), then the first second of May 4 (outside).
      dup,
      vital('vc', 'sc1', '2024-05-03T14:59:59Z', 'LCP', 3000, '/pricing'),
      track('vc', 'sc1', '2024-05-03T14:59:59Z', 'Message Shown', { campaignId: 'promo' }, '/pricing'),
      page('vc', 'sc1', '2024-05-03T15:00:00Z', '/'),
    ];
    const res = await server.app.inject({ method: 'POST', url: '/v1/batch', payload: { writeKey: site.writeKey, batch } });
    expect(res.json()).toMatchObject({ stored: batch.length, duplicates: 0 });
    // The same message again (a retried batch) is stored once and counted once.
    const again = await server.app.inject({ method: 'POST', url: '/v1/batch', payload: { writeKey: site.writeKey, batch: [dup] } });
    expect(again.json()).toMatchObject({ stored: 0, duplicates: 1 });

    // Chat: three conversations in the range (first responses 60, 120, 300 s; two closed after 600 and 1200 s, rated
    // 5 and 3) and one the evening before.
    await store.db.query(`INSERT INTO chat_visitors (id, site_id, kind, key, anonymous_id) VALUES ($1, $2, 'anonymous', 'va', 'va')`, [`cv-${site.id}`, site.id]);
    const conv = async (created: string, response: number | null, closed: number | null, rating: number | null) => {
      const at = (s: number | null) => (s === null ? null : new Date(Date.parse(created) + s * 1000).toISOString());
      await store.db.query(
        `INSERT INTO conversations (id, site_id, visitor_id, status, created_at, closed_at, last_message_at, first_visitor_at, first_response_at, rating)
         VALUES ($1, $2, $3, $4, $5, $6, $5, $5, $7, $8)`,
        [randomUUID(), site.id, `cv-${site.id}`, closed === null ? 'open' : 'closed', created, at(closed), at(response), rating],
      );
    };
    await conv('2024-05-01T00:00:00Z', 60, 600, 5);
    await conv('2024-05-02T00:00:00Z', 120, 1200, 3);
    await conv('2024-05-03T00:00:00Z', 300, null, null);
    await conv('2024-04-30T14:00:00Z', 10, 20, 1);

    // Feedback: NPS 10, 9, 7, 3 and stars 4, 5 in the range; an NPS 0 the day after.
    const fb = async (scale: string, rating: number, created: string, comment: string | null = null) =>
      store.db.query(
        `INSERT INTO feedback (id, site_id, client_id, scale, rating, comment, page, anonymous_id, created_at)
         VALUES ($1, $2, $1, $3, $4, $5, '{"url":"https://shop.example/pricing","title":"Pricing"}', 'va', $6)`,
        [randomUUID(), site.id, scale, rating, comment, created],
      );
    await fb('nps', 10, '2024-05-01T01:00:00Z', 'Love it');
    await fb('nps', 9, '2024-05-01T02:00:00Z');
    await fb('nps', 7, '2024-05-02T01:00:00Z', 'Fine <b>really</b>');
    await fb('nps', 3, '2024-05-03T01:00:00Z');
    await fb('stars', 4, '2024-05-02T02:00:00Z');
    await fb('stars', 5, '2024-05-02T03:00:00Z', '=HYPERLINK("x")');
    await fb('nps', 0, '2024-05-03T15:30:00Z', 'Outside the range');

    const response = await get(`/v1/admin/sites/${site.id}/overview?from=2024-05-01&to=2024-05-03`);
    expect(response.statusCode, response.body).toBe(200);
    overview = response.json();
  });

  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  it('answers for the local days of the site timezone', () => {
    expect(overview.site).toBe(site.id);
    expect(overview.rebuilding).toBeNull();
    expect(overview.range).toEqual({ from: '2024-05-01', to: '2024-05-03', days: 3, timezone: 'Asia/Tokyo' });
    expect(overview.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('counts visitors, new and returning, sessions and page views per local day', () => {
    // B was first seen on April 30 JST, so B is returning on May 1; B's session started then too.
    expect(overview.traffic.daily).toEqual([
      { day: '2024-05-01', visitors: 2, newVisitors: 1, returningVisitors: 1, sessions: 1, pageviews: 3 },
      { day: '2024-05-02', visitors: 2, newVisitors: 1, returningVisitors: 1, sessions: 2, pageviews: 1 },
      { day: '2024-05-03', visitors: 1, newVisitors: 1, returningVisitors: 0, sessions: 1, pageviews: 1 },
    ]);
    // A visitor counts once over the range: A (May 1 and 2), B, C, D.
    expect(overview.traffic.totals).toEqual({ visitors: 4, newVisitors: 3, returningVisitors: 1, sessions: 4, pageviews: 5 });
  });

  it('lists top pages with entries, referrers (www. dropped, own site = direct) and UTM campaigns', () => {
    expect(overview.traffic.pages).toEqual([
      { path: '/', views: 2, entries: 2 },
      { path: '/pricing', views: 2, entries: 1 },
      { path: '/docs', views: 1, entries: 0 },
    ]);
    expect(overview.traffic.referrers).toEqual([
      { source: '', sessions: 2 },
      { source: 'google.com', sessions: 1 },
      { source: 'news.ycombinator.com', sessions: 1 },
    ]);
    expect(overview.traffic.campaigns).toEqual([{ campaign: 'spring', source: 'news', medium: 'email', sessions: 1 }]);
  });

  it('counts link clicks, outbound links and downloads', () => {
    const github = { href: 'https://github.com/x', text: 'GitHub', outbound: true, download: false, clicks: 1 };
    const pdf = { href: `${ORIGIN}/files/a.pdf`, text: 'Whitepaper', outbound: false, download: true, clicks: 1 };
    expect(overview.links).toEqual({ totals: { clicks: 2, outbound: 1, downloads: 1 }, top: [github, pdf], outbound: [github], downloads: [pdf] });
  });

  it('computes p75 (nearest rank, rounded up to two significant digits) and rating shares per metric and per page', () => {
    const byName = Object.fromEntries(overview.vitals.metrics.map((m) => [m.name, m]));
    expect(overview.vitals.metrics.map((m) => m.name)).toEqual(['LCP', 'INP', 'CLS', 'FCP', 'TTFB']);
    // LCP 1200, 2534 → 2600 (rounded up: needs improvement either way), 4100, 3000: the third of four is 3000.
    expect(byName.LCP).toEqual({ name: 'LCP', samples: 4, p75: 3000, good: 0.25, needsImprovement: 0.5, poor: 0.25 });
    expect(byName.INP).toEqual({ name: 'INP', samples: 1, p75: 180, good: 1, needsImprovement: 0, poor: 0 });
    expect(byName.CLS).toEqual({ name: 'CLS', samples: 1, p75: 0.05, good: 1, needsImprovement: 0, poor: 0 });
    expect(byName.FCP).toEqual({ name: 'FCP', samples: 0, p75: null, good: 0, needsImprovement: 0, poor: 0 });
    expect(overview.vitals.pages).toEqual([
      // Per page the buckets are 1, 1.2, 1.5, 1.8, 2, 2.5, 3, 4, 5, 6, 8 × 10ⁿ: 4100 counts as 5000, 2534 as 3000.
      { path: '/', samples: 4, p75: { LCP: 5000, INP: 180, CLS: 0.05, FCP: null, TTFB: null } },
      { path: '/pricing', samples: 2, p75: { LCP: 3000, INP: null, CLS: null, FCP: null, TTFB: null } },
    ]);
  });

  it('counts people per engagement tier at the end of each day, and the score distribution', () => {
    expect(overview.engagement.tiers.map((t) => t.name)).toEqual(['champion', 'engaged', 'casual', 'dormant']);
    // Worked out with the default settings (30-day half-life, 40 points = score 50), signals at the end of their day:
    // May 1: A 6 points (13), B 4·2^(−1/30) + 1 (11) → both dormant; C and D are not known yet.
    // May 2: A 6·f + 5 = 10.86 (21, casual), D 3 + 10 + 300 × 0.1 = 43 (52, engaged), B (11).
    // May 3: A (21), D (51), B (10), C 4 (9).
    expect(overview.engagement.daily).toEqual([
      { day: '2024-05-01', tiers: { champion: 0, engaged: 0, casual: 0, dormant: 2 } },
      { day: '2024-05-02', tiers: { champion: 0, engaged: 1, casual: 1, dormant: 1 } },
      { day: '2024-05-03', tiers: { champion: 0, engaged: 1, casual: 1, dormant: 2 } },
    ]);
    expect(overview.engagement.distribution.map((b) => b.people)).toEqual([1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);
    expect(overview.engagement.distribution[9]).toEqual({ from: 90, to: 100, people: 0 });
    expect(overview.engagement.people).toBe(4);
  });

  it('summarises conversations: count, first response and resolution percentiles, CSAT', () => {
    expect(overview.conversations).toEqual({
      count: 3,
      // percentile_cont over 60, 120, 300: p90 = 120 + 0.8 × 180.
      firstResponse: { count: 3, p50: 120, p90: 264 },
      resolution: { count: 2, p50: 900, p90: 1140 },
      csat: { responses: 2, average: 4, satisfied: 50 },
    });
  });

  it('summarises feedback: NPS, stars and the newest comments', () => {
    expect(overview.feedback.count).toBe(6);
    expect(overview.feedback.nps).toEqual({ score: 25, promoters: 2, passives: 1, detractors: 1, responses: 4 });
    expect(overview.feedback.stars).toEqual({ average: 4.5, responses: 2 });
    expect(overview.feedback.recent.map((f) => [f.scale, f.rating, f.comment, f.page])).toEqual([
      ['stars', 5, '=HYPERLINK("x")', `${ORIGIN}/pricing`],
      ['nps', 7, 'Fine <b>really</b>', `${ORIGIN}/pricing`],
      ['nps', 10, 'Love it', `${ORIGIN}/pricing`],
    ]);
  });

  it('summarises each campaign, live first', () => {
    expect(overview.campaigns).toEqual([
      { id: 'promo', name: 'Campaign promo', status: 'live', kind: 'modal', shown: 3, clicked: 1, dismissed: 1, converted: 0, clickRate: 1 / 3 },
      { id: 'later', name: 'Campaign later', status: 'draft', kind: 'modal', shown: 0, clicked: 0, dismissed: 0, converted: 0, clickRate: null },
    ]);
  });

  it('answers the same after a restart of the snapshots, and for ?days ranges ending today', async () => {
    // Engagement snapshots of past days are kept; a second request reads them and gives the same answer.
    const second = (await get(`/v1/admin/sites/${site.id}/overview?from=2024-05-01&to=2024-05-03`)).json();
    expect({ ...second, tookMs: 0 }).toEqual({ ...overview, tookMs: 0 });
    const week = (await get(`/v1/admin/sites/${site.id}/overview?days=7`)).json() as Overview;
    expect(week.range.days).toBe(7);
    expect(week.traffic.daily).toHaveLength(7);
    expect(week.traffic.totals.pageviews).toBe(0);
  });

  it('recomputes the kept engagement snapshots from the day of an event that arrives late', async () => {
    // E orders on May 2 JST (43 points: engaged) — stored now, after the snapshots of May 1–3 were kept.
    const late = track('ve', 'se1', '2024-05-02T05:00:00Z', 'Order Completed', { revenue: 300 });
    expect((await server.app.inject({ method: 'POST', url: '/v1/batch', payload: { writeKey: site.writeKey, batch: [late] } })).json()).toMatchObject({ stored: 1 });
    const after = (await get(`/v1/admin/sites/${site.id}/overview?from=2024-05-01&to=2024-05-03`)).json() as Overview;
    expect(after.engagement.daily.map((d) => d.tiers.engaged)).toEqual([0, 2, 2]);
    expect(after.engagement.people).toBe(5);
    // Undo, so the other tests see the hand-made dataset.
    await store.deletePerson(site.id, 've');
  });

  it("serves today's engagement snapshot once more after five minutes while it is recomputed", async () => {
    const range = overviewRange({ days: '2' }, 'Asia/Tokyo');
    const t0 = new Date();
    const first = await readEngagement(store.db, site.id, range, DEFAULT_SCORE_SETTINGS, t0);
    const computedAt = async () =>
      String((await store.db.query<{ at: unknown }>('SELECT computed_at::text AS at FROM overview_engagement WHERE site_id = $1 AND day = $2::date', [site.id, range.to])).rows[0]?.at);
    const before = await computedAt();
    await store.ingest(site.id, [storedMessage({ type: 'page', anonymousId: 'v-today', context: { sessionId: 'today-1' } })]);
    const later = new Date(t0.getTime() + 6 * 60_000);
    expect((await readEngagement(store.db, site.id, range, DEFAULT_SCORE_SETTINGS, later)).people).toBe(first.people);
    await expect.poll(computedAt, { timeout: 10_000 }).not.toBe(before);
    expect((await readEngagement(store.db, site.id, range, DEFAULT_SCORE_SETTINGS, later)).people).toBe(first.people + 1);
    await store.deletePerson(site.id, 'v-today');
  });

  it('refuses bad ranges, unknown sites and requests without the operator', async () => {
    const bad = async (query: string, message: RegExp) => {
      const res = await get(`/v1/admin/sites/${site.id}/overview?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(message) });
    };
    await bad('from=2024-05-03&to=2024-05-01', /after/);
    await bad('from=2024-02-30&to=2024-03-01', /YYYY-MM-DD/);
    await bad('from=2024-05-01', /YYYY-MM-DD/);
    await bad('from=2020-01-01&to=2024-01-01', /at most 400 days/);
    await bad('days=0', /1 to 400/);
    await bad('days=abc', /1 to 400/);
    await bad('days=7&from=2024-05-01&to=2024-05-02', /either/);
    await bad('limit=-1', /positive/);
    expect((await get('/v1/admin/sites/nope/overview')).statusCode).toBe(404);
    expect((await get(`/v1/admin/sites/${site.id}/overview`, {})).statusCode).toBe(401);
  });
});
