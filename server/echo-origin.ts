import type { FastifyInstance } from 'fastify';

/**
 * CORS for the browser-facing routes of a plugin (ingest, chat, campaign delivery): the request's Origin is echoed
 * on every answer, errors included, so the SDK can read a 4xx, a 429/503's Retry-After or an ETag. What an origin
 * may do is decided by each route against the site's allowed origins, not by CORS; nothing rides on cookies.
 */
export function echoOrigin(app: FastifyInstance, exposeHeader: string): void {
  app.addHook('onRequest', async (req, reply) => {
    const origin = req.headers.origin;
    reply.header('Vary', 'Origin');
    if (origin) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Access-Control-Expose-Headers', exposeHeader);
    }
  });
}
