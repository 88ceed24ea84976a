import { createApi, type ChatApi } from './api';
import { createChatOutbox, type Queued } from './chat-outbox';
import type { ChatConfig, ChatMessage, ChatState, Conversation } from './chat-types';
import { errorKey } from './error-key';
import type { WidgetHost } from './host';
import { openFeed } from './open-feed';
import { uuid } from './uuid';

/** Longest message the collector accepts (characters after trimming). */
export const MAX_TEXT = 4000;
/** Visitor typing: at most one "typing" signal per this many ms, and "stopped" after this long idle. */
const TYPING_MS = 3000;

/** The chat model: state plus the actions the views call. No DOM, no Preact. */
export interface Chat {
  /** The current state; replaced (never mutated) on every change. */
  readonly state: ChatState;
  /** Calls `cb` after every change; returns the unsubscribe function. */
  subscribe(cb: () => void): () => void;
  /** Loads the site's chat config once (feedback scale, business hours). */
  config(): Promise<ChatConfig | undefined>;
  /** Gets a visitor token, loads the conversation and opens the live feed (once; again after reset()). */
  start(): Promise<void>;
  /** Starts only if this visitor already chatted here (saved token or queued messages): for unread replies. */
  resume(): void;
  /** Queues and sends a message; false (with the error shown) when it is empty or too long. */
  send(text: string): boolean;
  /** The visitor is typing (throttled typing signals to the operator). */
  typing(): void;
  /** The conversation is on screen: marks the operator's messages read. */
  seen(): void;
  /** Ends the conversation. */
  end(): Promise<void>;
  /** Rates the conversation that just ended (CSAT 1–5). */
  rate(score: number, comment: string): Promise<boolean>;
  /** Leaves an email address for the answer. */
  email(address: string): Promise<boolean>;
  /**
   * Sends a feedback answer (no visitor token needed); retries of one answer pass the same `clientId`, on which
   * the collector is idempotent. Resolves true when stored.
   */
  feedback(scale: 'nps' | 'stars', rating: number, comment: string, clientId: string): Promise<boolean>;
}

const page = () => ({ url: location.href, title: document.title });

/** Server messages by time, then ones still pending in the order they were written. */
const order = (list: ChatMessage[]) =>
  list.sort((a, b) => +!!a.pending - +!!b.pending || (a.pending ? 0 : a.createdAt < b.createdAt ? -1 : +(a.createdAt > b.createdAt)));

/**
 * Creates the visitor's chat: session token, history, live feed (stream or long poll), the offline queue,
 * unread count (to host.badge and `chat:unread`), typing signals both ways, ending and rating.
 */
export const createChat = (host: WidgetHost, api: ChatApi = createApi(host)): Chat => {
  const outbox = createChatOutbox(host.key);
  const subs = new Set<() => void>();
  let state: ChatState = { messages: [], unread: 0, typing: false };
  let started: Promise<void> | undefined;
  let stopFeed: (() => void) | undefined;
  let configured: Promise<ChatConfig | undefined> | undefined;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let startedFor = '';
  let typingSent = 0;
  let reading = false;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const set = (patch: Partial<ChatState>) => {
    const next = { ...state, ...patch };
    next.unread = next.messages.filter((m) => m.author == 'operator' && !m.readAt).length;
    const changed = next.unread != state.unread;
    state = next;
    if (changed) {
      host.badge(next.unread);
      host.emit('chat:unread', next.unread);
    }
    subs.forEach((cb) => cb());
  };

  const pendingOf = (q: Queued): ChatMessage => ({
    id: q.clientId,
    conversationId: state.conversation?.id || '',
    author: 'visitor',
    text: q.text,
    clientId: q.clientId,
    createdAt: q.createdAt,
    readAt: null,
    pending: true,
  });

  /** Merges messages in (by id, and a pending one by its clientId); `live` ones are announced as new. */
  const add = (list: ChatMessage[], live: boolean, patch: Partial<ChatState> = {}) => {
    let messages = patch.messages || state.messages;
    for (const m of list) {
      const known = messages.some((x) => x.id == m.id);
      messages = messages.filter((x) => x.id != m.id && !(m.clientId && x.clientId == m.clientId));
      messages.push(m);
      if (live && !known && !m.pending) host.emit('chat:message', m);
    }
    set({ ...patch, messages: order(messages) });
  };

  /** Shows another conversation (a new one started here or elsewhere): its messages replace the old ones. */
  const switchTo = (c: Conversation, patch: Partial<ChatState> = {}) =>
    set({ ...patch, conversation: c, ended: false, emailed: undefined, messages: state.messages.filter((m) => m.pending) });

  const onEvent = (type: string, d: any) => {
    const c = state.conversation;
    if (type == 'message' && d.message) {
      const m: ChatMessage = d.message;
      if (c && m.conversationId != c.id) {
        // Another tab or device started a new conversation after this one closed: follow it.
        if (c.status != 'closed') return;
        switchTo({ id: m.conversationId, status: 'open' });
      }
      add([m], true, { conversation: state.conversation || { id: m.conversationId, status: 'open' }, ...(m.author == 'operator' ? { typing: false } : {}) });
    } else if (type == 'typing' && d.conversationId == c?.id) {
      clearTimeout(typingTimer);
      // A lost "stopped typing" must not leave the indicator on forever.
      if (d.typing) typingTimer = setTimeout(() => set({ typing: false }), 10_000);
      set({ typing: !!d.typing });
    } else if (type == 'conversation' && d.conversation?.id == c?.id) {
      const next: Conversation = d.conversation;
      set({ conversation: next, ended: state.ended || (c!.status == 'open' && next.status == 'closed') });
    }
  };

  const history = async () => {
    const r = await api.json('/v1/chat/conversations');
    const c: Conversation | undefined = r.body.conversations?.[0];
    if (r.status != 200) throw new Error(r.body.error);
    if (!c) return;
    const m = await api.json('/v1/chat/conversations/' + c.id + '/messages');
    if (state.conversation && state.conversation.id != c.id) return;
    add(m.body.messages || [], false, { conversation: state.conversation || c });
  };

  /** Sends one queued message; true when it is settled (acknowledged, or refused for good). */
  const post = async (q: Queued): Promise<boolean> => {
    if (q.anonymousId != host.visitor().anonymousId) return true;
    const r = await api.json('/v1/chat/messages', { text: q.text, clientId: q.clientId, page: q.page });
    if (r.status < 300) {
      const c: Conversation = r.body.conversation;
      if (c && c.id != state.conversation?.id) switchTo(c);
      add([r.body.message], true, { error: undefined });
      host.track('Chat Message Sent', { conversationId: c?.id });
      return true;
    }
    const error = errorKey(r.body.error);
    if (r.status == 429 || r.status >= 500) {
      // Keep it: try again after Retry-After (or a few seconds).
      clearTimeout(retry);
      retry = setTimeout(flush, (+r.headers.get('Retry-After')! || 5) * 1000);
      set({ error: r.status == 429 ? error : 'error' });
      return false;
    }
    add([{ ...pendingOf(q), pending: false, failed: error }], false, { error });
    return true;
  };

  const flush = () =>
    void outbox.flush(post).then(() => {
      if (outbox.all().length && !navigator.onLine) set({ error: 'network' });
    });

  const chat: Chat = {
    get state() {
      return state;
    },
    subscribe(cb) {
      subs.add(cb);
      return () => subs.delete(cb);
    },
    config: () =>
      (configured ||= api
        .json('/v1/chat/config?writeKey=' + encodeURIComponent(host.key), undefined, false)
        .then((r) => {
          if (r.status != 200) throw 0;
          set({ config: r.body });
          return r.body as ChatConfig;
        })
        .catch(() => (configured = undefined))),
    start() {
      const me = host.visitor().anonymousId;
      if (started && startedFor != me) {
        // reset(): a new person on this device. Nothing of the previous visitor's chat stays on screen.
        stopFeed?.();
        started = undefined;
        set({ messages: [], conversation: undefined, ended: false, emailed: undefined, typing: false, error: undefined });
      }
      startedFor = me;
      return (started ||= (async () => {
        void chat.config();
        try {
          stopFeed = openFeed(api, onEvent);
          await history();
          set({ error: undefined });
          flush();
        } catch (e) {
          stopFeed?.();
          started = undefined;
          set({ error: errorKey((e as Error).message) });
        }
      })());
    },
    resume() {
      const mine = outbox.all().filter((q) => q.anonymousId == host.visitor().anonymousId);
      if (mine.length) add(mine.map(pendingOf), false);
      if (api.has() || mine.length) void chat.start();
    },
    send(raw) {
      const text = String(raw ?? '').trim();
      if (!text) return false;
      if (text.length > MAX_TEXT) {
        set({ error: 'text_too_long' });
        return false;
      }
      const q: Queued = { clientId: uuid(), text, anonymousId: host.visitor().anonymousId, page: page(), createdAt: new Date().toISOString() };
      outbox.add(q);
      add([pendingOf(q)], false, { error: undefined });
      clearTimeout(idleTimer);
      if (typingSent) signal(false);
      void chat.start().then(flush);
      return true;
    },
    typing() {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => signal(false), TYPING_MS);
      if (Date.now() - typingSent > TYPING_MS) signal(true);
    },
    seen() {
      const last = state.messages.filter((m) => m.author == 'operator' && !m.readAt).pop();
      if (!last || reading || document.visibilityState != 'visible') return;
      reading = true;
      const readAt = new Date().toISOString();
      set({ messages: state.messages.map((m) => (m.author == 'operator' && !m.readAt ? { ...m, readAt } : m)) });
      void api
        .json('/v1/chat/conversations/' + last.conversationId + '/read', { upTo: last.id })
        .catch(() => {})
        .finally(() => (reading = false));
    },
    async end() {
      const c = state.conversation;
      if (!c) return;
      const r = await api.json('/v1/chat/conversations/' + c.id + '/close', {}).catch(() => null);
      if (r?.status == 200) set({ conversation: r.body.conversation || { ...c, status: 'closed' }, ended: true });
      else set({ error: errorKey(r ? r.body.error : 'network') });
    },
    async rate(score, comment) {
      const c = state.conversation;
      const r = c && (await api.json('/v1/chat/conversations/' + c.id + '/rating', { score, comment: comment || undefined }).catch(() => null));
      if (r?.status == 200) host.track('Chat Rated', { conversationId: c!.id, score });
      return r?.status == 200;
    },
    async email(address) {
      const c = state.conversation;
      const r = c && (await api.json('/v1/chat/conversations/' + c.id + '/email', { email: address }).catch(() => null));
      if (r && r.status < 300) set({ emailed: address });
      return !!r && r.status < 300;
    },
    async feedback(scale, rating, comment, clientId) {
      const v = host.visitor();
      const body = { writeKey: host.key, anonymousId: v.anonymousId, userId: v.userId, scale, rating, comment: comment || undefined, page: page(), clientId };
      const ok = ((await api.json('/v1/feedback', body, false).catch(() => null))?.status || 500) < 300;
      if (ok) host.track('Feedback Submitted', { scale, rating });
      return ok;
    },
  };

  /** Tells the operator whether the visitor is typing (only in a conversation that exists). */
  const signal = (typing: boolean) => {
    const c = state.conversation;
    typingSent = typing ? Date.now() : 0;
    if (c?.status == 'open') void api.json('/v1/chat/conversations/' + c.id + '/typing', { typing }).catch(() => {});
  };

  // Back online: send what waited, and (if the first attempt failed offline) load the conversation.
  addEventListener('online', () => (started ? flush() : outbox.all().length && void chat.start()));
  return chat;
};
