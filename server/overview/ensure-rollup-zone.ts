import type { SqlDb } from '../store/sql-db.js';

/** Events added per statement while rebuilding (each statement stays well under the statement timeout). */
const REBUILD_CHUNK = 20_000;

/**
 * The timezone the site's rollups are in, after making it the site's own: a site whose timezone changed since its
 * rollups were built (migration 4 records the zone in overview_sites) gets them rebuilt from its events in that zone,
 * in one transaction, chunk by chunk. Ingest waits meanwhile (the trigger takes a key-share lock on the overview_sites
 * row that the rebuild holds for update), so no event is counted in the old zone. A zone PostgreSQL does not know
 * keeps the rollups as they are.
 */
export async function ensureRollupZone(db: SqlDb, siteId: string, timezone: string): Promise<string> {
  const zone = await db.query<{ tz: string; built: string | null }>(
    `SELECT overview_zone($2) AS tz, (SELECT timezone FROM overview_sites WHERE site_id = $1) AS built`,
    [siteId, timezone],
  );
  const wanted = zone.rows[0]!.tz;
  const built = zone.rows[0]!.built;
  if (built === wanted) return built;
  if (built !== null && wanted !== timezone) return built;
  return db.transaction(async (tx) => {
    await tx.query('INSERT INTO overview_sites (site_id, timezone) VALUES ($1, $2) ON CONFLICT DO NOTHING', [siteId, wanted]);
    const locked = await tx.query<{ timezone: string }>('SELECT timezone FROM overview_sites WHERE site_id = $1 FOR UPDATE', [siteId]);
    if (locked.rows[0]!.timezone === wanted) return wanted;
    await tx.query('UPDATE overview_sites SET timezone = $2 WHERE site_id = $1', [siteId, wanted]);
    await tx.query('SELECT overview_clear($1)', [siteId]);
    let after = 0;
    for (;;) {
      const next = await tx.query<{ last: string | null }>('SELECT overview_backfill($1, $2, $3) AS last', [siteId, after, REBUILD_CHUNK]);
      const last = next.rows[0]?.last;
      if (last === null || last === undefined) break;
      after = Number(last);
    }
    return wanted;
  });
}
