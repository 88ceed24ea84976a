import type { SqlRunner } from '../store/sql-db.js';
import { nearestRank } from './nearest-rank.js';
import type { OverviewRange, VitalName, Vitals, VitalSummary } from './overview-types.js';

/** The metrics in the order the console shows them. */
export const VITAL_NAMES: VitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'];
/** Pages listed with their own p75s. */
const VITAL_PAGES = 10;

type Row = Record<string, unknown>;
type Bin = { value: number; count: number };

const emptyP75 = (): Record<VitalName, number | null> => ({ LCP: null, INP: null, CLS: null, FCP: null, TTFB: null });

/**
 * Web vitals of a range from the rollup: per metric the p75 (nearest rank over values kept to two significant digits)
 * and the shares of good / needs improvement / poor samples (rated on the exact value with the standard thresholds);
 * per page (the pages with the most samples) the p75 of each metric.
 */
export async function readVitals(db: SqlRunner, siteId: string, range: OverviewRange): Promise<Vitals> {
  // One pass: metric-level bins (path NULL) and page-level bins for the busiest pages.
  const result = await db.query<Row>(
    `WITH v AS (
       SELECT path, metric, value, rating, sum(n) AS n FROM overview_vitals
       WHERE site_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY path, metric, value, rating
     ), top AS (
       SELECT path, sum(n) AS samples FROM v GROUP BY path ORDER BY sum(n) DESC, path LIMIT $4
     )
     SELECT NULL AS path, metric, value::float8 AS value, rating, sum(n) AS n, NULL AS samples FROM v GROUP BY metric, value, rating
     UNION ALL
     SELECT v.path, v.metric, v.value::float8, NULL, sum(v.n), max(top.samples) FROM v JOIN top ON top.path = v.path GROUP BY v.path, v.metric, v.value`,
    [siteId, range.from, range.to, VITAL_PAGES],
  );
  const metricBins = new Map<string, Bin[]>();
  const ratings = new Map<string, { good: number; needsImprovement: number; poor: number }>();
  const pageBins = new Map<string, { samples: number; bins: Map<string, Bin[]> }>();
  for (const r of result.rows) {
    const metric = String(r.metric);
    const bin = { value: Number(r.value), count: Number(r.n) };
    if (r.path === null) {
      (metricBins.get(metric) ?? metricBins.set(metric, []).get(metric)!).push(bin);
      const counts = ratings.get(metric) ?? { good: 0, needsImprovement: 0, poor: 0 };
      if (r.rating === 'good') counts.good += bin.count;
      else if (r.rating === 'needs-improvement') counts.needsImprovement += bin.count;
      else counts.poor += bin.count;
      ratings.set(metric, counts);
    } else {
      const page = pageBins.get(String(r.path)) ?? { samples: Number(r.samples), bins: new Map<string, Bin[]>() };
      pageBins.set(String(r.path), page);
      (page.bins.get(metric) ?? page.bins.set(metric, []).get(metric)!).push(bin);
    }
  }
  const share = (part: number, total: number) => (total ? part / total : 0);
  const metrics: VitalSummary[] = VITAL_NAMES.map((name) => {
    const c = ratings.get(name) ?? { good: 0, needsImprovement: 0, poor: 0 };
    const samples = c.good + c.needsImprovement + c.poor;
    return {
      name,
      samples,
      p75: nearestRank(metricBins.get(name) ?? [], 0.75),
      good: share(c.good, samples),
      needsImprovement: share(c.needsImprovement, samples),
      poor: share(c.poor, samples),
    };
  });
  const pages = [...pageBins]
    .map(([path, page]) => {
      const p75 = emptyP75();
      for (const name of VITAL_NAMES) p75[name] = nearestRank(page.bins.get(name) ?? [], 0.75);
      return { path, samples: page.samples, p75 };
    })
    .sort((a, b) => b.samples - a.samples || (a.path < b.path ? -1 : 1));
  return { metrics, pages };
}
