import { describe, expect, it } from 'vitest';
import { compileCampaign, compileSiteLimits } from '../../src/shared/compile-campaign';
import { DEFAULT_SITE_LIMITS, type Campaign } from '../../src/shared/campaign-schema';
import { exampleCampaign } from './example-campaign';

describe('compileCampaign', () => {
  it('compiles the complete example into the documented compact form', () => {
    // Compiled on Thursday 2025-04-03 (Tokyo): the schedule lists its open hours from that UTC day for eight days.
    const now = Date.parse('2025-04-03T12:00:00Z');
    const hm = (day: number, h: number, m = 0) => Date.parse(`2025-04-${String(day).padStart(2, '0')}T00:00:00+09:00`) + (h * 60 + m) * 6e4;
    expect(compileCampaign(exampleCampaign(), now)).toEqual({
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
      // From 2025-04-03 00:00 UTC (09:00 Thursday in Tokyo) to 8 days later: weekdays 09:00–18:00, Saturday 22:00–02:00.
      w: [
        [hm(3, 9), hm(3, 18)],
        [hm(4, 9), hm(4, 18)],
        [hm(5, 22), hm(6, 2)],
        [hm(7, 9), hm(7, 18)],
        [hm(8, 9), hm(8, 18)],
        [hm(9, 9), hm(9, 18)],
        [hm(10, 9), hm(10, 18)],
        [hm(11, 9), hm(11, 9)],
      ].filter(([a, b]) => a! < b!),
      a: [
        ['audience.url', 'path', 'r', '^/app'],
        ['audience.url', 'path', 'n', '/settings/billing'],
        ['audience.identified', 'userId', 'e', true],
        ['audience.device', 'device', 'r', '^(?:desktop|tablet)$'],
        ['audience.language', 'langs', 'r', '^(?:en|ja)(?:-|$)'],
        ['audience.trait.plan', 'traits.plan', 'r', '^(?:free)$'],
        ['audience.trait.company.size', 'traits.company.size', 'G', 5],
        ['audience.score', 'score', 'G', 40],
        ['audience.tier', 'tier', 'r', '^(?:engaged|champion)$'],
      ],
      s: 50,
      t: {
        c: [['p', [['trigger.pageView', 'path', 'r', '^/app/projects$']]], ['e', 'Project Limit Reached', [['trigger.event', 'projects', 'G', 3]]], ['s', 60]],
        d: 2,
        x: ['Checkout Started'],
      },
      f: { l: 3, s: 1, d: 1, c: 86400, x: 3 },
      x: { k: 'spring-upgrade-1', h: 10, v: [['a', 1], ['b', 1, { en: { t: 'Pro is 20 % off this spring', b: 'Until May 31.' } }]] },
      g: { e: 'Plan Upgraded', f: [['goal', 'plan', 'r', '^(?:pro|team)$']], w: 604800 },
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
    expect(out.t).toEqual({ m: 1, c: [['t', 5], ['x'], ['i', 30], ['c', '#buy'], ['a', [['trigger.sessionCount', 'sessions', 'G', 2]]]] });
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
