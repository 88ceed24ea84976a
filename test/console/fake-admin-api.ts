/**
 * A small in-memory stand-in for the collector's admin API, for console unit tests under happy-dom
 * (no server runs there). It follows the contract in the console brief: cookie-less here, a login flag instead.
 * The real server is exercised in test/e2e/console.test.ts.
 */
import type { Person, Site, StoredEvent } from '../../server/console/types';

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
}

/** A test double of the browser EventSource driven by {@link FakeAdmin.push}. */
export interface FakeSource {
  url: URL;
  readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  close(): void;
}

/** Handle returned by {@link createFakeAdminApi}. */
export interface FakeAdmin {
  fetch: typeof fetch;
  EventSource: typeof EventSource;
  requests: FakeRequest[];
  sources: FakeSource[];
  state: { loggedIn: boolean; sites: Site[]; events: Record<string, StoredEvent[]> };
  /** Stores an event and delivers it to every open stream of its site whose filters match. */
  push(site: string, event: StoredEvent): void;
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
  };
  const people = options.people ?? {};
  const requests: FakeRequest[] = [];
  const sources: FakeSource[] = [];

  class Source implements FakeSource {
    url: URL;
    readyState = 0;
    onopen: ((event: Event) => void) | null = null;
    onerror: ((event: Event) => void) | null = null;
    onmessage: ((event: MessageEvent) => void) | null = null;
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
    return json(404, { error: 'not_found', message: 'Not found' });
  };

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
  };
}
