import { describe, expect, it, vi } from 'vitest';
import { compileCampaign } from '../../../src/shared/compile-campaign';
import { assignVariant } from '../../../src/shared/rules';
import type { Campaign } from '../../../src/shared/campaign-schema';
import { campaign, delivered } from '../support/campaign-data';
import { startEngine, useEngineRig } from '../support/start-engine';

useEngineRig();

const offer = (over: Partial<Campaign> = {}) =>
  campaign('offer', {
    experiment: {
      key: 'offer-1',
      holdout: 20,
      variants: [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 1, content: { en: { title: 'Pro is 20 % off this spring' } } },
      ],
    },
    goal: { event: 'Plan Upgraded', where: [{ key: 'plan', op: 'in', value: ['pro', 'team'] }], within: 3600 },
    ...over,
  });

/** An anonymousId that the experiment puts in `arm` (found with the same rule the engine uses). */
const visitorIn = (arm: string) => {
  const x = compileCampaign(offer()).x!;
  for (let i = 0; ; i++) if (assignVariant(x, `visitor-${i}`) == arm) return `visitor-${i}`;
};

describe('holdout', () => {
  it('a control visitor records an impression (variantId "control") and sees nothing', () => {
    const e = startEngine(delivered([offer()]), { who: { a: visitorIn('control') } });
    e.page('/');
    expect(e.shown).toEqual([]);
    expect(e.events('Message Shown')).toEqual([{ campaignId: 'offer', variantId: 'control', version: 1 }]);
    expect(e.events('Message Suppressed')).toEqual([]);
  });

  it("the control impression counts against the caps like a real one, and a control visitor's conversion is attributed to control", () => {
    let e = startEngine(delivered([offer()]), { who: { a: visitorIn('control') } });
    e.page('/');
    e = e.reload();
    e.page('/');
    expect(e.events('Message Shown')).toEqual([]);
    expect(e.runtime.why('offer')).toBe('frequency.session');
    e.track('Plan Upgraded', { plan: 'pro' });
    expect(e.events('Message Converted')).toEqual([{ campaignId: 'offer', variantId: 'control' }]);
  });
});

describe('variants', () => {
  it("hands the widget the visitor's variant (its content travels in the campaign), the same on every reload and session", () => {
    for (const arm of ['a', 'b']) {
      let e = startEngine(delivered([offer({ frequency: { session: 1, stopAfterDismiss: false } })]), { who: { a: visitorIn(arm) } });
      for (let session = 0; session < 3; session++) {
        e.page('/');
        expect(e.shown).toEqual([['offer', arm]]);
        e = e.nextSession();
      }
    }
    const b = startEngine(delivered([offer()]), { who: { a: visitorIn('b') } });
    b.page('/');
    const [c] = b.shownCampaigns;
    expect(c!.x!.v.find(([id]) => id == b.shown[0]![1])![2]).toEqual({ en: { t: 'Pro is 20 % off this spring' } });
  });

  it('a variant held back by the site limits is reported with its variant id', () => {
    const e = startEngine(delivered([campaign('first', { priority: 9 }), offer()], { minGap: 30, maxPerSession: 3, quietWhileChatOpen: true }), {
      who: { a: visitorIn('b') },
    });
    e.page('/');
    expect(e.shown).toEqual([['first', undefined]]);
    expect(e.events('Message Suppressed')).toEqual([{ campaignId: 'offer', variantId: 'b', reason: 'site.gap' }]);
  });

  it('the variant follows the anonymousId: signing in does not switch it', () => {
    const a = visitorIn('a');
    let e = startEngine(delivered([offer()]), { who: { a } });
    e.page('/');
    e.identify('user-42', { plan: 'free' });
    e = e.nextSession();
    e.page('/');
    expect(e.shown).toEqual([['offer', 'a']]);
  });

  it('without an experiment, no variant is given', () => {
    const e = startEngine(delivered([campaign('plain', { goal: { event: 'Signed Up' } })]));
    e.page('/');
    e.track('Signed Up');
    expect(e.shown).toEqual([['plain', undefined]]);
    expect(e.events('Message Converted')).toEqual([{ campaignId: 'plain' }]);
  });
});

describe('goal', () => {
  it('the goal event (with its filters) within the window after the impression: one Message Converted with the variant', () => {
    const e = startEngine(delivered([offer()]), { who: { a: visitorIn('b') } });
    e.track('Plan Upgraded', { plan: 'pro' }); // before any impression: not a conversion
    e.page('/');
    vi.advanceTimersByTime(600_000);
    e.track('Plan Upgraded', { plan: 'enterprise' }); // filtered out
    e.track('Plan Viewed', { plan: 'pro' });
    expect(e.events('Message Converted')).toEqual([]);
    e.track('Plan Upgraded', { plan: 'team' });
    e.track('Plan Upgraded', { plan: 'pro' });
    expect(e.events('Message Converted')).toEqual([{ campaignId: 'offer', variantId: 'b' }]);
  });

  it('counts up to the end of the window, not after it', () => {
    for (const [after, converted] of [
      [3600_000, 1],
      [3601_000, 0],
    ] as const) {
      const e = startEngine(delivered([offer()]), { who: { a: visitorIn('a') } });
      e.page('/');
      vi.advanceTimersByTime(after);
      e.track('Plan Upgraded', { plan: 'pro' });
      expect(e.events('Message Converted')).toHaveLength(converted);
      e.unload();
      localStorage.clear();
    }
  });

  it('a conversion on a later visit within the window is attributed (the impression time is stored)', () => {
    let e = startEngine(delivered([campaign('trial', { goal: { event: 'Trial Started' } })]));
    e.page('/');
    e.unload();
    vi.setSystemTime(Date.now() + 3 * 864e5); // within the default 7 days
    e = e.nextSession();
    e.track('Trial Started');
    expect(e.events('Message Converted')).toEqual([{ campaignId: 'trial' }]);
    e = e.nextSession();
    e.track('Trial Started');
    expect(e.events('Message Converted')).toEqual([]);
  });

  it('no impression, no conversion: a message the visitor never saw is not credited', () => {
    const e = startEngine(delivered([campaign('trial', { goal: { event: 'Trial Started' } })]), { widget: 'hidden' });
    e.page('/');
    expect(e.shown).toHaveLength(1);
    e.track('Trial Started');
    expect(e.events('Message Converted')).toEqual([]);
  });
});
