import { createHash } from 'node:crypto';
import type { ScoreSettings } from '../../src/shared/engagement-score.js';
import { SCORE_HISTORY_HALF_LIVES } from '../campaigns/people-scores.js';
import type { SqlDb } from '../store/sql-db.js';
import { foldEngagement, type DayPoints, type EngagementSnapshot } from './fold-engagement.js';
import { addDays, localDate, rangeDays } from './overview-range.js';
import type { Engagement, OverviewRange } from './overview-types.js';

/** How long today's snapshot is reused before it is computed again. */
export const TODAY_SNAPSHOT_MS = 5 * 60_000;

type Row = Record<string, unknown>;

/**
 * Each day's signals per person, weighted: page views, sessions, links and contacts from the visitor-day rollup, as one
 * JSON array of [days since 2000-01-01, person, points] — a site with a million events has ~100 000 of these, and one
 * value crosses from the database four times faster than that many rows.
 */
const SIGNALS_SQL = `
  SELECT coalesce(json_agg(json_build_array(day - DATE '2000-01-01', person, points)), '[]')::text AS signals FROM (
    SELECT vd.day, coalesce(i.person_id, vd.visitor) AS person,
           sum($4::float8 * vd.sessions + $5::float8 * vd.pageviews + $6::float8 * vd.links + $7::float8 * vd.contacts) AS points
    FROM overview_visitor_days vd
    LEFT JOIN identities i ON i.site_id = vd.site_id AND i.kind = CASE WHEN vd.visitor LIKE 'a:%' THEN 'anonymous' ELSE 'user' END
                          AND i.value = substr(vd.visitor, 3)
    WHERE vd.site_id = $1 AND vd.day BETWEEN $2::date AND $3::date
      AND (vd.sessions > 0 OR vd.pageviews > 0 OR vd.links > 0 OR vd.contacts > 0)
    GROUP BY 1, 2) x`;

// Conversions are few and depend on settings (which events, which value property): read from the events, by the
// (site_id, event, timestamp) index of migration 3 (= ANY of an array, which the planner estimates; an IN over
// jsonb_array_elements_text made it scan every event).
const CONVERSIONS_SQL = `
  SELECT (e.timestamp AT TIME ZONE $4)::date::text AS day,
         coalesce(ia.person_id, iu.person_id, 'a:' || e.anonymous_id, 'u:' || e.user_id) AS person, e.properties->$6 AS value
  FROM events e
  LEFT JOIN identities ia ON ia.site_id = e.site_id AND ia.kind = 'anonymous' AND ia.value = e.anonymous_id
  LEFT JOIN identities iu ON iu.site_id = e.site_id AND iu.kind = 'user' AND iu.value = e.user_id
  WHERE e.site_id = $1 AND e.type = 'track' AND e.event = ANY($5::text[])
    AND e.timestamp >= ($2::date::timestamp AT TIME ZONE $4) AND e.timestamp < (($3::date + 1)::timestamp AT TIME ZONE $4)`;

/** A key that changes whenever the settings that shape a score change. */
export function settingsKey(settings: ScoreSettings): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex').slice(0, 24);
}

/** Computes the snapshots of `days` (consecutive) from the rollups. */
async function computeSnapshots(db: SqlDb, siteId: string, timezone: string, days: string[], settings: ScoreSettings): Promise<Map<string, EngagementSnapshot>> {
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const since = addDays(first, -Math.ceil(SCORE_HISTORY_HALF_LIVES * settings.halfLifeDays));
  const w = settings.weights;
  const [signals, conversions, people] = await Promise.all([
    db.query<Row>(SIGNALS_SQL, [siteId, since, last, w.session, w.page, w.link, w.contact]),
    settings.conversionEvents.length
      ? db.query<Row>(CONVERSIONS_SQL, [siteId, since, last, timezone, settings.conversionEvents, settings.valueProperty])
      : Promise.resolve({ rows: [] as Row[] }),
    db.query<Row>(
      `SELECT (first_seen AT TIME ZONE $3)::date::text AS day, count(*) AS n FROM people
       WHERE site_id = $1 AND first_seen < (($2::date + 1)::timestamp AT TIME ZONE $3) GROUP BY 1`,
      [siteId, last, timezone],
    ),
  ]);
  const dates = new Map<number, string>();
  const dateOf = (n: number) => dates.get(n) ?? dates.set(n, addDays('2000-01-01', n)).get(n)!;
  const points: DayPoints[] = (JSON.parse(String(signals.rows[0]?.signals ?? '[]')) as [number, string, number][]).map(([day, person, p]) => ({
    day: dateOf(day),
    person,
    points: Number(p),
  }));
  for (const r of conversions.rows) {
    // As src/shared/engagement-score: the conversion weight, plus its value (when a finite number) capped, times the value weight.
    const value = Number(r.value);
    const capped = Math.min(Math.max(Number.isFinite(value) ? value : 0, 0), settings.valueCap);
    points.push({ day: String(r.day), person: String(r.person), points: w.conversion + capped * w.value });
  }
  const newPeople = people.rows.map((r) => ({ day: String(r.day), n: Number(r.n) })).sort((a, b) => (a.day < b.day ? -1 : 1));
  const knownPeople = (day: string) => newPeople.reduce((sum, p) => (p.day <= day ? sum + p.n : sum), 0);
  return foldEngagement(points, days, settings, knownPeople);
}

async function storeSnapshots(db: SqlDb, siteId: string, key: string, computed: Map<string, EngagementSnapshot>): Promise<void> {
  await db.query(
    `INSERT INTO overview_engagement (site_id, day, settings, snapshot, computed_at)
     SELECT $1, s.day::date, $2, s.snapshot, now() FROM jsonb_to_recordset($3::jsonb) AS s(day text, snapshot jsonb)
     ON CONFLICT (site_id, day) DO UPDATE SET settings = excluded.settings, snapshot = excluded.snapshot, computed_at = excluded.computed_at`,
    [siteId, key, JSON.stringify([...computed].map(([day, snapshot]) => ({ day, snapshot })))],
  );
}

const refreshing = new WeakMap<SqlDb, Set<string>>();
/** Runs `work` once per site at a time, after the current request; failures wait for the next request. */
function refreshLater(db: SqlDb, siteId: string, work: () => Promise<unknown>): void {
  const sites = refreshing.get(db) ?? refreshing.set(db, new Set()).get(db)!;
  if (sites.has(siteId)) return;
  sites.add(siteId);
  setTimeout(() => {
    work().then(
      () => sites.delete(siteId),
      () => sites.delete(siteId),
    );
  }, 0);
}

/**
 * Engagement over a range: tier counts at the end of each day and the score distribution at the end of the range.
 * Snapshots of past days are kept in overview_engagement (dropped when events dated on or before them arrive, or when
 * the settings change); today's is reused for {@link TODAY_SNAPSHOT_MS}, then served once more while it is recomputed in
 * the background (the fold reads the whole score history, seconds on a large site). Days after today have none. `keep` false (while
 * the rollups are being rebuilt) computes without keeping.
 */
export async function readEngagement(db: SqlDb, siteId: string, range: OverviewRange, settings: ScoreSettings, now = new Date(), keep = true): Promise<Engagement> {
  const today = localDate(now, range.timezone);
  const days = rangeDays(range).filter((d) => d <= today);
  const key = settingsKey(settings);
  const snapshots = new Map<string, EngagementSnapshot>();
  if (days.length) {
    const cached = await db.query<Row>(
      `SELECT day::text AS day, settings, snapshot, computed_at FROM overview_engagement WHERE site_id = $1 AND day BETWEEN $2::date AND $3::date`,
      [siteId, days[0], days[days.length - 1]],
    );
    let staleToday: EngagementSnapshot | undefined;
    for (const r of cached.rows) {
      if (r.settings !== key) continue;
      const computedAt = r.computed_at instanceof Date ? r.computed_at.getTime() : Date.parse(String(r.computed_at));
      if (String(r.day) < today || now.getTime() - computedAt < TODAY_SNAPSHOT_MS) snapshots.set(String(r.day), r.snapshot as EngagementSnapshot);
      else staleToday = r.snapshot as EngagementSnapshot;
    }
    const missing = days.findIndex((d) => !snapshots.has(d));
    const compute = async (from: number) => {
      const computed = await computeSnapshots(db, siteId, range.timezone, days.slice(from), settings);
      if (keep) await storeSnapshots(db, siteId, key, computed);
      return computed;
    };
    if (missing === days.length - 1 && staleToday && keep) {
      // Only today's is out of date: answer with it and recompute it after (the fold reads all of the score history).
      snapshots.set(today, staleToday);
      refreshLater(db, siteId, () => compute(missing));
    } else if (missing >= 0) {
      for (const [day, snapshot] of await compute(missing)) snapshots.set(day, snapshot);
    }
  }
  const tiers = [...settings.tiers].sort((a, b) => b.min - a.min).map((t) => ({ name: t.name, min: t.min }));
  const lastSnapshot = days.length ? snapshots.get(days[days.length - 1]!) : undefined;
  const histogram = lastSnapshot?.histogram ?? new Array<number>(10).fill(0);
  return {
    tiers,
    daily: days.map((day) => ({ day, tiers: snapshots.get(day)?.tiers ?? {} })),
    distribution: histogram.map((people, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, people })),
    people: lastSnapshot?.people ?? 0,
  };
}
