import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from 'web-vitals';
import type { Properties } from '../types';

/**
 * Reports LCP, INP, CLS, FCP and TTFB as `Web Vital` events. Lives in the lazily loaded file, so web-vitals and
 * this code cost the first page view nothing; web-vitals reads buffered entries, so loading late loses nothing.
 */
export const reportVitals = (track: (event: string, props: Properties) => void): void => {
  const report = ({ name, value, rating, navigationType }: Metric) =>
    track('Web Vital', { name, value, rating, navigationType });
  for (const on of [onLCP, onINP, onCLS, onFCP, onTTFB]) on(report);
};
