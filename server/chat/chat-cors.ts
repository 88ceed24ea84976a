import type { FastifyInstance, FastifyReply } from 'fastify';
import { echoOrigin } from '../echo-origin.js';
import { HttpError } from '../http-error.js';
import { hasUnstorableText } from '../ingest/validate-message.js';
import { isOriginAllowed } from '../ingest/origin-pattern.js';
import type { Site } from '../store/store.js';

/**
 * CORS and input hygiene for the browser-facing chat and feedback routes of this plugin. The Origin is echoed
 * on every answer (errors included, so the widget can read a 403 or a 429's Retry-After); what an origin may do
 * is decided by `checkOrigin` against the site's allowed origins before anything is read or written. Nothing
 * rides on cookies (no Allow-Credentials): the visitor token travels only in the Authorization header.
 */
export function useChatCors(app: FastifyInstance): void {
  echoOrigin(app, 'Retry-After');
  // PostgreSQL cannot store NUL or unpaired surrogates anywhere; refuse them in any field up front.
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined && hasUnstorableText(JSON.stringify(req.body))) {
      throw new HttpError(400, 'invalid_text', 'The request contains a NUL character or an unpaired surrogate.');
    }
  });
}

/** Answers a CORS preflight. */
export function preflight(_req: unknown, reply: FastifyReply): void {
  reply
    .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
    .header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Last-Event-ID')
    .header('Access-Control-Max-Age', '7200')
    .code(204)
    .send();
}

/** 403 origin_not_allowed when a browser request comes from an origin the site does not allow. */
export function checkOrigin(origin: string | undefined, site: Site): void {
  if (origin !== undefined && !isOriginAllowed(origin, site.origins)) {
    throw new HttpError(403, 'origin_not_allowed', `Origin ${origin.slice(0, 200)} is not allowed for site "${site.id}". Add it to the site's origins in the console.`);
  }
}
