import type { SqlRunner } from '../store/sql-db.js';
import type { Conversations, DurationStats, OverviewRange } from './overview-types.js';

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const tenth = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/** The range as instants: from the start of `from` to the end of `to` in the range's timezone ($2, $3, $4). */
export const RANGE_INSTANTS = `>= ($2::date::timestamp AT TIME ZONE $4) AND %s < (($3::date + 1)::timestamp AT TIME ZONE $4)`;

/**
 * Chat conversations started in the range: how many, the operator's first-response time and the time to close
 * (p50 and p90, interpolated, in seconds to a tenth), and CSAT from the visitors' 1–5 ratings.
 */
export async function readConversations(db: SqlRunner, siteId: string, range: OverviewRange): Promise<Conversations> {
  const result = await db.query<Row>(
    `WITH c AS (
       SELECT extract(epoch FROM first_response_at - first_visitor_at) AS first_response,
              CASE WHEN status = 'closed' THEN extract(epoch FROM closed_at - created_at) END AS resolution, rating
       FROM conversations WHERE site_id = $1 AND created_at ${RANGE_INSTANTS.replace('%s', 'created_at')}
     )
     SELECT count(*) AS n,
            count(first_response) AS fr_n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response) AS fr_50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY first_response) AS fr_90,
            count(resolution) AS res_n,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution) AS res_50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY resolution) AS res_90,
            count(rating) AS rated, avg(rating) AS average, count(*) FILTER (WHERE rating >= 4) AS satisfied
     FROM c`,
    [siteId, range.from, range.to, range.timezone],
  );
  const r = result.rows[0] ?? {};
  const stats = (count: unknown, p50: unknown, p90: unknown): DurationStats => ({ count: Number(count ?? 0), p50: tenth(p50), p90: tenth(p90) });
  const rated = Number(r.rated ?? 0);
  return {
    count: Number(r.n ?? 0),
    firstResponse: stats(r.fr_n, r.fr_50, r.fr_90),
    resolution: stats(r.res_n, r.res_50, r.res_90),
    csat: {
      responses: rated,
      average: rated ? Math.round((num(r.average) ?? 0) * 100) / 100 : null,
      satisfied: rated ? Math.round((Number(r.satisfied) / rated) * 100) : null,
    },
  };
}
