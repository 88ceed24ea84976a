import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_SETTINGS, foldSignal, scoreOf, type ScoreState } from '../../src/shared/engagement-score.js';

/** The seed test's signals folded by hand, in time order: what the collector must give. */
const foldPeopleByHand = (now: number, day: number): number[] => {
  let s: ScoreState | undefined;
  for (const [type, at, value] of [
    ['session', now - 20 * day], ['page', now - 20 * day], ['page', now - 20 * day + 60e3],
    ['session', now - 3 * day], ['page', now - 3 * day], ['conversion', now - 3 * day + 1, 80],
  ] as const)
    s = foldSignal(s, { type, at, ...(value ? { value } : {}) }, DEFAULT_SCORE_SETTINGS);
  return s!.n;
};
import type { KizunaServer } from '../../server/create-server.js';
import type { Site, Store } from '../../server/store/store.js';
import { adminInject, ADMIN_TOKEN, testServer, testSite } from './helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS } from './helpers/test-stores.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A small valid campaign; `overrides` replace top-level fields. */
const campaign = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `c-${randomUUID().slice(0, 8)}`,
  version: 1,
  status: 'draft',
  priority: 5,
  kind: { type: 'modal' },
  defaultLocale: 'en',
  content: { en: { title: 'Hello', body: 'Read **this**.' } },
  trigger: { pageView: {} },
  ...overrides,
});

describe.each(STORE_KINDS)('campaigns on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;
  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store);
    site = await testSite(store, ['https://shop.example']);
  });
  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  const admin = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) => adminInject(server, method, `/v1/admin/sites/${site.id}${url}`, payload);
  const deliver = (headers: Record<string, string> = {}, key = site.writeKey) =>
    server.app.inject({ method: 'GET', url: `/v1/campaigns?writeKey=${encodeURIComponent(key)}`, headers });
  const ingest = async (batch: unknown[]) => {
    const res = await server.app.inject({ method: 'POST', url: '/v1/batch', payload: { writeKey: site.writeKey, batch } });
    expect(res.json()).toMatchObject({ ok: true, rejected: [] });
  };
  const track = (anonymousId: string, event: string, at: number, properties: Record<string, unknown> = {}) => ({
    type: 'track',
    messageId: randomUUID(),
    anonymousId,
    event,
    properties,
    timestamp: new Date(at).toISOString(),
  });

  describe('create and validate', () => {
    it('stores a valid campaign as version 1 and reads it back', async () => {
      const body = campaign({ status: undefined, version: undefined });
      const created = await admin('POST', '/campaigns', body);
      expect(created.status).toBe(201);
      expect(created.body.campaign).toMatchObject({ id: body.id, version: 1, status: 'draft', content: { en: { title: 'Hello' } } });
      const fetched = await admin('GET', `/campaigns/${body.id}`);
      expect(fetched.status).toBe(200);
      expect(fetched.body.campaign).toEqual(created.body.campaign);
      expect(fetched.body.versions).toEqual([{ version: 1, createdAt: expect.any(String) }]);
      expect((await admin('GET', '/campaigns')).body.campaigns.map((r: { campaign: { id: string } }) => r.campaign.id)).toContain(body.id);
      expect((await admin('POST', '/campaigns', body)).status).toBe(409);
    });

    it('refuses an invalid campaign with 400 naming every problem, and stores nothing', async () => {
      const bad = campaign({
        content: { en: { title: '<b>Hi</b>', body: 'Click <script>alert(1)</script>' } },
        trigger: { scroll: { percent: 150 } },
        devics: ['mobile'],
      });
      const res = await admin('POST', '/campaigns', bad);
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_campaign');
      const paths = res.body.errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['content.en.title', 'content.en.body', 'trigger.scroll.percent', 'devics']));
      expect(res.body.errors.find((e: { path: string }) => e.path === 'content.en.body').message).toMatch(/contains HTML \(<script>\)/);
      expect(res.body.message).toMatch(/^The campaign was not saved: /);
      expect((await admin('GET', `/campaigns/${bad.id}`)).status).toBe(404);

      // Not JSON objects, and text PostgreSQL cannot store, are 400 too (never a 500).
      expect((await admin('POST', '/campaigns', [1, 2])).status).toBe(400);
      const nul = await admin('POST', '/campaigns', campaign({ name: 'a\u0000b' }));
      expect(nul).toMatchObject({ status: 400, body: { error: 'invalid_text' } });
      expect((await server.app.inject({ method: 'POST', url: '/v1/admin/sites/nope/campaigns', headers: bearer, payload: campaign() })).statusCode).toBe(404);
      expect((await server.app.inject({ method: 'GET', url: `/v1/admin/sites/${site.id}/campaigns` })).statusCode).toBe(401);
    });
  });

  describe('versions and status', () => {
    it('saves each edit as a new version, refuses a stale one, and keeps the history', async () => {
      const body = campaign();
      await admin('POST', '/campaigns', body);
      const v2 = await admin('PUT', `/campaigns/${body.id}`, { ...body, version: 2, content: { en: { title: 'Second' } } });
      expect(v2.status).toBe(200);
      expect(v2.body.campaign).toMatchObject({ version: 2, content: { en: { title: 'Second' } } });
      // Left out, the version is the next one.
      const v3 = await admin('PUT', `/campaigns/${body.id}`, { ...body, version: undefined, content: { en: { title: 'Third' } } });
      expect(v3.body.campaign.version).toBe(3);
      // Someone who loaded version 2 and saves it as 3 would overwrite the other edit: refused.
      const stale = await admin('PUT', `/campaigns/${body.id}`, { ...body, version: 3, content: { en: { title: 'Stale' } } });
      expect(stale).toMatchObject({ status: 409, body: { error: 'version_conflict' } });
      expect(stale.body.message).toMatch(/stored version 3.*version 4/);
      // An invalid edit changes nothing.
      const bad = await admin('PUT', `/campaigns/${body.id}`, { ...body, version: 4, priority: -1 });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].path).toBe('priority');
      expect((await admin('PUT', `/campaigns/${body.id}`, { ...body, id: 'other', version: 4 })).status).toBe(400);
      expect((await admin('PUT', '/campaigns/missing', { ...body, id: 'missing' })).status).toBe(404);

      const current = await admin('GET', `/campaigns/${body.id}`);
      expect(current.body.campaign).toMatchObject({ version: 3, content: { en: { title: 'Third' } } });
      expect(current.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
      const history = await admin('GET', `/campaigns/${body.id}/versions`);
      expect(history.body.versions.map((v: { campaign: { content: { en: { title: string } } } }) => v.campaign.content.en.title)).toEqual(['Third', 'Second', 'Hello']);
    });

    it('changes the status without a new version, and refuses anything but a status', async () => {
      const body = campaign();
      await admin('POST', '/campaigns', body);
      const live = await admin('PATCH', `/campaigns/${body.id}`, { status: 'live' });
      expect(live.status).toBe(200);
      expect(live.body.campaign).toMatchObject({ status: 'live', version: 1 });
      expect((await admin('GET', `/campaigns/${body.id}`)).body.campaign.status).toBe('live');
      expect((await admin('PATCH', `/campaigns/${body.id}`, { status: 'gone' })).status).toBe(400);
      expect((await admin('PATCH', `/campaigns/${body.id}`, { status: 'paused', priority: 3 })).status).toBe(400);
      expect((await admin('PATCH', '/campaigns/missing', { status: 'paused' })).status).toBe(404);
      expect((await admin('PATCH', `/campaigns/${body.id}`, { status: 'archived' })).body.campaign.status).toBe('archived');
    });
  });

  describe('delivery: GET /v1/campaigns', () => {
    it('serves only live, valid campaigns compiled, highest priority first, with the site limits', async () => {
      const own = await testSite(store, ['https://shop.example']);
      const post = (body: Record<string, unknown>) =>
        server.app.inject({ method: 'POST', url: `/v1/admin/sites/${own.id}/campaigns`, headers: bearer, payload: body });
      await post(campaign({ id: 'low', status: 'live', priority: 1 }));
      await post(campaign({ id: 'high', status: 'live', priority: 9, name: 'Internal name' }));
      await post(campaign({ id: 'draft', status: 'draft' }));
      await post(campaign({ id: 'paused', status: 'paused' }));
      // A row no validator would accept (written around the API) is never served.
      await post(campaign({ id: 'broken', status: 'live' }));
      await store.campaigns.setStatus(own.id, 'broken', 'live');
      const broken = (await store.campaigns.get(own.id, 'broken'))!.campaign;
      await store.campaigns.update(own.id, { ...broken, version: 2, content: { en: { title: '<img src=x onerror=alert(1)>' } } });

      const res = await deliver({ origin: 'https://shop.example' }, own.writeKey);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.campaigns.map((c: { i: string }) => c.i)).toEqual(['high', 'low']);
      expect(body.campaigns[0]).toEqual({ i: 'high', v: 1, p: 9, k: 'modal', l: 'en', c: { en: { t: 'Hello', b: 'Read **this**.' } }, t: { c: [['p']] }, f: { s: 1, x: 3 } });
      expect(body.limits).toEqual({ g: 30, n: 3, q: 1 });
      expect(res.headers['cache-control']).toBe('max-age=60');
      expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
      expect(res.headers['access-control-expose-headers']).toBe('ETag');

      expect(body).not.toHaveProperty('score');

      // A campaign that targets the engagement score brings the site's settings, so the SDK can score live.
      await post(campaign({ id: 'fans', status: 'live', audience: { tiers: ['champion'] } }));
      await server.app.inject({ method: 'PUT', url: `/v1/admin/sites/${own.id}/engagement`, headers: bearer, payload: { ...DEFAULT_SCORE_SETTINGS, halfLifeDays: 14 } });
      const scored = (await deliver({}, own.writeKey)).json();
      expect(scored.campaigns.find((c: { i: string }) => c.i == 'fans').a).toEqual([['audience.tier', 'tier', 'r', '^(?:champion)$']]);
      expect(scored.score).toEqual({ ...DEFAULT_SCORE_SETTINGS, halfLifeDays: 14 });
      await server.app.inject({ method: 'PATCH', url: `/v1/admin/sites/${own.id}/campaigns/fans`, headers: bearer, payload: { status: 'paused' } });

      // Pausing removes it at once.
      await server.app.inject({ method: 'PATCH', url: `/v1/admin/sites/${own.id}/campaigns/high`, headers: bearer, payload: { status: 'paused' } });
      expect((await deliver({}, own.writeKey)).json().campaigns.map((c: { i: string }) => c.i)).toEqual(['low']);
    });

    it('answers 304 to If-None-Match with the current ETag, and a new ETag after a change', async () => {
      const own = await testSite(store);
      const first = await deliver({}, own.writeKey);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      const again = await deliver({ 'if-none-match': etag }, own.writeKey);
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await deliver({ 'if-none-match': `"other", W/${etag}` }, own.writeKey)).statusCode).toBe(304);
      expect((await deliver({ 'if-none-match': '"other"' }, own.writeKey)).statusCode).toBe(200);

      await server.app.inject({ method: 'PUT', url: `/v1/admin/sites/${own.id}/message-limits`, headers: bearer, payload: { minGap: 10, maxPerSession: 2, quietWhileChatOpen: false } });
      const changed = await deliver({ 'if-none-match': etag }, own.writeKey);
      expect(changed.statusCode).toBe(200);
      expect(changed.json().limits).toEqual({ g: 10, n: 2 });
      expect(changed.headers.etag).not.toBe(etag);
    });

    it('refuses unknown keys and origins the site does not allow', async () => {
      expect((await server.app.inject({ method: 'GET', url: '/v1/campaigns' })).json().error).toBe('missing_write_key');
      expect((await deliver({}, 'pk_nope')).json().error).toBe('unknown_write_key');
      const foreign = await deliver({ origin: 'https://evil.example' });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().error).toBe('origin_not_allowed');
      const preflight = await server.app.inject({ method: 'OPTIONS', url: '/v1/campaigns', headers: { origin: 'https://shop.example', 'access-control-request-headers': 'if-none-match' } });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/If-None-Match/);
    });
  });

  describe('live score seed: GET /v1/score', () => {
    it("gives a visitor's score state from every id of the person, the same score the people list shows", async () => {
      const now = Date.now();
      const day = 864e5;
      const page = (anonymousId: string, at: number, sessionId: string) => ({
        type: 'page', messageId: randomUUID(), anonymousId, properties: { path: '/' }, timestamp: new Date(at).toISOString(), context: { sessionId },
      });
      // Two devices of one user, linked by identify, over a few weeks.
      await ingest([
        page('seed-phone', now - 20 * day, 's1'), page('seed-phone', now - 20 * day + 60e3, 's1'),
        page('seed-laptop', now - 3 * day, 's2'),
        { ...track('seed-laptop', 'Order Completed', now - 3 * day + 1, { revenue: 80 }), context: { sessionId: 's2' } },
        { type: 'identify', messageId: randomUUID(), anonymousId: 'seed-phone', userId: 'seed-user', traits: {}, timestamp: new Date(now - 19 * day).toISOString() },
        { type: 'identify', messageId: randomUUID(), anonymousId: 'seed-laptop', userId: 'seed-user', traits: {}, timestamp: new Date(now - 3 * day).toISOString() },
      ]);
      const seed = await server.app.inject({ method: 'GET', url: `/v1/score?writeKey=${site.writeKey}&anonymousId=seed-phone`, headers: { origin: 'https://shop.example' } });
      expect(seed.statusCode).toBe(200);
      expect(seed.headers['cache-control']).toBe('private, no-store');
      expect(seed.headers['access-control-allow-origin']).toBe('https://shop.example');
      const { state } = seed.json() as { state: ScoreState };
      // Both sessions, three page views, one conversion with its value: from both devices.
      expect(state.n.map((x) => Math.round(x * 1000) / 1000)).toEqual(
        foldPeopleByHand(now, day).map((x) => Math.round(x * 1000) / 1000),
      );
      const listed = (await admin('GET', '/people?sort=score&limit=1000')).body as { people: { userId: string | null; score: number }[] };
      const person = listed.people.find((p) => p.userId === 'seed-user')!;
      expect(scoreOf(state, Date.now(), DEFAULT_SCORE_SETTINGS)).toBe(person.score);
      expect(person.score).toBeGreaterThan(0);

      const unknown = await server.app.inject({ method: 'GET', url: `/v1/score?writeKey=${site.writeKey}&anonymousId=nobody` });
      expect(unknown.json()).toEqual({ state: null });
      // A userId is not an anonymousId: nothing is given away for it.
      expect((await server.app.inject({ method: 'GET', url: `/v1/score?writeKey=${site.writeKey}&anonymousId=seed-user` })).json()).toEqual({ state: null });
      expect((await server.app.inject({ method: 'GET', url: `/v1/score?writeKey=${site.writeKey}` })).statusCode).toBe(400);
      expect((await server.app.inject({ method: 'GET', url: `/v1/score?writeKey=${site.writeKey}&anonymousId=seed-phone`, headers: { origin: 'https://evil.example' } })).statusCode).toBe(403);
    });
  });

  describe('results', () => {
    it('counts impressions, clicks, dismissals and conversions inside the goal window only, with significance against the control', async () => {
      const body = campaign({
        status: 'live',
        experiment: { holdout: 50, variants: [{ id: 'a', weight: 1 }] },
        goal: { event: 'Plan Upgraded', where: [{ key: 'plan', op: 'eq', value: 'pro' }], within: 3600 },
      });
      await admin('POST', '/campaigns', body);
      const t0 = Date.now() - 2 * 86_400_000;
      const shown = (who: string, variant: string) => track(who, 'Message Shown', t0, { campaignId: body.id, variantId: variant });
      const goal = (who: string, afterSeconds: number, plan = 'pro') => track(who, 'Plan Upgraded', t0 + afterSeconds * 1000, { plan });
      const batch: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        batch.push(shown(`ctl-${body.id}-${i}`, 'control'), shown(`var-${body.id}-${i}`, 'a'));
      }
      // A second impression of one visitor is one more impression but the same visitor.
      batch.push(track(`var-${body.id}-0`, 'Message Shown', t0 + 1000, { campaignId: body.id, variantId: 'a' }));
      for (let i = 0; i < 10; i++) batch.push(goal(`ctl-${body.id}-${i}`, 600)); // control: 10 convert in the window
      for (let i = 10; i < 15; i++) batch.push(goal(`ctl-${body.id}-${i}`, 7200)); // after the window: not counted
      for (let i = 15; i < 18; i++) batch.push(goal(`ctl-${body.id}-${i}`, -60)); // before the impression: not counted
      for (let i = 18; i < 20; i++) batch.push(goal(`ctl-${body.id}-${i}`, 60, 'free')); // filtered out by the goal's where
      for (let i = 0; i < 30; i++) batch.push(goal(`var-${body.id}-${i}`, 1800)); // variant: 30 convert
      batch.push(goal(`var-${body.id}-0`, 1900)); // converting twice is one conversion
      for (let i = 30; i < 40; i++) batch.push(goal(`var-${body.id}-${i}`, 3601));
      for (let i = 0; i < 7; i++) batch.push(track(`var-${body.id}-${i}`, 'Message Clicked', t0 + 5000, { campaignId: body.id, variantId: 'a' }));
      for (let i = 50; i < 54; i++) batch.push(track(`var-${body.id}-${i}`, 'Message Dismissed', t0 + 5000, { campaignId: body.id, variantId: 'a', reason: 'close' }));
      batch.push(track('someone-else', 'Message Shown', t0, { campaignId: 'another', variantId: 'a' }));
      await ingest(batch);

      const res = await admin('GET', `/campaigns/${body.id}/results`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ campaignId: body.id, version: 1, control: 'control', goal: { event: 'Plan Upgraded', within: 3600 } });
      const [control, a] = res.body.arms;
      expect(control).toMatchObject({ variant: 'control', impressions: 100, visitors: 100, conversions: 10, conversionRate: 0.1, verdict: 'control', pValue: null });
      expect(a).toMatchObject({ variant: 'a', impressions: 101, visitors: 100, clicks: 7, dismissals: 4, conversions: 30, conversionRate: 0.3, significant: true, verdict: 'significant' });
      expect(a.uplift).toBeCloseTo(2, 10);
      // 10/100 against 30/100: chi-square 12.5 on one degree of freedom, p = 0.000407 (R: prop.test(c(10, 30), c(100, 100), correct = FALSE)).
      expect(a.pValue).toBeCloseTo(0.000407, 6);
    });

    it('says "not enough data yet" below the minimum sample', async () => {
      const body = campaign({ status: 'live', experiment: { holdout: 0, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }] }, goal: { event: 'Signed Up' } });
      await admin('POST', '/campaigns', body);
      const t0 = Date.now() - 3_600_000;
      const batch: unknown[] = [];
      for (let i = 0; i < 20; i++) {
        batch.push(track(`a-${body.id}-${i}`, 'Message Shown', t0, { campaignId: body.id, variantId: 'a' }));
        batch.push(track(`b-${body.id}-${i}`, 'Message Shown', t0, { campaignId: body.id, variantId: 'b' }));
        if (i < 10) batch.push(track(`b-${body.id}-${i}`, 'Signed Up', t0 + 60_000));
      }
      await ingest(batch);
      const res = await admin('GET', `/campaigns/${body.id}/results`);
      expect(res.body.control).toBe('a');
      expect(res.body.goal).toEqual({ event: 'Signed Up', within: 7 * 86400 });
      expect(res.body.arms[1]).toMatchObject({ variant: 'b', visitors: 20, conversions: 10, conversionRate: 0.5, pValue: null, significant: null, verdict: 'not enough data yet' });
      expect(res.body.arms[1].uplift).toBeNull(); // the control converts nobody
      expect((await admin('GET', '/campaigns/missing/results')).status).toBe(404);
    });

    it('reports NPS and the answer distribution of a survey (each visitor’s latest answer)', async () => {
      const body = campaign({ status: 'live', kind: { type: 'survey', survey: 'nps' }, content: { en: { title: 'How likely…?', scale: { low: 'Not likely', high: 'Very likely' } } } });
      await admin('POST', '/campaigns', body);
      const t0 = Date.now() - 3_600_000;
      const answer = (who: string, value: unknown, after = 0) => track(`${who}-${body.id}`, 'Survey Answered', t0 + after, { campaignId: body.id, answer: value });
      // Promoters p1, p2, p3 (p3 first said 3, then 10); passive q1; detractors d1, d2; an invalid answer is left out.
      await ingest([answer('p1', 10), answer('p2', 9), answer('p3', 3), answer('p3', 10, 1000), answer('q1', 7), answer('d1', 0), answer('d2', 6), answer('x', 11)]);
      const res = await admin('GET', `/campaigns/${body.id}/results`);
      expect(res.body.survey.survey).toBe('nps');
      expect(res.body.survey.nps).toEqual({ score: 17, promoters: 3, passives: 1, detractors: 2, responses: 6 });
      const dist = Object.fromEntries(res.body.survey.distribution.map((d: { answer: string; count: number }) => [d.answer, d.count]));
      expect(dist).toEqual({ 0: 1, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 0, 9: 1, 10: 2 });
      expect(res.body.arms[0]).toMatchObject({ variant: '', conversions: null, verdict: 'no goal' });
    });

    it('counts single-choice answers by index under the default locale’s wording', async () => {
      const body = campaign({
        status: 'live',
        kind: { type: 'survey', survey: 'single-choice' },
        content: { en: { title: 'Where did you hear of us?', choices: ['Search', 'A friend', 'Other'] }, ja: { title: 'どこで？', choices: ['検索', '友人', 'その他'] } },
      });
      await admin('POST', '/campaigns', body);
      const t0 = Date.now() - 60_000;
      await ingest([0, 1, 1, 2, 1].map((i, n) => track(`v${n}-${body.id}`, 'Survey Answered', t0, { campaignId: body.id, answer: i })));
      const res = await admin('GET', `/campaigns/${body.id}/results`);
      expect(res.body.survey.responses).toBe(5);
      expect(res.body.survey.distribution).toEqual([
        { answer: 'Search', count: 1, share: 0.2 },
        { answer: 'A friend', count: 3, share: 0.6 },
        { answer: 'Other', count: 1, share: 0.2 },
      ]);
    });
  });
});
