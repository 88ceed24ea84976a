import type { Properties } from '../types';
import type { reportVitals } from '../core/report-vitals';

declare const __ESM__: boolean;

/** Global the lazily loaded kizuna-vitals.js hands its reporter to (IIFE files cannot share chunks). */
export const VITALS_GLOBAL = '__kizunaVitals';

/**
 * Loads the web-vitals reporter and starts it with `track`. The ESM build lets the site's bundler split it out
 * with `import()`; the script-tag build injects `kizuna-vitals.js` from its own directory, with the tag's CSP
 * nonce. A blocked load (CSP, offline) just means no vitals.
 */
export const loadVitals = (track: (event: string, props: Properties) => void, assets = '', nonce?: string): void => {
  const start = (report: typeof reportVitals) => report(track);
  if (__ESM__) void import('../core/report-vitals').then((m) => start(m.reportVitals), () => {});
  else {
    (window as unknown as Record<string, unknown>)[VITALS_GLOBAL] = start;
    const s = document.createElement('script');
    s.src = assets + 'kizuna-vitals.js';
    if (nonce) s.nonce = nonce;
    document.head.appendChild(s);
  }
};
