import type { VitalName } from '../overview/overview-types';
import { vitalRating as rate } from '../overview/vital-thresholds';

/** A count as the Overview shows it: 12,345. */
export const count = (n: number): string => n.toLocaleString('en');

/** A share (0–1) as a percentage: 0.256 → "26 %"; "—" when unknown. */
export const percent = (share: number | null | undefined): string =>
  share === null || share === undefined || !Number.isFinite(share) ? '—' : `${Math.round(share * 100)} %`;

/** A web vital's value with its unit: LCP 2500 → "2.5 s", INP 180 → "180 ms", CLS 0.05 → "0.05"; "—" when unknown. */
export function vitalValue(name: VitalName, value: number | null): string {
  if (value === null) return '—';
  if (name === 'CLS') return String(value);
  return value >= 1000 ? `${(value / 1000).toFixed(value % 1000 === 0 ? 0 : 1).replace(/\.0$/, '')} s` : `${value} ms`;
}

/** The rating of a value by the standard thresholds (server/overview/vital-thresholds.ts); null when unknown. */
export function vitalRating(name: VitalName, value: number | null): 'good' | 'needs-improvement' | 'poor' | null {
  return value === null ? null : rate(name, value);
}

/** What each metric measures, for the table's first column. */
export const VITAL_LABELS: Record<VitalName, string> = {
  LCP: 'Largest Contentful Paint',
  INP: 'Interaction to Next Paint',
  CLS: 'Cumulative Layout Shift',
  FCP: 'First Contentful Paint',
  TTFB: 'Time to First Byte',
};
