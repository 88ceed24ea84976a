import { describe, expect, it } from 'vitest';
import { compileCampaign, compileSiteLimits } from '../../src/shared/compile-campaign';
import { DEFAULT_SITE_LIMITS, type Campaign } from '../../src/shared/campaign-schema';
import { exampleCampaign } from './example-campaign';

describe('compileCampaign', () => {
  it('compiles the complete example into the documented compact form', () => {
    expect(compileCampaign(exampleCampaign())).toEqual({
      i: 'spring-upgrade',
      v: 3,
      p: 10,
      k: 'modal',
      l: 'en',
      c: {
        en: {
          t: 'Go further with Pro',
          b: 'Unlimited projects, **priority support** and *early access*.\nSee [the plans](/pricing).',
          m: ['https://cdn.example.com/spring.png', 'A rocket in a spring sky'],
          n: [['See plans', 'url', '/pricing'], ['Ask us', 'chat'], ['Not now', 'dismiss']],
        },
        ja: { t: 'Proでもっと先へ', b: 'プロジェクト無制限、**優先サポート**。\n[プランを見る](/ja/pricing)', n: [['閉じる', 'dismiss']] },
      },
      w: {
        z: 'Asia/Tokyo',
        s: Date.parse('2025-02-28T15:00:00Z'),
        e: Date.parse('2025-05-31T14:59:00Z'),
        // Mon–Fri = bits 1–5; Saturday 22:00–02:00 splits into Saturday (bit 6) to midnight and Sunday (bit 0) from it.
        h: [[0b0111110, 540, 1080], [0b1000000, 1320, 1440], [0b0000001, 0, 120]],
      },
      a: {
        u: [['pre', '/app'], ['has', '/settings/billing', 2]],
        t: [['plan', 'eq', 'free'], ['company.size', 'ge', 5]],
        i: 1,
        d: ['desktop', 'tablet'],
        l: ['en', 'ja'],
        s: [40, 100],
        r: ['engaged', 'champion'],
        p: 50,
      },
      t: {
        c: [['p', [['eq', '/app/projects']]], ['e', 'Project Limit Reached', [['projects', 'ge', 3]]], ['s', 60]],
        d: 2,
        x: ['Checkout Started'],
      },
      f: { l: 3, s: 1, d: 1, c: 86400, x: 3 },
      x: { k: 'spring-upgrade-1', h: 10, v: [['a', 1], ['b', 1, { en: { t: 'Pro is 20 % off this spring', b: 'Until May 31.' } }]] },
      g: { e: 'Plan Upgraded', f: [['plan', 'in', ['pro', 'team']]], w: 604800 },
    });
  });

  it('fills defaults: once per session, stop after dismiss or conversion, a 7-day goal, the campaign id as experiment key', () => {
    const c: Campaign = {
      id: 'min', version: 1, status: 'live', priority: 0, kind: { type: 'banner', position: 'bottom' }, defaultLocale: 'en',
      content: { en: { body: 'Hi' } }, trigger: { match: 'all', exitIntent: true, sessionCount: { min: 2 }, click: { selector: '#buy' }, timeOnPage: { seconds: 5 }, idle: { seconds: 30 } },
      experiment: { holdout: 20, variants: [{ id: 'only', weight: 1 }] }, goal: { event: 'Signed Up' },
    };
    const out = compileCampaign(c);
    expect(out.k).toBe('banner-bottom');
    expect(out.f).toEqual({ s: 1, x: 3 });
    expect(out.t).toEqual({ m: 1, c: [['t', 5], ['x'], ['i', 30], ['n', 2], ['c', '#buy']] });
    expect(out.x).toEqual({ k: 'min', h: 20, v: [['only', 1]] });
    expect(out.g).toEqual({ e: 'Signed Up', w: 604800 });
    expect(out).not.toHaveProperty('a');
    expect(out).not.toHaveProperty('w');
    // A frequency the owner wrote is taken as written: no session default, and stopping can be turned off.
    expect(compileCampaign({ ...c, frequency: { day: 2, stopAfterDismiss: false } }).f).toEqual({ d: 2, x: 2 });
    expect(compileCampaign({ ...c, frequency: { stopAfterDismiss: false, stopAfterConversion: false } }).f).toEqual({});
    expect(compileCampaign({ ...c, kind: { type: 'survey', survey: 'nps' } }).k).toBe('survey-nps');
  });

  it('leaves out a 100 % sample and an empty audience, and keeps "all" only when it means something', () => {
    const c = { ...exampleCampaign(), audience: { sample: 100 }, trigger: { match: 'all' as const, scroll: { percent: 50 } } };
    const out = compileCampaign(c);
    expect(out.a).toBeUndefined();
    expect(out.t).toEqual({ c: [['s', 50]] });
  });
});

describe('compileSiteLimits', () => {
  it('compiles the defaults: 30 s gap, 3 per session, quiet while the chat is open', () => {
    expect(compileSiteLimits(DEFAULT_SITE_LIMITS)).toEqual({ g: 30, n: 3, q: 1 });
    expect(compileSiteLimits({ minGap: 0, maxPerSession: 10, quietWhileChatOpen: false })).toEqual({ g: 0, n: 10 });
  });
});
