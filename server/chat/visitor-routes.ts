import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sha256Hex } from '../auth/secret-equal.js';
import { HttpError } from '../http-error.js';
import type { ChatVisitor, PageRef } from '../store/chat-types.js';
import type { Site, Store } from '../store/store.js';
import { availability } from './business-hours.js';
import type { ChatHub } from './chat-hub.js';
import { checkOrigin, preflight, useChatCors } from './chat-cors.js';
import { parseCursor, pollChatEvents, serveChatStream, type ChatEventSource, type OpenStreams } from './chat-stream.js';
import { verifyIdentityToken } from './identity-token.js';
import { checkMessageText } from './message-text.js';

/** Limits and timing of the visitor chat API. */
export interface VisitorRoutesOptions {
  store: Store;
  hub: ChatHub;
  /** Messages per visitor per minute (default 20). */
  messagesPerMinute?: number;
  /** New sessions per site per minute (default 600; 0 = off). */
  sessionsPerMinute?: number;
  /** Comment interval of the stream (default 15 s). */
  pingMs?: number;
}

/** A visitor authenticated by token, with their site. */
interface Caller {
  visitor: ChatVisitor;
  site: Site;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_FOUND = (): HttpError => new HttpError(404, 'not_found', 'No such conversation.');
const MAX_WAIT_SECONDS = 25;

const pageSchema = {
  type: ['object', 'null'],
  properties: { url: { type: ['string', 'null'], maxLength: 2000 }, title: { type: ['string', 'null'], maxLength: 500 } },
};
const idText = { type: 'string', minLength: 1, maxLength: 200 };

function pageOf(value: unknown): PageRef | null {
  if (!value || typeof value !== 'object') return null;
  const p = value as { url?: unknown; title?: unknown };
  const url = typeof p.url === 'string' ? p.url : null;
  const title = typeof p.title === 'string' ? p.title : null;
  return url === null && title === null ? null : { url, title };
}

/** Finds a site by write key: 401 like ingest when unknown. */
async function siteByWriteKey(store: Store, writeKey: unknown): Promise<Site> {
  if (typeof writeKey !== 'string' || writeKey === '') throw new HttpError(401, 'missing_write_key', 'Send the site\'s write key as "writeKey".');
  const site = /^[\x21-\x7e]{1,200}$/.test(writeKey) ? await store.findSiteByWriteKey(writeKey) : null;
  if (!site) throw new HttpError(401, 'unknown_write_key', `Unknown write key "${writeKey.slice(0, 40)}". Copy the key from the console (Sites).`);
  return site;
}

/**
 * The visitor chat API under /v1/chat: config, session, conversations, messages, read, typing, close, rating,
 * email, unread count, the SSE stream and the long-poll fallback. A visitor token is read from the
 * Authorization header only (a token in the URL would end up in logs and Referer headers); it reaches only
 * its own visitor's conversations, and anything else is the same 404.
 */
export async function visitorRoutes(app: FastifyInstance, options: VisitorRoutesOptions): Promise<void> {
  const { store, hub } = options;
  const perMinute = options.messagesPerMinute ?? 20;
  const sessionsPerMinute = options.sessionsPerMinute ?? 600;
  const pingMs = options.pingMs ?? 15_000;
  const open: OpenStreams = new Set();
  let closing!: () => void;
  const closed = new Promise<void>((resolve) => (closing = resolve));
  app.addHook('preClose', async () => {
    closing();
    for (const res of open) res.end();
  });

  useChatCors(app);
  app.options('/*', preflight);

  const caller = async (req: FastifyRequest): Promise<Caller> => {
    const header = req.headers.authorization;
    if (!header) throw new HttpError(401, 'missing_token', 'Send the visitor token from POST /v1/chat/session as "Authorization: Bearer <token>".');
    const token = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header)?.[1];
    const visitor = token ? await store.chat.visitorByToken(sha256Hex(token)) : null;
    if (!visitor) throw new HttpError(401, 'invalid_token', 'Unknown visitor token; start a new session with POST /v1/chat/session.');
    const site = await store.getSite(visitor.siteId);
    if (!site) throw new HttpError(401, 'invalid_token', 'Unknown visitor token; start a new session with POST /v1/chat/session.');
    checkOrigin(req.headers.origin, site);
    return { visitor, site };
  };
  const conversationId = (req: FastifyRequest): string => {
    const id = (req.params as { id: string }).id;
    if (!UUID.test(id)) throw NOT_FOUND();
    return id;
  };
  const source = (visitorId: string): ChatEventSource => ({
    subscribe: (listener) => hub.subscribeVisitor(visitorId, listener),
    replay: (after, limit) => store.chat.visitorEventsAfter(visitorId, after, limit),
    latest: () => store.chat.latestVisitorCursor(visitorId),
  });

  app.get('/config', async (req, reply) => {
    const site = await siteByWriteKey(store, (req.query as { writeKey?: unknown }).writeKey);
    checkOrigin(req.headers.origin, site);
    const { online, nextOpen } = availability(site.chat.businessHours, new Date());
    reply.header('Cache-Control', 'max-age=60');
    return {
      enabled: site.chat.enabled,
      online: site.chat.enabled && online,
      nextOpen: site.chat.enabled ? nextOpen : null,
      replyTimeMinutes: site.chat.replyTimeMinutes,
      requireVerification: site.chat.requireVerification,
      feedbackScale: site.feedback.scale,
    };
  });

  app.post(
    '/session',
    {
      schema: {
        body: {
          type: 'object',
          required: ['writeKey', 'anonymousId'],
          properties: { writeKey: { type: 'string' }, anonymousId: idText, userId: { anyOf: [idText, { type: 'null' }] }, identityToken: { type: ['string', 'null'], maxLength: 4096 } },
        },
      },
    },
    async (req) => {
      const body = req.body as { writeKey: string; anonymousId: string; userId?: string | null; identityToken?: string | null };
      const site = await siteByWriteKey(store, body.writeKey);
      checkOrigin(req.headers.origin, site);
      if (!site.chat.enabled) throw new HttpError(403, 'chat_disabled', `Chat is turned off for site "${site.id}".`);
      const userId = body.userId ?? null;
      let verified = false;
      if (body.identityToken) {
        if (!userId) throw new HttpError(401, 'identity_invalid', 'An identityToken needs the userId it was signed for.');
        const secret = (await store.getSite(site.id))!.identitySecret;
        const check = await verifyIdentityToken(body.identityToken, secret, userId);
        if (!check.ok) throw new HttpError(401, 'identity_invalid', `Identity verification failed: ${check.reason}.`);
        verified = true;
      }
      if (site.chat.requireVerification && !verified) {
        throw new HttpError(403, 'verification_required', `Site "${site.id}" requires identity verification: pass a signed identityToken with the userId.`);
      }
      if (sessionsPerMinute > 0) {
        const rate = await store.consumeRate(`chat-session:${site.id}`, 1, 60, sessionsPerMinute);
        if (!rate.allowed) {
          throw new HttpError(429, 'rate_limited', `Too many new chat sessions for site "${site.id}"; retry after ${rate.retryAfterSeconds} s.`, {
            'Retry-After': String(rate.retryAfterSeconds),
          });
        }
      }
      const visitorToken = randomBytes(32).toString('base64url');
      await store.chat.openSession({ siteId: site.id, anonymousId: body.anonymousId, userId, verified, tokenHash: sha256Hex(visitorToken) });
      return { visitorToken, verified };
    },
  );

  app.get('/conversations', async (req) => {
    const { visitor } = await caller(req);
    return { conversations: await store.chat.listVisitorConversations(visitor.id) };
  });

  app.post(
    '/messages',
    {
      schema: {
        body: {
          type: 'object',
          required: ['text'],
          properties: { text: {}, clientId: { anyOf: [idText, { type: 'null' }] }, conversationId: { type: ['string', 'null'], maxLength: 100 }, page: pageSchema },
        },
      },
    },
    async (req, reply) => {
      const { visitor, site } = await caller(req);
      const body = req.body as { text: unknown; clientId?: string | null; conversationId?: string | null; page?: unknown };
      const text = checkMessageText(body.text);
      if (!site.chat.enabled) throw new HttpError(403, 'chat_disabled', `Chat is turned off for site "${site.id}".`);
      const wanted = body.conversationId ?? null;
      if (wanted !== null && !UUID.test(wanted)) throw NOT_FOUND();
      const result = await store.chat.postVisitorMessage(
        visitor,
        { text, clientId: body.clientId ?? null, conversationId: wanted, page: pageOf(body.page) },
        perMinute,
      );
      if (result.kind === 'not_found') throw NOT_FOUND();
      if (result.kind === 'rate_limited') {
        throw new HttpError(429, 'rate_limited', `Slow down: at most ${perMinute} messages a minute. Retry after ${result.retryAfterSeconds} s.`, {
          'Retry-After': String(result.retryAfterSeconds),
        });
      }
      return reply.code(result.kind === 'created' ? 201 : 200).send({ conversation: result.conversation, message: result.message });
    },
  );

  app.get('/conversations/:id/messages', async (req) => {
    const { visitor } = await caller(req);
    const id = conversationId(req);
    const rawAfter = (req.query as { after?: unknown }).after;
    const after = rawAfter === undefined || rawAfter === '' ? null : parseCursor(rawAfter);
    if (rawAfter !== undefined && rawAfter !== '' && after === null) throw new HttpError(400, 'invalid_request', 'after must be a message id');
    const messages = await store.chat.visitorMessages(visitor.id, id, after);
    if (!messages) throw NOT_FOUND();
    return { messages };
  });

  app.post('/conversations/:id/read', { schema: { body: { type: 'object', required: ['upTo'], properties: { upTo: { type: ['string', 'integer'] } } } } }, async (req, reply) => {
    const { visitor } = await caller(req);
    const id = conversationId(req);
    const upTo = parseCursor(String((req.body as { upTo: string | number }).upTo));
    if (upTo === null) throw new HttpError(400, 'invalid_request', 'upTo must be a message id');
    if (!(await store.chat.markReadByVisitor(visitor.id, id, upTo))) throw NOT_FOUND();
    return reply.code(204).send();
  });

  app.post('/conversations/:id/typing', { schema: { body: { type: 'object', required: ['typing'], properties: { typing: { type: 'boolean' } } } } }, async (req, reply) => {
    const { visitor } = await caller(req);
    if (!(await store.chat.visitorTyping(visitor, conversationId(req), (req.body as { typing: boolean }).typing))) throw NOT_FOUND();
    return reply.code(204).send();
  });

  app.post('/conversations/:id/close', async (req) => {
    const { visitor } = await caller(req);
    const conversation = await store.chat.closeByVisitor(visitor.id, conversationId(req));
    if (!conversation) throw NOT_FOUND();
    return { conversation };
  });

  app.post(
    '/conversations/:id/rating',
    {
      schema: {
        body: {
          type: 'object',
          required: ['score'],
          properties: { score: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: ['string', 'null'], maxLength: 2000 } },
        },
      },
    },
    async (req) => {
      const { visitor } = await caller(req);
      const body = req.body as { score: number; comment?: string | null };
      const comment = body.comment?.trim() || null;
      const conversation = await store.chat.rateConversation(visitor.id, conversationId(req), body.score, comment);
      if (!conversation) throw NOT_FOUND();
      return { conversation };
    },
  );

  app.post(
    '/conversations/:id/email',
    { schema: { body: { type: 'object', required: ['email'], properties: { email: { type: 'string', maxLength: 320 } } } } },
    async (req, reply) => {
      const { visitor } = await caller(req);
      const email = (req.body as { email: string }).email.trim();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new HttpError(400, 'invalid_email', `"${email.slice(0, 100)}" is not an email address.`);
      if (!(await store.chat.setVisitorEmail(visitor.id, conversationId(req), email))) throw NOT_FOUND();
      return reply.code(204).send();
    },
  );

  app.get('/unread', async (req, reply) => {
    const { visitor } = await caller(req);
    reply.header('Cache-Control', 'no-store');
    return { unread: await store.chat.unreadForVisitor(visitor.id) };
  });

  app.get('/stream', async (req, reply) => {
    const { visitor } = await caller(req);
    await serveChatStream(req, reply, source(visitor.id), { pingMs, open });
  });

  app.get('/events', async (req, reply) => {
    const { visitor } = await caller(req);
    const q = req.query as { after?: unknown; wait?: unknown };
    const after = q.after === undefined || q.after === '' ? null : parseCursor(q.after);
    if (q.after !== undefined && q.after !== '' && after === null) throw new HttpError(400, 'invalid_request', 'after must be a cursor from a previous answer');
    let wait = 0;
    if (q.wait !== undefined && q.wait !== '') {
      if (typeof q.wait !== 'string' || !/^\d{1,3}$/.test(q.wait)) throw new HttpError(400, 'invalid_request', `wait must be a number of seconds from 0 to ${MAX_WAIT_SECONDS}`);
      wait = Math.min(Number(q.wait), MAX_WAIT_SECONDS);
    }
    reply.header('Cache-Control', 'no-store');
    return pollChatEvents(source(visitor.id), after, wait * 1000, closed);
  });
}
