import { randomUUID } from 'node:crypto';
import type { KizunaServer } from '../../../server/create-server.js';
import type { Site } from '../../../server/store/store.js';
import { ADMIN_TOKEN, adminInject } from './test-server.js';

/** Operator bearer header. */
export const operator = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** A chat visitor's helpers over app.inject. */
export interface TestVisitor {
  token: string;
  auth: { authorization: string };
  anonymousId: string;
  send(text: string, extra?: Record<string, unknown>): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  get(url: string): Promise<{ status: number; body: any }>;
  post(url: string, payload?: unknown): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
}

/** Starts a chat session for a new (or given) anonymousId and returns request helpers bound to its token. */
export async function visitorOf(server: KizunaServer, site: Site, body: Record<string, unknown> = {}): Promise<TestVisitor> {
  const anonymousId = (body.anonymousId as string | undefined) ?? `anon-${randomUUID()}`;
  const res = await server.app.inject({ method: 'POST', url: '/v1/chat/session', payload: { writeKey: site.writeKey, anonymousId, ...body } });
  if (res.statusCode !== 200) throw new Error(`session failed: ${res.statusCode} ${res.body}`);
  const token = res.json().visitorToken as string;
  const auth = { authorization: `Bearer ${token}` };
  const post = async (url: string, payload?: unknown) => {
    const r = await server.app.inject({ method: 'POST', url, headers: auth, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: r.statusCode, body: r.body ? r.json() : undefined, headers: r.headers };
  };
  return {
    token,
    auth,
    anonymousId,
    send: (text, extra = {}) => post('/v1/chat/messages', { text, clientId: randomUUID(), ...extra }),
    async get(url) {
      const r = await server.app.inject({ method: 'GET', url, headers: auth });
      return { status: r.statusCode, body: r.body ? r.json() : undefined };
    },
    post,
  };
}

/** An operator request over app.inject. */
export function asOperator(server: KizunaServer, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  return adminInject(server, method, url, payload);
}
