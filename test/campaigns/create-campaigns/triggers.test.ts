import { afterEach, describe, expect, it, vi } from 'vitest';
import { campaign, delivered } from '../support/campaign-data';
import { startEngine, useEngineRig, type Engine } from '../support/start-engine';

useEngineRig();
afterEach(() => {
  document.body.innerHTML = '';
  delete (document.documentElement as { scrollHeight?: number }).scrollHeight;
  scrollTo(0, 0);
});

/** Frequency that lets a campaign show again on every page view of a session. */
const again = { session: 99 };
const ids = (e: Engine) => e.shown.map(([id]) => id);

describe('page view trigger', () => {
  it('shows on pages its URL rules match (starts-with, exclude, whole URL with query) and on no other', () => {
    const e = startEngine(
      delivered([
        campaign('pricing', {
          trigger: { pageView: { urls: [{ match: 'starts-with', value: '/pricing' }, { match: 'contains', value: '/enterprise', exclude: true }] } },
          frequency: again,
        }),
        campaign('ads', { trigger: { pageView: { urls: [{ match: 'contains', value: 'utm_source=ads', on: 'url' }] } }, frequency: again }),
      ]),
    );
    e.page('/');
    e.page('/blog/pricing');
    e.page('/pricing/enterprise');
    e.page('/welcome?utm_source=mail');
    expect(e.shown).toEqual([]);
    e.page('/pricing/pro');
    expect(ids(e)).toEqual(['pricing']);
    e.page('/welcome?utm_source=ads');
    expect(ids(e)).toEqual(['pricing', 'ads']);
    e.page('/pricing');
    expect(ids(e)).toEqual(['pricing', 'ads', 'pricing']);
  });

  it('without URL rules fires on every page view, including each single-page-app navigation', () => {
    const e = startEngine(delivered([campaign('every', { frequency: again })]));
    e.page('/a');
    e.page('/b');
    history.pushState(null, '', '/c'); // a route change the core has not reported (yet): nothing
    expect(ids(e)).toEqual(['every', 'every']);
    e.page();
    expect(ids(e)).toEqual(['every', 'every', 'every']);
  });
});

describe('custom event trigger', () => {
  it('fires only for the named event whose properties pass every filter', () => {
    const e = startEngine(
      delivered([
        campaign('big-cart', {
          trigger: {
            events: [{ name: 'Cart Updated', where: [{ key: 'total', op: 'gte', value: 100 }, { key: 'currency', op: 'in', value: ['EUR', 'USD'] }] }],
          },
        }),
      ]),
    );
    e.page('/shop'); // not a page-view campaign
    e.track('Cart Updated', { total: 60, currency: 'EUR' });
    e.track('Cart Updated', { total: 120, currency: 'JPY' });
    e.track('Cart Updated', { currency: 'EUR' });
    e.track('Cart Viewed', { total: 120, currency: 'EUR' });
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('big-cart')).toBe('trigger');
    e.track('Cart Updated', { total: '120', currency: 'EUR' }); // numbers sent as text still compare as numbers
    expect(ids(e)).toEqual(['big-cart']);
  });

  it('fires at most once per page view; the next page view re-arms it', () => {
    const e = startEngine(delivered([campaign('tip', { trigger: { events: [{ name: 'Search' }] }, frequency: again })]));
    e.page('/docs');
    e.track('Search', { q: 'a' });
    e.track('Search', { q: 'b' });
    expect(ids(e)).toEqual(['tip']);
    e.page('/docs/results');
    e.track('Search', { q: 'c' });
    expect(ids(e)).toEqual(['tip', 'tip']);
  });
});

describe('time on page', () => {
  it('fires once the visitor has been on the page for the given seconds; a page view restarts the count', () => {
    const e = startEngine(delivered([campaign('linger', { trigger: { timeOnPage: { seconds: 30 } }, frequency: again })]));
    e.page('/docs');
    vi.advanceTimersByTime(29_000);
    expect(e.shown).toEqual([]);
    vi.advanceTimersByTime(1_000);
    expect(ids(e)).toEqual(['linger']);
    e.page('/docs/2');
    vi.advanceTimersByTime(20_000);
    e.page('/docs/3');
    vi.advanceTimersByTime(20_000);
    expect(ids(e)).toEqual(['linger']);
    vi.advanceTimersByTime(10_000);
    expect(ids(e)).toEqual(['linger', 'linger']);
  });
});

describe('scroll depth', () => {
  it('fires once the bottom of the viewport has passed the given percentage of the page', () => {
    // happy-dom lays nothing out: give the page a height. Its viewport is 768 px high.
    Object.defineProperty(document.documentElement, 'scrollHeight', { value: 4000, configurable: true });
    const e = startEngine(delivered([campaign('deep', { trigger: { scroll: { percent: 50 } } })]));
    e.page('/article');
    const scrollTo_ = (y: number) => (scrollTo(0, y), dispatchEvent(new Event('scroll')));
    scrollTo_(1000); // (1000 + 768) / 4000 = 44 %
    vi.advanceTimersByTime(3_000);
    expect(e.shown).toEqual([]);
    scrollTo_(1300); // 52 %
    scrollTo_(0); // scrolling back up does not undo the depth reached
    vi.advanceTimersByTime(1_000);
    expect(ids(e)).toEqual(['deep']);
  });

  it('counts depth per page view: a new page starts from the top', () => {
    Object.defineProperty(document.documentElement, 'scrollHeight', { value: 4000, configurable: true });
    const e = startEngine(delivered([campaign('deep', { trigger: { scroll: { percent: 50 } }, frequency: again })]));
    e.page('/one');
    scrollTo(0, 2000);
    dispatchEvent(new Event('scroll'));
    vi.advanceTimersByTime(1_000);
    e.page('/two');
    scrollTo(0, 0);
    vi.advanceTimersByTime(5_000);
    expect(ids(e)).toEqual(['deep']);
  });
});

describe('exit intent', () => {
  it('fires when the pointer leaves through the top of the window, not when it moves between elements', () => {
    document.body.innerHTML = '<header>Top</header><main>Body</main>';
    const e = startEngine(delivered([campaign('leaving', { trigger: { exitIntent: true } })]));
    e.page('/checkout');
    const out = (init: MouseEventInit) => document.body.dispatchEvent(new MouseEvent('mouseout', { bubbles: true, ...init }));
    out({ clientY: 300 }); // left the window at the side or bottom
    out({ clientY: 0, relatedTarget: document.querySelector('header') }); // into the header, still inside the page
    expect(e.shown).toEqual([]);
    out({ clientY: -3 });
    expect(ids(e)).toEqual(['leaving']);
  });
});

describe('idle', () => {
  it.each(['pointerdown', 'keydown', 'scroll', 'mousemove'])('fires after the given seconds without input; %s counts as input', (kind) => {
    const e = startEngine(delivered([campaign('nudge', { trigger: { idle: { seconds: 20 } } })]));
    e.page('/form');
    vi.advanceTimersByTime(15_000);
    document.body.dispatchEvent(new Event(kind, { bubbles: true }));
    vi.advanceTimersByTime(15_000);
    expect(e.shown).toEqual([]);
    vi.advanceTimersByTime(5_000);
    expect(ids(e)).toEqual(['nudge']);
  });
});

describe('element click', () => {
  it('fires on a click on (or inside) an element matching the selector, not elsewhere', () => {
    document.body.innerHTML = '<button class="upgrade"><span>Upgrade</span></button><button id="other">Other</button>';
    const e = startEngine(delivered([campaign('upsell', { trigger: { click: { selector: 'button.upgrade' } } })]));
    e.page('/app');
    document.getElementById('other')!.click();
    document.body.click();
    expect(e.shown).toEqual([]);
    document.querySelector<HTMLElement>('.upgrade span')!.click();
    expect(ids(e)).toEqual(['upsell']);
  });
});

describe('session count', () => {
  it('fires from the given session on (the core counts sessions)', () => {
    let e = startEngine(delivered([campaign('returning', { trigger: { sessionCount: { min: 3 } } })]), { who: { n: 1 } });
    e.page('/');
    vi.advanceTimersByTime(2_000);
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('returning')).toBe('trigger');
    e = e.nextSession();
    e.page('/');
    vi.advanceTimersByTime(2_000);
    expect(e.shown).toEqual([]);
    e = e.nextSession();
    e.page('/');
    expect(ids(e)).toEqual(['returning']);
  });

  it('with a maximum, only up to that session: a welcome for first visits', () => {
    let e = startEngine(delivered([campaign('welcome', { trigger: { sessionCount: { max: 1 } } })]), { who: { n: 1 } });
    e.page('/');
    expect(ids(e)).toEqual(['welcome']);
    e = e.nextSession();
    e.page('/');
    vi.advanceTimersByTime(2_000);
    expect(e.shown).toEqual([]);
  });
});

describe('any and all', () => {
  const conditions = { pageView: { urls: [{ match: 'equals' as const, value: '/pricing' }] }, timeOnPage: { seconds: 10 } };

  it('any fires on the first condition met; all waits for every one, on the same page view', () => {
    const e = startEngine(
      delivered([
        campaign('any', { trigger: { ...conditions }, frequency: again }),
        campaign('all', { trigger: { match: 'all', ...conditions }, frequency: again }),
      ]),
    );
    e.page('/about');
    vi.advanceTimersByTime(10_000);
    expect(ids(e)).toEqual(['any']); // ten seconds on /about is enough for "any"
    e.page('/pricing');
    expect(ids(e)).toEqual(['any', 'any']);
    vi.advanceTimersByTime(9_000);
    expect(ids(e)).toEqual(['any', 'any']);
    vi.advanceTimersByTime(1_000);
    expect(ids(e)).toEqual(['any', 'any', 'all']);
  });

  it('all: a condition met on an earlier page does not count on the next', () => {
    const e = startEngine(
      delivered([
        campaign('compare', {
          trigger: { match: 'all', pageView: { urls: [{ match: 'equals', value: '/pricing' }] }, events: [{ name: 'Plans Compared' }] },
        }),
      ]),
    );
    e.page('/pricing');
    e.page('/features');
    e.track('Plans Compared');
    expect(e.shown).toEqual([]);
    e.page('/pricing');
    e.track('Plans Compared');
    expect(ids(e)).toEqual(['compare']);
  });
});

describe('delay and cancel events', () => {
  it('a delay holds the message for the given seconds after the trigger', () => {
    const e = startEngine(delivered([campaign('later', { trigger: { pageView: {}, delay: 5 } })]));
    e.page('/');
    vi.advanceTimersByTime(4_999);
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('later')).toBe('trigger');
    vi.advanceTimersByTime(1);
    expect(ids(e)).toEqual(['later']);
    expect(e.runtime.why('later')).toBe('shown');
  });

  it('a cancel event during the delay drops the message for this page view; other events do not; the next page re-arms it', () => {
    const e = startEngine(
      delivered([campaign('help', { trigger: { pageView: {}, delay: 5, cancelOn: ['Checkout Started'] }, frequency: again })]),
    );
    e.page('/cart');
    vi.advanceTimersByTime(2_000);
    e.track('Cart Viewed');
    e.track('Checkout Started');
    vi.advanceTimersByTime(60_000);
    expect(e.shown).toEqual([]);
    e.page('/cart');
    vi.advanceTimersByTime(2_000);
    e.track('Cart Viewed');
    vi.advanceTimersByTime(3_000);
    expect(ids(e)).toEqual(['help']);
  });

  it('a delayed message is dropped when the visitor moves on to another page (SPA navigation) before it is due', () => {
    const e = startEngine(delivered([campaign('pricing-help', { audience: {}, trigger: { pageView: { urls: [{ match: 'equals', value: '/pricing' }] }, delay: 5 } })]));
    history.replaceState(null, '', '/pricing');
    e.page('/pricing');
    vi.advanceTimersByTime(3_000);
    history.replaceState(null, '', '/blog');
    e.page('/blog');
    vi.advanceTimersByTime(10_000);
    expect(e.shown).toEqual([]);
  });

  it('a cancel event before the trigger keeps it from firing on this page view', () => {
    const e = startEngine(delivered([campaign('video', { trigger: { events: [{ name: 'Video Paused' }], cancelOn: ['Video Finished'] } })]));
    e.page('/watch');
    e.track('Video Finished');
    e.track('Video Paused');
    expect(e.shown).toEqual([]);
  });

  it('the audience is checked when the delay ends: a visitor who navigated out of it does not get the message', () => {
    const e = startEngine(
      delivered([
        campaign('pricing-help', {
          audience: { urls: [{ match: 'starts-with', value: '/pricing' }] },
          trigger: { pageView: {}, delay: 5 },
        }),
      ]),
    );
    e.page('/pricing');
    vi.advanceTimersByTime(3_000);
    e.page('/about');
    vi.advanceTimersByTime(5_000);
    expect(e.shown).toEqual([]);
    expect(e.runtime.why('pricing-help')).toBe('audience.url');
  });
});

describe('cost on the page', () => {
  it('starts no timer on a site whose campaigns need no time-on-page, idle or scroll reading', () => {
    startEngine(delivered([campaign('hello'), campaign('on-event', { trigger: { events: [{ name: 'Go' }] } })]));
    expect(vi.getTimerCount()).toBe(0);
    startEngine(delivered([campaign('later', { trigger: { timeOnPage: { seconds: 5 } } })]));
    expect(vi.getTimerCount()).toBe(1); // the once-a-second reading
  });
});
