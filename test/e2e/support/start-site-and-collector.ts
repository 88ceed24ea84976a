import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';
import { startRealCollector, USER_AGENT, type RealCollector } from './real-collector.js';
import { startRecordingCollector, type RecordingCollector } from './recording-collector.js';

/** What {@link startSiteAndCollector} starts. */
export interface SiteAndCollector {
  browser: Browser;
  /** Serves the pages (and dist/) from its site origin; the real collector allows that origin for the demo site. */
  site: RecordingCollector;
  real: RealCollector;
}

/**
 * Chromium, a recording collector for the site's pages, and the real collector (its data directory named after `name`),
 * started side by side. When one fails to start, those that did are stopped before the error is thrown.
 */
export async function startSiteAndCollector(name: string): Promise<SiteAndCollector> {
  if (!chromiumPath) throw new Error('Chromium is required for the e2e tests (set CHROMIUM_PATH or apt-get install chromium)');
  let browser: Browser | undefined;
  let site: RecordingCollector | undefined;
  let real: RealCollector | undefined;
  const started = await Promise.allSettled([
    // The user agent as a flag, not only per context: Playwright's per-context override does not reach a
    // keepalive request that outlives its page (the Link Clicked send of a navigation), which would then say
    // "HeadlessChrome" and be acknowledged but dropped as a bot.
    chromium.launch({ executablePath: chromiumPath, args: [...CHROMIUM_ARGS, `--user-agent=${USER_AGENT}`] }).then((b) => (browser = b)),
    startRecordingCollector().then((s) => (site = s)),
    startRealCollector({ name }).then((r) => (real = r)),
  ]);
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed || !browser || !site || !real) {
    await Promise.allSettled([browser?.close(), site?.close(), real?.stop()]);
    throw failed?.reason ?? new Error('startSiteAndCollector: a part did not start');
  }
  return { browser, site, real };
}
