import { OVERVIEW_MIGRATION } from './overview-migration.js';
import type { SqlDb } from './sql-db.js';

/** One schema change, applied once, in version order. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, as versioned steps. Never edit a released step: append a new one.
 * The same SQL runs on PGlite and PostgreSQL.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'sites, events, people, identities, settings, sessions, rate windows',
    sql: `
      CREATE TABLE sites (
        id text PRIMARY KEY,
        name text NOT NULL,
        write_key text NOT NULL UNIQUE,
        origins jsonb NOT NULL DEFAULT '[]',
        timezone text NOT NULL DEFAULT 'UTC',
        identity_secret text NOT NULL,
        retention_days integer,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        message_id text NOT NULL,
        type text NOT NULL,
        event text,
        name text,
        anonymous_id text,
        user_id text,
        properties jsonb NOT NULL DEFAULT '{}',
        traits jsonb NOT NULL DEFAULT '{}',
        context jsonb NOT NULL DEFAULT '{}',
        extra jsonb NOT NULL DEFAULT '{}',
        timestamp timestamptz NOT NULL,
        original_timestamp timestamptz,
        sent_at timestamptz,
        received_at timestamptz NOT NULL,
        browser text,
        os text,
        device text,
        CONSTRAINT events_site_message_unique UNIQUE (site_id, message_id)
      );
      CREATE INDEX events_site_id_idx ON events (site_id, id DESC);
      CREATE INDEX events_site_anonymous_idx ON events (site_id, anonymous_id);
      CREATE INDEX events_site_user_idx ON events (site_id, user_id);
      CREATE INDEX events_received_at_idx ON events (received_at);

      CREATE TABLE people (
        id text PRIMARY KEY,
        site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        user_id text,
        traits jsonb NOT NULL DEFAULT '{}',
        first_seen timestamptz NOT NULL,
        last_seen timestamptz NOT NULL,
        event_count integer NOT NULL DEFAULT 0
      );
      CREATE INDEX people_site_last_seen_idx ON people (site_id, last_seen DESC);

      CREATE TABLE identities (
        site_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('anonymous', 'user')),
        value text NOT NULL,
        person_id text NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        PRIMARY KEY (site_id, kind, value)
      );
      CREATE INDEX identities_person_idx ON identities (person_id);

      CREATE TABLE settings (
        key text PRIMARY KEY,
        value text NOT NULL
      );

      CREATE TABLE admin_sessions (
        token_hash text PRIMARY KEY,
        admin_fingerprint text NOT NULL,
        expires_at timestamptz NOT NULL
      );

      CREATE TABLE rate_windows (
        site_id text NOT NULL,
        window_start bigint NOT NULL,
        events integer NOT NULL,
        PRIMARY KEY (site_id, window_start)
      );
    `,
  },
  {
    version: 2,
    name: 'chat: site settings, visitors, tokens, conversations, messages, stream events; feedback',
    sql: `
      ALTER TABLE sites ADD COLUMN chat jsonb NOT NULL
        DEFAULT '{"enabled":true,"businessHours":null,"requireVerification":false,"replyTimeMinutes":5}';
      ALTER TABLE sites ADD COLUMN feedback jsonb NOT NULL DEFAULT '{"scale":"stars"}';

      -- One chat identity: an anonymousId, or a userId proven by an identity-verification token.
      CREATE TABLE chat_visitors (
        id text PRIMARY KEY,
        site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('anonymous', 'user')),
        key text NOT NULL,
        anonymous_id text,
        user_id text,
        verified boolean NOT NULL DEFAULT false,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chat_visitors_identity_unique UNIQUE (site_id, kind, key)
      );
      CREATE INDEX chat_visitors_anonymous_idx ON chat_visitors (site_id, anonymous_id);
      CREATE INDEX chat_visitors_user_idx ON chat_visitors (site_id, user_id);

      -- Only a SHA-256 of each visitor token is kept.
      CREATE TABLE chat_tokens (
        token_hash text PRIMARY KEY,
        visitor_id text NOT NULL REFERENCES chat_visitors(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX chat_tokens_visitor_idx ON chat_tokens (visitor_id);

      CREATE TABLE conversations (
        id text PRIMARY KEY,
        site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        visitor_id text NOT NULL REFERENCES chat_visitors(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        last_message_at timestamptz NOT NULL DEFAULT now(),
        first_visitor_at timestamptz,
        first_response_at timestamptz,
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        rating_comment text,
        last_page jsonb,
        last_page_at timestamptz
      );
      -- The inbox (per site, optionally per status, most recent activity first) and a visitor's own list.
      CREATE INDEX conversations_inbox_idx ON conversations (site_id, status, last_message_at DESC);
      CREATE INDEX conversations_site_recent_idx ON conversations (site_id, last_message_at DESC);
      CREATE INDEX conversations_visitor_idx ON conversations (visitor_id, created_at DESC);

      -- read_at is the read marker: set by the other side (the visitor reads operator messages and vice versa).
      CREATE TABLE chat_messages (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        conversation_id text NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        visitor_id text NOT NULL,
        author text NOT NULL CHECK (author IN ('visitor', 'operator', 'system')),
        text text NOT NULL,
        client_id text,
        page jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      );
      CREATE UNIQUE INDEX chat_messages_client_idx ON chat_messages (visitor_id, client_id) WHERE client_id IS NOT NULL;
      CREATE INDEX chat_messages_conversation_idx ON chat_messages (conversation_id, id);
      CREATE INDEX chat_messages_unread_idx ON chat_messages (conversation_id, author) WHERE read_at IS NULL;
      CREATE INDEX chat_messages_rate_idx ON chat_messages (visitor_id, created_at) WHERE author = 'visitor';

      -- What the streams deliver, rendered once per audience (NULL = not for that audience); the id is the cursor.
      CREATE TABLE chat_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        visitor_id text NOT NULL,
        type text NOT NULL,
        visitor_data jsonb,
        operator_data jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX chat_events_visitor_idx ON chat_events (visitor_id, id);
      CREATE INDEX chat_events_site_idx ON chat_events (site_id, id);
      CREATE INDEX chat_events_created_idx ON chat_events (created_at);

      CREATE TABLE feedback (
        id text PRIMARY KEY,
        site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        client_id text NOT NULL,
        scale text NOT NULL CHECK (scale IN ('nps', 'stars')),
        rating smallint NOT NULL,
        comment text,
        page jsonb,
        anonymous_id text,
        user_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT feedback_client_unique UNIQUE (site_id, client_id)
      );
      CREATE INDEX feedback_site_created_idx ON feedback (site_id, created_at DESC);
    `,
  },
  {
    version: 3,
    name: 'campaigns and their versions, per-site engagement settings and message limits, event indexes for results',
    sql: `
      -- The current version of each campaign: the validated JSON as saved, with its id, version and status copied
      -- into columns so delivery can pick the live ones without reading every body.
      CREATE TABLE campaigns (
        site_id text NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        id text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft', 'live', 'paused', 'archived')),
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (site_id, id)
      );
      CREATE INDEX campaigns_live_idx ON campaigns (site_id) WHERE status = 'live';

      -- Every saved version, so results can be read against what was live and an edit can be undone.
      CREATE TABLE campaign_versions (
        site_id text NOT NULL,
        campaign_id text NOT NULL,
        version integer NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (site_id, campaign_id, version),
        FOREIGN KEY (site_id, campaign_id) REFERENCES campaigns (site_id, id) ON DELETE CASCADE
      );

      -- NULL means the defaults of src/shared (DEFAULT_SCORE_SETTINGS, DEFAULT_SITE_LIMITS) at read time.
      CREATE TABLE site_campaign_settings (
        site_id text PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
        engagement jsonb,
        limits jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- Campaign events (Message Shown|Clicked|Dismissed|Converted|Suppressed, Survey Answered) stay ordinary
      -- track events; results read them by campaignId. Goal events are read by name and time. IF NOT EXISTS: a large
      -- installation may have built them beforehand with CREATE INDEX CONCURRENTLY (docs/collector.md).
      CREATE INDEX IF NOT EXISTS events_campaign_idx ON events (site_id, (properties->>'campaignId'), event)
        WHERE type = 'track' AND properties->>'campaignId' IS NOT NULL;
      CREATE INDEX IF NOT EXISTS events_site_event_time_idx ON events (site_id, event, timestamp) WHERE type = 'track';
    `,
  },
  OVERVIEW_MIGRATION,
];

// Any constant works; it only has to be the same in every collector process.
const MIGRATION_LOCK = 4_212_021;

/**
 * Applies pending migrations in one transaction under an advisory lock, so two collectors starting at
 * once on the same PostgreSQL take turns: the second sees the first's work and applies nothing.
 */
export async function migrate(db: SqlDb, migrations: Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(done.rows.map((r) => Number(r.version)));
    const ran: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      ran.push(m.version);
    }
    return ran;
  });
}
