import type { Migration } from './migrations.js';

/**
 * The statement that turns events (`source`: a table or subquery of events rows) into what each contributes to the
 * rollups, as one overview_row[] in id order (written inline, not as a function per row: ~20x faster).
 */
function rowsOf(source: string, extra = '', where = ''): string {
  return `SELECT array_agg(ROW(
        e.id, e.site_id, x.day, x.visitor,
        left(coalesce(nullif(e.context->>'sessionId', ''), x.visitor || '@' || x.day), 200),
        e.type, e.event,
        left(coalesce(nullif(x.p->>'path', ''), nullif(x.page->>'path', ''),
                      substring(coalesce(x.p->>'url', x.page->>'url') from '^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*(/[^?#]*)'), ''), 300),
        coalesce(x.p->>'referrer', x.page->>'referrer'),
        coalesce(x.p->>'url', x.page->>'url'),
        left(coalesce(e.context->'campaign'->>'source', ''), 200),
        left(coalesce(e.context->'campaign'->>'medium', ''), 200),
        left(coalesce(e.context->'campaign'->>'name', ''), 200),
        CASE WHEN e.event = 'Link Clicked' AND e.type = 'track' THEN left(e.properties->>'href', 1000) END,
        left(coalesce(e.properties->>'text', ''), 100),
        e.properties->>'outbound' = 'true',
        e.properties->>'download' = 'true',
        CASE WHEN x.vital IS NOT NULL THEN e.properties->>'name' END,
        -- Rounded up to two significant digits (2534 → 2600) and, per page, up to 1, 1.2, 1.5, 1.8, 2, 2.5, 3, 4, 5, 6 or
        -- 8 × 10ⁿ. Every threshold (LCP 2500/4000, INP 200/500, CLS 0.1/0.25, FCP 1800/3000, TTFB 800/1800) is a bucket
        -- edge of both, so a bucket's rating is its values' rating.
        CASE WHEN x.vital = 0 THEN 0 WHEN x.vital IS NOT NULL THEN trim_scale(ceil(x.vital / 10::numeric ^ (y.e - 1)) * 10::numeric ^ (y.e - 1)) END,
        CASE WHEN x.vital = 0 THEN 0 WHEN x.vital IS NOT NULL THEN trim_scale(10::numeric ^ y.e * CASE
          WHEN x.vital / 10::numeric ^ y.e <= 1 THEN 1 WHEN x.vital / 10::numeric ^ y.e <= 1.2 THEN 1.2
          WHEN x.vital / 10::numeric ^ y.e <= 1.5 THEN 1.5 WHEN x.vital / 10::numeric ^ y.e <= 1.8 THEN 1.8
          WHEN x.vital / 10::numeric ^ y.e <= 2 THEN 2 WHEN x.vital / 10::numeric ^ y.e <= 2.5 THEN 2.5
          WHEN x.vital / 10::numeric ^ y.e <= 3 THEN 3 WHEN x.vital / 10::numeric ^ y.e <= 4 THEN 4
          WHEN x.vital / 10::numeric ^ y.e <= 5 THEN 5 WHEN x.vital / 10::numeric ^ y.e <= 6 THEN 6
          WHEN x.vital / 10::numeric ^ y.e <= 8 THEN 8 ELSE 10 END) END,
        CASE WHEN e.type = 'track' AND e.event IN ('Message Shown', 'Message Clicked', 'Message Dismissed', 'Message Converted')
             THEN left(e.properties->>'campaignId', 200) END
      )::overview_row ORDER BY e.id)${extra}
      FROM ${source} e
      JOIN overview_sites o ON o.site_id = e.site_id
      CROSS JOIN LATERAL (SELECT
        (e.timestamp AT TIME ZONE o.timezone)::date AS day,
        coalesce('a:' || e.anonymous_id, 'u:' || e.user_id, '-') AS visitor,
        CASE WHEN e.type = 'page' THEN e.properties ELSE '{}'::jsonb END AS p,
        CASE WHEN jsonb_typeof(e.context->'page') = 'object' THEN e.context->'page' ELSE '{}'::jsonb END AS page,
        CASE WHEN e.type = 'track' AND e.event = 'Web Vital' AND e.properties->>'name' IN ('LCP', 'INP', 'CLS', 'FCP', 'TTFB')
                  AND jsonb_typeof(e.properties->'value') = 'number'
             THEN CASE WHEN (e.properties->'value')::numeric BETWEEN 0 AND 1e7 THEN (e.properties->'value')::numeric END
        END AS vital) AS x
      CROSS JOIN LATERAL (SELECT CASE WHEN x.vital > 0 THEN floor(log(x.vital))::integer END AS e) AS y
      ${where}`;
}

/**
 * Migration 4: the daily rollups behind the console's Overview (server/overview), kept by triggers on `events` in the
 * same transaction as every insert and delete; events stored before are added afterwards by server/overview, a chunk
 * per transaction (rollup-rebuild.ts), as after a change of the site's timezone.
 *
 * Why triggers: one SQL definition (overview_apply) serves the ingest path, erase and retention deletes, the backfill
 * and the rebuild after a timezone change, so the rollups always equal a recomputation from the raw events (the tests
 * check exactly that). Inserts answered ON CONFLICT DO NOTHING (duplicates) never reach the transition table.
 *
 * Days are local days in the timezone recorded in overview_sites (the site's timezone when the rollups were built;
 * server/overview rebuilds them when the site's timezone changes). Every upsert orders its rows by key, so concurrent
 * ingest transactions take row locks in one global order and cannot deadlock on them.
 *
 * Visitors are browsers: 'a:' + anonymousId, else 'u:' + userId. Sessions are context.sessionId (the SDK rotates it
 * after 30 idle minutes), else one per visitor and day; a session's entry page, source and UTM tags are those of its
 * first stored event. Web vitals are histograms of values rounded up to two significant digits (2534 ms → 2600;
 * per page coarser), whose bucket edges include every standard threshold, so rating shares are exact.
 */
export const OVERVIEW_MIGRATION: Migration = {
  version: 4,
  name: 'overview rollups: days, visitors, sessions, pages, sources, links, vitals, campaign events, engagement snapshots',
  sql: `
    -- The zone a site's rollups are in, and a rebuild in progress: events with ids from rebuild_next to rebuild_upto
    -- are still to be added (by server/overview, a chunk per transaction); the triggers leave those to it.
    CREATE TABLE overview_sites (
      site_id text PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
      timezone text NOT NULL,
      rebuild_from bigint,
      rebuild_next bigint,
      rebuild_upto bigint
    );

    CREATE TABLE overview_days (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      events integer NOT NULL,
      pageviews integer NOT NULL,
      sessions integer NOT NULL,
      visitors integer NOT NULL,
      PRIMARY KEY (site_id, day)
    );

    CREATE TABLE overview_visitors (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      visitor text NOT NULL,
      first_day date NOT NULL,
      events integer NOT NULL,
      PRIMARY KEY (site_id, visitor)
    );
    CREATE INDEX overview_visitors_first_idx ON overview_visitors (site_id, first_day);

    -- One row per visitor and day: visitors per day, distinct visitors over a range, and the engagement signals.
    CREATE TABLE overview_visitor_days (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      visitor text NOT NULL,
      events integer NOT NULL,
      pageviews integer NOT NULL,
      sessions integer NOT NULL,
      links integer NOT NULL,
      contacts integer NOT NULL,
      PRIMARY KEY (site_id, day, visitor)
    );

    CREATE TABLE overview_sessions (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      session text NOT NULL,
      visitor text NOT NULL,
      day date NOT NULL,
      entry_path text NOT NULL,
      source text NOT NULL,
      utm_source text NOT NULL,
      utm_medium text NOT NULL,
      utm_campaign text NOT NULL,
      events integer NOT NULL,
      pageviews integer NOT NULL,
      PRIMARY KEY (site_id, session)
    );

    CREATE TABLE overview_pages (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      path text NOT NULL,
      views integer NOT NULL,
      entries integer NOT NULL,
      PRIMARY KEY (site_id, day, path)
    );

    -- Sessions by source (external referrer host, '' = direct) and UTM tags ('' = none).
    CREATE TABLE overview_sources (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      source text NOT NULL,
      utm_source text NOT NULL,
      utm_medium text NOT NULL,
      utm_campaign text NOT NULL,
      sessions integer NOT NULL,
      PRIMARY KEY (site_id, day, source, utm_source, utm_medium, utm_campaign)
    );

    CREATE TABLE overview_links (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      href text NOT NULL,
      text text NOT NULL,
      outbound boolean NOT NULL,
      download boolean NOT NULL,
      clicks integer NOT NULL,
      PRIMARY KEY (site_id, day, href)
    );

    -- Web vitals as histograms: per day and metric ({"2600": 3, …}, values rounded up to two significant digits), and
    -- per page with coarser buckets, so a busy site keeps one row per day, metric (and page), not one per value.
    CREATE TABLE overview_vitals (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      metric text NOT NULL,
      hist jsonb NOT NULL,
      n integer NOT NULL,
      PRIMARY KEY (site_id, day, metric)
    );

    CREATE TABLE overview_vitals_pages (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      path text NOT NULL,
      metric text NOT NULL,
      hist jsonb NOT NULL,
      n integer NOT NULL,
      PRIMARY KEY (site_id, day, path, metric)
    );

    CREATE TABLE overview_campaigns (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      campaign_id text NOT NULL,
      event text NOT NULL,
      n integer NOT NULL,
      PRIMARY KEY (site_id, day, campaign_id, event)
    );

    -- Tier counts and score histogram at the end of each day, computed by server/overview from the rollups and kept;
    -- an insert of events dated before today drops the snapshots from that day on.
    CREATE TABLE overview_engagement (
      site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      day date NOT NULL,
      settings text NOT NULL,
      snapshot jsonb NOT NULL,
      computed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (site_id, day)
    );

    -- Conversations and feedback are read straight from their tables, by site and creation time.
    CREATE INDEX IF NOT EXISTS conversations_site_created_idx ON conversations (site_id, created_at);

    -- What one event contributes to the rollups.
    CREATE TYPE overview_row AS (
      id bigint, site_id text, day date, visitor text, session text, type text, event text, path text,
      referrer text, page_url text, utm_source text, utm_medium text, utm_campaign text,
      href text, link_text text, outbound boolean, download boolean,
      metric text, value numeric, coarse numeric, campaign_id text
    );

    -- A timezone PostgreSQL knows, else UTC (the console validates zones with the browser's list, which may differ).
    CREATE FUNCTION overview_zone(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $fn$
    BEGIN
      PERFORM now() AT TIME ZONE tz;
      RETURN tz;
    EXCEPTION WHEN others THEN
      RETURN 'UTC';
    END $fn$;

    CREATE FUNCTION overview_host(url text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
      SELECT regexp_replace(lower(substring(url from '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#:]+)')), '^www\\.', '')
    $fn$;

    -- Adds two histograms ({"value": count, …}); buckets that reach 0 go.
    CREATE FUNCTION overview_hist_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $fn$
      SELECT coalesce(jsonb_object_agg(k, c) FILTER (WHERE c <> 0), '{}')
      FROM (SELECT k, sum(c) AS c FROM (SELECT key AS k, value::integer AS c FROM jsonb_each_text(a)
                                        UNION ALL SELECT key, value::integer FROM jsonb_each_text(b)) x GROUP BY k) y
    $fn$;

    -- Adds (dir = 1) or removes (dir = -1) a set of events from every rollup.
    CREATE FUNCTION overview_apply(batch overview_row[], dir integer) RETURNS void LANGUAGE plpgsql AS $fn$
    DECLARE
      sess overview_row[];
      vdays overview_row[];
      has_links boolean;
      has_vitals boolean;
      has_campaigns boolean;
      late boolean;
    BEGIN
      -- Most batches hold a few page views and clicks: skip the statements that would find nothing to do.
      SELECT bool_or(r.href IS NOT NULL), bool_or(r.metric IS NOT NULL), bool_or(r.campaign_id IS NOT NULL),
             bool_or(r.day < (now() AT TIME ZONE o.timezone)::date)
      INTO has_links, has_vitals, has_campaigns, late
      FROM unnest(batch) r LEFT JOIN overview_sites o ON o.site_id = r.site_id;

      -- Sessions: created (dir 1) or emptied (dir -1) ones change the day, source and entry counts below.
      WITH d AS (
        SELECT DISTINCT ON (r.site_id, r.session) r.site_id, r.session, r.visitor, r.day, r.path,
               CASE WHEN coalesce(overview_host(r.referrer), '') IN ('', coalesce(overview_host(r.page_url), '')) THEN ''
                    ELSE left(overview_host(r.referrer), 200) END AS source,
               r.utm_source, r.utm_medium, r.utm_campaign,
               dir * count(*) OVER w AS events, dir * count(*) FILTER (WHERE r.type = 'page') OVER w AS pageviews
        FROM unnest(batch) r
        WINDOW w AS (PARTITION BY r.site_id, r.session)
        ORDER BY r.site_id, r.session, r.id
      ), up AS (
        INSERT INTO overview_sessions AS t (site_id, session, visitor, day, entry_path, source, utm_source, utm_medium, utm_campaign, events, pageviews)
        SELECT * FROM d ORDER BY site_id, session
        ON CONFLICT (site_id, session) DO UPDATE SET events = t.events + excluded.events, pageviews = t.pageviews + excluded.pageviews
        RETURNING t.site_id, t.session, t.visitor, t.day, t.entry_path, t.source, t.utm_source, t.utm_medium, t.utm_campaign, t.events
      )
      SELECT array_agg(ROW(NULL, up.site_id, up.day, up.visitor, up.session, NULL, NULL, up.entry_path, up.source, NULL, up.utm_source,
                           up.utm_medium, up.utm_campaign, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::overview_row)
      INTO sess
      FROM up JOIN d ON d.site_id = up.site_id AND d.session = up.session
      WHERE (dir > 0 AND up.events = d.events) OR (dir < 0 AND up.events <= 0);
      sess := coalesce(sess, '{}');
      IF dir < 0 THEN
        DELETE FROM overview_sessions t USING unnest(sess) s WHERE t.site_id = s.site_id AND t.session = s.session AND t.events <= 0;
      END IF;

      WITH d AS (
        SELECT site_id, day, visitor, sum(events)::integer AS events, sum(pageviews)::integer AS pageviews, sum(sessions)::integer AS sessions,
               sum(links)::integer AS links, sum(contacts)::integer AS contacts
        FROM (
          SELECT r.site_id, r.day, r.visitor, dir AS events,
                 CASE WHEN r.type = 'page' THEN dir ELSE 0 END AS pageviews, 0 AS sessions,
                 CASE WHEN r.type = 'track' AND r.event = 'Link Clicked' THEN dir ELSE 0 END AS links,
                 CASE WHEN r.type = 'track' AND r.event IN ('Chat Message Sent', 'Feedback Submitted') THEN dir ELSE 0 END AS contacts
          FROM unnest(batch) r
          UNION ALL
          SELECT s.site_id, s.day, s.visitor, 0, 0, dir, 0, 0 FROM unnest(sess) s
        ) x GROUP BY 1, 2, 3
      ), up AS (
        INSERT INTO overview_visitor_days AS t (site_id, day, visitor, events, pageviews, sessions, links, contacts)
        SELECT * FROM d ORDER BY site_id, day, visitor
        ON CONFLICT (site_id, day, visitor) DO UPDATE SET events = t.events + excluded.events, pageviews = t.pageviews + excluded.pageviews,
          sessions = t.sessions + excluded.sessions, links = t.links + excluded.links, contacts = t.contacts + excluded.contacts
        RETURNING t.site_id, t.day, t.visitor, t.events
      )
      SELECT array_agg(ROW(NULL, up.site_id, up.day, up.visitor, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                           NULL, NULL, NULL, NULL, NULL)::overview_row)
      INTO vdays
      FROM up JOIN d ON d.site_id = up.site_id AND d.day = up.day AND d.visitor = up.visitor
      WHERE (dir > 0 AND up.events = d.events) OR (dir < 0 AND up.events <= 0);
      vdays := coalesce(vdays, '{}');
      IF dir < 0 THEN
        DELETE FROM overview_visitor_days t USING unnest(vdays) v
        WHERE t.site_id = v.site_id AND t.day = v.day AND t.visitor = v.visitor AND t.events <= 0;
      END IF;

      INSERT INTO overview_visitors AS t (site_id, visitor, first_day, events)
      SELECT r.site_id, r.visitor, min(r.day), dir * count(*) FROM unnest(batch) r GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (site_id, visitor) DO UPDATE
        SET first_day = CASE WHEN dir > 0 THEN least(t.first_day, excluded.first_day) ELSE t.first_day END, events = t.events + excluded.events;
      IF dir < 0 THEN
        DELETE FROM overview_visitors t USING (SELECT DISTINCT site_id, visitor FROM unnest(batch)) r
        WHERE t.site_id = r.site_id AND t.visitor = r.visitor AND t.events <= 0;
      END IF;

      INSERT INTO overview_days AS t (site_id, day, events, pageviews, sessions, visitors)
      SELECT site_id, day, sum(e), sum(p), sum(s), sum(v)
      FROM (
        SELECT r.site_id, r.day, dir AS e, CASE WHEN r.type = 'page' THEN dir ELSE 0 END AS p, 0 AS s, 0 AS v FROM unnest(batch) r
        UNION ALL SELECT s.site_id, s.day, 0, 0, dir, 0 FROM unnest(sess) s
        UNION ALL SELECT v.site_id, v.day, 0, 0, 0, dir FROM unnest(vdays) v
      ) x GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (site_id, day) DO UPDATE SET events = t.events + excluded.events, pageviews = t.pageviews + excluded.pageviews,
        sessions = t.sessions + excluded.sessions, visitors = t.visitors + excluded.visitors;

      INSERT INTO overview_pages AS t (site_id, day, path, views, entries)
      SELECT site_id, day, path, sum(v), sum(e)
      FROM (
        SELECT r.site_id, r.day, r.path, dir AS v, 0 AS e FROM unnest(batch) r WHERE r.type = 'page'
        UNION ALL SELECT s.site_id, s.day, s.path, 0, dir FROM unnest(sess) s
      ) x GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (site_id, day, path) DO UPDATE SET views = t.views + excluded.views, entries = t.entries + excluded.entries;

      IF cardinality(sess) > 0 THEN
      INSERT INTO overview_sources AS t (site_id, day, source, utm_source, utm_medium, utm_campaign, sessions)
      SELECT s.site_id, s.day, s.referrer, s.utm_source, s.utm_medium, s.utm_campaign, dir * count(*)
      FROM unnest(sess) s GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
      ON CONFLICT (site_id, day, source, utm_source, utm_medium, utm_campaign) DO UPDATE SET sessions = t.sessions + excluded.sessions;
      END IF;

      IF has_links THEN
      INSERT INTO overview_links AS t (site_id, day, href, text, outbound, download, clicks)
      SELECT r.site_id, r.day, r.href, max(r.link_text), bool_or(coalesce(r.outbound, false)), bool_or(coalesce(r.download, false)), dir * count(*)
      FROM unnest(batch) r WHERE r.href IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (site_id, day, href) DO UPDATE SET clicks = t.clicks + excluded.clicks,
        text = CASE WHEN t.text = '' THEN excluded.text ELSE t.text END,
        outbound = t.outbound OR (dir > 0 AND excluded.outbound), download = t.download OR (dir > 0 AND excluded.download);
      END IF;

      IF has_vitals THEN
      INSERT INTO overview_vitals AS t (site_id, day, metric, hist, n)
      SELECT site_id, day, metric, jsonb_object_agg(value, c), sum(c)
      FROM (SELECT r.site_id, r.day, r.metric, r.value::text AS value, dir * count(*) AS c FROM unnest(batch) r
            WHERE r.metric IS NOT NULL GROUP BY 1, 2, 3, 4) x
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (site_id, day, metric) DO UPDATE SET hist = overview_hist_add(t.hist, excluded.hist), n = t.n + excluded.n;

      INSERT INTO overview_vitals_pages AS t (site_id, day, path, metric, hist, n)
      SELECT site_id, day, path, metric, jsonb_object_agg(value, c), sum(c)
      FROM (SELECT r.site_id, r.day, r.path, r.metric, r.coarse::text AS value, dir * count(*) AS c FROM unnest(batch) r
            WHERE r.metric IS NOT NULL GROUP BY 1, 2, 3, 4, 5) x
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (site_id, day, path, metric) DO UPDATE SET hist = overview_hist_add(t.hist, excluded.hist), n = t.n + excluded.n;
      END IF;

      IF has_campaigns THEN
      INSERT INTO overview_campaigns AS t (site_id, day, campaign_id, event, n)
      SELECT r.site_id, r.day, r.campaign_id, r.event, dir * count(*)
      FROM unnest(batch) r WHERE r.campaign_id IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (site_id, day, campaign_id, event) DO UPDATE SET n = t.n + excluded.n;
      END IF;

      IF dir < 0 THEN
        DELETE FROM overview_days t USING (SELECT DISTINCT site_id, day FROM unnest(batch)) r
        WHERE t.site_id = r.site_id AND t.day = r.day AND t.events <= 0;
        DELETE FROM overview_pages t USING (SELECT DISTINCT site_id, day FROM unnest(batch)) r
        WHERE t.site_id = r.site_id AND t.day = r.day AND t.views <= 0 AND t.entries <= 0;
        DELETE FROM overview_sources t USING (SELECT DISTINCT site_id, day FROM unnest(sess)) r
        WHERE t.site_id = r.site_id AND t.day = r.day AND t.sessions <= 0;
        DELETE FROM overview_links t USING (SELECT DISTINCT site_id, day FROM unnest(batch)) r
        WHERE t.site_id = r.site_id AND t.day = r.day AND t.clicks <= 0;
        DELETE FROM overview_vitals t USING (SELECT DISTINCT site_id, day FROM unnest(batch)) r
        WHERE t.site_id = r.site_id AND t.day = r.day AND t.n <= 0;
        DELETE FROM overview_vitals_pages t USING (SELECT DISTINCT site_id, day FROM unnest(batch)) r
        WHERE t.site_id = r.site_id AND t.day = r.day AND t.n <= 0;
        DELETE FROM overview_campaigns t USING (SELECT DISTINCT site_id, day FROM unnest(batch)) r
        WHERE t.site_id = r.site_id AND t.day = r.day AND t.n <= 0;
      ELSIF late THEN
        -- Events dated before today (a late outbox, an import) change the engagement snapshots from their day on.
        DELETE FROM overview_engagement t
        USING (SELECT r.site_id, min(r.day) AS day FROM unnest(batch) r GROUP BY 1) r JOIN overview_sites o ON o.site_id = r.site_id
        WHERE t.site_id = r.site_id AND t.day >= r.day AND r.day < (now() AT TIME ZONE o.timezone)::date;
      END IF;
    END $fn$;

    -- Statement-level: one call per INSERT or DELETE on events, with the affected rows as the transition table.
    CREATE FUNCTION overview_events_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      batch overview_row[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO overview_sites (site_id, timezone)
        SELECT s.id, overview_zone(s.timezone) FROM sites s
        WHERE s.id IN (SELECT DISTINCT site_id FROM changed) AND NOT EXISTS (SELECT 1 FROM overview_sites o WHERE o.site_id = s.id)
        ORDER BY s.id
        ON CONFLICT DO NOTHING;
      END IF;
      -- Held until commit, against a rebuild step (which takes the row FOR UPDATE): an event the step has not seen
      -- (still uncommitted, or not reached) is either before rebuild_next once this batch reads it — added here — or
      -- within the range still to do — left to a later step, which waits for this batch to commit.
      PERFORM 1 FROM overview_sites WHERE site_id IN (SELECT DISTINCT site_id FROM changed) ORDER BY site_id FOR KEY SHARE;
      ${rowsOf('changed', '', 'WHERE o.rebuild_upto IS NULL OR e.id < o.rebuild_next OR e.id > o.rebuild_upto')} INTO batch;
      IF batch IS NOT NULL THEN
        PERFORM overview_apply(batch, CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END);
      END IF;
      RETURN NULL;
    END $fn$;

    -- Empties a site's rollups (before a rebuild in another timezone).
    CREATE FUNCTION overview_clear(site text) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM overview_days WHERE site_id = site;
      DELETE FROM overview_visitors WHERE site_id = site;
      DELETE FROM overview_visitor_days WHERE site_id = site;
      DELETE FROM overview_sessions WHERE site_id = site;
      DELETE FROM overview_pages WHERE site_id = site;
      DELETE FROM overview_sources WHERE site_id = site;
      DELETE FROM overview_links WHERE site_id = site;
      DELETE FROM overview_vitals WHERE site_id = site;
      DELETE FROM overview_vitals_pages WHERE site_id = site;
      DELETE FROM overview_campaigns WHERE site_id = site;
      DELETE FROM overview_engagement WHERE site_id = site;
    END $fn$;

    -- Adds up to \`lim\` of a site's events with ids from from_id to upto, in id order (the order they were stored, so
    -- sessions get the same first event as at ingest); returns the last id added, or NULL when there were none.
    CREATE FUNCTION overview_backfill(site text, from_id bigint, upto bigint, lim integer) RETURNS bigint LANGUAGE plpgsql AS $fn$
    DECLARE
      batch overview_row[];
      last_id bigint;
    BEGIN
      ${rowsOf('(SELECT * FROM events WHERE site_id = site AND id >= from_id AND id <= upto ORDER BY id LIMIT lim)', ', max(e.id)')} INTO batch, last_id;
      IF batch IS NOT NULL THEN
        PERFORM overview_apply(batch, 1);
      END IF;
      RETURN last_id;
    END $fn$;

    -- Events already stored are added by server/overview after the migration, a chunk at a time, so upgrading a large
    -- store does not hold the collector's start.
    INSERT INTO overview_sites (site_id, timezone, rebuild_from, rebuild_next, rebuild_upto)
    SELECT s.id, overview_zone(s.timezone), e.lo, e.lo, e.hi
    FROM sites s LEFT JOIN (SELECT site_id, min(id) AS lo, max(id) AS hi FROM events GROUP BY site_id) e ON e.site_id = s.id;

    CREATE TRIGGER overview_events_inserted AFTER INSERT ON events
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION overview_events_changed();
    CREATE TRIGGER overview_events_deleted AFTER DELETE ON events
      REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION overview_events_changed();
  `,
};
