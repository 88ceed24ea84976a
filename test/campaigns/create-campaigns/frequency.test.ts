import { describe, expect, it, vi } from 'vitest';
import { campaign, delivered } from '../support/campaign-data';
import { startEngine, useEngineRig, type Engine } from '../support/start-engine';

useEngineRig();

const HOUR = 3600e3;
const ids = (e: Engine) => e.shown.map(([id]) => id);
/** Moves the clock while no page is open (between an unload and the next load). */
const away = (e: Engine, ms: number) => (e.unload(), vi.setSystemTime(Date.now() + ms));

describe('frequency caps', () => {
  it('by default: once per session, also across reloads; again in the next session', () => {
    let e = startEngine(delivered([campaign('hello')]));
    e.page('/');
    e.page('/next');
    expect(ids(e)).toEqual(['hello']);
    e = e.reload();
    e.page('/');
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('hello')).toBe('frequency.session');
    e = e.nextSession();
    e.page('/');
    expect(ids(e)).toEqual(['hello']);
  });

  it('session: up to N impressions per session, held across reloads', () => {
    let e = startEngine(delivered([campaign('twice', { frequency: { session: 2 } })]));
    e.page('/1');
    e.page('/2');
    e.page('/3');
    expect(ids(e)).toEqual(['twice', 'twice']);
    e = e.reload();
    e.page('/4');
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('twice')).toBe('frequency.session');
    e = e.nextSession();
    e.page('/5');
    e.page('/6');
    e.page('/7');
    expect(ids(e)).toEqual(['twice', 'twice']);
  });

  it('lifetime: N impressions ever, counted across sessions and reloads', () => {
    let e = startEngine(delivered([campaign('twice-ever', { frequency: { lifetime: 2, session: 5 } })]));
    e.page('/');
    expect(e.events('Message Shown')).toEqual([{ campaignId: 'twice-ever', version: 1 }]);
    e = e.nextSession();
    e.page('/');
    expect(ids(e)).toEqual(['twice-ever']);
    for (const _ of [1, 2]) {
      e = e.nextSession();
      e.page('/');
      e.page('/again');
      expect(e.shown).toEqual([]);
      expect(e.events('Message Shown')).toEqual([]);
      expect(e.runtime.why('twice-ever')).toBe('frequency.lifetime');
    }
  });

  it('day: N impressions in any 24 hours, across sessions', () => {
    let e = startEngine(delivered([campaign('daily', { frequency: { day: 1, session: 5 } })]));
    e.page('/');
    expect(ids(e)).toEqual(['daily']);
    away(e, 23 * HOUR);
    e = e.nextSession();
    e.page('/');
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('daily')).toBe('frequency.day');
    away(e, HOUR);
    e = e.nextSession();
    e.page('/');
    expect(ids(e)).toEqual(['daily']);
  });

  it('cooldown: not again until N seconds after the last impression, on this page or after a reload', () => {
    let e = startEngine(delivered([campaign('pause', { frequency: { cooldown: 600, session: 5 } })]));
    e.page('/');
    vi.advanceTimersByTime(300_000);
    e.page('/2');
    expect(ids(e)).toEqual(['pause']);
    expect(e.runtime.why('pause')).toBe('frequency.cooldown');
    away(e, 299_000);
    e = e.reload();
    e.page('/3');
    expect(e.shown).toEqual([]);
    vi.advanceTimersByTime(1_000);
    e.page('/4');
    expect(ids(e)).toEqual(['pause']);
  });

  it('stop after dismiss (the default): a visitor who closed it never sees it again', () => {
    let e = startEngine(delivered([campaign('promo', { frequency: { session: 5 } })]));
    e.page('/');
    e.dismiss('promo');
    e.page('/2');
    e = e.nextSession();
    e.page('/');
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('promo')).toBe('frequency.dismissed');
  });

  it('stopAfterDismiss false: shown again after a dismissal, within its other caps', () => {
    let e = startEngine(delivered([campaign('promo', { frequency: { session: 1, stopAfterDismiss: false } })]));
    e.page('/');
    e.dismiss('promo');
    e = e.nextSession();
    e.page('/');
    expect(ids(e)).toEqual(['promo']);
  });

  it('stop after conversion (the default): a visitor who reached the goal never sees it again; unless turned off', () => {
    const goal = { event: 'Signed Up' };
    let e = startEngine(delivered([campaign('signup', { goal }), campaign('newsletter', { goal, frequency: { stopAfterConversion: false } })]));
    e.page('/');
    e.track('Signed Up');
    expect(e.events('Message Converted').map((p) => p.campaignId).sort()).toEqual(['newsletter', 'signup']);
    e = e.nextSession();
    e.page('/');
    expect(ids(e)).toEqual(['newsletter']);
    expect(e.runtime.why('signup')).toBe('frequency.converted');
  });

  it('counts an impression only when the widget records Message Shown: a message never seen does not use up a cap', () => {
    let e = startEngine(delivered([campaign('seen-once')]), { widget: 'hidden' });
    e.page('/');
    expect(ids(e)).toEqual(['seen-once']);
    e = e.reload();
    e.page('/');
    expect(ids(e)).toEqual(['seen-once']);
  });

  it('ignores Message Shown events for campaigns it does not know, or without a campaign id', () => {
    const e = startEngine(delivered([campaign('hello')]));
    expect(() => {
      e.track('Message Shown', { campaignId: 'someone-else', variantId: 'a' });
      e.track('Message Shown', {});
      e.track('Message Dismissed', { campaignId: 42 });
    }).not.toThrow();
    e.page('/');
    expect(ids(e)).toEqual(['hello']);
  });
});

describe('two tabs', () => {
  it("a dismissal in one tab holds in the other: neither tab's later writes undo the other's caps", () => {
    const a = startEngine(delivered([campaign('promo', { frequency: { session: 9 } }), campaign('other', { trigger: { events: [{ name: 'Go' }] }, frequency: { session: 9 } })]));
    const b = startEngine(delivered([campaign('promo', { frequency: { session: 9 } }), campaign('other', { trigger: { events: [{ name: 'Go' }] }, frequency: { session: 9 } })]), { store: a.store, who: a.who });
    b.page('/');
    b.track('Message Dismissed', { campaignId: 'promo', reason: 'close' });
    // The browser tells the other tab that the key changed.
    dispatchEvent(new StorageEvent('storage', { key: a.store, newValue: localStorage.getItem(a.store) }));
    a.page('/'); // tab A writes its own state now (its page view, its impression)
    a.track('Go');
    const c = b.reload();
    c.page('/');
    expect(c.runtime.why('promo')).toBe('frequency.dismissed');
  });
});

describe('storage', () => {
  it('blocked localStorage (reads and writes throw): messages still show and caps hold for the page', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const e = startEngine(delivered([campaign('hello'), campaign('twice', { frequency: { session: 2 }, trigger: { events: [{ name: 'Go' }] } })]));
    e.page('/');
    e.page('/2');
    e.track('Go');
    e.page('/3');
    e.track('Go');
    e.page('/4');
    e.track('Go');
    expect(ids(e)).toEqual(['hello', 'twice', 'twice']);
    expect(e.runtime.why('hello')).toBe('frequency.session');
  });

  it.each([
    ['not JSON', '{"h":'],
    ['an empty object', '{}'],
    ['a list', '[]'],
    ['a number', '42'],
    ['another shape', '{"h":null,"l":"x"}'],
  ])('stored state that is %s is ignored: the engine starts afresh', (_, stored) => {
    const e = startEngine(delivered([campaign('hello'), campaign('event', { trigger: { events: [{ name: 'Go' }] } })]), { store: 'kizuna:odd:campaigns' });
    e.unload();
    localStorage.setItem(e.store, stored);
    const next = e.reload();
    expect(() => next.page('/')).not.toThrow();
    next.track('Go');
    expect(ids(next)).toEqual(['hello', 'event']);
    // …and caps it records from now on hold after a reload.
    const after = next.reload();
    after.page('/');
    expect(after.shown).toEqual([]);
  });
});
