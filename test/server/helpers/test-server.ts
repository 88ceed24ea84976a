import { createServer, type CreateServerOptions, type KizunaServer } from '../../../server/create-server.js';
import type { Site, Store } from '../../../server/store/store.js';
import { uniqueId } from './test-stores.js';

/** The operator token test servers use. */
export const ADMIN_TOKEN = 'test-operator-token-0123456789';

/** An admin API request over app.inject with the operator token: the status, and the JSON body (undefined when empty). */
export async function adminInject(server: KizunaServer, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const res = await server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}

/** A collector over an existing test store: no logging, no purge timer, no demo site. */
export function testServer(store: Store, options: CreateServerOptions = {}): Promise<KizunaServer> {
  return createServer({ store, adminToken: ADMIN_TOKEN, logLevel: false, purgeIntervalMs: 0, demo: false, ...options });
}

/** Creates a site with its own write key, allowing the given origins. */
export function testSite(store: Store, origins: string[] = ['http://localhost:*'], retentionDays: number | null = null): Promise<Site> {
  return store.createSite({ id: uniqueId(), name: 'Test site', origins, timezone: 'UTC', retentionDays });
}
