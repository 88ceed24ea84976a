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
