import type { FastifyInstance } from 'fastify';
import { siteIdOf } from './site-id-of.js';
import type { Store } from '../store/store.js';
import { intParam, strParam } from './query-params.js';

/** GET /v1/admin/sites/:site/events — newest first, filtered by type and name, paged by the `before` cursor. */
export async function eventRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  app.get('/sites/:site/events', async (req) => {
    const q = req.query as Record<string, unknown>;
    const limit = intParam(q.limit, 'limit', 50, 500);
    const before = q.before === undefined || q.before === '' ? undefined : intParam(q.before, 'before', 0, Number.MAX_SAFE_INTEGER);
    const type = strParam(q.type, 'type');
    const name = strParam(q.name, 'name');
    const siteId = await siteIdOf(store, req.params);
    const rows = await store.listEvents(siteId, {
      limit: limit + 1,
      ...(before !== undefined ? { before } : {}),
      ...(type ? { type } : {}),
      ...(name ? { name } : {}),
    });
    const events = rows.slice(0, limit);
    const next = rows.length > limit ? String(events[events.length - 1]!.id) : null;
    return { events, next };
  });
}
