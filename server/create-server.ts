import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import path from 'node:path';
import { adminRoutes } from './admin/admin-routes.js';
import { createAdminAuth } from './auth/admin-auth.js';
import { campaignDeliveryRoutes } from './campaigns/campaign-delivery-routes.js';
import { createChatHub, type ChatHub } from './chat/chat-hub.js';
import { createDemoCampaigns } from './demo-campaigns.js';
import { visitorRoutes } from './chat/visitor-routes.js';
import { resolveAdminToken, type AdminToken } from './auth/admin-token.js';
import { useErrorHandler } from './error-handler.js';
import { feedbackRoutes } from './feedback/feedback-routes.js';
import { HttpError } from './http-error.js';
import { ingestRoutes } from './ingest/ingest-routes.js';
import { useJsonBodies } from './json-body-parser.js';
import { createLoadShedder } from './load-shedder.js';
import { repoRoot } from './repo-root.js';
import { startRetention } from './retention.js';
import { staticRoutes, type StaticRoutesOptions } from './static/static-routes.js';
import { createStore, type StoreOptions } from './store/create-store.js';
import { DEMO_SITE } from './store/sql-store.js';
import type { Store } from './store/store.js';

/** Everything createServer can be told; every field has a default. */
export interface CreateServerOptions {
  /** An open store to use (tests); otherwise one is opened from `storeOptions` and closed with the server. */
  store?: Store;
  storeOptions?: StoreOptions;
  /** Operator token; when absent one is generated on first start (see resolveAdminToken). */
  adminToken?: string;
  /** Data directory (where a generated token is written). */
  dataDir?: string;
  /** Create the demo site on an empty store (default true). */
  demo?: boolean;
  /** Messages per site per window (default 10 000; 0 = off). */
  rateLimit?: number;
  /** Rate window in seconds (default 10). */
  rateWindowSeconds?: number;
  /** pino level (default 'warn'); false silences logging. */
  logLevel?: string | false;
  /** Trust X-Forwarded-* (behind a proxy; only used for the cookie's Secure flag). */
  trustProxy?: boolean;
  /** Static directories (defaults: dist/, demo/, build/console/ in the repository). */
  paths?: Partial<StaticRoutesOptions>;
  /** Retention purge period in ms (default 1 h); 0 turns the scheduler off. */
  purgeIntervalMs?: number;
  /** Event-loop delay (ms) above which ingest answers 503 (default 1000; 0 = off). */
  maxEventLoopDelayMs?: number;
  /** Live stream timing. */
  stream?: { pollMs?: number; heartbeatMs?: number };
  /** Chat and feedback limits and stream timing. */
  chat?: ChatOptions;
}

/** Chat and feedback limits; every field has a default. */
export interface ChatOptions {
  /** Comment interval of the chat and inbox streams in ms (default 15 000). */
  pingMs?: number;
  /** Messages per visitor per minute (default 20). */
  messagesPerMinute?: number;
  /** New chat sessions per site per minute (default 600; 0 = off). */
  sessionsPerMinute?: number;
  /** Feedback answers per visitor per minute (default 10; 0 = off). */
  feedbackPerMinute?: number;
}

/** A collector: the Fastify app (not yet listening), its store and operator token. */
export interface KizunaServer {
  app: FastifyInstance;
  store: Store;
  adminToken: AdminToken;
  /** True when this start created the demo site. */
  demoCreated: boolean;
}

/** Builds a collector: store (migrated), demo site, operator token, routes. Call `app.listen` or `app.inject`. */
export async function createServer(options: CreateServerOptions = {}): Promise<KizunaServer> {
  const ownsStore = !options.store;
  const store = options.store ?? (await createStore(options.storeOptions));
  let hub: ChatHub | undefined;
  try {
    hub = await createChatHub(store);
    const chat = options.chat ?? {};
    const demoCreated = options.demo === false ? false : await store.ensureDemoSite();
    // A new demo site comes with live in-app messages on its Messages page, so `npm start` shows them at once.
    if (demoCreated) await createDemoCampaigns(store, DEMO_SITE.id);
    const adminToken = await resolveAdminToken(store, {
      ...(options.adminToken ? { envToken: options.adminToken } : {}),
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    });

    const app = Fastify({
      logger:
        options.logLevel === false
          ? false
          : {
              level: options.logLevel ?? 'warn',
              // Never log IP addresses: the request serializer keeps method and path only.
              serializers: { req: (req) => ({ method: req.method, url: req.url }) },
            },
      trustProxy: options.trustProxy ?? false,
      ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allowUnionTypes: true } },
      return503OnClosing: true,
    });
    app.addHook('onSend', async (_req, reply) => {
      reply.header('X-Content-Type-Options', 'nosniff');
    });
    // PostgreSQL text cannot hold NUL, and no id, key or filter needs one: refuse %00 in paths and queries up front.
    app.addHook('onRequest', async (req) => {
      if (/%00/i.test(req.url)) throw new HttpError(400, 'invalid_request', 'The URL contains a NUL byte (%00).');
    });
    useJsonBodies(app);
    useErrorHandler(app);
    await app.register(fastifyCookie);
    const shedder = createLoadShedder(options.maxEventLoopDelayMs ?? 1000);
    app.addHook('onClose', async () => shedder.stop());
    await app.register(ingestRoutes, {
      store,
      shedder,
      rateLimit: options.rateLimit ?? 10_000,
      rateWindowSeconds: options.rateWindowSeconds ?? 10,
    });
    await app.register(visitorRoutes, {
      prefix: '/v1/chat',
      store,
      hub,
      ...(chat.pingMs ? { pingMs: chat.pingMs } : {}),
      ...(chat.messagesPerMinute !== undefined ? { messagesPerMinute: chat.messagesPerMinute } : {}),
      ...(chat.sessionsPerMinute !== undefined ? { sessionsPerMinute: chat.sessionsPerMinute } : {}),
    });
    await app.register(campaignDeliveryRoutes, { store });
    await app.register(feedbackRoutes, { store, ...(chat.feedbackPerMinute !== undefined ? { perMinute: chat.feedbackPerMinute } : {}) });
    await app.register(adminRoutes, {
      prefix: '/v1/admin',
      store,
      hub,
      auth: createAdminAuth(store, adminToken.hash),
      ...(options.stream ? { stream: options.stream } : {}),
      ...(chat.pingMs ? { chatPingMs: chat.pingMs } : {}),
    });
    const root = repoRoot();
    await app.register(staticRoutes, {
      sdkDir: options.paths?.sdkDir ?? path.join(root, 'dist'),
      demoDir: options.paths?.demoDir ?? path.join(root, 'demo'),
      consoleDir: options.paths?.consoleDir ?? path.join(root, 'build', 'console'),
    });

    const purgeIntervalMs = options.purgeIntervalMs ?? 3_600_000;
    const stopRetention = purgeIntervalMs > 0 ? startRetention(store, app.log, purgeIntervalMs) : () => {};
    const listening = hub;
    app.addHook('onClose', async () => {
      stopRetention();
      await listening.stop();
      if (ownsStore) await store.close();
    });
    return { app, store, adminToken, demoCreated };
  } catch (error) {
    await hub?.stop().catch(() => {});
    if (ownsStore) await store.close().catch(() => {});
    throw error;
  }
}
