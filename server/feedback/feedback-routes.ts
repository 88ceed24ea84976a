import type { FastifyInstance } from 'fastify';
import { checkOrigin, preflight, useChatCors } from '../chat/chat-cors.js';
import { HttpError } from '../http-error.js';
import type { FeedbackScale, PageRef } from '../store/chat-types.js';
import type { Store } from '../store/store.js';

/** Options of the feedback endpoint. */
export interface FeedbackRoutesOptions {
  store: Store;
  /** Answers per visitor (anonymousId) per minute (default 10; 0 = off). */
  perMinute?: number;
}

const RANGE: Record<FeedbackScale, [number, number]> = { nps: [0, 10], stars: [1, 5] };
const text = (max: number) => ({ type: ['string', 'null'], maxLength: max });

/**
 * POST /v1/feedback: one rating (NPS 0–10 or 1–5 stars) with an optional comment, stored once per clientId so
 * an offline resend is safe. The scale is the one the form showed; both are accepted whatever the site's current
 * setting, so an answer given under a cached configuration is not lost.
 */
export async function feedbackRoutes(app: FastifyInstance, options: FeedbackRoutesOptions): Promise<void> {
  const { store } = options;
  const perMinute = options.perMinute ?? 10;
  useChatCors(app);
  app.options('/v1/feedback', preflight);
  app.post(
    '/v1/feedback',
    {
      schema: {
        body: {
          type: 'object',
          required: ['writeKey', 'anonymousId', 'scale', 'rating', 'clientId'],
          properties: {
            writeKey: { type: 'string' },
            anonymousId: { type: 'string', minLength: 1, maxLength: 200 },
            userId: { anyOf: [{ type: 'string', minLength: 1, maxLength: 200 }, { type: 'null' }] },
            scale: { enum: ['nps', 'stars'] },
            rating: { type: 'integer' },
            comment: text(4000),
            page: { type: ['object', 'null'], properties: { url: text(2000), title: text(500) } },
            clientId: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
      },
    },
    async (req, reply) => {
      const body = req.body as {
        writeKey: string;
        anonymousId: string;
        userId?: string | null;
        scale: FeedbackScale;
        rating: number;
        comment?: string | null;
        page?: Partial<PageRef> | null;
        clientId: string;
      };
      const site = /^[\x21-\x7e]{1,200}$/.test(body.writeKey) ? await store.findSiteByWriteKey(body.writeKey) : null;
      if (!site) throw new HttpError(401, 'unknown_write_key', `Unknown write key "${body.writeKey.slice(0, 40)}". Copy the key from the console (Sites).`);
      checkOrigin(req.headers.origin, site);
      const [min, max] = RANGE[body.scale];
      if (body.rating < min || body.rating > max) {
        throw new HttpError(400, 'invalid_rating', `rating must be an integer from ${min} to ${max} on the ${body.scale} scale (got ${body.rating}).`);
      }
      if (perMinute > 0) {
        const rate = await store.consumeRate(`feedback:${site.id}:${body.anonymousId}`, 1, 60, perMinute);
        if (!rate.allowed) {
          throw new HttpError(429, 'rate_limited', `Too much feedback from this visitor; retry after ${rate.retryAfterSeconds} s.`, {
            'Retry-After': String(rate.retryAfterSeconds),
          });
        }
      }
      const page = body.page && (body.page.url || body.page.title) ? { url: body.page.url ?? null, title: body.page.title ?? null } : null;
      const saved = await store.feedback.submit(site.id, {
        clientId: body.clientId,
        scale: body.scale,
        rating: body.rating,
        comment: body.comment?.trim() || null,
        page,
        anonymousId: body.anonymousId,
        userId: body.userId ?? null,
      });
      return reply.code(saved.created ? 201 : 200).send({ id: saved.id });
    },
  );
}
