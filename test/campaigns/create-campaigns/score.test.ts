import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCORE_SETTINGS } from '../../../src/shared/engagement-score';
import type { Campaign } from '../../../src/shared/campaign-schema';
import { campaign, delivered, NO_LIMITS } from '../support/campaign-data';
import { startEngine, useEngineRig, type Engine } from '../support/start-engine';

useEngineRig();

// The default settings: session 3 points, page view 1, conversion 10 plus 0.1 per unit of revenue (at most 500);
// score = round(100 × points / (points + 40)); tiers champion ≥ 80, engaged ≥ 50, casual ≥ 20, dormant ≥ 0.
const scored = (...campaigns: Campaign[]) => delivered(campaigns, NO_LIMITS, DEFAULT_SCORE_SETTINGS);
const ids = (e: Engine) => e.shown.map(([id]) => id);
const ORDER = { revenue: 500 }; // 10 + 50 points

describe('engagement score targeting', () => {
  it('page views raise the local score until a score-targeted campaign becomes eligible (score ≥ 50 at 40 points)', () => {
    const e = startEngine(scored(campaign('regulars', { audience: { score: { min: 50 } }, frequency: { session: 99 } })));
    // Session 3 points + 36 page views = 39 points: 49.
    for (let i = 1; i <= 36; i++) {
      e.page(`/p/${i}`);
      vi.advanceTimersByTime(1_000);
    }
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('regulars')).toBe('audience.score');
    e.page('/p/37'); // 40 points: 50
    expect(ids(e)).toEqual(['regulars']);
  });

  it('a conversion with a value counts at once: a campaign for big spenders shows on the purchase; one for newcomers no longer does', () => {
    const e = startEngine(
      scored(
        campaign('big-spenders', { audience: { score: { min: 60 } }, trigger: { events: [{ name: 'Order Completed' }] } }),
        campaign('newcomers', { audience: { score: { max: 20 } }, trigger: { events: [{ name: 'Help Opened' }] }, frequency: { session: 9 } }),
      ),
    );
    e.page('/shop'); // 4 points: 9
    e.track('Help Opened');
    expect(ids(e)).toEqual(['newcomers']);
    e.track('Order Completed', ORDER); // 64 points: 62
    e.page('/thanks');
    e.track('Help Opened');
    expect(ids(e)).toEqual(['newcomers', 'big-spenders']);
    expect(e.runtime.why('newcomers')).toBe('audience.score');
  });

  it('tiers: a champions-only campaign shows once the visitor reaches that tier', () => {
    const e = startEngine(
      scored(
        campaign('champions', { audience: { tiers: ['champion'] }, trigger: { events: [{ name: 'Order Completed' }] }, frequency: { session: 9 } }),
        campaign('casual-or-less', { audience: { tiers: ['casual', 'dormant'] } }),
      ),
    );
    e.page('/'); // 4 points: 9, dormant
    expect(ids(e)).toEqual(['casual-or-less']);
    e.track('Order Completed', ORDER); // 64: 62, engaged
    e.page('/');
    e.track('Order Completed', ORDER); // 125: 76, engaged
    expect(ids(e)).toEqual(['casual-or-less']);
    expect(e.runtime.why('champions')).toBe('audience.tier');
    e.page('/');
    e.track('Order Completed', ORDER); // 186: 82, champion
    expect(ids(e)).toEqual(['casual-or-less', 'champions']);
  });

  it('the score is kept across reloads and decays with time away', () => {
    const data = scored(campaign('loyal', { audience: { score: { min: 60 } }, frequency: { session: 9 } }));
    let e = startEngine(data);
    e.page('/');
    e.track('Order Completed', ORDER);
    expect(e.shown).toEqual([]);
    e = e.reload();
    e.page('/'); // 65 points: 62
    expect(ids(e)).toEqual(['loyal']);
    e.unload();
    vi.setSystemTime(Date.now() + 90 * 864e5); // three half-lives: 65 / 8 ≈ 8 points, then a session and a page: 12
    e = e.nextSession();
    e.page('/');
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('loyal')).toBe('audience.score');
  });

  it('without the engagement settings delivered (the collector sends them when a campaign targets the score), the score is 0 and there is no tier', () => {
    const e = startEngine(delivered([campaign('scored', { audience: { score: { min: 10 } } }), campaign('tiered', { audience: { tiers: ['dormant'] } })]));
    e.page('/');
    e.track('Order Completed', ORDER);
    e.page('/');
    expect(e.shown).toEqual([]);
    expect([e.runtime.why('scored'), e.runtime.why('tiered')]).toEqual(['audience.score', 'audience.tier']);
  });
});

describe('the score seed from the collector (GET /v1/score)', () => {
  it("starts once a session from the person's stored state, adds this page's newer signals again, and targets by it", async () => {
    // The collector knows 60 decayed points from the visitor's other devices: a session (3), a page (1) and a big order (60) ago.
    const seedAt = Date.now() - 60_000;
    const fetch = vi.fn(async (_url: string) => ({ json: async () => ({ state: { t: seedAt, n: [1, 1, 0, 0, 1, 500] } }) }));
    vi.stubGlobal('fetch', fetch);
    {
      const e = startEngine(scored(campaign('vip', { audience: { score: { min: 60 } }, trigger: { events: [{ name: 'Help Opened' }] } })));
      e.page('/'); // locally: session 3 + page 1 = 4 points (score 9) until the seed arrives
      e.track('Help Opened');
      expect(e.shown).toEqual([]);
      expect(fetch).toHaveBeenCalledTimes(1);
      expect(fetch.mock.calls[0]![0]).toBe('http://collector.test/v1/score?writeKey=pk_test&anonymousId=anon-1');
      for (let i = 0; i < 10; i++) await Promise.resolve();
      // 64 seeded points (about 64 after a minute) + this page's session and page view (4) = 68, + the next page = 69: score 63.
      // (A trigger fires once per page view: the next page's event.)
      e.page('/next');
      e.track('Help Opened');
      expect(ids(e)).toEqual(['vip']);
      // Not again in the same session.
      e.reload();
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });
});
