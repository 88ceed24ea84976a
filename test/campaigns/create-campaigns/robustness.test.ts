import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CampaignData } from '../../../src/campaigns/create-campaigns';
import type { CompiledCampaign } from '../../../src/shared/compiled-campaign';
import { compileCampaign } from '../../../src/shared/compile-campaign';
import { campaign, delivered, NO_LIMITS } from '../support/campaign-data';
import { startEngine, useEngineRig, type Engine } from '../support/start-engine';

useEngineRig();
afterEach(() => {
  document.body.innerHTML = '';
});

const ids = (e: Engine) => e.shown.map(([id]) => id).sort();
/** Delivered data with hand-made (malformed) compiled campaigns next to well-formed ones. */
const mixed = (...campaigns: unknown[]): CampaignData => ({ ...delivered([]), campaigns: campaigns as CompiledCampaign[] });
const good = (id: string, trigger = {}) => compileCampaign(campaign(id, trigger));

describe('a malformed campaign is skipped without harm; the others still work', () => {
  it('an invalid regular expression in a trigger URL rule, an audience rule or a click selector', () => {
    document.body.innerHTML = '<button class="buy">Buy</button>';
    const e = startEngine(
      mixed(
        compileCampaign(campaign('bad-url', { trigger: { pageView: { urls: [{ match: 'regex', value: '(' }] } } })),
        compileCampaign(campaign('bad-audience', { audience: { urls: [{ match: 'regex', value: '[' }] } })),
        compileCampaign(campaign('bad-selector', { trigger: { click: { selector: '<<<' } } })),
        good('page'),
        good('click', { trigger: { click: { selector: '.buy' } } }),
      ),
    );
    expect(() => e.page('/')).not.toThrow();
    expect(() => document.querySelector<HTMLElement>('.buy')!.click()).not.toThrow();
    expect(ids(e)).toEqual(['click', 'page']);
    expect(e.logged.length).toBeGreaterThan(0);
  });

  it('an invalid audience rule on a delayed campaign: the delay ends quietly', () => {
    const e = startEngine(
      mixed(compileCampaign(campaign('bad', { audience: { urls: [{ match: 'regex', value: '(' }] }, trigger: { pageView: {}, delay: 2 } })), good('fine', { trigger: { pageView: {}, delay: 2 } })),
    );
    e.page('/');
    expect(() => vi.advanceTimersByTime(2_000)).not.toThrow();
    expect(ids(e)).toEqual(['fine']);
    expect(() => e.runtime.why('bad')).not.toThrow();
  });

  it('an invalid goal filter does not stop the events that trigger or convert other campaigns', () => {
    const bad = good('bad-goal');
    bad.g = { e: 'Signed Up', f: [['goal', 'plan', 'r', '(']], w: 60 };
    const e = startEngine(mixed(bad, good('on-signup', { trigger: { events: [{ name: 'Signed Up' }] } }), good('converts', { goal: { event: 'Signed Up' } })));
    e.page('/');
    expect(() => e.track('Signed Up', { plan: 'pro' })).not.toThrow();
    expect(ids(e)).toEqual(['bad-goal', 'converts', 'on-signup']);
    expect(e.events('Message Converted')).toEqual([{ campaignId: 'converts' }]);
  });

  it.each([
    ['null', null],
    ['a string', 'campaign'],
    ['an empty object', {}],
    ['one without a trigger', (({ t, ...rest }) => rest)(good('no-trigger'))],
    ['one without frequency', (({ f, ...rest }) => rest)(good('no-frequency'))],
    ['one whose trigger conditions are not a list', { ...good('odd-trigger'), t: { c: 'p' } }],
  ])('%s among the campaigns', (_, odd) => {
    let e: Engine | undefined;
    expect(() => (e = startEngine(mixed(odd, good('page'), good('event', { trigger: { events: [{ name: 'Go' }] } }))))).not.toThrow();
    expect(() => {
      e!.page('/');
      e!.track('Go');
      vi.advanceTimersByTime(2_000);
    }).not.toThrow();
    expect(ids(e!)).toEqual(['event', 'page']);
    for (const id of ['page', 'no-trigger', 'no-frequency', 'odd-trigger', 'x']) expect(typeof e!.runtime.why(id)).toBe('string');
  });
});

describe('bad data', () => {
  it.each([
    ['an object', {}],
    ['null', null],
    ['a string', 'campaigns'],
    ['missing', undefined],
  ])('campaigns that are %s: nothing shows, nothing throws', (_, campaigns) => {
    let e: Engine | undefined;
    expect(() => (e = startEngine({ campaigns: campaigns as never, limits: { g: 0, n: 9 } }))).not.toThrow();
    expect(() => {
      e!.page('/');
      e!.track('Go');
      e!.identify('u', { plan: 'pro' });
      vi.advanceTimersByTime(5_000);
    }).not.toThrow();
    expect(e!.shown).toEqual([]);
    expect(e!.runtime.why('anything')).toBe('unknown');
  });

  it('limits that are missing fields do not stop messages', () => {
    const e = startEngine({ campaigns: delivered([campaign('hello')], NO_LIMITS).campaigns, limits: {} as never });
    e.page('/');
    expect(ids(e)).toEqual(['hello']);
  });
});
