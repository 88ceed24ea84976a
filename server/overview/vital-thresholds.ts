// No imports: the console reads these too.

/** The web vitals the SDK reports (src/core/report-vitals.ts). */
export type VitalMetric = 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB';

/**
 * The standard thresholds (web.dev): a value up to the first is good, up to the second needs improvement, above it is
 * poor. ms, CLS unitless. Migration 4's histogram buckets have an edge at each of them.
 */
export const VITAL_THRESHOLDS: Record<VitalMetric, readonly [number, number]> = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
};

/** The rating of a value by those thresholds. */
export function vitalRating(metric: VitalMetric, value: number): 'good' | 'needs-improvement' | 'poor' {
  const [good, poor] = VITAL_THRESHOLDS[metric];
  return value <= good ? 'good' : value <= poor ? 'needs-improvement' : 'poor';
}
