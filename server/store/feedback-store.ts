import { randomUUID } from 'node:crypto';
import type { FeedbackRecord, FeedbackScale, FeedbackSummary, PageRef } from './chat-types.js';
import type { SqlDb } from './sql-db.js';

/** A validated feedback answer. */
export interface NewFeedback {
  clientId: string;
  scale: FeedbackScale;
  rating: number;
  comment: string | null;
  page: PageRef | null;
  anonymousId: string;
  userId: string | null;
}

/** Feedback answers: stored once per (site, clientId), listed newest first, summarised. */
export interface FeedbackStore {
  /** Stores the answer unless its clientId is already stored; returns its id either way. */
  submit(siteId: string, input: NewFeedback): Promise<{ id: string; created: boolean }>;
  list(siteId: string, limit: number): Promise<FeedbackRecord[]>;
  summary(siteId: string): Promise<FeedbackSummary>;
}

type Row = Record<string, unknown>;

/** Creates the feedback store over `db`. */
export function createFeedbackStore(db: SqlDb): FeedbackStore {
  return {
    async submit(siteId, input) {
      const inserted = await db.query<{ id: string }>(
        `INSERT INTO feedback (id, site_id, client_id, scale, rating, comment, page, anonymous_id, user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)
         ON CONFLICT (site_id, client_id) DO NOTHING RETURNING id`,
        [randomUUID(), siteId, input.clientId, input.scale, input.rating, input.comment, input.page ? JSON.stringify(input.page) : null, input.anonymousId, input.userId],
      );
      if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true };
      const existing = await db.query<{ id: string }>('SELECT id FROM feedback WHERE site_id = $1 AND client_id = $2', [siteId, input.clientId]);
      return { id: existing.rows[0]!.id, created: false };
    },

    async list(siteId, limit) {
      const result = await db.query<Row>(
        `SELECT id, scale, rating, comment, page, anonymous_id, user_id, created_at FROM feedback
         WHERE site_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
        [siteId, limit],
      );
      return result.rows.map((r) => ({
        id: String(r.id),
        scale: r.scale as FeedbackScale,
        rating: Number(r.rating),
        comment: r.comment === null ? null : String(r.comment),
        page: r.page && typeof r.page === 'object' ? (r.page as PageRef) : null,
        anonymousId: r.anonymous_id === null ? null : String(r.anonymous_id),
        userId: r.user_id === null ? null : String(r.user_id),
        createdAt: (r.created_at instanceof Date ? r.created_at : new Date(String(r.created_at))).toISOString(),
      }));
    },

    async summary(siteId) {
      const result = await db.query<Row>(
        `SELECT count(*) AS n,
                count(*) FILTER (WHERE scale = 'nps') AS nps_n,
                count(*) FILTER (WHERE scale = 'nps' AND rating >= 9) AS promoters,
                count(*) FILTER (WHERE scale = 'nps' AND rating <= 6) AS detractors,
                count(*) FILTER (WHERE scale = 'stars') AS stars_n,
                sum(rating) FILTER (WHERE scale = 'stars') AS stars_sum
         FROM feedback WHERE site_id = $1`,
        [siteId],
      );
      const r = result.rows[0]!;
      const npsN = Number(r.nps_n);
      const starsN = Number(r.stars_n);
      return {
        count: Number(r.n),
        nps: npsN === 0 ? null : Math.round(((Number(r.promoters) - Number(r.detractors)) / npsN) * 100),
        averageStars: starsN === 0 ? null : Math.round((Number(r.stars_sum) / starsN) * 100) / 100,
      };
    },
  };
}
