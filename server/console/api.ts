import { ApiError, type FieldError } from './api-error';
import type {
  ChatMessage,
  ChatSettingsInput,
  Conversation,
  ConversationDetail,
  ConversationStatusFilter,
  EventFilter,
  EventPage,
  Feedback,
  FeedbackSummary,
  InboxEvent,
  Person,
  Site,
  SiteDetail,
  SiteInput,
  StoredEvent,
} from './types';

/** What the console needs from the browser; injectable so tests can serve a fake API. */
export interface ApiOptions {
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
  /** Origin + path prefix of the admin API; defaults to the page's own origin. */
  base?: string;
}

/** Callbacks for the live event stream. */
export interface StreamHandlers {
  onEvent(event: StoredEvent): void;
  /** Connected (again). */
  onOpen?(): void;
  /** Lost the connection; `closed` when the browser will not retry by itself. */
  onError?(closed: boolean): void;
}

/** Callbacks for the live inbox stream (conversations, messages, visitor typing). */
export interface InboxStreamHandlers {
  onEvent(event: InboxEvent): void;
  /** Connected (again). */
  onOpen?(): void;
  /** Lost the connection; `closed` when the browser will not retry by itself. */
  onError?(closed: boolean): void;
}

/** Query for one page of events. */
export interface EventQuery extends Partial<EventFilter> {
  before?: string | null;
  limit?: number;
}

/** Typed client for the operator API (`/v1/admin/*`), authenticated by the session cookie. */
export interface Api {
  login(token: string): Promise<void>;
  logout(): Promise<void>;
  /** True when the session cookie is valid. */
  me(): Promise<boolean>;
  listSites(): Promise<Site[]>;
  createSite(input: SiteInput): Promise<Site>;
  updateSite(id: string, input: SiteInput): Promise<Site>;
  listEvents(site: string, query?: EventQuery): Promise<EventPage>;
  /** Opens the SSE stream of new events; returns a function that closes it. */
  streamEvents(site: string, filter: EventFilter, handlers: StreamHandlers): () => void;
  listPeople(site: string, q?: string, limit?: number): Promise<Person[]>;
  getPerson(site: string, id: string): Promise<{ person: Person; events: StoredEvent[] }>;
  /** URL of the JSON export of everything stored about one person (a plain link downloads it). */
  exportUrl(site: string, id: string): string;
  erasePerson(site: string, id: string): Promise<void>;
  /** One site with its chat settings and identity secret. */
  getSite(id: string): Promise<SiteDetail>;
  /** Saves a site's chat and feedback settings. */
  updateChatSettings(id: string, input: ChatSettingsInput): Promise<SiteDetail>;
  listConversations(site: string, status: ConversationStatusFilter): Promise<Conversation[]>;
  getConversation(site: string, id: string): Promise<ConversationDetail>;
  /** Posts an operator reply. */
  reply(site: string, id: string, text: string): Promise<ChatMessage>;
  /** Tells the visitor whether the operator is typing. */
  typing(site: string, id: string, typing: boolean): Promise<void>;
  /** Marks the visitor's messages read by the operators. */
  markRead(site: string, id: string): Promise<void>;
  closeConversation(site: string, id: string): Promise<Conversation>;
  reopenConversation(site: string, id: string): Promise<Conversation>;
  /** Opens the SSE stream of the site's inbox; returns a function that closes it. */
  streamInbox(site: string, handlers: InboxStreamHandlers): () => void;
  listFeedback(site: string, limit?: number): Promise<{ feedback: Feedback[]; summary: FeedbackSummary }>;
  /** Called whenever a request comes back 401 (session expired); returns an unsubscribe function. */
  onUnauthorized(cb: () => void): () => void;
  /**
   * Any admin request: `path` is under `/v1/admin/` (`sites/demo/campaigns`). Feature clients (campaign-api.ts) build
   * on it, so they share the session, the 401 handling and the error parsing.
   */
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
}

function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function readError(response: Response): Promise<ApiError> {
  let code = `http_${response.status}`;
  let message = response.status === 401 ? 'Your session has ended. Sign in again.' : `Request failed (${response.status}).`;
  let errors: FieldError[] = [];
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      if (typeof record.error === 'string') code = record.error;
      if (typeof record.message === 'string' && record.message) message = record.message;
      if (Array.isArray(record.errors)) {
        errors = record.errors.filter(
          (e): e is FieldError => !!e && typeof e === 'object' && typeof e.path === 'string' && typeof e.message === 'string',
        );
      }
    }
  } catch {
    // Not JSON (a proxy error page, say): keep the generic message.
  }
  return new ApiError(response.status, code, message, errors);
}

/** Creates the admin API client. */
export function createApi(options: ApiOptions = {}): Api {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.base ?? '';
  const listeners = new Set<() => void>();
  const site = (id: string) => `${base}/v1/admin/sites/${encodeURIComponent(id)}`;
  const conversation = (id: string, conversationId: string) => `${site(id)}/conversations/${encodeURIComponent(conversationId)}`;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'Cannot reach the Kizuna server. Check that it is running.');
    }
    if (!response.ok) {
      const error = await readError(response);
      if (response.status === 401 && !path.endsWith('/login')) listeners.forEach((cb) => cb());
      throw error;
    }
    const text = await response.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(response.status, 'bad_response', 'The server sent a response the console cannot read.');
    }
  }

  return {
    async login(token) {
      try {
        await request<void>('POST', `${base}/v1/admin/login`, { token });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          throw new ApiError(401, error.code, 'That token is not right. Check KIZUNA_ADMIN_TOKEN or the token printed at first start.');
        }
        throw error;
      }
    },
    async logout() {
      await request<void>('POST', `${base}/v1/admin/logout`);
    },
    async me() {
      try {
        await request<unknown>('GET', `${base}/v1/admin/me`);
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return false;
        throw error;
      }
    },
    async listSites() {
      return (await request<{ sites: Site[] }>('GET', `${base}/v1/admin/sites`)).sites;
    },
    async createSite(input) {
      return (await request<{ site: Site }>('POST', `${base}/v1/admin/sites`, input)).site;
    },
    async updateSite(id, input) {
      return (await request<{ site: Site }>('PATCH', site(id), input)).site;
    },
    async listEvents(id, q = {}) {
      const page = await request<EventPage>(
        'GET',
        `${site(id)}/events${query({ type: q.type, name: q.name, before: q.before, limit: q.limit })}`,
      );
      return { events: page.events ?? [], next: page.next ?? null };
    },
    streamEvents(id, filter, handlers) {
      const Source = options.EventSource ?? (typeof EventSource === 'undefined' ? undefined : EventSource);
      if (!Source) {
        handlers.onError?.(true);
        return () => undefined;
      }
      const source = new Source(`${site(id)}/events/stream${query({ type: filter.type, name: filter.name })}`, {
        withCredentials: true,
      });
      source.onopen = () => handlers.onOpen?.();
      source.onerror = () => handlers.onError?.(source.readyState === 2);
      source.onmessage = (message: MessageEvent) => {
        try {
          const event: unknown = JSON.parse(String(message.data));
          if (event && typeof event === 'object') handlers.onEvent(event as StoredEvent);
        } catch {
          // A keep-alive or malformed line: nothing to show.
        }
      };
      return () => source.close();
    },
    async listPeople(id, q, limit) {
      return (await request<{ people: Person[] }>('GET', `${site(id)}/people${query({ q, limit })}`)).people ?? [];
    },
    async getPerson(id, personId) {
      const body = await request<{ person: Person; events?: StoredEvent[] }>(
        'GET',
        `${site(id)}/people/${encodeURIComponent(personId)}`,
      );
      return { person: body.person, events: body.events ?? [] };
    },
    exportUrl(id, personId) {
      return `${site(id)}/people/${encodeURIComponent(personId)}/export`;
    },
    async erasePerson(id, personId) {
      await request<unknown>('DELETE', `${site(id)}/people/${encodeURIComponent(personId)}/export`);
    },
    async getSite(id) {
      return (await request<{ site: SiteDetail }>('GET', site(id))).site;
    },
    async updateChatSettings(id, input) {
      return (await request<{ site: SiteDetail }>('PATCH', site(id), input)).site;
    },
    async listConversations(id, status) {
      const body = await request<{ conversations?: Conversation[] }>('GET', `${site(id)}/conversations${query({ status })}`);
      return body.conversations ?? [];
    },
    async getConversation(id, conversationId) {
      const body = await request<Partial<ConversationDetail> & { conversation: Conversation }>(
        'GET',
        conversation(id, conversationId),
      );
      const context = body.context;
      return {
        conversation: body.conversation,
        messages: body.messages ?? [],
        context: {
          currentPage: context?.currentPage ?? null,
          pages: context?.pages ?? [],
          recentEvents: context?.recentEvents ?? [],
          traits: context?.traits ?? {},
        },
      };
    },
    async reply(id, conversationId, text) {
      return (await request<{ message: ChatMessage }>('POST', `${conversation(id, conversationId)}/messages`, { text })).message;
    },
    async typing(id, conversationId, typing) {
      await request<void>('POST', `${conversation(id, conversationId)}/typing`, { typing });
    },
    async markRead(id, conversationId) {
      await request<void>('POST', `${conversation(id, conversationId)}/read`, {});
    },
    async closeConversation(id, conversationId) {
      return (await request<{ conversation: Conversation }>('POST', `${conversation(id, conversationId)}/close`, {})).conversation;
    },
    async reopenConversation(id, conversationId) {
      return (await request<{ conversation: Conversation }>('POST', `${conversation(id, conversationId)}/reopen`, {})).conversation;
    },
    streamInbox(id, handlers) {
      const Source = options.EventSource ?? (typeof EventSource === 'undefined' ? undefined : EventSource);
      if (!Source) {
        handlers.onError?.(true);
        return () => undefined;
      }
      const source = new Source(`${site(id)}/conversations/stream`, { withCredentials: true });
      source.onopen = () => handlers.onOpen?.();
      source.onerror = () => handlers.onError?.(source.readyState === 2);
      const listen = (type: InboxEvent['type']) =>
        source.addEventListener(type, (message: MessageEvent) => {
          let data: unknown;
          try {
            data = JSON.parse(String(message.data));
          } catch {
            return; // Malformed line: nothing to show.
          }
          if (data && typeof data === 'object') handlers.onEvent({ ...(data as object), type } as InboxEvent);
        });
      listen('conversation');
      listen('message');
      listen('typing');
      return () => source.close();
    },
    async listFeedback(id, limit = 100) {
      const body = await request<{ feedback?: Feedback[]; summary?: Partial<FeedbackSummary> }>(
        'GET',
        `${site(id)}/feedback${query({ limit })}`,
      );
      const feedback = body.feedback ?? [];
      return {
        feedback,
        summary: {
          count: body.summary?.count ?? feedback.length,
          nps: body.summary?.nps ?? null,
          averageStars: body.summary?.averageStars ?? null,
        },
      };
    },
    onUnauthorized(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    admin(method, path, body) {
      return request(method, `${base}/v1/admin/${path}`, body);
    },
  };
}
