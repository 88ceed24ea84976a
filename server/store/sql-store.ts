import { randomBytes } from 'node:crypto';
import { createCampaignStore } from './campaign-store.js';
import { createChatStore } from './chat-store.js';
import type { ChatSettings, FeedbackSettings } from './chat-types.js';
import { createFeedbackStore } from './feedback-store.js';
import { ingestMessages } from './ingest-messages.js';
import type { SqlDb, SqlRunner } from './sql-db.js';
import {
  SiteExistsError,
  type EventFilter,
  type EventRecord,
  type Person,
  type PersonExport,
  type Site,
  type SitePatch,
  type SiteWithSecret,
  type Store,
} from './store.js';

/** The demo site created on first start (`KIZUNA_DEMO=0` skips it). */
export const DEMO_SITE = {
  id: 'demo',
  name: 'Demo site',
  writeKey: 'pk_demo',
  origins: ['http://localhost:*', 'http://127.0.0.1:*'],
  timezone: 'UTC',
  retentionDays: 30,
} as const;

/** Generates a public write key. */
export function generateWriteKey(): string {
  return `pk_${randomBytes(18).toString('base64url')}`;
}

type Row = Record<string, unknown>;

/** Days stream events are kept for Last-Event-ID replay. */
export const CHAT_EVENT_DAYS = 7;

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const json = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const SITE_COLUMNS = 'id, name, write_key, origins, timezone, retention_days, created_at, identity_secret, chat, feedback';

/** Chat settings of a site that has none stored (the column default). */
export const DEFAULT_CHAT: ChatSettings = { enabled: true, businessHours: null, requireVerification: false, replyTimeMinutes: 5 };
function toSite(r: Row): Site {
  return {
    id: String(r.id),
    name: String(r.name),
    writeKey: String(r.write_key),
    origins: Array.isArray(r.origins) ? (r.origins as string[]) : [],
    timezone: String(r.timezone),
    retentionDays: r.retention_days === null ? null : Number(r.retention_days),
    createdAt: iso(r.created_at),
    chat: { ...DEFAULT_CHAT, ...json(r.chat) } as ChatSettings,
    feedback: { scale: json(r.feedback).scale === 'nps' ? 'nps' : 'stars' } satisfies FeedbackSettings,
  };
}

const EVENT_COLUMNS = `id, message_id, type, name, event, anonymous_id, user_id, properties, traits, context, extra,
  timestamp, original_timestamp, sent_at, received_at, browser, os, device`;
function toEvent(r: Row): EventRecord {
  return {
    id: Number(r.id),
    messageId: String(r.message_id),
    type: String(r.type),
    name: str(r.name),
    event: str(r.event),
    anonymousId: str(r.anonymous_id),
    userId: str(r.user_id),
    properties: json(r.properties),
    traits: json(r.traits),
    context: json(r.context),
    extra: json(r.extra),
    timestamp: iso(r.timestamp),
    originalTimestamp: isoOrNull(r.original_timestamp),
    sentAt: isoOrNull(r.sent_at),
    receivedAt: iso(r.received_at),
    browser: str(r.browser),
    os: str(r.os),
    device: str(r.device),
  };
}

const PERSON_SELECT = `SELECT p.id, p.user_id, p.traits, p.first_seen, p.last_seen, p.event_count,
  coalesce((SELECT jsonb_agg(i.value ORDER BY i.value) FROM identities i WHERE i.person_id = p.id AND i.kind = 'anonymous'), '[]') AS anonymous_ids
  FROM people p`;
function toPerson(r: Row): Person {
  return {
    id: String(r.id),
    userId: str(r.user_id),
    anonymousIds: Array.isArray(r.anonymous_ids) ? (r.anonymous_ids as string[]) : [],
    traits: json(r.traits),
    firstSeen: iso(r.first_seen),
    lastSeen: iso(r.last_seen),
    eventCount: Number(r.event_count),
  };
}

// Appends the optional type/name filters, numbering parameters after `params`.
function filterSql(filter: EventFilter, params: unknown[]): string {
  let sql = '';
  if (filter.type) {
    params.push(filter.type);
    sql += ` AND type = $${params.length}`;
  }
  if (filter.name) {
    params.push(filter.name);
    sql += ` AND (event = $${params.length} OR name = $${params.length})`;
  }
  return sql;
}

// Events of a person: any of their anonymous ids or user ids.
const PERSON_EVENTS_WHERE = `site_id = $1 AND (
  anonymous_id IN (SELECT value FROM identities WHERE person_id = $2 AND kind = 'anonymous')
  OR user_id IN (SELECT value FROM identities WHERE person_id = $2 AND kind = 'user'))`;
// Events under a raw id when no person row exists for it.
const RAW_EVENTS_WHERE = 'site_id = $1 AND (anonymous_id = $2 OR user_id = $2)';

// Chat visitors and feedback of a set of ids ($2: anonymousIds, $3: userIds, both JSON arrays).
const CHAT_VISITOR_MATCH = `(v.anonymous_id IN (SELECT jsonb_array_elements_text($2::jsonb))
  OR v.user_id IN (SELECT jsonb_array_elements_text($3::jsonb)))`;
const FEEDBACK_MATCH = `(anonymous_id IN (SELECT jsonb_array_elements_text($2::jsonb))
  OR user_id IN (SELECT jsonb_array_elements_text($3::jsonb)))`;

// Every anonymousId and userId of a person, or the raw id as both when there is no person.
async function personIds(db: SqlRunner, siteId: string, person: Person | null, id: string): Promise<{ anonymous: string[]; users: string[] }> {
  if (!person) return { anonymous: [id], users: [id] };
  const users = await db.query<{ value: string }>(`SELECT value FROM identities WHERE site_id = $1 AND person_id = $2 AND kind = 'user'`, [siteId, person.id]);
  return { anonymous: person.anonymousIds, users: [...new Set([...users.rows.map((r) => r.value), ...(person.userId ? [person.userId] : [])])] };
}

async function findPersonWith(db: SqlRunner, siteId: string, id: string): Promise<Person | null> {
  const result = await db.query<Row>(
    `${PERSON_SELECT} WHERE p.site_id = $1 AND p.id = coalesce(
       (SELECT id FROM people WHERE site_id = $1 AND id = $2),
       (SELECT person_id FROM identities WHERE site_id = $1 AND kind = 'user' AND value = $2),
       (SELECT person_id FROM identities WHERE site_id = $1 AND kind = 'anonymous' AND value = $2))`,
    [siteId, id],
  );
  return result.rows[0] ? toPerson(result.rows[0]) : null;
}

/**
 * The Store written once in PostgreSQL SQL, over either database. Everything lives in the database, so any
 * number of collectors can share one PostgreSQL.
 */
export function createSqlStore(db: SqlDb, options: { chatChannel?: string } = {}): Store {
  const chatChannel = options.chatChannel ?? 'kizuna_chat';
  return {
    kind: db.kind,
    db,
    chat: createChatStore(db, chatChannel),
    feedback: createFeedbackStore(db),
    campaigns: createCampaignStore(db),
    listenChat: (onPayload, onResync) => db.listen(chatChannel, onPayload, onResync),

    async listSites() {
      const result = await db.query<Row>(`SELECT ${SITE_COLUMNS} FROM sites ORDER BY created_at, id`);
      return result.rows.map(toSite);
    },

    async getSite(id) {
      const result = await db.query<Row>(`SELECT ${SITE_COLUMNS} FROM sites WHERE id = $1`, [id]);
      const row = result.rows[0];
      return row ? ({ ...toSite(row), identitySecret: String(row.identity_secret) } satisfies SiteWithSecret) : null;
    },

    async findSiteByWriteKey(writeKey) {
      const result = await db.query<Row>(`SELECT ${SITE_COLUMNS} FROM sites WHERE write_key = $1`, [writeKey]);
      return result.rows[0] ? toSite(result.rows[0]) : null;
    },

    async createSite(site) {
      const result = await db.query<Row>(
        `INSERT INTO sites (id, name, write_key, origins, timezone, identity_secret, retention_days)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)
         ON CONFLICT DO NOTHING
         RETURNING ${SITE_COLUMNS}`,
        [
          site.id,
          site.name,
          site.writeKey ?? generateWriteKey(),
          JSON.stringify(site.origins),
          site.timezone,
          site.identitySecret ?? `sk_${randomBytes(24).toString('base64url')}`,
          site.retentionDays,
        ],
      );
      if (!result.rows[0]) throw new SiteExistsError(site.id);
      return toSite(result.rows[0]);
    },

    async updateSite(id, patch: SitePatch) {
      const result = await db.query<Row>(
        `UPDATE sites SET
           name = CASE WHEN $2::boolean THEN $3 ELSE name END,
           origins = CASE WHEN $4::boolean THEN $5::jsonb ELSE origins END,
           timezone = CASE WHEN $6::boolean THEN $7 ELSE timezone END,
           retention_days = CASE WHEN $8::boolean THEN $9::integer ELSE retention_days END,
           chat = coalesce($10::jsonb, chat),
           feedback = coalesce($11::jsonb, feedback)
         WHERE id = $1
         RETURNING ${SITE_COLUMNS}`,
        [
          id,
          patch.name !== undefined,
          patch.name ?? null,
          patch.origins !== undefined,
          JSON.stringify(patch.origins ?? []),
          patch.timezone !== undefined,
          patch.timezone ?? null,
          patch.retentionDays !== undefined,
          patch.retentionDays ?? null,
          patch.chat ? JSON.stringify(patch.chat) : null,
          patch.feedback ? JSON.stringify(patch.feedback) : null,
        ],
      );
      return result.rows[0] ? toSite(result.rows[0]) : null;
    },

    async ensureDemoSite() {
      const result = await db.query(
        `INSERT INTO sites (id, name, write_key, origins, timezone, identity_secret, retention_days)
         SELECT $1, $2, $3, $4::jsonb, $5, $6, $7
         WHERE NOT EXISTS (SELECT 1 FROM sites)
         ON CONFLICT DO NOTHING`,
        [
          DEMO_SITE.id,
          DEMO_SITE.name,
          DEMO_SITE.writeKey,
          JSON.stringify(DEMO_SITE.origins),
          DEMO_SITE.timezone,
          `sk_${randomBytes(24).toString('base64url')}`,
          DEMO_SITE.retentionDays,
        ],
      );
      return result.rowCount > 0;
    },

    async consumeRate(siteId, events, windowSeconds, limit, nowMs = Date.now()) {
      const windowMs = windowSeconds * 1000;
      const start = Math.floor(nowMs / windowMs) * windowMs;
      const retryAfterSeconds = Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000));
      if (limit <= 0) return { allowed: true, retryAfterSeconds };
      const result = await db.query<{ events: number }>(
        `INSERT INTO rate_windows (site_id, window_start, events) VALUES ($1, $2, $3)
         ON CONFLICT (site_id, window_start) DO UPDATE SET events = rate_windows.events + excluded.events
         RETURNING events`,
        [siteId, start, events],
      );
      return { allowed: Number(result.rows[0]?.events ?? 0) <= limit, retryAfterSeconds };
    },

    ingest: (siteId, messages) => ingestMessages(db, siteId, messages),

    async listEvents(siteId, options) {
      const params: unknown[] = [siteId];
      let sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE site_id = $1`;
      if (options.before !== undefined) {
        params.push(options.before);
        sql += ` AND id < $${params.length}`;
      }
      sql += filterSql(options, params);
      params.push(options.limit);
      sql += ` ORDER BY id DESC LIMIT $${params.length}`;
      const result = await db.query<Row>(sql, params);
      return result.rows.map(toEvent);
    },

    async eventsAfter(siteId, afterId, filter, limit) {
      const params: unknown[] = [siteId, afterId];
      let sql = `SELECT ${EVENT_COLUMNS} FROM events WHERE site_id = $1 AND id > $2`;
      sql += filterSql(filter, params);
      params.push(limit);
      sql += ` ORDER BY id LIMIT $${params.length}`;
      const result = await db.query<Row>(sql, params);
      return result.rows.map(toEvent);
    },

    async latestEventId(siteId) {
      const result = await db.query<{ max: unknown }>('SELECT max(id) AS max FROM events WHERE site_id = $1', [siteId]);
      return Number(result.rows[0]?.max ?? 0);
    },

    async listPeople(siteId, options) {
      const params: unknown[] = [siteId];
      let sql = `${PERSON_SELECT} WHERE p.site_id = $1`;
      if (options.q) {
        params.push(`%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        sql += ` AND (p.id ILIKE $2 OR p.user_id ILIKE $2 OR p.traits::text ILIKE $2
                 OR EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id AND i.value ILIKE $2))`;
      }
      params.push(options.limit);
      sql += ` ORDER BY p.last_seen DESC, p.id LIMIT $${params.length}`;
      const result = await db.query<Row>(sql, params);
      return result.rows.map(toPerson);
    },

    async peopleByIds(siteId, ids) {
      if (!ids.length) return [];
      const result = await db.query<Row>(`${PERSON_SELECT} WHERE p.site_id = $1 AND p.id IN (SELECT jsonb_array_elements_text($2::jsonb))`, [siteId, JSON.stringify(ids)]);
      return result.rows.map(toPerson);
    },

    async countPeople(siteId) {
      const result = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM people WHERE site_id = $1', [siteId]);
      return Number(result.rows[0]?.n ?? 0);
    },

    findPerson: (siteId, id) => findPersonWith(db, siteId, id),

    async personEvents(siteId, person, limit = 200, type) {
      const result = await db.query<Row>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE ${PERSON_EVENTS_WHERE} AND ($4::text IS NULL OR type = $4) ORDER BY id DESC LIMIT $3`,
        [siteId, person.id, limit, type ?? null],
      );
      return result.rows.map(toEvent);
    },

    async exportPerson(siteId, id): Promise<PersonExport | null> {
      return db.transaction(async (tx) => {
        const person = await findPersonWith(tx, siteId, id);
        const result = person
          ? await tx.query<Row>(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${PERSON_EVENTS_WHERE} ORDER BY id`, [siteId, person.id])
          : await tx.query<Row>(`SELECT ${EVENT_COLUMNS} FROM events WHERE ${RAW_EVENTS_WHERE} ORDER BY id`, [siteId, id]);
        const ids = await personIds(tx, siteId, person, id);
        const conversations = await tx.query<Row>(
          `SELECT c.id, c.status, c.created_at, c.closed_at, c.rating, c.rating_comment, v.email,
             coalesce((SELECT jsonb_agg(jsonb_build_object('id', m.id::text, 'conversationId', m.conversation_id, 'author', m.author,
                 'text', m.text, 'clientId', m.client_id, 'createdAt', m.created_at, 'readAt', m.read_at) ORDER BY m.id)
               FROM chat_messages m WHERE m.conversation_id = c.id), '[]') AS messages
           FROM conversations c JOIN chat_visitors v ON v.id = c.visitor_id
           WHERE c.site_id = $1 AND ${CHAT_VISITOR_MATCH} ORDER BY c.created_at`,
          [siteId, JSON.stringify(ids.anonymous), JSON.stringify(ids.users)],
        );
        const feedback = await tx.query<Row>(
          `SELECT id, scale, rating, comment, page, anonymous_id, user_id, created_at FROM feedback WHERE site_id = $1 AND ${FEEDBACK_MATCH} ORDER BY created_at`,
          [siteId, JSON.stringify(ids.anonymous), JSON.stringify(ids.users)],
        );
        if (!person && result.rows.length === 0 && conversations.rows.length === 0 && feedback.rows.length === 0) return null;
        return {
          person,
          events: result.rows.map(toEvent),
          conversations: conversations.rows.map((r) => ({
            id: String(r.id),
            status: String(r.status),
            createdAt: iso(r.created_at),
            closedAt: isoOrNull(r.closed_at),
            rating: r.rating === null ? null : Number(r.rating),
            ratingComment: str(r.rating_comment),
            email: str(r.email),
            messages: (r.messages as Array<Record<string, unknown>>).map((m) => ({
              ...m,
              createdAt: iso(m.createdAt),
              readAt: isoOrNull(m.readAt),
            })) as PersonExport['conversations'][number]['messages'],
          })),
          feedback: feedback.rows.map((r) => ({
            id: String(r.id),
            scale: r.scale === 'nps' ? 'nps' : 'stars',
            rating: Number(r.rating),
            comment: str(r.comment),
            page: r.page && typeof r.page === 'object' ? (r.page as { url: string | null; title: string | null }) : null,
            anonymousId: str(r.anonymous_id),
            userId: str(r.user_id),
            createdAt: iso(r.created_at),
          })),
        };
      });
    },

    async deletePerson(siteId, id) {
      return db.transaction(async (tx) => {
        const person = await findPersonWith(tx, siteId, id);
        const ids = await personIds(tx, siteId, person, id);
        const params = [siteId, JSON.stringify(ids.anonymous), JSON.stringify(ids.users)];
        const conversations = await tx.query(
          `DELETE FROM conversations c USING chat_visitors v WHERE v.id = c.visitor_id AND c.site_id = $1 AND ${CHAT_VISITOR_MATCH}`,
          params,
        );
        // Visitors (their tokens cascade) and stream events hold ids and message text too.
        await tx.query(
          `DELETE FROM chat_events WHERE visitor_id IN (SELECT v.id FROM chat_visitors v WHERE v.site_id = $1 AND ${CHAT_VISITOR_MATCH})`,
          params,
        );
        await tx.query(`DELETE FROM chat_visitors v WHERE v.site_id = $1 AND ${CHAT_VISITOR_MATCH}`, params);
        const feedback = await tx.query(`DELETE FROM feedback WHERE site_id = $1 AND ${FEEDBACK_MATCH}`, params);
        const events = person
          ? await tx.query(`DELETE FROM events WHERE ${PERSON_EVENTS_WHERE}`, [siteId, person.id])
          : await tx.query(`DELETE FROM events WHERE ${RAW_EVENTS_WHERE}`, [siteId, id]);
        if (person) await tx.query('DELETE FROM people WHERE id = $1', [person.id]); // identities cascade
        if (!person && events.rowCount === 0 && conversations.rowCount === 0 && feedback.rowCount === 0) return null;
        return { events: events.rowCount, people: person ? 1 : 0, conversations: conversations.rowCount, feedback: feedback.rowCount };
      });
    },

    async purgeExpired(options = {}) {
      const now = options.now ?? new Date();
      if (!options.force) {
        // A lease in the settings table: of several collectors, one purges per period.
        await db.query(`INSERT INTO settings (key, value) VALUES ('last_purge_ms', '0') ON CONFLICT DO NOTHING`);
        const lease = await db.query(
          `UPDATE settings SET value = $1 WHERE key = 'last_purge_ms' AND value::bigint <= $2 RETURNING key`,
          [String(now.getTime()), now.getTime() - (options.minGapMs ?? 30 * 60_000)],
        );
        if (lease.rowCount === 0) return { ran: false, events: 0, people: 0 };
      }
      const cutoff = `$1::timestamptz - s.retention_days * interval '1 day'`;
      let events = 0;
      // Chunks keep each delete short so ingest is never blocked behind one huge statement.
      for (;;) {
        const result = await db.query(
          `DELETE FROM events WHERE id IN (
             SELECT e.id FROM events e JOIN sites s ON s.id = e.site_id
             WHERE s.retention_days IS NOT NULL AND e.received_at < ${cutoff} LIMIT 5000)`,
          [now.toISOString()],
        );
        events += result.rowCount;
        if (result.rowCount < 5000) break;
      }
      const people = await db.query(
        `DELETE FROM people p USING sites s
         WHERE s.id = p.site_id AND s.retention_days IS NOT NULL AND p.last_seen < ${cutoff}`,
        [now.toISOString()],
      );
      // Chat: conversations and feedback follow the site's retention (by last activity); stream events are
      // kept for replay for CHAT_EVENT_DAYS whatever the retention.
      await db.query(
        `DELETE FROM conversations c USING sites s
         WHERE s.id = c.site_id AND s.retention_days IS NOT NULL AND c.last_message_at < ${cutoff}`,
        [now.toISOString()],
      );
      await db.query(
        `DELETE FROM feedback f USING sites s
         WHERE s.id = f.site_id AND s.retention_days IS NOT NULL AND f.created_at < ${cutoff}`,
        [now.toISOString()],
      );
      await db.query(`DELETE FROM chat_events WHERE created_at < $1::timestamptz - interval '${CHAT_EVENT_DAYS} days'`, [now.toISOString()]);
      await db.query('DELETE FROM admin_sessions WHERE expires_at < $1', [now.toISOString()]);
      await db.query('DELETE FROM rate_windows WHERE window_start < $1', [now.getTime() - 3_600_000]);
      return { ran: true, events, people: people.rowCount };
    },

    async getSetting(key) {
      const result = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
      return result.rows[0]?.value ?? null;
    },

    async setSettingIfAbsent(key, value) {
      await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, value]);
      const result = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
      return result.rows[0]!.value;
    },

    async createSession(tokenHash, fingerprint, expiresAt) {
      await db.query('INSERT INTO admin_sessions (token_hash, admin_fingerprint, expires_at) VALUES ($1, $2, $3)', [
        tokenHash,
        fingerprint,
        expiresAt.toISOString(),
      ]);
    },

    async hasSession(tokenHash, fingerprint) {
      const result = await db.query(
        'SELECT 1 FROM admin_sessions WHERE token_hash = $1 AND admin_fingerprint = $2 AND expires_at > now()',
        [tokenHash, fingerprint],
      );
      return result.rows.length > 0;
    },

    async deleteSession(tokenHash) {
      await db.query('DELETE FROM admin_sessions WHERE token_hash = $1', [tokenHash]);
    },

    close: () => db.close(),
  };
}
