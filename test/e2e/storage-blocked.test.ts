import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { expectAllDelivered } from './support/expect-delivered.js';
import { setupE2E } from './support/setup-e2e.js';

type Counted = Window & { __blocked?: number };

/**
 * Ways a browser denies IndexedDB, installed before any page script runs. Each counts in window.__blocked when
 * the SDK runs into it, so the test can tell the block was really in the way.
 */
const BLOCKERS = {
  // Sandboxed or cookie-blocked contexts: open() throws synchronously.
  'indexedDB.open throws a SecurityError': () => {
    const w = window as Counted;
    IDBFactory.prototype.open = function () {
      w.__blocked = (w.__blocked ?? 0) + 1;
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  },
  // Firefox private windows (before 115): open() returns a request that fails with InvalidStateError.
  'the open request fails asynchronously': () => {
    const w = window as Counted;
    IDBFactory.prototype.open = function () {
      w.__blocked = (w.__blocked ?? 0) + 1;
      const error = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      const request = { result: undefined, error } as unknown as IDBOpenDBRequest;
      setTimeout(() => request.onerror?.call(request, new Event('error')), 5);
      return request;
    };
  },
  // No IndexedDB at all.
  'window.indexedDB is missing': () => {
    const w = window as Counted;
    Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => void (w.__blocked = (w.__blocked ?? 0) + 1) });
  },
  // Storage fully blocked: IndexedDB and localStorage both throw on access.
  'IndexedDB and localStorage both throw': () => {
    const w = window as Counted;
    const deny = () => {
      w.__blocked = (w.__blocked ?? 0) + 1;
      throw new DOMException('Access is denied for this document.', 'SecurityError');
    };
    Object.defineProperty(window, 'indexedDB', { configurable: true, get: deny });
    Object.defineProperty(window, 'localStorage', { configurable: true, get: deny });
  },
} satisfies Record<string, () => void>;

describe.skipIf(skipWithoutChromium)('IndexedDB blocked, in Chromium', () => {
  const e2e = setupE2E();

  for (const [name, block] of Object.entries(BLOCKERS)) {
    it(`${name}: events still arrive (memory fallback) and the page sees no error`, async () => {
      const { collector } = e2e;
      const { context, log, errors } = await e2e.open();
      await context.addInitScript(block);
      const page = await context.newPage();
      e2e.servePage('/blocked');
      await page.goto(`${collector.origin}/blocked`);
      await page.waitForFunction(() => typeof window.kizuna?.version === 'string');
      await page.evaluate(() => {
        window.kizuna.identify('user-7', { plan: 'pro' });
        for (let i = 0; i < 5; i++) window.kizuna.track('Without Storage', { i });
        history.pushState({}, '', '/blocked/next');
      });
      // A retry still works from memory.
      collector.setFault({ failShare: 0.5, status: 503, retryAfter: '1' });
      await page.evaluate(() => window.kizuna.flush());
      await expectAllDelivered(collector, log, { timeoutMs: 10_000 });
      expect(log.find((m) => m.event === 'Without Storage')).toHaveLength(5);
      expect(collector.messages().filter((m) => m.type === 'page').map((m) => m.context?.page?.path)).toEqual(['/blocked', '/blocked/next']);
      expect(log.find((m) => m.event === 'Without Storage').every((m) => m.userId === 'user-7')).toBe(true);
      // The block was really in the SDK's way.
      expect(await page.evaluate(() => (window as Counted).__blocked)).toBeGreaterThan(0);
      errors.expectNone();
    });
  }
});
