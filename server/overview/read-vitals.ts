import type { SqlRunner } from '../store/sql-db.js';
import { nearestRank } from './nearest-rank.js';
import type { OverviewRange, VitalName, Vitals, VitalSummary } from './overview-types.js';
import { vitalRating } from './vital-thresholds.js';

/** The metrics in the order the console shows them. */
export const VITAL_NAMES: VitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'];
/** Pages listed with their own p75s. */
const VITAL_PAGES = 10;

type Row = Record<string, unknown>;
type Bin = { value: number; count: number };

/** Adds a stored histogram ({"2600": 3, …}) into `into`. */
function addHist(into: Map<number, number>, hist: unknown): void {
  const h = (typeof hist === 'string' ? JSON.parse(hist) : hist) as Record<string, number>;
  for (const [value, count] of Object.entries(h)) into.set(Number(value), (into.get(Number(value)) ?? 0) + Number(count));
}
const bins = (hist: Map<number, number> | undefined): Bin[] => [...(hist ?? [])].map(([value, count]) => ({ value, count }));

/**
 * Web vitals of a range from the histogram rollups: per metric the p75 (nearest rank over values rounded up to two
 * significant digits) and the shares of good / needs improvement / poor samples (exact: every threshold is a bucket
 * edge); per page (the ten with the most samples) the p75 of each metric, in the coarser per-page buckets.
 */
export async function readVitals(db: SqlRunner, siteId: string, range: OverviewRange): Promise<Vitals> {
  const params = [siteId, range.from, range.to];
  const [metricRows, pageRows] = await Promise.all([
    db.query<Row>(`SELECT metric, hist FROM overview_vitals WHERE site_id = $1 AND day BETWEEN $2::date AND $3::date`, params),
    db.query<Row>(
      `WITH top AS (
         SELECT path, sum(n) AS samples FROM overview_vitals_pages WHERE site_id = $1 AND day BETWEEN $2::date AND $3::date
         GROUP BY path ORDER BY sum(n) DESC, path LIMIT $4
       )
       SELECT v.path, v.metric, v.hist, top.samples FROM overview_vitals_pages v JOIN top ON top.path = v.path
       WHERE v.site_id = $1 AND v.day BETWEEN $2::date AND $3::date`,
      [...params, VITAL_PAGES],
    ),
  ]);
  const byMetric = new Map<string, Map<number, number>>();
  for (const r of metricRows.rows) {
    const metric = String(r.metric);
    addHist(byMetric.get(metric) ?? byMetric.set(metric, new Map()).get(metric)!, r.hist);
  }
  const byPage = new Map<string, { samples: number; metrics: Map<string, Map<number, number>> }>();
  for (const r of pageRows.rows) {
    const page = byPage.get(String(r.path)) ?? { samples: Number(r.samples), metrics: new Map() };
    byPage.set(String(r.path), page);
    const metric = String(r.metric);
    addHist(page.metrics.get(metric) ?? page.metrics.set(metric, new Map()).get(metric)!, r.hist);
  }
  const metrics: VitalSummary[] = VITAL_NAMES.map((name) => {
    const counts = { good: 0, 'needs-improvement': 0, poor: 0 };
    for (const b of bins(byMetric.get(name))) counts[vitalRating(name, b.value)] += b.count;
    const samples = counts.good + counts['needs-improvement'] + counts.poor;
    const share = (n: number) => (samples ? n / samples : 0);
    return {
      name,
      samples,
      p75: nearestRank(bins(byMetric.get(name)), 0.75),
      good: share(counts.good),
      needsImprovement: share(counts['needs-improvement']),
      poor: share(counts.poor),
    };
  });
  const pages = [...byPage]
    .map(([path, page]) => ({
      path,
      samples: page.samples,
      p75: Object.fromEntries(VITAL_NAMES.map((name) => [name, nearestRank(bins(page.metrics.get(name)), 0.75)])) as Record<VitalName, number | null>,
    }))
    .sort((a, b) => b.samples - a.samples || (a.path < b.path ? -1 : 1));
  return { metrics, pages };
}
