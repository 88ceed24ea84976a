import type { SqlRunner } from '../store/sql-db.js';
import type { LinkRow, Links, OverviewRange } from './overview-types.js';

type Row = Record<string, unknown>;

/** `Link Clicked` events of a range from the rollup: totals, the most clicked links, outbound links and downloads. */
export async function readLinks(db: SqlRunner, siteId: string, range: OverviewRange, limit: number): Promise<Links> {
  const result = await db.query<Row>(
    `WITH l AS (
       SELECT href, max(text) AS text, bool_or(outbound) AS outbound, bool_or(download) AS download, sum(clicks) AS clicks
       FROM overview_links WHERE site_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY href
     ), ranked AS (
       SELECT l.*, row_number() OVER (ORDER BY clicks DESC, href) AS r_all,
              row_number() OVER (PARTITION BY outbound ORDER BY clicks DESC, href) AS r_out,
              row_number() OVER (PARTITION BY download ORDER BY clicks DESC, href) AS r_down
       FROM l
     )
     SELECT href, text, outbound, download, clicks, r_all, r_out, r_down,
            (SELECT coalesce(sum(clicks), 0) FROM l) AS total,
            (SELECT coalesce(sum(clicks), 0) FROM l WHERE outbound) AS total_out,
            (SELECT coalesce(sum(clicks), 0) FROM l WHERE download) AS total_down
     FROM ranked WHERE r_all <= $4 OR (outbound AND r_out <= $4) OR (download AND r_down <= $4)
     ORDER BY clicks DESC, href`,
    [siteId, range.from, range.to, limit],
  );
  const rows = result.rows;
  const link = (r: Row): LinkRow => ({ href: String(r.href), text: String(r.text), outbound: r.outbound === true, download: r.download === true, clicks: Number(r.clicks) });
  const first = rows[0];
  return {
    totals: { clicks: Number(first?.total ?? 0), outbound: Number(first?.total_out ?? 0), downloads: Number(first?.total_down ?? 0) },
    top: rows.filter((r) => Number(r.r_all) <= limit).map(link),
    outbound: rows.filter((r) => r.outbound === true && Number(r.r_out) <= limit).map(link),
    downloads: rows.filter((r) => r.download === true && Number(r.r_down) <= limit).map(link),
  };
}
