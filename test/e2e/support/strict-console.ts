import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchPageErrors, type PageErrors } from './page-errors.js';
import { USER_AGENT, type RealCollector } from './real-collector.js';

const ROOT = join(__dirname, '../../..');

/** The policy the console pages are served with in the e2e tests: any inline script or style shows as an error. */
export const CONSOLE_CSP = "default-src 'self'";

/** Throws, naming the file, unless every build output (paths from the repository root) exists. */
export function assertBuilt(files: readonly string[]): void {
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run npm run build`);
  }
}

/**
 * A fresh context (a browser's user agent, the given viewport) whose console pages carry {@link CONSOLE_CSP}, watched
 * for page and console errors. It is pushed onto `contexts`, for the test's afterEach to close.
 */
export async function openStrictConsole(
  browser: Browser,
  contexts: BrowserContext[],
  viewport: { width: number; height: number },
): Promise<{ context: BrowserContext; errors: PageErrors }> {
  const context = await browser.newContext({ userAgent: USER_AGENT, viewport });
  contexts.push(context);
  await context.route(/\/console(\/|$)/, async (route) => {
    try {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CONSOLE_CSP } });
    } catch {
      // The context closed (end of the test) while a console file was still loading: nothing left to check.
    }
  });
  return { context, errors: watchPageErrors(context) };
}

/** Opens `path` of the collector's console, signs in with its operator token, and waits for the console's navigation. */
export async function signInToConsole(page: Page, collector: RealCollector, path: string): Promise<void> {
  await page.goto(`${collector.origin}${path}`);
  await page.getByLabel('Operator token').fill(collector.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
}
