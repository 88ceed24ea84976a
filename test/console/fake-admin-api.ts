/**
 * A small in-memory stand-in for the collector's admin API, for console unit tests under happy-dom
 * (no server runs there). It follows the contract in the console brief: cookie-less here, a login flag instead.
 * The real server is exercised in test/e2e/console.test.ts.
 */
import type {
  ChatMessage,
  Conversation,
  ConversationContext,
  Feedback,
  FeedbackSummary,
  Person,
  Site,
  SiteDetail,
  StoredEvent,
} from '../../server/console/types';

/** Recorded request, for asserting what the console sent. */
export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
}

/** Seed data and the token the fake accepts. */
export interface FakeAdminOptions {
  token?: string;
  loggedIn?: boolean;
  sites?: Site[];
  events?: Record<string, StoredEvent[]>;
  people?: Record<string, { person: Person; events: StoredEvent[] }[]>;
  /** Chat conversations per site, with their messages and visitor context. */
  conversations?: Record<string, FakeConversation[]>;
  feedback?: Record<string, { feedback: Feedback[]; summary: FeedbackSummary }>;
  /** Chat settings and identity secrets per site id (what GET /sites/:site adds to the site). */
  siteDetails?: Record<string, Partial<SiteDetail>>;
}

/** A conversation the fake serves, with its messages (oldest first) and the visitor's context. */
export interface FakeConversation {
  conversation: Conversation;
  messages: ChatMessage[];
  context?: Partial<ConversationContext>;
}

/** A test double of the browser EventSource driven by {@link FakeAdmin.push}. */
export interface FakeSource {
  url: URL;
  readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  /** Named-event listeners (the inbox stream sends `conversation`, `message` and `typing` events). */
  listeners: Record<string, ((event: MessageEvent) => void)[]>;
  addEventListener(type: string, cb: (event: MessageEvent) => void): void;
  close(): void;
}

/** Handle returned by {@link createFakeAdminApi}. */
export interface FakeAdmin {
  fetch: typeof fetch;
  EventSource: typeof EventSource;
  requests: FakeRequest[];
  sources: FakeSource[];
  state: {
    loggedIn: boolean;
    sites: Site[];
    events: Record<string, StoredEvent[]>;
    conversations: Record<string, FakeConversation[]>;
    feedback: Record<string, { feedback: Feedback[]; summary: FeedbackSummary }>;
    siteDetails: Record<string, Partial<SiteDetail>>;
  };
  /** Stores an event and delivers it to every open stream of its site whose filters match. */
  push(site: string, event: StoredEvent): void;
  /** Sends a named event (`conversation`, `message`, `typing`) to every open inbox stream of the site. */
  pushInbox(site: string, type: string, data: unknown): void;
  /** Makes the next request whose method and path match answer with this error instead. */
  failNext(method: string, pathEnd: string, status: number, error: string, message: string): void;
  /** Holds the next matching request until the returned function is called (to see what shows meanwhile). */
  holdNext(method: string, pathEnd: string): () => void;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function serverMatches(event: StoredEvent, type: string | null, name: string | null): boolean {
  if (type && event.type !== type) return false;
  if (name && event.event !== name && event.name !== name) return false;
  return true;
}

/** Builds the fake; `fetch` and `EventSource` plug into `createApi`. */
export function createFakeAdminApi(options: FakeAdminOptions = {}): FakeAdmin {
  const token = options.token ?? 'op-secret';
  const state = {
    loggedIn: options.loggedIn ?? false,
    sites: [...(options.sites ?? [])],
    events: { ...(options.events ?? {}) },
    conversations: { ...(options.conversations ?? {}) },
    feedback: { ...(options.feedback ?? {}) },
    siteDetails: { ...(options.siteDetails ?? {}) },
  };
  const failures: { method: string; pathEnd: string; status: number; error: string; message: string }[] = [];
  const holds: { method: string; pathEnd: string; release: Promise<void> }[] = [];
  const people = options.people ?? {};
  const requests: FakeRequest[] = [];
  const sources: FakeSource[] = [];

  class Source implements FakeSource {
    url: URL;
    readyState = 0;
    onopen: ((event: Event) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
    listeners: Record<string, ((event: MessageEvent) => void)[]> = {};
    addEventListener(type: string, cb: (event: MessageEvent) => void) {
      (this.listeners[type] ??= []).push(cb);
    }
    constructor(url: string) {
      this.url = new URL(url, location.origin);
      sources.push(this);
      queueMicrotask(() => {
        if (this.readyState === 2) return;
        this.readyState = 1;
        this.onopen?.(new Event('open'));
      });
    }
    close() {
      this.readyState = 2;
    }
  }

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), location.origin);
    const method = (init?.method ?? 'GET').toUpperCase();
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path: url.pathname + url.search, body });
    const hold = holds.findIndex((h) => h.method === method && url.pathname.endsWith(h.pathEnd));
    if (hold >= 0) await holds.splice(hold, 1)[0]!.release;
    const failure = failures.findIndex((f) => f.method === method && url.pathname.endsWith(f.pathEnd));
    if (failure >= 0) {
      const f = failures.splice(failure, 1)[0]!;
      return json(f.status, { error: f.error, message: f.message });
    }
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'v1' || parts[1] !== 'admin') return json(404, { error: 'not_found', message: 'Not found' });
    const rest = parts.slice(2);

    if (method === 'POST' && rest[0] === 'login') {
      if ((body as { token?: string })?.token !== token) return json(401, { error: 'unauthorized', message: 'Bad token' });
      state.loggedIn = true;
      return new Response(null, { status: 204 });
    }
    if (!state.loggedIn) return json(401, { error: 'unauthorized', message: 'Sign in first' });
    if (method === 'POST' && rest[0] === 'logout') {
      state.loggedIn = false;
      return new Response(null, { status: 204 });
    }
    if (rest[0] === 'me') return json(200, { ok: true });
    if (rest[0] !== 'sites') return json(404, { error: 'not_found', message: 'Not found' });

    if (rest.length === 1 && method === 'GET') return json(200, { sites: state.sites });
    if (rest.length === 1 && method === 'POST') {
      const input = body as Partial<Site>;
      if (!input.name) return json(400, { error: 'invalid_site', message: 'name is required' });
      const bad = (input.origins ?? []).find((origin) => !/^https?:\/\/[^/]+$/.test(origin));
      if (bad) return json(400, { error: 'invalid_origin', message: `"${bad}" is not an origin like https://example.com` });
      const site: Site = {
        id: input.id ?? `site-${state.sites.length + 1}`,
        name: input.name,
        writeKey: `pk_${state.sites.length + 1}abc`,
        origins: input.origins ?? [],
        timezone: input.timezone ?? 'UTC',
        retentionDays: input.retentionDays ?? null,
        createdAt: new Date(0).toISOString(),
      };
      state.sites.push(site);
      return json(201, { site });
    }
    const site = state.sites.find((s) => s.id === rest[1]);
    if (!site) return json(404, { error: 'not_found', message: 'No such site' });
    if (rest.length === 2 && method === 'GET') {
      return json(200, { site: { ...site, ...state.siteDetails[site.id] } });
    }
    if (rest.length === 2 && method === 'PATCH' && (body as Partial<SiteDetail>).chat) {
      const input = body as Partial<SiteDetail>;
      const hours = input.chat?.businessHours;
      if (hours && hours.timezone === 'Mars/Olympus') {
        return json(400, { error: 'invalid_timezone', message: '"Mars/Olympus" is not an IANA time zone' });
      }
      state.siteDetails[site.id] = { ...state.siteDetails[site.id], chat: input.chat, feedback: input.feedback };
      return json(200, { site: { ...site, ...state.siteDetails[site.id] } });
    }
    if (rest.length === 2 && method === 'PATCH') {
      const input = body as Partial<Site>;
      const bad = (input.origins ?? []).find((origin) => !/^https?:\/\/[^/]+$/.test(origin));
      if (bad) return json(400, { error: 'invalid_origin', message: `"${bad}" is not an origin like https://example.com` });
      Object.assign(site, input);
      return json(200, { site });
    }
    if (rest[2] === 'events' && rest.length === 3) {
      const type = url.searchParams.get('type');
      const name = url.searchParams.get('name');
      const before = url.searchParams.get('before');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const all = (state.events[site.id] ?? []).filter((event) => serverMatches(event, type, name));
      const start = before ? all.findIndex((event) => String(event.id) === before) + 1 : 0;
      const page = all.slice(start, start + limit);
      const next = start + limit < all.length ? String(page[page.length - 1]!.id) : null;
      return json(200, { events: page, next });
    }
    if (rest[2] === 'people' && rest.length === 3) {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const list = (people[site.id] ?? [])
        .map((entry) => entry.person)
        .filter((person) => !q || JSON.stringify(person).toLowerCase().includes(q));
      return json(200, { people: list });
    }
    if (rest[2] === 'people' && rest.length >= 4) {
      const list = people[site.id] ?? [];
      const index = list.findIndex(
        (entry) => entry.person.userId === rest[3] || entry.person.anonymousIds.includes(rest[3]!),
      );
      if (index < 0) return json(404, { error: 'not_found', message: 'No such person' });
      if (rest[4] === 'export' && method === 'DELETE') {
        list.splice(index, 1);
        return json(200, { deleted: true });
      }
      return json(200, list[index]);
    }
    if (rest[2] === 'conversations') return conversationRoute(site.id, rest.slice(3), method, url, body);
    if (rest[2] === 'feedback' && rest.length === 3) {
      return json(200, state.feedback[site.id] ?? { feedback: [], summary: { count: 0, nps: null, averageStars: null } });
    }
    return json(404, { error: 'not_found', message: 'Not found' });
  };

  let messageCounter = 0;
  function conversationRoute(siteId: string, rest: string[], method: string, url: URL, body: unknown): Response {
    const list = (state.conversations[siteId] ??= []);
    if (rest.length === 0 && method === 'GET') {
      const status = url.searchParams.get('status') ?? 'all';
      // The order the contract promises: unread first, then newest activity.
      const time = (c: Conversation) => Date.parse(c.lastMessage?.createdAt ?? c.createdAt);
      const unread = (c: Conversation) => (c.unreadForOperator ? 1 : 0);
      const conversations = list
        .map((entry) => entry.conversation)
        .filter((c) => status === 'all' || c.status === status)
        .sort((a, b) => unread(b) - unread(a) || time(b) - time(a));
      return json(200, { conversations });
    }
    const entry = list.find((e) => e.conversation.id === rest[0]);
    if (!entry) return json(404, { error: 'not_found', message: 'No such conversation.' });
    const action = rest[1];
    if (!action && method === 'GET') {
      return json(200, {
        conversation: entry.conversation,
        messages: entry.messages,
        context: { currentPage: null, pages: [], recentEvents: [], traits: {}, ...entry.context },
      });
    }
    if (action === 'messages' && method === 'POST') {
      const text = String((body as { text?: unknown }).text ?? '').trim();
      if (!text) return json(400, { error: 'text_empty', message: 'Write something first.' });
      messageCounter += 1;
      const message: ChatMessage = {
        id: `op-${messageCounter}`,
        conversationId: entry.conversation.id,
        author: 'operator',
        text,
        clientId: null,
        createdAt: new Date(Date.UTC(2026, 0, 2, 13, 0, messageCounter)).toISOString(),
        readAt: null,
      };
      entry.messages.push(message);
      // As on the collector, a reply reopens a closed conversation.
      entry.conversation = { ...entry.conversation, lastMessage: message, status: 'open', closedAt: null, resolutionSeconds: null };
      return json(201, { message });
    }
    if (action === 'typing' && method === 'POST') return new Response(null, { status: 204 });
    if (action === 'read' && method === 'POST') {
      entry.conversation = { ...entry.conversation, unreadForOperator: 0 };
      return new Response(null, { status: 204 });
    }
    if ((action === 'close' || action === 'reopen') && method === 'POST') {
      const closing = action === 'close';
      const closedAt = closing ? new Date(Date.parse(entry.conversation.createdAt) + 3_720_000).toISOString() : null;
      entry.conversation = {
        ...entry.conversation,
        status: closing ? 'closed' : 'open',
        closedAt,
        resolutionSeconds: closing ? 3720 : null,
      };
      return json(200, { conversation: entry.conversation });
    }
    return json(404, { error: 'not_found', message: 'Not found' });
  }

  return {
    fetch: fakeFetch as typeof fetch,
    EventSource: Source as unknown as typeof EventSource,
    requests,
    sources,
    state,
    push(siteId, event) {
      state.events[siteId] = [event, ...(state.events[siteId] ?? [])];
      for (const source of sources) {
        if (source.readyState !== 1 || !source.url.pathname.includes(`/sites/${siteId}/events/stream`)) continue;
        if (!serverMatches(event, source.url.searchParams.get('type'), source.url.searchParams.get('name'))) continue;
        source.onmessage?.(new MessageEvent('message', { data: JSON.stringify(event) }));
      }
    },
    pushInbox(siteId, type, data) {
      for (const source of sources) {
        if (source.readyState !== 1 || source.url.pathname !== `/v1/admin/sites/${siteId}/conversations/stream`) continue;
        for (const cb of source.listeners[type] ?? []) cb(new MessageEvent(type, { data: JSON.stringify(data) }));
      }
    },
    failNext(method, pathEnd, status, error, message) {
      failures.push({ method, pathEnd, status, error, message });
    },
    holdNext(method, pathEnd) {
      let release!: () => void;
      holds.push({ method, pathEnd, release: new Promise<void>((resolve) => (release = resolve)) });
      return () => release();
    },
  };
}
