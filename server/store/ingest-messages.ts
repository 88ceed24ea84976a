import { randomUUID } from 'node:crypto';
import type { SqlDb, SqlRunner } from './sql-db.js';
import type { IngestResult, StoredMessage } from './store.js';

type IdentityKind = 'anonymous' | 'user';

interface PersonState {
  userId: string | null;
  count: number;
  first: Date | null;
  last: Date | null;
  traits: Record<string, unknown> | null;
}

// Advisory lock namespace for people (the migration lock uses the single-bigint form, so they never collide).
const PEOPLE_LOCK_CLASS = 4_212_022;
const LOCK_BUCKETS = 64;

const key = (kind: IdentityKind, value: string): string => `${kind}:${value}`;

/**
 * Stores a batch in one transaction: events first (INSERT … ON CONFLICT DO NOTHING on (site, messageId), so a
 * re-sent batch stores nothing twice), then people for the messages that were new. Either all of it commits or
 * none of it does.
 *
 * People: each anonymousId and userId is an identity pointing at one person. A message carrying both links
 * them (identify is the usual first such message); two people that turn out to be one are merged; identify
 * traits are merged shallowly, later wins. Advisory locks on the identities involved keep concurrent
 * collectors from creating the same person twice.
 */
export async function ingestMessages(db: SqlDb, siteId: string, input: StoredMessage[]): Promise<IngestResult> {
  // The same messageId twice in one batch is a duplicate too: the first one wins.
  const seen = new Set<string>();
  const messages = input.filter((m) => (seen.has(m.messageId) ? false : (seen.add(m.messageId), true)));
  if (messages.length === 0) return { stored: 0, duplicates: input.length };

  return db.transaction(async (tx) => {
    const rows = messages.map((m) => ({
      message_id: m.messageId,
      type: m.type,
      event: m.event,
      name: m.name,
      anonymous_id: m.anonymousId,
      user_id: m.userId,
      properties: m.properties,
      traits: m.traits,
      context: m.context,
      extra: m.extra,
      timestamp: m.timestamp.toISOString(),
      original_timestamp: m.originalTimestamp?.toISOString() ?? null,
      sent_at: m.sentAt?.toISOString() ?? null,
      received_at: m.receivedAt.toISOString(),
      browser: m.browser,
      os: m.os,
      device: m.device,
    }));
    const inserted = await tx.query<{ message_id: string }>(
      `INSERT INTO events (site_id, message_id, type, event, name, anonymous_id, user_id, properties, traits, context,
                           extra, timestamp, original_timestamp, sent_at, received_at, browser, os, device)
       SELECT $1, r.message_id, r.type, r.event, r.name, r.anonymous_id, r.user_id,
              coalesce(r.properties, '{}'), coalesce(r.traits, '{}'), coalesce(r.context, '{}'), coalesce(r.extra, '{}'),
              r.timestamp, r.original_timestamp, r.sent_at, r.received_at, r.browser, r.os, r.device
       FROM jsonb_to_recordset($2::jsonb) AS r(message_id text, type text, event text, name text, anonymous_id text,
            user_id text, properties jsonb, traits jsonb, context jsonb, extra jsonb, timestamp timestamptz,
            original_timestamp timestamptz, sent_at timestamptz, received_at timestamptz, browser text, os text, device text)
       ON CONFLICT (site_id, message_id) DO NOTHING
       RETURNING message_id`,
      [siteId, JSON.stringify(rows)],
    );
    const fresh = new Set(inserted.rows.map((r) => r.message_id));
    const stored = messages.filter((m) => fresh.has(m.messageId));
    await updatePeople(tx, siteId, stored);
    return { stored: stored.length, duplicates: input.length - stored.length };
  });
}

async function updatePeople(tx: SqlRunner, siteId: string, messages: StoredMessage[]): Promise<void> {
  const wanted = new Map<string, { kind: IdentityKind; value: string }>();
  const want = (kind: IdentityKind, value: string | null): void => {
    if (value) wanted.set(key(kind, value), { kind, value });
  };
  for (const m of messages) {
    want('anonymous', m.anonymousId);
    want('user', m.userId);
    if (m.previousId) {
      want('anonymous', m.previousId);
      want('user', m.previousId);
    }
  }
  if (wanted.size === 0) return;

  // Lock the identities before reading them. Keys are hashed into LOCK_BUCKETS advisory locks, taken in a fixed
  // order (so two transactions cannot deadlock on them), so a batch of thousands of users takes at most
  // LOCK_BUCKETS locks and cannot exhaust PostgreSQL's shared lock table.
  const lockKeys = [...wanted.keys()].map((k) => `${siteId}\u0001${k}`);
  await tx.query(
    `SELECT count(pg_advisory_xact_lock($2, b))
     FROM (SELECT DISTINCT (hashtextextended(value, 0) & ${LOCK_BUCKETS - 1})::integer AS b
           FROM jsonb_array_elements_text($1::jsonb) ORDER BY 1) AS buckets`,
    [JSON.stringify(lockKeys), PEOPLE_LOCK_CLASS],
  );
  const found = await tx.query<{ kind: IdentityKind; value: string; person_id: string; user_id: string | null }>(
    `SELECT i.kind, i.value, i.person_id, p.user_id
     FROM identities i
     JOIN jsonb_to_recordset($2::jsonb) AS w(kind text, value text) ON i.kind = w.kind AND i.value = w.value
     JOIN people p ON p.id = i.person_id
     WHERE i.site_id = $1`,
    [siteId, JSON.stringify([...wanted.values()])],
  );

  const owner = new Map<string, string>(); // identity key -> person id
  const people = new Map<string, PersonState>(); // touched people
  for (const r of found.rows) {
    owner.set(key(r.kind, r.value), r.person_id);
    if (!people.has(r.person_id)) people.set(r.person_id, { userId: r.user_id, count: 0, first: null, last: null, traits: null });
  }

  const createPerson = async (userId: string | null, at: Date): Promise<string> => {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO people (id, site_id, user_id, first_seen, last_seen) VALUES ($1, $2, $3, $4, $4)`,
      [id, siteId, userId, at.toISOString()],
    );
    people.set(id, { userId, count: 0, first: null, last: null, traits: null });
    return id;
  };
  const link = async (kind: IdentityKind, value: string, personId: string): Promise<void> => {
    await tx.query(
      `INSERT INTO identities (site_id, kind, value, person_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (site_id, kind, value) DO UPDATE SET person_id = excluded.person_id`,
      [siteId, kind, value, personId],
    );
    owner.set(key(kind, value), personId);
  };
  const setUser = async (personId: string, userId: string): Promise<void> => {
    await tx.query('UPDATE people SET user_id = $2 WHERE id = $1', [personId, userId]);
    people.get(personId)!.userId = userId;
    await link('user', userId, personId);
  };
  // Folds `from` into `into`: identities move, counters add up, traits of `into` win on conflict.
  const merge = async (from: string, into: string): Promise<void> => {
    if (from === into) return;
    await tx.query('UPDATE identities SET person_id = $2 WHERE person_id = $1', [from, into]);
    await tx.query(
      `UPDATE people AS t SET traits = f.traits || t.traits,
              first_seen = least(t.first_seen, f.first_seen), last_seen = greatest(t.last_seen, f.last_seen),
              event_count = t.event_count + f.event_count, user_id = coalesce(t.user_id, f.user_id)
       FROM people AS f WHERE f.id = $1 AND t.id = $2`,
      [from, into],
    );
    await tx.query('DELETE FROM people WHERE id = $1', [from]);
    for (const [k, v] of owner) if (v === from) owner.set(k, into);
    const a = people.get(from)!;
    const b = people.get(into)!;
    b.count += a.count;
    b.first = minDate(a.first, b.first);
    b.last = maxDate(a.last, b.last);
    b.traits = a.traits || b.traits ? { ...a.traits, ...b.traits } : null;
    b.userId = b.userId ?? a.userId;
    people.delete(from);
  };

  const resolve = async (m: StoredMessage): Promise<string> => {
    const anon = m.anonymousId ? owner.get(key('anonymous', m.anonymousId)) : undefined;
    const user = m.userId ? owner.get(key('user', m.userId)) : undefined;

    if (m.type === 'alias' && m.previousId && m.userId) {
      const target = user ?? (await createPerson(m.userId, m.timestamp));
      if (!user) await link('user', m.userId, target);
      const previous = owner.get(key('user', m.previousId)) ?? owner.get(key('anonymous', m.previousId));
      if (previous && previous !== target) await merge(previous, target);
      else if (!previous) await link('anonymous', m.previousId, target);
      if (m.anonymousId && !owner.get(key('anonymous', m.anonymousId))) await link('anonymous', m.anonymousId, target);
      return target;
    }
    if (user && anon) {
      // An anonymous profile that never had a user becomes part of this user; one owned by another user
      // (a shared device) stays where it is.
      if (anon !== user && people.get(anon)!.userId === null) await merge(anon, user);
      return user;
    }
    if (user) {
      if (m.anonymousId) await link('anonymous', m.anonymousId, user);
      return user;
    }
    if (anon) {
      if (m.userId) {
        if (people.get(anon)!.userId === null) {
          await setUser(anon, m.userId);
          return anon;
        }
        const other = await createPerson(m.userId, m.timestamp);
        await link('user', m.userId, other);
        return other;
      }
      return anon;
    }
    const id = await createPerson(m.userId, m.timestamp);
    if (m.anonymousId) await link('anonymous', m.anonymousId, id);
    if (m.userId) await link('user', m.userId, id);
    return id;
  };

  for (const m of messages) {
    if (!m.anonymousId && !m.userId) continue;
    const id = await resolve(m);
    const p = people.get(id)!;
    p.count += 1;
    p.first = minDate(p.first, m.timestamp);
    p.last = maxDate(p.last, m.timestamp);
    if (m.type === 'identify' && Object.keys(m.traits).length > 0) p.traits = { ...p.traits, ...m.traits };
  }

  const updates = [...people.entries()]
    .filter(([, p]) => p.count > 0 || p.traits)
    .map(([id, p]) => ({
      id,
      n: p.count,
      first: p.first?.toISOString() ?? null,
      last: p.last?.toISOString() ?? null,
      traits: p.traits ?? {},
    }));
  if (updates.length === 0) return;
  await tx.query(
    `UPDATE people AS p SET event_count = p.event_count + u.n,
            first_seen = least(p.first_seen, coalesce(u.first, p.first_seen)),
            last_seen = greatest(p.last_seen, coalesce(u.last, p.last_seen)),
            traits = p.traits || u.traits
     FROM jsonb_to_recordset($1::jsonb) AS u(id text, n integer, first timestamptz, last timestamptz, traits jsonb)
     WHERE p.id = u.id`,
    [JSON.stringify(updates)],
  );
}

function minDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}

function maxDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
