import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** True under CI, where a missing browser must fail the run instead of skipping it. */
export const isCI = process.env.CI === 'true';

/** Flags for Debian's Chromium: headless, no sandbox (root in a container), nothing that phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const found = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
    return found || undefined;
  } catch {
    return undefined;
  }
}

/** Absolute path of the Chromium binary (CHROMIUM_PATH or `command -v chromium`), if any. */
export const chromiumPath = findChromium();

/**
 * True when the e2e files must be skipped: no browser here and not under CI.
 * Under CI=true a missing browser is not skipped, so launchChromium() fails the run loudly.
 */
export const skipWithoutChromium = !chromiumPath && !isCI;

if (!chromiumPath) {
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!!! Chromium not found (CHROMIUM_PATH unset and no \`chromium\` on PATH).\n` +
      (isCI
        ? '!!! CI=true: the end-to-end tests will FAIL. Install it: apt-get install chromium\n'
        : '!!! The end-to-end tests in test/e2e are SKIPPED. Install it: apt-get install chromium\n') +
      `${line}\n`,
  );
}

/** Options for launchChromium. */
export interface LaunchChromiumOptions {
  /**
   * Keep the back/forward cache on. Playwright turns it off by default
   * (--disable-back-forward-cache), which would hide bfcache restores from the SDK.
   */
  bfcache?: boolean;
  /**
   * The browser-wide user agent (a command-line flag). Tests against the real collector need a normal one: it drops
   * HeadlessChrome as a bot, and Playwright's per-context user agent does not reach a keepalive request that
   * outlives its page (events sent on pagehide), which would then be acknowledged but not stored.
   */
  userAgent?: string;
}

/** Launches Debian's Chromium through playwright-core; one browser per test file, new contexts per test. */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  if (!chromiumPath) {
    throw new Error('Chromium is required for the e2e tests (set CHROMIUM_PATH or apt-get install chromium)');
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: options.userAgent ? [...CHROMIUM_ARGS, `--user-agent=${options.userAgent}`] : CHROMIUM_ARGS,
    ...(options.bfcache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
  });
}
