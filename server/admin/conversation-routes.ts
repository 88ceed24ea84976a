import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ChatHub } from '../chat/chat-hub.js';
import { serveChatStream, type OpenStreams } from '../chat/chat-stream.js';
import { checkMessageText } from '../chat/message-text.js';
import { HttpError } from '../http-error.js';
import type { ConversationContext, OperatorConversation, PageRef } from '../store/chat-types.js';
import type { EventRecord, Store } from '../store/store.js';
import { intParam } from './query-params.js';

/** Options of the operator conversation API. */
export interface ConversationRoutesOptions {
  store: Store;
  hub: ChatHub;
  /** Comment interval of the inbox stream (default 15 s). */
  pingMs?: number;
}

const CONTEXT_ITEMS = 20;

function pageOfEvent(e: EventRecord): PageRef & { timestamp: string } {
  const page = (e.context.page ?? {}) as { url?: unknown; title?: unknown };
  const url = typeof page.url === 'string' ? page.url : typeof e.properties.url === 'string' ? e.properties.url : null;
  const title = typeof page.title === 'string' ? page.title : typeof e.properties.title === 'string' ? e.properties.title : e.name;
  return { url, title, timestamp: e.timestamp };
}

/** What the operator sees beside a conversation: pages, recent events and traits of the visitor's person. */
async function contextOf(store: Store, siteId: string, conversation: OperatorConversation, lastPage: PageRef | null, lastPageAt: string | null): Promise<ConversationContext> {
  const lookup = conversation.visitor.personId ?? conversation.visitor.anonymousId;
  const person = lookup ? await store.findPerson(siteId, lookup) : null;
  const [pageEvents, recentEvents] = person
    ? await Promise.all([store.personEvents(siteId, person, CONTEXT_ITEMS, 'page'), store.personEvents(siteId, person, CONTEXT_ITEMS)])
    : [[], []];
  const pages = pageEvents.map(pageOfEvent);
  // The newer of the last page view and the page the visitor last wrote from.
  const latest = pages[0];
  const currentPage = latest && (!lastPageAt || latest.timestamp >= lastPageAt) ? { url: latest.url, title: latest.title } : lastPage;
  return { currentPage, pages, recentEvents, traits: person?.traits ?? conversation.visitor.traits };
}

/**
 * The operator side of chat under /v1/admin/sites/:site/conversations: the inbox (unread first), one
 * conversation with its messages and visitor context, reply, typing, read, close, reopen, and the inbox stream.
 */
export async function conversationRoutes(app: FastifyInstance, options: ConversationRoutesOptions): Promise<void> {
  const { store, hub } = options;
  const pingMs = options.pingMs ?? 15_000;
  const open: OpenStreams = new Set();
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  const siteOf = async (req: FastifyRequest): Promise<string> => {
    const siteId = (req.params as { site: string }).site;
    if (!(await store.getSite(siteId))) throw new HttpError(404, 'site_not_found', 'No such site.');
    return siteId;
  };
  const idOf = (req: FastifyRequest): string => {
    const id = (req.params as { id: string }).id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new HttpError(404, 'conversation_not_found', 'No such conversation.');
    return id;
  };
  const missing = (): HttpError => new HttpError(404, 'conversation_not_found', 'No such conversation.');

  app.get('/sites/:site/conversations', async (req) => {
    const q = req.query as { status?: unknown; limit?: unknown };
    const status = q.status === undefined || q.status === '' ? 'all' : q.status;
    if (status !== 'open' && status !== 'closed' && status !== 'all') throw new HttpError(400, 'invalid_request', 'status must be open, closed or all');
    const limit = intParam(q.limit, 'limit', 100, 500);
    const siteId = await siteOf(req);
    return { conversations: await store.chat.listConversations(siteId, status, limit) };
  });

  app.get('/sites/:site/conversations/stream', async (req, reply) => {
    const siteId = await siteOf(req);
    await serveChatStream(
      req,
      reply,
      {
        subscribe: (listener) => hub.subscribeSite(siteId, listener),
        replay: (after, limit) => store.chat.siteEventsAfter(siteId, after, limit),
        latest: () => store.chat.latestSiteCursor(siteId),
      },
      { pingMs, open },
    );
  });

  app.get('/sites/:site/conversations/:id', async (req) => {
    const siteId = await siteOf(req);
    const found = await store.chat.getConversation(siteId, idOf(req));
    if (!found) throw missing();
    return {
      conversation: found.conversation,
      messages: found.messages,
      context: await contextOf(store, siteId, found.conversation, found.lastPage, found.lastPageAt),
    };
  });

  app.post('/sites/:site/conversations/:id/messages', { schema: { body: { type: 'object', required: ['text'], properties: { text: {} } } } }, async (req, reply) => {
    const text = checkMessageText((req.body as { text: unknown }).text);
    const siteId = await siteOf(req);
    const message = await store.chat.postOperatorMessage(siteId, idOf(req), text);
    if (!message) throw missing();
    return reply.code(201).send({ message });
  });

  app.post('/sites/:site/conversations/:id/typing', { schema: { body: { type: 'object', required: ['typing'], properties: { typing: { type: 'boolean' } } } } }, async (req, reply) => {
    const siteId = await siteOf(req);
    if (!(await store.chat.operatorTyping(siteId, idOf(req), (req.body as { typing: boolean }).typing))) throw missing();
    return reply.code(204).send();
  });

  app.post('/sites/:site/conversations/:id/read', async (req, reply) => {
    const siteId = await siteOf(req);
    if (!(await store.chat.markReadByOperator(siteId, idOf(req)))) throw missing();
    return reply.code(204).send();
  });

  for (const [action, status] of [['close', 'closed'], ['reopen', 'open']] as const) {
    app.post(`/sites/:site/conversations/:id/${action}`, async (req) => {
      const siteId = await siteOf(req);
      const conversation = await store.chat.setStatusByOperator(siteId, idOf(req), status);
      if (!conversation) throw missing();
      return { conversation };
    });
  }
}
