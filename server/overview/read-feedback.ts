import type { SqlRunner } from '../store/sql-db.js';
import { RANGE_INSTANTS } from './read-conversations.js';
import type { FeedbackOverview, OverviewRange } from './overview-types.js';

type Row = Record<string, unknown>;
const RECENT = 10;

/**
 * Feedback given in the range: NPS (% promoters 9–10 − % detractors 0–6, rounded) over NPS answers, the average of star
 * answers, and the newest answers with a comment.
 */
export async function readFeedback(db: SqlRunner, siteId: string, range: OverviewRange): Promise<FeedbackOverview> {
  const params = [siteId, range.from, range.to, range.timezone];
  const inRange = `site_id = $1 AND created_at ${RANGE_INSTANTS.replace('%s', 'created_at')}`;
  const [summary, recent] = await Promise.all([
    db.query<Row>(
      `SELECT count(*) AS n,
              count(*) FILTER (WHERE scale = 'nps' AND rating >= 9) AS promoters,
              count(*) FILTER (WHERE scale = 'nps' AND rating BETWEEN 7 AND 8) AS passives,
              count(*) FILTER (WHERE scale = 'nps' AND rating <= 6) AS detractors,
              count(*) FILTER (WHERE scale = 'stars') AS stars, avg(rating) FILTER (WHERE scale = 'stars') AS average
       FROM feedback WHERE ${inRange}`,
      params,
    ),
    db.query<Row>(
      `SELECT id, scale, rating, comment, page->>'url' AS page, created_at FROM feedback
       WHERE ${inRange} AND comment IS NOT NULL ORDER BY created_at DESC, id LIMIT ${RECENT}`,
      params,
    ),
  ]);
  const r = summary.rows[0] ?? {};
  const promoters = Number(r.promoters ?? 0);
  const passives = Number(r.passives ?? 0);
  const detractors = Number(r.detractors ?? 0);
  const responses = promoters + passives + detractors;
  const stars = Number(r.stars ?? 0);
  return {
    count: Number(r.n ?? 0),
    nps: { score: responses ? Math.round(((promoters - detractors) / responses) * 100) : null, promoters, passives, detractors, responses },
    stars: { average: stars ? Math.round(Number(r.average) * 100) / 100 : null, responses: stars },
    recent: recent.rows.map((f) => ({
      id: String(f.id),
      scale: f.scale === 'nps' ? 'nps' : 'stars',
      rating: Number(f.rating),
      comment: String(f.comment),
      page: f.page === null || f.page === undefined ? null : String(f.page),
      createdAt: (f.created_at instanceof Date ? f.created_at : new Date(String(f.created_at))).toISOString(),
    })),
  };
}
