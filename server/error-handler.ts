import type { FastifyError, FastifyInstance } from 'fastify';
import { HttpError } from './http-error.js';
import { MAX_REQUEST_BYTES } from './ingest/message-schema.js';
import { isStoreBusyError } from './store/store-busy-error.js';

/** Seconds a client is asked to wait when the store is saturated. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * One error shape for the whole API, `{error, message}`: our HttpErrors keep their status, Fastify's own
 * client errors (validation, size, media type) keep theirs with a clearer message, a saturated store is 503 with
 * Retry-After, and only a genuine bug is a 500 (logged).
 */
export function useErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error instanceof HttpError) {
      return reply.headers(error.headers).code(error.statusCode).send({ error: error.code, message: error.message, ...error.details });
    }
    if (isStoreBusyError(error)) {
      req.log.warn({ err: error }, 'store saturated');
      return reply
        .header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS))
        .code(503)
        .send({ error: 'store_busy', message: `The collector's database is saturated; retry after ${BUSY_RETRY_AFTER_SECONDS} s.` });
    }
    if (error.validation) {
      return reply.code(400).send({ error: 'invalid_request', message: error.message });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({
        error: 'too_large',
        message: `Request body is larger than ${MAX_REQUEST_BYTES} bytes (500 KiB); split the batch into smaller requests.`,
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: error.code ?? 'bad_request', message: error.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: 'internal', message: 'Internal error; see the collector log.' });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: 'not_found', message: `Nothing at ${req.method} ${req.url.split('?')[0]}` });
  });
}
