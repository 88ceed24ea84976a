import type { SqlDb } from '../store/sql-db.js';

/** Events added per rebuild step: PGlite runs a step on the collector's own thread, so it keeps them short. */
export const REBUILD_STEP = { pglite: 2_000, postgres: 20_000 } as const;

/** The zone a site's rollups are in, and how far a rebuild has got (0–99 %), or null when none is running. */
export interface RollupState {
  timezone: string;
  rebuilding: number | null;
}

type Row = { timezone: string; rebuild_from: string | null; rebuild_next: string | null; rebuild_upto: string | null };
const running = new WeakMap<SqlDb, Set<string>>();

const percent = (r: Row): number | null => {
  if (r.rebuild_upto === null) return null;
  const from = Number(r.rebuild_from);
  const span = Number(r.rebuild_upto) - from + 1;
  return span > 0 ? Math.min(99, Math.floor((100 * (Number(r.rebuild_next) - from)) / span)) : 0;
};

/**
 * Adds the next chunk of a rebuild (events with ids from rebuild_next, at most `limit`) in one transaction holding the
 * site's overview_sites row, which ingest takes a key-share lock on (see the trigger in migration 4); ends the rebuild
 * when nothing is left. Returns whether there is more to do.
 */
export async function rebuildStep(db: SqlDb, siteId: string, limit: number = REBUILD_STEP[db.kind]): Promise<boolean> {
  return db.transaction(async (tx) => {
    const state = await tx.query<Row>('SELECT timezone, rebuild_from, rebuild_next, rebuild_upto FROM overview_sites WHERE site_id = $1 FOR UPDATE', [siteId]);
    const r = state.rows[0];
    if (!r || r.rebuild_upto === null) return false;
    const done = await tx.query<{ last: string | null }>('SELECT overview_backfill($1, $2, $3, $4) AS last', [siteId, r.rebuild_next, r.rebuild_upto, limit]);
    const last = done.rows[0]?.last ?? null;
    if (last === null || Number(last) >= Number(r.rebuild_upto)) {
      await tx.query('UPDATE overview_sites SET rebuild_from = NULL, rebuild_next = NULL, rebuild_upto = NULL WHERE site_id = $1', [siteId]);
      // Snapshots computed from partial rollups meanwhile are not kept.
      await tx.query('DELETE FROM overview_engagement WHERE site_id = $1', [siteId]);
      return false;
    }
    await tx.query('UPDATE overview_sites SET rebuild_next = $2 WHERE site_id = $1', [siteId, Number(last) + 1]);
    return true;
  });
}

/** Runs a site's rebuild to the end in the background, one step at a time, yielding between steps. */
function continueRebuild(db: SqlDb, siteId: string): void {
  const sites = running.get(db) ?? running.set(db, new Set()).get(db)!;
  if (sites.has(siteId)) return;
  sites.add(siteId);
  const next = (): void => {
    rebuildStep(db, siteId).then(
      (more) => (more ? setTimeout(next, 5) : sites.delete(siteId)),
      // The store closed or is busy: the next overview request picks the rebuild up again.
      () => sites.delete(siteId),
    );
  };
  setTimeout(next, 0);
}

/**
 * Makes the site's rollups follow its timezone. When the zone changed (or migration 4 left events to add), the rollups
 * are emptied and refilled from the events in the background, a chunk per transaction, while ingest goes on: events
 * stored meanwhile are counted once, by the trigger or by the rebuild (see rebuildStep). Until it ends, the overview
 * says how far it has got. A zone PostgreSQL does not know keeps the rollups as they are.
 */
export async function syncRollups(db: SqlDb, siteId: string, timezone: string): Promise<RollupState> {
  const read = async () =>
    (await db.query<Row & { wanted: string }>(
      `SELECT overview_zone($2) AS wanted, o.timezone, o.rebuild_from, o.rebuild_next, o.rebuild_upto
       FROM (SELECT 1) one LEFT JOIN overview_sites o ON o.site_id = $1`,
      [siteId, timezone],
    )).rows[0]!;
  let r = await read();
  const wanted = r.wanted;
  if (r.timezone === null) {
    await db.query('INSERT INTO overview_sites (site_id, timezone) VALUES ($1, $2) ON CONFLICT DO NOTHING', [siteId, wanted]);
    r = await read();
  }
  if (r.timezone !== wanted && wanted === timezone) {
    await db.transaction(async (tx) => {
      const locked = await tx.query<Row>('SELECT timezone FROM overview_sites WHERE site_id = $1 FOR UPDATE', [siteId]);
      if (locked.rows[0]?.timezone === wanted) return;
      await tx.query('SELECT overview_clear($1)', [siteId]);
      await tx.query(
        `UPDATE overview_sites o SET timezone = $2, rebuild_from = e.lo, rebuild_next = e.lo, rebuild_upto = e.hi
         FROM (SELECT min(id) AS lo, max(id) AS hi FROM events WHERE site_id = $1) e WHERE o.site_id = $1`,
        [siteId, wanted],
      );
    });
    r = await read();
  }
  if (r.rebuild_upto !== null) continueRebuild(db, siteId);
  return { timezone: r.timezone, rebuilding: percent(r) };
}
