import type { FastifyInstance } from 'fastify';
import type { AdminAuth } from '../auth/admin-auth.js';
import { HttpError } from '../http-error.js';
import type { Store } from '../store/store.js';
import type { ChatHub } from '../chat/chat-hub.js';
import { campaignRoutes } from './campaign-routes.js';
import { conversationRoutes } from './conversation-routes.js';
import { engagementRoutes } from './engagement-routes.js';
import { eventRoutes } from './event-routes.js';
import { eventStream, type EventStreamOptions } from './event-stream.js';
import { feedbackListRoutes } from './feedback-routes.js';
import { overviewRoutes } from '../overview/overview-routes.js';
import { peopleRoutes } from './people-routes.js';
import { sessionRoutes } from './session-routes.js';
import { siteRoutes } from './site-routes.js';

/** Options of the admin API. */
export interface AdminRoutesOptions {
  store: Store;
  auth: AdminAuth;
  stream?: Omit<EventStreamOptions, 'store'>;
  /** This process's chat fan-out (the inbox stream). */
  hub: ChatHub;
  /** Comment interval of the inbox stream. */
  chatPingMs?: number;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Everything under /v1/admin. All routes need the operator (bearer token or session cookie) except login and
 * logout. Cookie-authenticated writes must also come from the collector's own origin when the browser says
 * where they come from (SameSite=Strict already blocks cross-site cookies; this is a second lock).
 */
export async function adminRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  const { store, auth } = options;
  app.addHook('onRequest', async (req, reply) => {
    reply.header('Cache-Control', 'no-store');
    if ((req.routeOptions.config as { public?: boolean } | undefined)?.public) return;
    if (!(await auth.authenticate(req))) {
      throw new HttpError(401, 'unauthorized', 'Operator token required: send "Authorization: Bearer <token>" or log in at /console.');
    }
    const origin = req.headers.origin;
    if (UNSAFE.has(req.method) && !req.headers.authorization && origin !== undefined) {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {
        host = null;
      }
      if (host !== req.host) throw new HttpError(403, 'cross_origin', 'Cross-origin admin requests are not allowed.');
    }
  });
  await app.register(sessionRoutes, { auth });
  await app.register(siteRoutes, { store });
  await app.register(eventRoutes, { store });
  await app.register(eventStream, { store, ...options.stream });
  await app.register(peopleRoutes, { store });
  await app.register(conversationRoutes, { store, hub: options.hub, ...(options.chatPingMs ? { pingMs: options.chatPingMs } : {}) });
  await app.register(feedbackListRoutes, { store });
  await app.register(campaignRoutes, { store });
  await app.register(engagementRoutes, { store });
  await app.register(overviewRoutes, { store });
}
