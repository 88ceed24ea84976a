import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';
import { jsonDepth } from './json-depth.js';

/** Deepest nesting accepted in a request body (messages have their own, lower limit). */
export const MAX_BODY_DEPTH = 100;

/**
 * Parses every request body as JSON whatever its Content-Type: the SDK sends text/plain (no CORS preflight),
 * server clients send application/json, and sendBeacon with a Blob may send none. A parse failure becomes a 400
 * that says where the JSON broke. An empty body parses to undefined, so routes without a body accept it.
 */
export function useJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    if (jsonDepth(text) > MAX_BODY_DEPTH) {
      done(new HttpError(400, 'invalid_json', `Request body is nested deeper than ${MAX_BODY_DEPTH} levels.`), undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      done(
        new HttpError(400, 'invalid_json', `Request body is not valid JSON (${detail}). Send a JSON object such as {"writeKey":"pk_…","batch":[{"type":"track","event":"Signed Up","messageId":"…","anonymousId":"…"}]}.`),
        undefined,
      );
    }
  });
}
