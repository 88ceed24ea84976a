import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchChromium, type LaunchChromiumOptions } from './chromium.js';
import { recordEvents, type EventLog } from './event-log.js';
import { kizunaPage, type KizunaPageOptions } from './kizuna-page.js';
import { watchPageErrors, type PageErrors } from './page-errors.js';
import { DIST_DIR, startRecordingCollector, type RecordingCollector } from './recording-collector.js';

/** One test's browser context with its event log and error watch. */
export interface E2EContext {
  context: BrowserContext;
  /** Every message the SDK created in any page of this context. */
  log: EventLog;
  /** Page errors and console errors of every page of this context. */
  errors: PageErrors;
  /** Opens a new tab in this context. */
  newPage(): Promise<Page>;
}

/** Handle returned by setupE2E: the file's browser and collector, and a per-test context factory. */
export interface E2E {
  readonly browser: Browser;
  readonly collector: RecordingCollector;
  /** This test's site write key: unique per test, so late sends of an earlier test's pages are not counted. */
  readonly writeKey: string;
  /** Serves a page with the script tag at `path` on the site origin, for this test's key and collector; returns its URL. */
  servePage(path: string, options?: Omit<KizunaPageOptions, 'endpoint'>, headers?: Record<string, string>): string;
  /** A fresh context (fresh IndexedDB and localStorage) recording events and errors; closed after the test. */
  open(options?: BrowserContextOptions): Promise<E2EContext>;
}

/**
 * Registers the hooks of an e2e file: one browser and one recording collector per file, a cleared collector
 * and fresh contexts per test. Fails early with a clear message when the SDK has not been built.
 */
export function setupE2E(options: LaunchChromiumOptions = {}): E2E {
  let browser: Browser | undefined;
  let collector: RecordingCollector | undefined;
  const open: BrowserContext[] = [];
  let tests = 0;
  let writeKey = '';

  beforeAll(async () => {
    for (const file of ['kizuna.js', 'kizuna-vitals.js']) {
      if (!existsSync(join(DIST_DIR, file))) throw new Error(`${join(DIST_DIR, file)} is missing: run npm run build:sdk`);
    }
    [browser, collector] = await Promise.all([launchChromium(options), startRecordingCollector()]);
  });
  beforeEach(() => {
    writeKey = `pk_e2e_${++tests}`;
    collector?.clear(writeKey);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close().catch(() => {})));
  });
  afterAll(async () => {
    await browser?.close();
    await collector?.close();
  });

  return {
    get browser() {
      if (!browser) throw new Error('browser not launched');
      return browser;
    },
    get collector() {
      if (!collector) throw new Error('collector not started');
      return collector;
    },
    get writeKey() {
      return writeKey;
    },
    servePage(path, options = {}, headers) {
      const c = this.collector;
      const html = kizunaPage({ writeKey, ...options, endpoint: c.endpoint });
      return c.servePage(path, headers ? { html, headers } : html);
    },
    async open(contextOptions = {}) {
      const context = await this.browser.newContext(contextOptions);
      open.push(context);
      const errors = watchPageErrors(context);
      const log = await recordEvents(context);
      return { context, log, errors, newPage: () => context.newPage() };
    },
  };
}
