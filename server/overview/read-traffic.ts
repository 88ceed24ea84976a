import type { SqlRunner } from '../store/sql-db.js';
import { rangeDays } from './overview-range.js';
import type { OverviewRange, Traffic, TrafficDay } from './overview-types.js';

type Row = Record<string, unknown>;
const n = (v: unknown): number => Number(v ?? 0);

/**
 * Traffic of a range from the rollups: per day visitors (new = first seen that day, the rest returning), sessions (by
 * the day they started) and page views; totals (visitors counted once over the range, new = first seen in it); the top
 * pages, referrers and UTM campaigns.
 */
export async function readTraffic(db: SqlRunner, siteId: string, range: OverviewRange, limit: number): Promise<Traffic> {
  const params = [siteId, range.from, range.to];
  const where = 'site_id = $1 AND day BETWEEN $2::date AND $3::date';
  const [days, fresh, totals, pages, referrers, campaigns] = await Promise.all([
    db.query<Row>(`SELECT day::text AS day, visitors, sessions, pageviews FROM overview_days WHERE ${where}`, params),
    db.query<Row>(
      // Seen that day (a retention purge may have removed their events of that day) and first seen then.
      `SELECT v.first_day::text AS day, count(*) AS n FROM overview_visitors v
       WHERE v.site_id = $1 AND v.first_day BETWEEN $2::date AND $3::date
         AND EXISTS (SELECT 1 FROM overview_visitor_days vd WHERE vd.site_id = v.site_id AND vd.day = v.first_day AND vd.visitor = v.visitor)
       GROUP BY v.first_day`,
      params,
    ),
    // New over the range: first seen on one of its days.
    db.query<Row>(
      `SELECT count(*) AS visitors, count(*) FILTER (WHERE v.first_day >= $2::date) AS new
       FROM (SELECT DISTINCT visitor FROM overview_visitor_days WHERE ${where}) r
       JOIN overview_visitors v ON v.site_id = $1 AND v.visitor = r.visitor`,
      params,
    ),
    db.query<Row>(
      `SELECT path, sum(views) AS views, sum(entries) AS entries FROM overview_pages WHERE ${where}
       GROUP BY path HAVING sum(views) > 0 ORDER BY sum(views) DESC, sum(entries) DESC, path LIMIT $4`,
      [...params, limit],
    ),
    db.query<Row>(
      `SELECT source, sum(sessions) AS sessions FROM overview_sources WHERE ${where} GROUP BY source ORDER BY sum(sessions) DESC, source LIMIT $4`,
      [...params, limit],
    ),
    db.query<Row>(
      `SELECT utm_campaign, utm_source, utm_medium, sum(sessions) AS sessions FROM overview_sources
       WHERE ${where} AND (utm_campaign <> '' OR utm_source <> '' OR utm_medium <> '')
       GROUP BY utm_campaign, utm_source, utm_medium ORDER BY sum(sessions) DESC, utm_campaign, utm_source, utm_medium LIMIT $4`,
      [...params, limit],
    ),
  ]);
  const byDay = new Map(days.rows.map((r) => [String(r.day), r]));
  const newByDay = new Map(fresh.rows.map((r) => [String(r.day), n(r.n)]));
  const daily: TrafficDay[] = rangeDays(range).map((day) => {
    const r = byDay.get(day);
    const visitors = n(r?.visitors);
    const newVisitors = newByDay.get(day) ?? 0;
    return { day, visitors, newVisitors, returningVisitors: visitors - newVisitors, sessions: n(r?.sessions), pageviews: n(r?.pageviews) };
  });
  const visitors = n(totals.rows[0]?.visitors);
  const newVisitors = n(totals.rows[0]?.new);
  return {
    totals: {
      visitors,
      newVisitors,
      returningVisitors: visitors - newVisitors,
      sessions: daily.reduce((a, d) => a + d.sessions, 0),
      pageviews: daily.reduce((a, d) => a + d.pageviews, 0),
    },
    daily,
    pages: pages.rows.map((r) => ({ path: String(r.path), views: n(r.views), entries: n(r.entries) })),
    referrers: referrers.rows.map((r) => ({ source: String(r.source), sessions: n(r.sessions) })),
    campaigns: campaigns.rows.map((r) => ({ campaign: String(r.utm_campaign), source: String(r.utm_source), medium: String(r.utm_medium), sessions: n(r.sessions) })),
  };
}
