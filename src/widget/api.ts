import type { WidgetHost } from './host';
import { load, save } from './storage';

/** A parsed JSON answer from the collector. */
export interface Reply {
  status: number;
  // The collector's JSON, shaped as docs/protocol.md says; checked where it is used.
  body: any;
  headers: Headers;
}

/** What `localStorage['kizuna:<key>:chat']` holds (the core reads `token` to ask for the unread count). */
export interface SavedSession {
  token: string;
  anonymousId: string;
  /** The userId whose identity token this session was asked with, if any. */
  user?: string;
}

/** Talks to the collector's chat API as the current visitor. */
export interface ChatApi {
  /** A fetch to the collector; `auth` adds the visitor token (created on first use) and renews it once on a 401. */
  raw(path: string, init?: RequestInit, auth?: boolean): Promise<Response>;
  /** A JSON request (POST when there is a body); rejects only on network failure. */
  json(path: string, body?: unknown, auth?: boolean): Promise<Reply>;
  /** True when a visitor token is saved for the current visitor (one saved for someone else is dropped). */
  has(): boolean;
}

/** An Error whose message is the collector's error code (`verification_required` …) or `network`. */
const fail = (code: string) => new Error(code);

/**
 * The visitor's chat API client. The token comes from POST /v1/chat/session with the visitor's ids (and
 * identity token when the site verifies users), is kept with the anonymousId it belongs to, and is renewed when
 * the anonymousId changes (reset() means a new person), when identify() brings an identity token for a user the
 * session was not asked for (sign-in), or when the collector no longer knows it (401).
 */
export const createApi = (host: WidgetHost): ChatApi => {
  const storeKey = 'kizuna:' + host.key + ':chat';
  let saved = load<SavedSession>(storeKey);
  let pending: Promise<string> | undefined;

  const has = () => {
    const v = host.visitor();
    // A new person (reset), or a user who has just signed in with an identity token: a new session, which the
    // collector lets take over this device's anonymous conversations.
    if (saved && (saved.anonymousId != v.anonymousId || (v.identityToken && saved.user != v.userId)))
      save(storeKey, (saved = null));
    return !!saved;
  };

  const session = async (): Promise<string> => {
    const v = host.visitor();
    const ask = (identityToken?: string) =>
      json('/v1/chat/session', { writeKey: host.key, anonymousId: v.anonymousId, userId: v.userId, identityToken }, false);
    let r = await ask(v.identityToken);
    // An expired identity token should not lock the visitor out where verification is optional: chat unverified.
    if (r.status == 401 && v.identityToken) r = await ask();
    if (r.status != 200 || !r.body.visitorToken) throw fail(r.body.error || 'error');
    saved = { token: r.body.visitorToken, anonymousId: v.anonymousId, user: v.identityToken && v.userId };
    save(storeKey, saved);
    return saved.token;
  };

  const token = () =>
    has() ? Promise.resolve(saved!.token) : (pending ||= session().finally(() => (pending = undefined)));

  const raw = async (path: string, init: RequestInit = {}, auth = true): Promise<Response> => {
    for (let retried = 0; ; retried++) {
      const headers = new Headers(init.headers);
      if (auth) headers.set('Authorization', 'Bearer ' + (await token()));
      let r: Response;
      try {
        r = await fetch(host.endpoint + path, { ...init, headers, cache: 'no-store' });
      } catch (e) {
        throw (e as Error)?.name == 'AbortError' ? e : fail('network');
      }
      if (r.status != 401 || !auth || retried) return r;
      save(storeKey, (saved = null));
    }
  };

  const json = async (path: string, body?: unknown, auth = true): Promise<Reply> => {
    const r = await raw(
      path,
      body === undefined ? {} : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
      auth,
    );
    return { status: r.status, body: await r.json().catch(() => ({})), headers: r.headers };
  };

  return { raw, json, has };
};
