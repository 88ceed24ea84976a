import { describe, expect, it, vi } from 'vitest';
import { campaign, delivered } from '../support/campaign-data';
import { startEngine, useEngineRig, type Engine } from '../support/start-engine';

useEngineRig();

const ids = (e: Engine) => e.shown.map(([id]) => id);
const onEvent = (name: string) => ({ trigger: { events: [{ name }] } });
const SITE = { minGap: 30, maxPerSession: 3, quietWhileChatOpen: true };

describe('priority', () => {
  it('two due at once: the higher priority shows; the lower is held by the site gap and reported as Message Suppressed', () => {
    const pricing = { pageView: { urls: [{ match: 'equals' as const, value: '/pricing' }] } };
    const e = startEngine(
      delivered(
        [campaign('low', { priority: 5, trigger: pricing, frequency: { session: 5 } }), campaign('high', { priority: 10, trigger: pricing })],
        SITE,
      ),
    );
    e.page('/pricing');
    expect(ids(e)).toEqual(['high']);
    expect(e.events('Message Suppressed')).toEqual([{ campaignId: 'low', reason: 'site.gap' }]);
    expect(e.runtime.why('high')).toBe('shown');
    expect(e.runtime.why('low')).toBe('site.gap');
    // Past the gap, the next time its trigger fires, the lower one has its turn.
    vi.advanceTimersByTime(30_000);
    e.page('/pricing');
    expect(ids(e)).toEqual(['high', 'low']);
    expect(e.runtime.why('low')).toBe('shown');
    expect(e.runtime.why('high')).toBe('frequency.session');
    expect(e.events('Message Suppressed')).toHaveLength(1); // a capped campaign is not "suppressed"
  });

  it('with the same delay, the higher priority still wins', () => {
    const trigger = { pageView: {}, delay: 3 };
    const e = startEngine(delivered([campaign('b-low', { priority: 1, trigger }), campaign('a-high', { priority: 2, trigger })], SITE));
    e.page('/');
    vi.advanceTimersByTime(3_000);
    expect(ids(e)).toEqual(['a-high']);
    expect(e.events('Message Suppressed')).toEqual([{ campaignId: 'b-low', reason: 'site.gap' }]);
  });
});

describe('site-wide limits', () => {
  it('minimum gap between any two messages, across reloads', () => {
    const data = delivered([campaign('first', onEvent('A')), campaign('second', onEvent('B'))], SITE);
    let e = startEngine(data);
    e.page('/');
    e.track('A');
    vi.advanceTimersByTime(10_000);
    e = e.reload();
    e.page('/');
    e.track('B');
    expect(e.shown).toEqual([]);
    expect(e.events('Message Suppressed')).toEqual([{ campaignId: 'second', reason: 'site.gap' }]);
    vi.advanceTimersByTime(19_000);
    e.page('/');
    e.track('B');
    expect(e.shown).toEqual([]);
    vi.advanceTimersByTime(1_000);
    e.page('/');
    e.track('B');
    expect(ids(e)).toEqual(['second']);
  });

  it('at most N messages per session, across reloads; the count starts again in a new session', () => {
    const data = delivered(
      ['one', 'two', 'three'].map((id) => campaign(id, onEvent(id))),
      { minGap: 0, maxPerSession: 2, quietWhileChatOpen: false },
    );
    let e = startEngine(data);
    e.page('/');
    e.track('one');
    e = e.reload();
    e.page('/');
    e.track('two');
    e.track('three');
    expect(ids(e)).toEqual(['two']);
    expect(e.events('Message Suppressed')).toEqual([{ campaignId: 'three', reason: 'site.session' }]);
    expect(e.runtime.why('three')).toBe('site.session');
    e = e.nextSession();
    e.page('/');
    e.track('three');
    expect(ids(e)).toEqual(['three']);
  });

  it('nothing while the chat is open (reported as site.chat); the message can come once it is closed', () => {
    const e = startEngine(delivered([campaign('promo')], SITE), { chat: true });
    e.page('/');
    expect(e.shown).toEqual([]);
    expect(e.events('Message Suppressed')).toEqual([{ campaignId: 'promo', reason: 'site.chat' }]);
    e.chatOpen = false;
    e.page('/next');
    expect(ids(e)).toEqual(['promo']);
  });

  it('an open chat does not hold messages back when the site turned quietWhileChatOpen off', () => {
    const e = startEngine(delivered([campaign('promo')], { ...SITE, quietWhileChatOpen: false }), { chat: true });
    e.page('/');
    expect(ids(e)).toEqual(['promo']);
  });

  it('without delivered limits: the defaults (30 s gap, 3 per session, quiet while the chat is open)', () => {
    const { campaigns } = delivered(['a', 'b', 'c', 'd'].map((id) => campaign(id, onEvent(id))));
    const e = startEngine({ campaigns });
    e.page('/');
    e.track('a');
    e.track('b');
    expect(ids(e)).toEqual(['a']);
    expect(e.runtime.why('b')).toBe('site.gap');
    for (const id of ['b', 'c', 'd']) {
      vi.advanceTimersByTime(30_000);
      e.page('/');
      e.track(id);
    }
    expect(ids(e)).toEqual(['a', 'b', 'c']);
    expect(e.runtime.why('d')).toBe('site.session');
    const chatting = startEngine({ campaigns }, { chat: true });
    chatting.page('/');
    chatting.track('a');
    expect(chatting.runtime.why('a')).toBe('site.chat');
  });
});
