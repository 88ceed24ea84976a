import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { echoOrigin } from '../echo-origin.js';
import { HttpError } from '../http-error.js';
import type { LoadShedder } from '../load-shedder.js';
import { StoreBusyError } from '../store/store-busy-error.js';
import type { Store, StoredMessage } from '../store/store.js';
import { enrichMessage } from './enrich-message.js';
import { batchBodySchema, MAX_REQUEST_BYTES, messageSchema, singleBodySchema, type MessageType } from './message-schema.js';
import { isOriginAllowed } from './origin-pattern.js';
import { hasUnstorableText, validateMessage, type SchemaCheck } from './validate-message.js';
import { findWriteKey } from './write-key.js';

/** Settings of the ingest endpoints. */
export interface IngestRoutesOptions {
  store: Store;
  /** Messages per site per window; 0 turns the limit off. */
  rateLimit: number;
  rateWindowSeconds: number;
  /** When it says the process is overloaded, ingest answers 503 before touching the store. */
  shedder?: LoadShedder;
}

/** Body of every ingest response. */
export interface IngestResponse {
  ok: boolean;
  stored: number;
  duplicates: number;
  /** Messages dropped on purpose (bots). They are acknowledged, not stored. */
  dropped: number;
  rejected: Array<{ index: number; reason: string }>;
}

interface Envelope {
  writeKey?: string;
  sentAt?: string;
  context?: Record<string, unknown>;
}

// The batch-level context is copied into every message, so it must stay small and storable.
const MAX_BATCH_CONTEXT_BYTES = 8 * 1024;
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);

function checkEnvelope(envelope: Envelope): void {
  if (envelope.sentAt !== undefined) {
    const t = Date.parse(envelope.sentAt);
    if (!(t >= MIN_TIME && t <= MAX_TIME)) throw new HttpError(400, 'invalid_request', 'sentAt must be between 1970 and 9999');
  }
  if (envelope.context !== undefined) {
    const text = JSON.stringify(envelope.context);
    const bytes = Buffer.byteLength(text);
    if (bytes > MAX_BATCH_CONTEXT_BYTES) {
      throw new HttpError(400, 'invalid_request', `the batch-level context is ${bytes} bytes; the limit is ${MAX_BATCH_CONTEXT_BYTES} (it is copied into every message)`);
    }
    if (hasUnstorableText(text)) throw new HttpError(400, 'invalid_request', 'the batch-level context contains a NUL character or an unpaired surrogate');
  }
}

const SINGLE: Array<[string, MessageType]> = [
  ['/v1/track', 'track'],
  ['/v1/page', 'page'],
  ['/v1/identify', 'identify'],
  ['/v1/screen', 'screen'],
  ['/v1/group', 'group'],
  ['/v1/alias', 'alias'],
];

/**
 * POST /v1/batch and the single-message endpoints. Order of checks: body parse and size (Fastify: 400/413),
 * write key (401), Origin (403), rate limit (429), then each message on its own; valid ones are stored in one
 * transaction (503 when the store is saturated), invalid ones listed with index and reason.
 */
export async function ingestRoutes(app: FastifyInstance, options: IngestRoutesOptions): Promise<void> {
  const { store } = options;

  // CORS for the browser SDK, on every answer including errors, so the SDK can read the status and Retry-After
  // and tell "drop" (4xx) from "retry later" (429/503). Ingest is authorised by write key and Origin check, not
  // by CORS, and the responses hold nothing secret.
  echoOrigin(app, 'Retry-After');

  const preflight = async (_req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply
      .header('Access-Control-Allow-Methods', 'POST, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Content-Type, Authorization')
      .header('Access-Control-Max-Age', '86400')
      .code(204)
      .send();
  };

  const handle = async (req: FastifyRequest, raw: unknown[], envelope: Envelope, forcedType?: MessageType): Promise<{ status: number; body: IngestResponse }> => {
    if (options.shedder?.overloaded()) throw new StoreBusyError('event loop is lagging: the collector is saturated');
    const writeKey = findWriteKey(envelope, req.headers.authorization);
    if (!writeKey) {
      throw new HttpError(401, 'missing_write_key', 'No write key: send "writeKey" in the JSON body or the key as the HTTP Basic username.');
    }
    const site = /^[\x21-\x7e]{1,200}$/.test(writeKey) ? await store.findSiteByWriteKey(writeKey) : null;
    if (!site) throw new HttpError(401, 'unknown_write_key', `Unknown write key "${writeKey.slice(0, 40)}". Copy the key from the console (Sites).`);
    const origin = req.headers.origin;
    if (origin !== undefined && !isOriginAllowed(origin, site.origins)) {
      throw new HttpError(403, 'origin_not_allowed', `Origin ${origin.slice(0, 200)} is not allowed for site "${site.id}". Add it to the site's origins in the console.`);
    }
    const rate = await store.consumeRate(site.id, raw.length, options.rateWindowSeconds, options.rateLimit);
    if (!rate.allowed) {
      throw new HttpError(429, 'rate_limited', `Too many events for site "${site.id}"; retry after ${rate.retryAfterSeconds} s.`, {
        'Retry-After': String(rate.retryAfterSeconds),
      });
    }

    const receivedAt = new Date();
    checkEnvelope(envelope);
    const check = req.compileValidationSchema(messageSchema) as SchemaCheck;
    const facts = {
      receivedAt,
      sentAt: envelope.sentAt ? new Date(envelope.sentAt) : null,
      batchContext: envelope.context ?? null,
      userAgent: req.headers['user-agent'],
      fromBrowser: origin !== undefined,
    };
    const rejected: IngestResponse['rejected'] = [];
    const valid: StoredMessage[] = [];
    let dropped = 0;
    raw.forEach((item, index) => {
      let candidate = item;
      if (forcedType && item && typeof item === 'object' && !Array.isArray(item)) {
        const given = (item as { type?: unknown }).type;
        if (given !== undefined && given !== forcedType) {
          rejected.push({ index, reason: `type must be "${forcedType}" on ${req.url.split('?')[0]} (got ${JSON.stringify(given).slice(0, 40)})` });
          return;
        }
        const { writeKey: _k, sentAt: _s, ...message } = item as Record<string, unknown>;
        candidate = { ...message, type: forcedType };
      }
      const result = validateMessage(candidate, check);
      if (!result.ok) {
        rejected.push({ index, reason: result.reason });
        return;
      }
      const enriched = enrichMessage(result.message, facts);
      if (enriched.ok) valid.push(enriched.message);
      else dropped++;
    });

    const saved = valid.length > 0 ? await store.ingest(site.id, valid) : { stored: 0, duplicates: 0 };
    const allRejected = rejected.length === raw.length;
    return {
      status: allRejected ? 400 : 200,
      body: { ok: !allRejected, stored: saved.stored, duplicates: saved.duplicates, dropped, rejected },
    };
  };

  const bodyLimit = MAX_REQUEST_BYTES;

  app.options('/v1/batch', preflight);
  app.post('/v1/batch', { bodyLimit, schema: { body: batchBodySchema } }, async (req, reply) => {
    const body = req.body as Envelope & { batch: unknown[] };
    const { status, body: out } = await handle(req, body.batch, body);
    return reply.code(status).send(out);
  });

  for (const [url, type] of SINGLE) {
    app.options(url, preflight);
    app.post(url, { bodyLimit, schema: { body: singleBodySchema } }, async (req, reply) => {
      const body = req.body as Envelope & Record<string, unknown>;
      const { status, body: out } = await handle(req, [body], body, type);
      return reply.code(status).send(out);
    });
  }
}
