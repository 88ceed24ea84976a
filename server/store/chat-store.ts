import { randomUUID } from 'node:crypto';
import type {
  ChatEvent,
  ChatEventType,
  ChatMessage,
  ChatVisitor,
  OperatorConversation,
  PageRef,
  StoredChatEvent,
  VisitorConversation,
} from './chat-types.js';
import type { SqlDb, SqlRunner } from './sql-db.js';

/** Who a chat session is bound to. */
export interface SessionIdentity {
  siteId: string;
  anonymousId: string;
  /** The userId the page claims (kept for context; trusted only when `verified`). */
  userId: string | null;
  /** True when an identity token proved `userId`: the session is then bound to the user, not the device. */
  verified: boolean;
  tokenHash: string;
}

/** A new visitor message. */
export interface VisitorMessageInput {
  text: string;
  clientId: string | null;
  conversationId: string | null;
  page: PageRef | null;
}

/** Outcome of posting a visitor message. */
export type PostMessageResult =
  | { kind: 'created' | 'duplicate'; conversation: VisitorConversation; message: ChatMessage }
  | { kind: 'not_found' }
  | { kind: 'rate_limited'; retryAfterSeconds: number };

/** Which conversations the inbox lists. */
export type ConversationStatusFilter = 'open' | 'closed' | 'all';

/**
 * Chat persistence over the shared SQL database. Every change that a stream shows is written, in the same
 * transaction, as a `chat_events` row (the cursor, for replay) and announced with `pg_notify(channel, ids)`, which
 * the database delivers to every collector's listener after the commit. Changes to one visitor's conversations
 * take a per-visitor advisory lock, so that visitor's event ids grow in commit order and a replay from a cursor
 * never skips a row that committed late.
 */
export interface ChatStore {
  /** The NOTIFY channel of this database and schema. */
  readonly channel: string;

  /** Finds or creates the visitor and stores the token's hash. */
  openSession(identity: SessionIdentity): Promise<ChatVisitor>;
  visitorByToken(tokenHash: string): Promise<ChatVisitor | null>;
  listVisitorConversations(visitorId: string): Promise<VisitorConversation[]>;
  postVisitorMessage(visitor: ChatVisitor, input: VisitorMessageInput, perMinute: number): Promise<PostMessageResult>;
  /** Oldest first; null when the conversation is not this visitor's. */
  visitorMessages(visitorId: string, conversationId: string, afterId: string | null): Promise<ChatMessage[] | null>;
  markReadByVisitor(visitorId: string, conversationId: string, upTo: string): Promise<boolean>;
  closeByVisitor(visitorId: string, conversationId: string): Promise<VisitorConversation | null>;
  rateConversation(visitorId: string, conversationId: string, score: number, comment: string | null): Promise<VisitorConversation | null>;
  setVisitorEmail(visitorId: string, conversationId: string, email: string): Promise<boolean>;
  unreadForVisitor(visitorId: string): Promise<number>;
  visitorTyping(visitor: ChatVisitor, conversationId: string, typing: boolean): Promise<boolean>;
  visitorEventsAfter(visitorId: string, afterId: string, limit: number): Promise<ChatEvent[]>;
  latestVisitorCursor(visitorId: string): Promise<string>;

  listConversations(siteId: string, status: ConversationStatusFilter, limit: number): Promise<OperatorConversation[]>;
  getConversation(siteId: string, id: string): Promise<{ conversation: OperatorConversation; messages: ChatMessage[]; lastPage: PageRef | null; lastPageAt: string | null } | null>;
  postOperatorMessage(siteId: string, conversationId: string, text: string): Promise<ChatMessage | null>;
  operatorTyping(siteId: string, conversationId: string, typing: boolean): Promise<boolean>;
  markReadByOperator(siteId: string, conversationId: string): Promise<boolean>;
  setStatusByOperator(siteId: string, conversationId: string, status: 'open' | 'closed'): Promise<OperatorConversation | null>;
  siteEventsAfter(siteId: string, afterId: string, limit: number): Promise<ChatEvent[]>;
  latestSiteCursor(siteId: string): Promise<string>;
  /** Stored events by id, in id order (what a listener reads after a notification). */
  eventsByIds(ids: string[]): Promise<StoredChatEvent[]>;
}

type Row = Record<string, unknown>;

// Advisory lock class of one visitor's chat (the people lock is 4_212_022; migrations use the one-bigint form).
const VISITOR_LOCK_CLASS = 4_212_023;

const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const seconds = (from: unknown, to: unknown): number | null =>
  from === null || from === undefined || to === null || to === undefined
    ? null
    : Math.max(0, Math.round(new Date(to as string).getTime() - new Date(from as string).getTime())) / 1000;

const MESSAGE_COLUMNS = 'id, conversation_id, author, text, client_id, created_at, read_at';
function toMessage(r: Row, prefix = ''): ChatMessage {
  return {
    id: String(r[`${prefix}id`]),
    conversationId: String(r[`${prefix}conversation_id`]),
    author: r[`${prefix}author`] as ChatMessage['author'],
    text: String(r[`${prefix}text`]),
    clientId: strOrNull(r[`${prefix}client_id`]),
    createdAt: iso(r[`${prefix}created_at`]),
    readAt: isoOrNull(r[`${prefix}read_at`]),
  };
}

function toPage(v: unknown): PageRef | null {
  if (!v || typeof v !== 'object') return null;
  const p = v as Record<string, unknown>;
  return { url: typeof p.url === 'string' ? p.url : null, title: typeof p.title === 'string' ? p.title : null };
}

// Everything both views of a conversation need, in one statement.
const CONVERSATION_SELECT = `
  SELECT c.id, c.site_id, c.visitor_id, c.status, c.created_at, c.closed_at, c.last_message_at, c.first_visitor_at,
         c.first_response_at, c.rating, c.rating_comment, c.last_page, c.last_page_at,
         v.anonymous_id, v.user_id, v.verified, v.email,
         lm.id AS lm_id, lm.conversation_id AS lm_conversation_id, lm.author AS lm_author, lm.text AS lm_text,
         lm.client_id AS lm_client_id, lm.created_at AS lm_created_at, lm.read_at AS lm_read_at,
         (SELECT count(*) FROM chat_messages m
           WHERE m.conversation_id = c.id AND m.author = 'operator' AND m.read_at IS NULL) AS unread_visitor,
         (SELECT count(*) FROM chat_messages m
           WHERE m.conversation_id = c.id AND m.author = 'visitor' AND m.read_at IS NULL) AS unread_operator,
         pp.id AS person_id, pp.traits AS person_traits
  FROM conversations c
  JOIN chat_visitors v ON v.id = c.visitor_id
  LEFT JOIN LATERAL (SELECT ${MESSAGE_COLUMNS} FROM chat_messages m WHERE m.conversation_id = c.id ORDER BY m.id DESC LIMIT 1) lm ON true
  LEFT JOIN LATERAL (
    SELECT p.id, p.traits FROM identities i JOIN people p ON p.id = i.person_id
    WHERE i.site_id = c.site_id
      AND ((i.kind = 'user' AND v.verified AND i.value = v.user_id) OR (i.kind = 'anonymous' AND i.value = v.anonymous_id))
    ORDER BY (i.kind = 'user') DESC LIMIT 1) pp ON true`;

function toVisitorView(r: Row): VisitorConversation {
  return {
    id: String(r.id),
    status: r.status as 'open' | 'closed',
    createdAt: iso(r.created_at),
    closedAt: isoOrNull(r.closed_at),
    unread: Number(r.unread_visitor),
    lastMessage: r.lm_id === null || r.lm_id === undefined ? null : toMessage(r, 'lm_'),
    rating: r.rating === null || r.rating === undefined ? null : { score: Number(r.rating), comment: strOrNull(r.rating_comment) },
  };
}

function toOperatorView(r: Row): OperatorConversation {
  const visitorView = toVisitorView(r);
  return {
    id: visitorView.id,
    status: visitorView.status,
    visitor: {
      personId: strOrNull(r.person_id),
      anonymousId: strOrNull(r.anonymous_id),
      userId: strOrNull(r.user_id),
      traits: r.person_traits && typeof r.person_traits === 'object' ? (r.person_traits as Record<string, unknown>) : {},
      verified: Boolean(r.verified),
      email: strOrNull(r.email),
    },
    createdAt: visitorView.createdAt,
    closedAt: visitorView.closedAt,
    lastMessage: visitorView.lastMessage,
    unreadForOperator: Number(r.unread_operator),
    firstResponseSeconds: seconds(r.first_visitor_at, r.first_response_at),
    resolutionSeconds: r.status === 'closed' ? seconds(r.created_at, r.closed_at) : null,
    rating: visitorView.rating,
  };
}

function toEvent(r: Row, column: 'visitor_data' | 'operator_data'): ChatEvent {
  return { id: String(r.id), type: r.type as ChatEventType, data: r[column] };
}

/** Creates the chat store over `db`, announcing changes on `channel`. */
export function createChatStore(db: SqlDb, channel: string): ChatStore {
  const lockVisitor = (tx: SqlRunner, visitorId: string) =>
    tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [VISITOR_LOCK_CLASS, visitorId]);

  const loadRow = async (tx: SqlRunner, id: string): Promise<Row> => {
    const result = await tx.query<Row>(`${CONVERSATION_SELECT} WHERE c.id = $1`, [id]);
    return result.rows[0]!;
  };

  // Stores one stream event and announces it, in the caller's transaction (delivered after the commit).
  const emit = async (tx: SqlRunner, row: Row, type: ChatEventType, visitorData: unknown, operatorData: unknown): Promise<void> => {
    await tx.query(
      `WITH e AS (
         INSERT INTO chat_events (site_id, visitor_id, type, visitor_data, operator_data)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb) RETURNING id)
       SELECT pg_notify($6, json_build_object('k', 'e', 'id', e.id::text, 's', $1::text, 'v', $2::text)::text) FROM e`,
      [
        row.site_id,
        row.visitor_id,
        type,
        visitorData === null ? null : JSON.stringify(visitorData),
        operatorData === null ? null : JSON.stringify(operatorData),
        channel,
      ],
    );
  };
  const emitConversation = async (tx: SqlRunner, id: string, toVisitor: boolean, toOperator: boolean): Promise<Row> => {
    const row = await loadRow(tx, id);
    await emit(
      tx,
      row,
      'conversation',
      toVisitor ? { conversation: toVisitorView(row) } : null,
      toOperator ? { conversation: toOperatorView(row) } : null,
    );
    return row;
  };
  const emitMessage = async (tx: SqlRunner, row: Row, message: ChatMessage): Promise<void> => {
    const data = { conversationId: message.conversationId, message };
    await emit(tx, row, 'message', data, data);
  };

  // The visitor's conversation with the lock held, or null when it is not theirs.
  const ownConversation = async (tx: SqlRunner, visitorId: string, id: string): Promise<Row | null> => {
    await lockVisitor(tx, visitorId);
    const result = await tx.query<Row>('SELECT id, site_id, visitor_id, status FROM conversations WHERE id = $1 AND visitor_id = $2', [id, visitorId]);
    return result.rows[0] ?? null;
  };
  // A site's conversation with its visitor's lock held, or null.
  const siteConversation = async (tx: SqlRunner, siteId: string, id: string): Promise<Row | null> => {
    const found = await tx.query<Row>('SELECT visitor_id FROM conversations WHERE id = $1 AND site_id = $2', [id, siteId]);
    if (!found.rows[0]) return null;
    await lockVisitor(tx, String(found.rows[0].visitor_id));
    const result = await tx.query<Row>('SELECT id, site_id, visitor_id, status FROM conversations WHERE id = $1', [id]);
    return result.rows[0] ?? null;
  };

  const insertMessage = async (tx: SqlRunner, conv: Row, author: 'visitor' | 'operator', text: string, clientId: string | null, page: PageRef | null): Promise<ChatMessage> => {
    const result = await tx.query<Row>(
      `INSERT INTO chat_messages (conversation_id, visitor_id, author, text, client_id, page)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${MESSAGE_COLUMNS}`,
      [conv.id, conv.visitor_id, author, text, clientId, page ? JSON.stringify(page) : null],
    );
    return toMessage(result.rows[0]!);
  };

  const typing = async (conv: Row, from: 'visitor' | 'operator', on: boolean): Promise<void> => {
    const notice = { k: 't', s: conv.site_id, v: conv.visitor_id, c: conv.id, from, on };
    await db.query('SELECT pg_notify($1, $2)', [channel, JSON.stringify(notice)]);
  };

  return {
    channel,

    async openSession(identity) {
      return db.transaction(async (tx) => {
        const kind = identity.verified ? 'user' : 'anonymous';
        const key = identity.verified ? identity.userId! : identity.anonymousId;
        const result = await tx.query<Row>(
          `INSERT INTO chat_visitors (id, site_id, kind, key, anonymous_id, user_id, verified)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (site_id, kind, key) DO UPDATE
             SET anonymous_id = excluded.anonymous_id, user_id = coalesce(excluded.user_id, chat_visitors.user_id)
           RETURNING id, site_id, anonymous_id, user_id, verified`,
          [randomUUID(), identity.siteId, kind, key, identity.anonymousId, identity.userId, identity.verified],
        );
        const row = result.rows[0]!;
        const visitorId = String(row.id);
        if (identity.verified) {
          // What this device wrote before signing in follows the user: move the anonymous visitor's
          // conversations to the verified one (both locked, in a fixed order).
          const anon = await tx.query<{ id: string }>(
            `SELECT id FROM chat_visitors WHERE site_id = $1 AND kind = 'anonymous' AND key = $2`,
            [identity.siteId, identity.anonymousId],
          );
          const from = anon.rows[0]?.id;
          if (from) {
            for (const id of [from, visitorId].sort()) await lockVisitor(tx, id);
            await tx.query('UPDATE conversations SET visitor_id = $2 WHERE visitor_id = $1', [from, visitorId]);
            await tx.query(
              `UPDATE chat_messages SET visitor_id = $2 WHERE visitor_id = $1
                 AND (client_id IS NULL OR client_id NOT IN (SELECT client_id FROM chat_messages WHERE visitor_id = $2 AND client_id IS NOT NULL))`,
              [from, visitorId],
            );
          }
        }
        await tx.query('INSERT INTO chat_tokens (token_hash, visitor_id) VALUES ($1, $2)', [identity.tokenHash, visitorId]);
        return {
          id: visitorId,
          siteId: String(row.site_id),
          anonymousId: strOrNull(row.anonymous_id),
          userId: strOrNull(row.user_id),
          verified: Boolean(row.verified),
        };
      });
    },

    async visitorByToken(tokenHash) {
      const result = await db.query<Row>(
        `SELECT v.id, v.site_id, v.anonymous_id, v.user_id, v.verified
         FROM chat_tokens t JOIN chat_visitors v ON v.id = t.visitor_id WHERE t.token_hash = $1`,
        [tokenHash],
      );
      const r = result.rows[0];
      return r
        ? { id: String(r.id), siteId: String(r.site_id), anonymousId: strOrNull(r.anonymous_id), userId: strOrNull(r.user_id), verified: Boolean(r.verified) }
        : null;
    },

    async listVisitorConversations(visitorId) {
      const result = await db.query<Row>(`${CONVERSATION_SELECT} WHERE c.visitor_id = $1 ORDER BY c.created_at DESC, c.id LIMIT 200`, [visitorId]);
      return result.rows.map(toVisitorView);
    },

    async postVisitorMessage(visitor, input, perMinute) {
      return db.transaction(async (tx): Promise<PostMessageResult> => {
        await lockVisitor(tx, visitor.id);
        if (input.clientId !== null) {
          const dup = await tx.query<Row>(`SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE visitor_id = $1 AND client_id = $2`, [visitor.id, input.clientId]);
          if (dup.rows[0]) {
            const message = toMessage(dup.rows[0]);
            return { kind: 'duplicate', message, conversation: toVisitorView(await loadRow(tx, message.conversationId)) };
          }
        }
        const rate = await tx.query<{ n: unknown; wait: unknown }>(
          `SELECT count(*) AS n, extract(epoch FROM (min(created_at) + interval '60 seconds' - now())) AS wait
           FROM (SELECT created_at FROM chat_messages
                 WHERE visitor_id = $1 AND author = 'visitor' AND created_at > now() - interval '60 seconds'
                 ORDER BY created_at DESC LIMIT $2) AS recent`,
          [visitor.id, perMinute],
        );
        if (Number(rate.rows[0]!.n) >= perMinute) {
          return { kind: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil(Number(rate.rows[0]!.wait))) };
        }

        let conv: Row | undefined;
        let changed = false;
        if (input.conversationId !== null) {
          const found = await tx.query<Row>('SELECT id, site_id, visitor_id, status FROM conversations WHERE id = $1 AND visitor_id = $2', [input.conversationId, visitor.id]);
          conv = found.rows[0];
          if (!conv) return { kind: 'not_found' };
          if (conv.status === 'closed') {
            // Writing into an ended conversation opens it again.
            await tx.query(`UPDATE conversations SET status = 'open', closed_at = NULL WHERE id = $1`, [conv.id]);
            changed = true;
          }
        } else {
          const open = await tx.query<Row>(
            `SELECT id, site_id, visitor_id, status FROM conversations WHERE visitor_id = $1 AND status = 'open' ORDER BY created_at DESC LIMIT 1`,
            [visitor.id],
          );
          conv = open.rows[0];
          if (!conv) {
            const created = await tx.query<Row>(
              `INSERT INTO conversations (id, site_id, visitor_id) VALUES ($1, $2, $3) RETURNING id, site_id, visitor_id, status`,
              [randomUUID(), visitor.siteId, visitor.id],
            );
            conv = created.rows[0]!;
            changed = true;
          }
        }
        const message = await insertMessage(tx, conv, 'visitor', input.text, input.clientId, input.page);
        await tx.query(
          `UPDATE conversations SET last_message_at = now(), first_visitor_at = coalesce(first_visitor_at, now()),
             last_page = coalesce($2::jsonb, last_page),
             last_page_at = CASE WHEN $2::jsonb IS NULL THEN last_page_at ELSE now() END
           WHERE id = $1`,
          [conv.id, input.page ? JSON.stringify(input.page) : null],
        );
        // A new (or reopened) conversation is announced before its message, so the inbox knows it first.
        const row = await emitConversation(tx, String(conv.id), changed, true);
        await emitMessage(tx, row, message);
        return { kind: 'created', message, conversation: toVisitorView(row) };
      });
    },

    async visitorMessages(visitorId, conversationId, afterId) {
      const own = await db.query('SELECT 1 FROM conversations WHERE id = $1 AND visitor_id = $2', [conversationId, visitorId]);
      if (own.rows.length === 0) return null;
      const result = await db.query<Row>(
        `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE conversation_id = $1 AND id > $2 ORDER BY id DESC LIMIT 1000) m ORDER BY id`,
        [conversationId, afterId ?? '0'],
      );
      return result.rows.map((r) => toMessage(r));
    },

    async markReadByVisitor(visitorId, conversationId, upTo) {
      return db.transaction(async (tx) => {
        const conv = await ownConversation(tx, visitorId, conversationId);
        if (!conv) return false;
        const updated = await tx.query(
          `UPDATE chat_messages SET read_at = now() WHERE conversation_id = $1 AND author = 'operator' AND read_at IS NULL AND id <= $2`,
          [conversationId, upTo],
        );
        if (updated.rowCount > 0) await emitConversation(tx, conversationId, true, true);
        return true;
      });
    },

    async closeByVisitor(visitorId, conversationId) {
      return db.transaction(async (tx) => {
        const conv = await ownConversation(tx, visitorId, conversationId);
        if (!conv) return null;
        if (conv.status === 'closed') return toVisitorView(await loadRow(tx, conversationId));
        await tx.query(`UPDATE conversations SET status = 'closed', closed_at = now() WHERE id = $1`, [conversationId]);
        return toVisitorView(await emitConversation(tx, conversationId, true, true));
      });
    },

    async rateConversation(visitorId, conversationId, score, comment) {
      return db.transaction(async (tx) => {
        const conv = await ownConversation(tx, visitorId, conversationId);
        if (!conv) return null;
        await tx.query('UPDATE conversations SET rating = $2, rating_comment = $3 WHERE id = $1', [conversationId, score, comment]);
        return toVisitorView(await emitConversation(tx, conversationId, true, true));
      });
    },

    async setVisitorEmail(visitorId, conversationId, email) {
      return db.transaction(async (tx) => {
        const conv = await ownConversation(tx, visitorId, conversationId);
        if (!conv) return false;
        await tx.query('UPDATE chat_visitors SET email = $2 WHERE id = $1', [visitorId, email]);
        await emitConversation(tx, conversationId, false, true);
        return true;
      });
    },

    async unreadForVisitor(visitorId) {
      const result = await db.query<{ n: unknown }>(
        `SELECT count(*) AS n FROM chat_messages m JOIN conversations c ON c.id = m.conversation_id
         WHERE c.visitor_id = $1 AND m.author = 'operator' AND m.read_at IS NULL`,
        [visitorId],
      );
      return Number(result.rows[0]?.n ?? 0);
    },

    async visitorTyping(visitor, conversationId, on) {
      const result = await db.query<Row>('SELECT id, site_id, visitor_id FROM conversations WHERE id = $1 AND visitor_id = $2', [conversationId, visitor.id]);
      if (!result.rows[0]) return false;
      await typing(result.rows[0], 'visitor', on);
      return true;
    },

    async visitorEventsAfter(visitorId, afterId, limit) {
      const result = await db.query<Row>(
        `SELECT id, type, visitor_data FROM chat_events WHERE visitor_id = $1 AND id > $2 AND visitor_data IS NOT NULL ORDER BY id LIMIT $3`,
        [visitorId, afterId, limit],
      );
      return result.rows.map((r) => toEvent(r, 'visitor_data'));
    },

    async latestVisitorCursor(visitorId) {
      const result = await db.query<{ max: unknown }>('SELECT max(id) AS max FROM chat_events WHERE visitor_id = $1', [visitorId]);
      return String(result.rows[0]?.max ?? 0);
    },

    async listConversations(siteId, status, limit) {
      const statusSql = status === 'all' ? '' : 'AND status = $3';
      const params: unknown[] = [siteId, limit];
      if (status !== 'all') params.push(status);
      // Conversations with unread visitor messages come first whatever their age, then the most recent.
      const result = await db.query<Row>(
        `SELECT * FROM (${CONVERSATION_SELECT}
           WHERE c.id IN (
             SELECT DISTINCT m.conversation_id FROM chat_messages m JOIN conversations cu ON cu.id = m.conversation_id
             WHERE m.read_at IS NULL AND m.author = 'visitor' AND cu.site_id = $1 ${statusSql.replace('status', 'cu.status')}
             UNION
             (SELECT id FROM conversations WHERE site_id = $1 ${statusSql} ORDER BY last_message_at DESC LIMIT $2))) x
         ORDER BY (x.unread_operator > 0) DESC, x.last_message_at DESC, x.id LIMIT $2`,
        params,
      );
      return result.rows.map(toOperatorView);
    },

    async getConversation(siteId, id) {
      const result = await db.query<Row>(`${CONVERSATION_SELECT} WHERE c.id = $1 AND c.site_id = $2`, [id, siteId]);
      const row = result.rows[0];
      if (!row) return null;
      const messages = await db.query<Row>(
        `SELECT * FROM (SELECT ${MESSAGE_COLUMNS} FROM chat_messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT 1000) m ORDER BY id`,
        [id],
      );
      return {
        conversation: toOperatorView(row),
        messages: messages.rows.map((r) => toMessage(r)),
        lastPage: toPage(row.last_page),
        lastPageAt: isoOrNull(row.last_page_at),
      };
    },

    async postOperatorMessage(siteId, conversationId, text) {
      return db.transaction(async (tx) => {
        const conv = await siteConversation(tx, siteId, conversationId);
        if (!conv) return null;
        const message = await insertMessage(tx, conv, 'operator', text, null, null);
        // A reply reopens a closed conversation; the first reply after the visitor wrote is the first response.
        await tx.query(
          `UPDATE conversations SET last_message_at = now(), status = 'open', closed_at = NULL,
             first_response_at = CASE WHEN first_response_at IS NULL AND first_visitor_at IS NOT NULL THEN now() ELSE first_response_at END
           WHERE id = $1`,
          [conversationId],
        );
        const row = await emitConversation(tx, conversationId, true, true);
        await emitMessage(tx, row, message);
        return message;
      });
    },

    async operatorTyping(siteId, conversationId, on) {
      const result = await db.query<Row>('SELECT id, site_id, visitor_id FROM conversations WHERE id = $1 AND site_id = $2', [conversationId, siteId]);
      if (!result.rows[0]) return false;
      await typing(result.rows[0], 'operator', on);
      return true;
    },

    async markReadByOperator(siteId, conversationId) {
      return db.transaction(async (tx) => {
        const conv = await siteConversation(tx, siteId, conversationId);
        if (!conv) return false;
        const updated = await tx.query(
          `UPDATE chat_messages SET read_at = now() WHERE conversation_id = $1 AND author = 'visitor' AND read_at IS NULL`,
          [conversationId],
        );
        if (updated.rowCount > 0) await emitConversation(tx, conversationId, false, true);
        return true;
      });
    },

    async setStatusByOperator(siteId, conversationId, status) {
      return db.transaction(async (tx) => {
        const conv = await siteConversation(tx, siteId, conversationId);
        if (!conv) return null;
        if (conv.status === status) return toOperatorView(await loadRow(tx, conversationId));
        await tx.query(
          `UPDATE conversations SET status = $2, closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE NULL END WHERE id = $1`,
          [conversationId, status],
        );
        return toOperatorView(await emitConversation(tx, conversationId, true, true));
      });
    },

    async siteEventsAfter(siteId, afterId, limit) {
      const result = await db.query<Row>(
        `SELECT id, type, operator_data FROM chat_events WHERE site_id = $1 AND id > $2 AND operator_data IS NOT NULL ORDER BY id LIMIT $3`,
        [siteId, afterId, limit],
      );
      return result.rows.map((r) => toEvent(r, 'operator_data'));
    },

    async latestSiteCursor(siteId) {
      const result = await db.query<{ max: unknown }>('SELECT max(id) AS max FROM chat_events WHERE site_id = $1', [siteId]);
      return String(result.rows[0]?.max ?? 0);
    },

    async eventsByIds(ids) {
      if (ids.length === 0) return [];
      const result = await db.query<Row>(
        `SELECT id, site_id, visitor_id, type, visitor_data, operator_data FROM chat_events
         WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint) ORDER BY id`,
        [JSON.stringify(ids)],
      );
      return result.rows.map((r) => ({
        id: String(r.id),
        siteId: String(r.site_id),
        visitorId: String(r.visitor_id),
        type: r.type as ChatEventType,
        visitorData: r.visitor_data,
        operatorData: r.operator_data,
      }));
    },
  };
}
