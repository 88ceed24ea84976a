import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOutbox } from '../../src/storage/outbox';
import { freshKey, message } from '../support/messages';

const noLog = () => {};

describe('outbox (IndexedDB through idb-keyval; fake-indexeddb here, real IndexedDB in test/e2e)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps events across page loads: a later page claims what an earlier one left unsent', async () => {
    const key = freshKey();
    const first = createOutbox(key, 'tab-1', noLog);
    const ms = [message('A'), message('B'), message('C')];
    await first.put(ms);
    await first.del([ms[1]!.messageId]); // B was acknowledged
    // The page is gone; the next load opens the same database.
    const next = createOutbox(key, 'tab-2', noLog);
    const claimed = await next.claim();
    expect(claimed.map((m) => (m as { event?: string }).event)).toEqual(['A', 'C']);
  });

  it('a message is claimed once: the claimer owns it afterwards', async () => {
    const key = freshKey();
    await createOutbox(key, 'dead-tab', noLog).put([message('A')]);
    const a = createOutbox(key, 'tab-a', noLog);
    expect((await a.claim()).length).toBe(1);
    // Without Web Locks (happy-dom has none) every other tab counts as gone, so only records now owned by
    // tab-a could be claimed again by another tab: it was re-written with its new owner.
    const again = await createOutbox(key, 'tab-a', noLog).claim();
    expect(again).toEqual([]);
  });

  it('does not claim records of a tab whose Web Lock is held (an open tab)', async () => {
    const key = freshKey();
    const held = new Set<string>();
    const locks = {
      request: vi.fn(async (name: string, cb: () => Promise<unknown>) => {
        held.add(name);
        return cb();
      }),
      query: async () => ({ held: [...held].map((name) => ({ name })) }),
    };
    vi.stubGlobal('navigator', { ...navigator, locks });
    const open = createOutbox(key, 'open-tab', noLog);
    await open.put([message('mine')]);
    expect(await createOutbox(key, 'other-tab', noLog).claim()).toEqual([]);
  });

  it('clear() erases everything (consent denied)', async () => {
    const key = freshKey();
    const o = createOutbox(key, 't', noLog);
    await o.put([message(), message()]);
    await o.clear();
    expect(await createOutbox(key, 'u', noLog).claim()).toEqual([]);
  });

  it('resolves quietly when IndexedDB is blocked', async () => {
    vi.stubGlobal('indexedDB', {
      open() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    const log = vi.fn();
    const o = createOutbox(freshKey(), 't', log);
    await expect(o.put([message()])).resolves.toBeUndefined();
    await expect(o.claim()).resolves.toEqual([]);
    expect(log).toHaveBeenCalled();
  });
});
