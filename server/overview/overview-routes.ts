import type { FastifyInstance } from 'fastify';
import { intParam } from '../admin/query-params.js';
import { HttpError } from '../http-error.js';
import type { Store } from '../store/store.js';
import { readOverview } from './read-overview.js';

/** Rows per top list unless `limit` says otherwise. */
const DEFAULT_LIMIT = 20;

/**
 * GET /v1/admin/sites/:site/overview?days=N | from=YYYY-MM-DD&to=YYYY-MM-DD [&limit=] — the console's Overview
 * (docs/protocol.md, "Overview"). Registered under /v1/admin, so it needs the operator.
 */
export async function overviewRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  app.get('/sites/:site/overview', async (req) => {
    const q = req.query as { from?: unknown; to?: unknown; days?: unknown; limit?: unknown };
    const limit = intParam(q.limit, 'limit', DEFAULT_LIMIT, 500);
    const site = await store.getSite((req.params as { site: string }).site);
    if (!site) throw new HttpError(404, 'site_not_found', 'No such site.');
    return readOverview(store, site, { from: q.from, to: q.to, days: q.days, limit });
  });
}
