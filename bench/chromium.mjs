// Debian's Chromium through playwright-core, launched the same way for every section of the benchmark.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

/** CHROMIUM_PATH, else `command -v chromium`; throws with the fix when there is none. */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: set CHROMIUM_PATH or apt-get install chromium');
  }
}

/**
 * Launches headless Chromium and works out an ordinary desktop user agent for it: the same version with
 * "HeadlessChrome" replaced, since the Kizuna collector and PostHog drop headless browsers as bots.
 * @returns {Promise<{browser: import('playwright-core').Browser, userAgent: string}>}
 */
export async function launchChromium() {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext();
  const userAgent = (await (await context.newPage()).evaluate(() => navigator.userAgent)).replace('HeadlessChrome', 'Chrome');
  await context.close();
  return { browser, userAgent };
}
