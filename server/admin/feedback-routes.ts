import type { FastifyInstance } from 'fastify';
import { siteIdOf } from './site-id-of.js';
import type { Store } from '../store/store.js';
import { intParam } from './query-params.js';

/** GET /v1/admin/sites/:site/feedback — answers newest first, with the NPS and star average over all of them. */
export async function feedbackListRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  app.get('/sites/:site/feedback', async (req) => {
    const limit = intParam((req.query as { limit?: unknown }).limit, 'limit', 100, 1000);
    const siteId = await siteIdOf(store, req.params);
    const [feedback, summary] = await Promise.all([store.feedback.list(siteId, limit), store.feedback.summary(siteId)]);
    return { feedback, summary };
  });
}
