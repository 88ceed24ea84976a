import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, createKizuna } from '../../src/core/create-kizuna';
import type { KizunaOptions, Message } from '../../src/types';
import { stubFetch } from '../support/fetch-double';
import { freshKey } from '../support/messages';

const quiet: Partial<KizunaOptions> = { pageviews: false, links: false, vitals: false, flushAt: 1 };
const make = (o: Partial<KizunaOptions> = {}) => {
  const key = freshKey();
  const api = createCore({ key, endpoint: 'https://collect.example', ...quiet, ...o });
  const seen: Message[] = [];
  api.on('event', (m) => seen.push(m));
  return { api, key, seen };
};
/** An instance started with a stub queue; `seen` is filled by an on('event') that the queue itself subscribes. */
const withQueue = (queue: unknown[], o: Partial<KizunaOptions> = {}) => {
  const seen: Message[] = [];
  const on = ['on', ['event', (m: Message) => seen.push(m)], 'https://shop.example/', '', '', Date.now()];
  const api = createCore({ key: freshKey(), endpoint: 'https://collect.example', ...quiet, ...o }, [on, ...queue]);
  return { api, seen };
};
const databases = async () => (await indexedDB.databases()).map((d) => d.name);

describe('createKizuna', () => {
  beforeEach(() => {
    localStorage.clear();
    // Instances from earlier tests may still retry; give them a collector that always answers.
    stubFetch();
  });
  // Instances from earlier tests may still retry: leave them a collector that answers, never the real network.
  afterEach(() => (vi.unstubAllGlobals(), stubFetch()));

  it('sends track, page and identify messages in the Segment shape', async () => {
    const { api, key } = make();
    const net = stubFetch(undefined, key);
    api.identify('user-7', { plan: 'pro' });
    api.track('Signed Up', { plan: 'pro' });
    api.page('Pricing');
    await vi.waitFor(() => expect(net.ids()).toHaveLength(3));
    const [identify, track, page] = net.requests.flatMap((r) => r.body.batch as unknown as Message[]);
    expect(identify).toMatchObject({ type: 'identify', userId: 'user-7', traits: { plan: 'pro' } });
    expect(track).toMatchObject({ type: 'track', event: 'Signed Up', userId: 'user-7', properties: { plan: 'pro' } });
    expect(page).toMatchObject({ type: 'page', name: 'Pricing', properties: { path: location.pathname } });
    expect(track!.anonymousId).toBe(identify!.anonymousId);
    expect(track!.context).toMatchObject({ library: { name: 'kizuna' }, page: { url: location.href } });
    expect(new Set(net.ids()).size).toBe(3);
  });

  it('reads UTM parameters into context.campaign', async () => {
    history.replaceState(null, '', '/landing?utm_source=news&utm_campaign=launch&utm_medium=email');
    const { api, seen } = make();
    api.track('Visited');
    expect(seen[0]!.context.campaign).toEqual({ source: 'news', name: 'launch', medium: 'email' });
    history.replaceState(null, '', '/');
  });

  it('keeps one anonymousId across page loads without cookies, and reset() starts a new one', () => {
    const key = freshKey();
    const a = { api: createCore({ key, endpoint: 'https://c.example', ...quiet }) };
    const ids: string[] = [];
    a.api.on('event', (m) => ids.push(m.anonymousId));
    a.api.track('one');
    const b = { api: createCore({ key, endpoint: 'https://c.example', ...quiet }) };
    b.api.on('event', (m) => ids.push(m.anonymousId));
    b.api.track('two');
    b.api.reset();
    b.api.track('three');
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(document.cookie).toBe('');
  });

  it('with consent pending stores and sends nothing, then delivers what happened once granted', async () => {
    const { api, key } = make({ consent: 'pending' });
    const net = stubFetch(undefined, key);
    api.track('Before consent');
    await new Promise((r) => setTimeout(r, 30));
    expect(net.requests).toHaveLength(0);
    expect(localStorage.length).toBe(0);
    expect(await databases()).not.toContain('kizuna-' + key);
    api.consent('granted');
    await vi.waitFor(() => expect(net.requests).toHaveLength(1));
    expect(net.requests[0]!.body.batch[0]!.event).toBe('Before consent');
    expect(localStorage.getItem('kizuna:' + key)).toBeTruthy();
  });

  it('consent denied forgets the visitor, clears unsent events and stops tracking', async () => {
    const { api, key, seen } = make({ flushAt: 100 });
    stubFetch(() => 'network', key);
    api.track('queued');
    api.consent('denied');
    api.track('after denial');
    expect(seen.map((m) => (m as { event?: string }).event)).toEqual(['queued']);
    expect(localStorage.getItem('kizuna:' + key)).toBeNull();
    vi.unstubAllGlobals();
    const net = stubFetch(undefined, key);
    await api.flush();
    expect(net.requests).toHaveLength(0);
  });

  it('remembers the visitor’s choice for the next page when the owner asks for consent', () => {
    const key = freshKey();
    createCore({ key, endpoint: 'https://c.example', consent: 'pending', ...quiet }).consent('granted');
    const next = createCore({ key, endpoint: 'https://c.example', consent: 'pending', ...quiet });
    const seen: Message[] = [];
    next.on('event', (m) => seen.push(m));
    next.track('x');
    expect(seen).toHaveLength(1);
  });

  it('a visitor who denied stays denied on the next page, even where the site defaults to granted', () => {
    const key = freshKey();
    createCore({ key, endpoint: 'https://c.example', ...quiet }).consent('denied');
    const next = createCore({ key, endpoint: 'https://c.example', ...quiet });
    const seen: Message[] = [];
    next.on('event', (m) => seen.push(m));
    next.track('x');
    expect(seen).toEqual([]);
  });

  it('honours Global Privacy Control: nothing is tracked and the site cannot grant over it', async () => {
    vi.stubGlobal('navigator', { ...navigator, globalPrivacyControl: true, language: 'en' });
    const { api, seen, key } = make();
    const net = stubFetch(undefined, key);
    api.track('x');
    api.consent('granted');
    api.track('y');
    await api.flush();
    expect(seen).toEqual([]);
    expect(net.requests).toEqual([]);
  });

  it('replays the stub queue in order, each call at the page and time it was made', () => {
    const t = Date.parse('2026-11-24T01:02:03Z');
    const { seen } = withQueue([
      ['identify', ['u1'], 'https://shop.example/a', 'A', 'https://ref.example/', t],
      ['track', ['Clicked', { n: 1 }], 'https://shop.example/b?x=1', 'B', 'https://shop.example/a', t + 1000],
      ['page', [], 'https://shop.example/c', 'C', 'https://shop.example/b', t + 2000],
    ]);
    expect(seen.map((m) => m.type)).toEqual(['identify', 'track', 'page']);
    expect(seen[1]).toMatchObject({
      userId: 'u1',
      timestamp: new Date(t + 1000).toISOString(),
      context: { page: { url: 'https://shop.example/b?x=1', path: '/b', search: '?x=1', title: 'B' } },
    });
    expect(seen[2]).toMatchObject({ properties: { url: 'https://shop.example/c', referrer: 'https://shop.example/b' } });
  });

  it('replays before automatic tracking starts: a queued on() and identify() already see the first page view', () => {
    const { seen } = withQueue([['identify', ['u2'], location.href, '', '', Date.now()]], { pageviews: true });
    expect(seen.map((m) => m.type)).toEqual(['identify', 'page']);
    expect(seen[1]!.userId).toBe('u2');
  });

  it('replays namespaced stub calls (kizuna.chat.open()) on the real API', async () => {
    expect(document.querySelector('kizuna-widget')).toBeNull();
    // The widget is the real one here (the ESM build's import()): only a call reaching it loads and mounts it.
    withQueue([
      ['chat.open', [], 'https://shop.example/', '', '', Date.now()],
      ['nope.open', [], '', '', '', 0],
    ]);
    await vi.waitFor(() => expect(document.querySelector('kizuna-widget')).not.toBeNull(), { timeout: 5000 });
  });

  it('never throws into the page: bad arguments, a broken listener, blocked storage, a garbage stub queue', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { api } = make();
    const other = vi.fn();
    api.on('event', () => {
      throw new Error('site bug');
    });
    api.on('event', other);
    expect(() => {
      api.track(undefined as never);
      api.track('ok', 'not an object' as never);
      api.identify(42 as never);
      api.page(null as never, null as never);
      api.consent('maybe' as never);
      createCore({ key: 'k', endpoint: 'https://c.example', ...quiet }, 'garbage');
      createCore({ key: 'k', endpoint: 'https://c.example', ...quiet }, [['nope'], null, 7]);
    }).not.toThrow();
    expect(other).toHaveBeenCalled(); // the broken listener did not stop the next one
    spy.mockRestore();
    vi.stubGlobal('localStorage', {
      getItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem() {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem() {},
    });
    expect(() => make().api.track('still fine')).not.toThrow();
  });

  it('without a key warns once and does nothing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const net = stubFetch(undefined, '');
    const k = createKizuna({ key: '', endpoint: '', ...quiet });
    k.track('x');
    await k.flush();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(net.requests).toEqual([]);
    warn.mockRestore();
  });

  it('unsubscribes listeners', () => {
    const { api } = make();
    const cb = vi.fn();
    const off = api.on('event', cb);
    api.track('a');
    off();
    api.track('b');
    expect(cb).toHaveBeenCalledTimes(1);
  });
});
