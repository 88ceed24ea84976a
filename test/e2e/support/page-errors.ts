import type { BrowserContext, ConsoleMessage } from 'playwright-core';

/** Errors a page raised, collected for one browser context. */
export interface PageErrors {
  /** Uncaught exceptions and unhandled rejections ("pageerror"), and console errors other than network noise. */
  readonly errors: string[];
  /** Throws with every collected error when there is any. */
  expectNone(): void;
}

// Chromium itself logs failed and non-2xx requests as console errors; those are the fault the test injected,
// not something the page or the SDK did.
const NETWORK_NOISE = /^Failed to load resource:/;

/** Watches every page of `context` (existing and future) for page errors and console errors. */
export function watchPageErrors(context: BrowserContext): PageErrors {
  const errors: string[] = [];
  context.on('weberror', (e) => {
    const err = e.error();
    errors.push(`pageerror on ${e.page()?.url() ?? '?'}: ${err.stack ?? err.message}`);
  });
  context.on('console', (msg: ConsoleMessage) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (NETWORK_NOISE.test(text)) return;
    errors.push(`console.error on ${msg.page()?.url() ?? '?'}: ${text}`);
  });
  return {
    errors,
    expectNone() {
      if (errors.length) throw new Error(`the page raised ${errors.length} error(s):\n${errors.join('\n')}`);
    },
  };
}
