import type { SqlDb } from '../store/sql-db.js';

/** How often the rollups' planner statistics are refreshed on PGlite. */
export const ANALYZE_EVERY_MS = 3_600_000;

const ROLLUPS = [
  'overview_days', 'overview_visitors', 'overview_visitor_days', 'overview_sessions', 'overview_pages', 'overview_sources',
  'overview_links', 'overview_vitals', 'overview_vitals_pages', 'overview_campaigns', 'overview_engagement',
];
const last = new WeakMap<SqlDb, number>();

/**
 * PGlite runs no autovacuum, so without this its planner never learns how big the rollups are and may pick a nested
 * loop over thousands of rows. At most once an hour per database, after the response is sent, ANALYZE the rollups
 * (a sample of each, milliseconds). PostgreSQL's autovacuum does this by itself.
 */
export function analyzeRollupsLater(db: SqlDb, now = Date.now()): void {
  if (db.kind !== 'pglite' || now - (last.get(db) ?? 0) < ANALYZE_EVERY_MS) return;
  last.set(db, now);
  setTimeout(() => {
    db.exec(`ANALYZE ${ROLLUPS.join(', ')}`).catch(() => last.delete(db));
  }, 0);
}
