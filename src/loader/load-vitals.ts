import type { Properties } from '../types';
import type { reportVitals } from '../core/report-vitals';
import { loadChunk } from './load-chunk';

declare const __ESM__: boolean;

/**
 * Loads the web-vitals reporter and starts it with `track`. The ESM build lets the site's bundler split it out
 * with `import()`; the script-tag build loads `kizuna-vitals.js`. A blocked load just means no vitals.
 */
export const loadVitals = (track: (event: string, props: Properties) => void, assets?: string, nonce?: string): void =>
  __ESM__
    ? void import('../core/report-vitals').then((m) => m.reportVitals(track), () => {})
    : loadChunk<typeof reportVitals>('Vitals', assets, nonce, (report) => report(track));
