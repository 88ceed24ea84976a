import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDelivery, chunk, MAX_BODY_BYTES, type DeliveryOptions } from '../../src/transport/delivery';
import { createOutbox, type Outbox } from '../../src/storage/outbox';
import { stubFetch } from '../support/fetch-double';
import { freshKey, message } from '../support/messages';
import type { KizunaEvents } from '../../src/types';

const setup = (o: Partial<DeliveryOptions> = {}) => {
  const key = freshKey();
  const events: [keyof KizunaEvents, unknown][] = [];
  const outbox = createOutbox(key, 'tab', () => {});
  const d = createDelivery(
    {
      url: 'https://collect.example',
      key,
      flushAt: 3,
      flushInterval: 60_000,
      cap: 100,
      emit: (name, value) => events.push([name, value]),
      log: () => {},
      ...o,
    },
    outbox,
  );
  const stored = () => createOutbox(key, 'reader', () => {}).claim();
  return { d, events, key, stored };
};

describe('delivery', () => {
  // Instances from earlier tests may still retry: leave them a collector that answers, never the real network.
  afterEach(() => (vi.unstubAllGlobals(), stubFetch()));

  it('sends a batch once flushAt events wait, as text/plain to /v1/batch with the write key', async () => {
    const net = stubFetch();
    const { d, key } = setup();
    d.add(message('a'));
    d.add(message('b'));
    await new Promise((r) => setTimeout(r, 20));
    expect(net.requests).toHaveLength(0);
    d.add(message('c'));
    await vi.waitFor(() => expect(net.requests).toHaveLength(1));
    const [req] = net.requests;
    expect(req!.url).toBe('https://collect.example/v1/batch');
    expect(req!.contentType).toMatch(/^text\/plain/);
    expect(req!.keepalive).toBe(true);
    expect(req!.body.writeKey).toBe(key);
    expect(req!.body.batch.map((m) => m.event)).toEqual(['a', 'b', 'c']);
    expect(Date.parse(req!.body.sentAt)).toBeGreaterThan(0);
  });

  it('sends after flushInterval when fewer events wait', async () => {
    const net = stubFetch();
    const { d } = setup({ flushInterval: 30 });
    d.add(message('lonely'));
    await vi.waitFor(() => expect(net.ids()).toHaveLength(1));
  });

  it('writes each event to the outbox before sending, and deletes it only after a 2xx', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let storedWhileSending: string[] = [];
    const { d, stored } = setup({ flushAt: 1 });
    const net = stubFetch(() => 200);
    const real = globalThis.fetch;
    vi.stubGlobal('fetch', async (...a: Parameters<typeof fetch>) => {
      storedWhileSending = (await stored()).map((m) => (m as { event: string }).event);
      await gate;
      return real(...a);
    });
    const m = message('durable');
    d.add(m);
    await vi.waitFor(() => expect(storedWhileSending).toEqual(['durable']));
    release();
    await vi.waitFor(() => expect(net.requests).toHaveLength(1));
    await d.flush();
    await vi.waitFor(async () => expect(await stored()).toEqual([]));
  });

  it('retries 5xx and network errors with backoff, and loses nothing', async () => {
    const net = stubFetch((n) => (n == 0 ? 500 : n == 1 ? 'network' : 200));
    const { d, events } = setup({ flushAt: 1 });
    const m = message('persistent');
    d.add(m);
    await vi.waitFor(() => expect(net.requests).toHaveLength(3), { timeout: 5000 });
    expect(net.ids()).toEqual([m.messageId, m.messageId, m.messageId]);
    expect(events).toContainEqual(['delivered', { count: 1 }]);
  });

  it('waits for Retry-After on 429 and 503', async () => {
    const times: number[] = [];
    const net = stubFetch((n) => {
      times.push(Date.now());
      return n == 0 ? [429, { 'Retry-After': '1' }] : n == 1 ? [503, { 'Retry-After': '1' }] : 200;
    });
    const { d } = setup({ flushAt: 1 });
    d.add(message());
    await vi.waitFor(() => expect(net.requests).toHaveLength(3), { timeout: 5000 });
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(950);
  });

  it('drops a batch the collector rejects (400) and reports the count in the next batch', async () => {
    const net = stubFetch((n) => (n == 0 ? 400 : 200));
    const { d, events, stored } = setup({ flushAt: 1 });
    d.add(message('bad'));
    await vi.waitFor(() => expect(events).toContainEqual(['dropped', { reason: 'rejected', count: 1 }]));
    expect(await stored()).toEqual([]);
    d.add(message('good'));
    await vi.waitFor(() => expect(net.requests).toHaveLength(2));
    expect(net.requests[1]!.body.context).toEqual({ dropped: { rejected: 1 } });
    // Once that batch is acknowledged the counter is spent.
    d.add(message('later'));
    await vi.waitFor(() => expect(net.requests).toHaveLength(3));
    expect(net.requests[2]!.body.context).toBeUndefined();
  });

  it('caps the queue: overflow drops the oldest and counts it', async () => {
    const net = stubFetch(() => 'network');
    const { d, events } = setup({ flushAt: 1000, cap: 3 });
    const ms = [1, 2, 3, 4, 5].map((i) => message('e' + i));
    ms.forEach((m) => d.add(m));
    expect(events.filter(([n]) => n == 'dropped')).toEqual([
      ['dropped', { reason: 'overflow', count: 1 }],
      ['dropped', { reason: 'overflow', count: 1 }],
    ]);
    vi.unstubAllGlobals();
    const ok = stubFetch();
    await d.flush();
    expect(ok.requests[0]!.body.batch.map((m) => m.event)).toEqual(['e3', 'e4', 'e5']);
    expect(ok.requests[0]!.body.context).toEqual({ dropped: { overflow: 2 } });
    expect(net.requests).toHaveLength(0);
  });

  it('drops a single event larger than 32 KiB instead of blocking the queue', async () => {
    stubFetch();
    const { d, events } = setup({ flushAt: 1 });
    d.add(message('huge', 40_000));
    expect(events).toContainEqual(['dropped', { reason: 'oversize', count: 1 }]);
  });

  it('splits what waits into request bodies under 60 KiB', () => {
    const ms = Array.from({ length: 10 }, () => message('big', 10_000));
    const batches = chunk(ms);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flat()).toEqual(ms);
    for (const b of batches) expect(JSON.stringify(b).length).toBeLessThan(MAX_BODY_BYTES);
  });

  it('sends at once when the page is hidden, and on pagehide with keepalive', async () => {
    const net = stubFetch();
    const { d } = setup({ flushAt: 100 });
    d.add(message('before-hide'));
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(net.ids()).toHaveLength(1));
    Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    vi.unstubAllGlobals();
    const unload = stubFetch(() => 'network');
    d.add(message('last-click'));
    window.dispatchEvent(new Event('pagehide'));
    expect(unload.requests).toHaveLength(1); // synchronously, inside pagehide
    expect(unload.requests[0]!.keepalive).toBe(true);
  });

  it('holds sends while offline and resumes on the online event', async () => {
    const net = stubFetch();
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    const { d } = setup({ flushAt: 1 });
    d.add(message('offline'));
    await new Promise((r) => setTimeout(r, 30));
    expect(net.requests).toHaveLength(0);
    Object.defineProperty(navigator, 'onLine', { value: true, configurable: true });
    window.dispatchEvent(new Event('online'));
    await vi.waitFor(() => expect(net.ids()).toHaveLength(1));
  });

  it('an IndexedDB that never answers does not stop delivery: events go from memory after 2 s', async () => {
    const hung: Outbox = {
      put: () => new Promise(() => {}),
      del: async () => {},
      claim: async () => [],
      clear: async () => {},
      hold: () => {},
    };
    const net = stubFetch();
    const d = createDelivery(
      { url: 'https://collect.example', key: freshKey(), flushAt: 1, flushInterval: 60_000, cap: 100, emit: () => {}, log: () => {} },
      hung,
    );
    d.add(message('despite a hung outbox'));
    await new Promise((r) => setTimeout(r, 500));
    expect(net.requests).toHaveLength(0); // still giving the outbox its chance
    await vi.waitFor(() => expect(net.ids()).toHaveLength(1), { timeout: 4000 });
  });

  it('after pagehide, a new event leaves at once with keepalive (web vitals report after it)', async () => {
    const net = stubFetch();
    const { d } = setup({ flushAt: 100 });
    window.dispatchEvent(new Event('pagehide'));
    d.add(message('final LCP'));
    expect(net.requests).toHaveLength(1); // synchronously: the page may be gone by the next task
    expect(net.requests[0]!.keepalive).toBe(true);
    expect(net.requests[0]!.body.batch.map((m) => m.event)).toEqual(['final LCP']);
    const restore = new Event('pageshow') as PageTransitionEvent;
    Object.defineProperty(restore, 'persisted', { value: true });
    window.dispatchEvent(restore);
  });
});
