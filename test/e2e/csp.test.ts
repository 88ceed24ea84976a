import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { expectAllDelivered } from './support/expect-delivered.js';
import { setupE2E, type E2EContext } from './support/setup-e2e.js';

/** Reports every CSP violation as a console error, which the error watch then fails the test on. */
async function reportViolations(ctx: E2EContext) {
  await ctx.context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
}

/** True when the page really enforces a CSP without 'unsafe-inline' (checked last: the check itself is a violation). */
const inlineBlocked = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { inlineRan?: boolean };
    const s = document.createElement('script');
    s.textContent = 'window.inlineRan = true';
    document.head.append(s);
    return !w.inlineRan;
  });

describe.skipIf(skipWithoutChromium)('strict Content-Security-Policy, in Chromium', () => {
  const e2e = setupE2E();

  async function runPage(ctx: E2EContext, path: string) {
    const { collector } = e2e;
    const page = await ctx.newPage();
    const response = await page.goto(collector.origin + path);
    expect(response?.headers()['content-security-policy']).toBeTruthy();
    await page.waitForFunction(() => typeof window.kizuna?.version === 'string');
    await page.evaluate(() => {
      window.kizuna.track('Under CSP', { ok: true });
      history.pushState({}, '', location.pathname + '/next');
    });
    await collector.waitFor(() => collector.gets.includes('site /dist/kizuna-vitals.js'), 'kizuna-vitals.js');
    await ctx.log.waitFor((seen) => seen.some((s) => s.message.event === 'Web Vital'), 'a web vital');
    await page.evaluate(() => window.kizuna.flush());
    await expectAllDelivered(collector, ctx.log);
    expect(ctx.log.find((m) => m.event === 'Under CSP')).toHaveLength(1);
    expect(collector.messages().filter((m) => m.type === 'page')).toHaveLength(2);
    return page;
  }

  it("works under script-src and connect-src allow-lists with no 'unsafe-inline' or 'unsafe-eval', vitals included", async () => {
    const { collector } = e2e;
    const ctx = await e2e.open();
    await reportViolations(ctx);
    const csp = [
      "default-src 'none'",
      `script-src ${collector.origin}/dist/ ${collector.origin}/pages/probe.js`,
      `connect-src ${collector.endpoint}`,
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    e2e.servePage('/csp', {}, { 'content-security-policy': csp });
    const page = await runPage(ctx, '/csp');
    ctx.errors.expectNone();
    expect(await inlineBlocked(page)).toBe(true);
  });

  it('works under a nonce-only script-src: the lazily loaded vitals file carries the tag’s nonce', async () => {
    const { collector } = e2e;
    const ctx = await e2e.open();
    await reportViolations(ctx);
    const nonce = 'k1zuna-e2e-n0nce';
    const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `connect-src ${collector.endpoint}`].join('; ');
    e2e.servePage('/csp-nonce', { nonce }, { 'content-security-policy': csp });
    const page = await runPage(ctx, '/csp-nonce');
    ctx.errors.expectNone();
    expect(await inlineBlocked(page)).toBe(true);
  });
});
