import type { Campaign, CampaignStatus } from '../../src/shared/campaign-schema.js';
import type { SqlDb } from './sql-db.js';

/** A stored campaign: the JSON as saved (validated then), and when it was created and last changed. */
export interface CampaignRecord {
  campaign: Campaign;
  createdAt: string;
  updatedAt: string;
}

/** One saved version of a campaign. */
export interface CampaignVersion {
  version: number;
  createdAt: string;
  campaign: Campaign;
}

/** Outcome of saving a new version: stored, the campaign is missing, or the version is not newer than the stored one. */
export type CampaignUpdate = { ok: true; record: CampaignRecord } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'conflict'; current: number };

/** A site's campaign settings as stored; null means "the defaults". */
export interface CampaignSettingsRow {
  engagement: unknown;
  limits: unknown;
}

/** Per arm and campaign event: how many events, from how many visitors. */
export interface CampaignEventCount {
  event: string;
  variant: string;
  events: number;
  visitors: number;
}

/** A goal event that followed an impression of `variant` by the same visitor within the window. */
export interface GoalMatch {
  variant: string;
  who: string;
  properties: Record<string, unknown>;
}

/** A visitor's latest survey answer. */
export interface SurveyAnswerRow {
  variant: string;
  answer: unknown;
}

/** A person's score input: one event (a possible signal) or the start of one of their sessions. */
export interface ScoreRow {
  person: string;
  type: string;
  event: string | null;
  value: unknown;
  at: number;
}

/** Campaign events the SDK tracks; results count them per variant. */
export const CAMPAIGN_EVENTS = ['Message Shown', 'Message Clicked', 'Message Dismissed', 'Message Converted', 'Message Suppressed'] as const;
/** The track event a survey answer arrives as (properties: campaignId, variantId, answer). */
export const SURVEY_EVENT = 'Survey Answered';

type Row = Record<string, unknown>;
const iso = (v: unknown): string => (v instanceof Date ? v : new Date(String(v))).toISOString();
const ms = (v: unknown): number => (v instanceof Date ? v : new Date(String(v))).getTime();

// Who did it: the person behind the event's anonymousId (or userId), else the raw id, so that a visitor who signs in
// between the impression and the goal is still one visitor.
const WHO = `coalesce(ia.person_id, iu.person_id, 'a:' || e.anonymous_id, 'u:' || e.user_id)`;
const WHO_JOINS = `LEFT JOIN identities ia ON ia.site_id = e.site_id AND ia.kind = 'anonymous' AND ia.value = e.anonymous_id
  LEFT JOIN identities iu ON iu.site_id = e.site_id AND iu.kind = 'user' AND iu.value = e.user_id`;
// Events without a variantId (a campaign without an experiment) form one arm, named ''.
const VARIANT = `coalesce(e.properties->>'variantId', '')`;

function toRecord(r: Row): CampaignRecord {
  return { campaign: r.body as Campaign, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
}

/** Campaigns, their versions, a site's campaign settings, and the event reads behind results and scores. */
export interface CampaignStore {
  list(siteId: string): Promise<CampaignRecord[]>;
  get(siteId: string, id: string): Promise<CampaignRecord | null>;
  versions(siteId: string, id: string): Promise<CampaignVersion[]>;
  /** Stores a new campaign and its first version; null when the id is taken. */
  create(siteId: string, campaign: Campaign): Promise<CampaignRecord | null>;
  /** Stores `campaign` as the new current version; its version must be above the stored one. */
  update(siteId: string, campaign: Campaign): Promise<CampaignUpdate>;
  /** Changes the status only (not a new version); null when the campaign is missing. */
  setStatus(siteId: string, id: string, status: CampaignStatus): Promise<CampaignRecord | null>;
  /** The bodies of the live campaigns, unchecked: delivery validates each again. */
  liveBodies(siteId: string): Promise<unknown[]>;

  settings(siteId: string): Promise<CampaignSettingsRow>;
  putSettings(siteId: string, patch: { engagement?: unknown; limits?: unknown }): Promise<void>;

  eventCounts(siteId: string, campaignId: string): Promise<CampaignEventCount[]>;
  /** Goal events (any properties; the caller applies the goal's filters) within `windowSeconds` after an impression by the same visitor. */
  goalMatches(siteId: string, campaignId: string, goalEvent: string, windowSeconds: number): Promise<GoalMatch[]>;
  surveyAnswers(siteId: string, campaignId: string): Promise<SurveyAnswerRow[]>;
  /** Page views and the named track events since `since`, and each session's first event, per person. */
  scoreRows(siteId: string, since: Date, trackEvents: string[], valueProperty: string): Promise<ScoreRow[]>;
  /** The same rows for one person, found by their anonymousIds and userId (the SDK's live score starts from them). */
  personScoreRows(siteId: string, person: { id: string; anonymousIds: string[]; userId: string | null }, since: Date, trackEvents: string[], valueProperty: string): Promise<ScoreRow[]>;
}

/** The campaign store over either database (same SQL). */
export function createCampaignStore(db: SqlDb): CampaignStore {
  return {
    async list(siteId) {
      const result = await db.query<Row>('SELECT body, created_at, updated_at FROM campaigns WHERE site_id = $1 ORDER BY updated_at DESC, id', [siteId]);
      return result.rows.map(toRecord);
    },

    async get(siteId, id) {
      const result = await db.query<Row>('SELECT body, created_at, updated_at FROM campaigns WHERE site_id = $1 AND id = $2', [siteId, id]);
      return result.rows[0] ? toRecord(result.rows[0]) : null;
    },

    async versions(siteId, id) {
      const result = await db.query<Row>(
        'SELECT version, body, created_at FROM campaign_versions WHERE site_id = $1 AND campaign_id = $2 ORDER BY version DESC',
        [siteId, id],
      );
      return result.rows.map((r) => ({ version: Number(r.version), createdAt: iso(r.created_at), campaign: r.body as Campaign }));
    },

    async create(siteId, campaign) {
      return db.transaction(async (tx) => {
        const body = JSON.stringify(campaign);
        const result = await tx.query<Row>(
          `INSERT INTO campaigns (site_id, id, version, status, body) VALUES ($1, $2, $3, $4, $5::jsonb)
           ON CONFLICT DO NOTHING RETURNING body, created_at, updated_at`,
          [siteId, campaign.id, campaign.version, campaign.status, body],
        );
        if (!result.rows[0]) return null;
        await tx.query('INSERT INTO campaign_versions (site_id, campaign_id, version, body) VALUES ($1, $2, $3, $4::jsonb)', [siteId, campaign.id, campaign.version, body]);
        return toRecord(result.rows[0]);
      });
    },

    async update(siteId, campaign) {
      return db.transaction(async (tx): Promise<CampaignUpdate> => {
        const current = await tx.query<{ version: number }>('SELECT version FROM campaigns WHERE site_id = $1 AND id = $2 FOR UPDATE', [siteId, campaign.id]);
        if (!current.rows[0]) return { ok: false, reason: 'not_found' };
        const stored = Number(current.rows[0].version);
        if (campaign.version <= stored) return { ok: false, reason: 'conflict', current: stored };
        const body = JSON.stringify(campaign);
        const result = await tx.query<Row>(
          `UPDATE campaigns SET version = $3, status = $4, body = $5::jsonb, updated_at = now() WHERE site_id = $1 AND id = $2
           RETURNING body, created_at, updated_at`,
          [siteId, campaign.id, campaign.version, campaign.status, body],
        );
        await tx.query('INSERT INTO campaign_versions (site_id, campaign_id, version, body) VALUES ($1, $2, $3, $4::jsonb)', [siteId, campaign.id, campaign.version, body]);
        return { ok: true, record: toRecord(result.rows[0]!) };
      });
    },

    async setStatus(siteId, id, status) {
      const result = await db.query<Row>(
        `UPDATE campaigns SET status = $3, body = jsonb_set(body, '{status}', to_jsonb($3::text)), updated_at = now()
         WHERE site_id = $1 AND id = $2 RETURNING body, created_at, updated_at`,
        [siteId, id, status],
      );
      return result.rows[0] ? toRecord(result.rows[0]) : null;
    },

    async liveBodies(siteId) {
      const result = await db.query<{ body: unknown }>(`SELECT body FROM campaigns WHERE site_id = $1 AND status = 'live' ORDER BY id`, [siteId]);
      return result.rows.map((r) => r.body);
    },

    async settings(siteId) {
      const result = await db.query<Row>('SELECT engagement, limits FROM site_campaign_settings WHERE site_id = $1', [siteId]);
      return { engagement: result.rows[0]?.engagement ?? null, limits: result.rows[0]?.limits ?? null };
    },

    async putSettings(siteId, patch) {
      await db.query(
        `INSERT INTO site_campaign_settings (site_id, engagement, limits) VALUES ($1, $2::jsonb, $3::jsonb)
         ON CONFLICT (site_id) DO UPDATE SET
           engagement = CASE WHEN $4::boolean THEN excluded.engagement ELSE site_campaign_settings.engagement END,
           limits = CASE WHEN $5::boolean THEN excluded.limits ELSE site_campaign_settings.limits END,
           updated_at = now()`,
        [
          siteId,
          patch.engagement === undefined ? null : JSON.stringify(patch.engagement),
          patch.limits === undefined ? null : JSON.stringify(patch.limits),
          patch.engagement !== undefined,
          patch.limits !== undefined,
        ],
      );
    },

    async eventCounts(siteId, campaignId) {
      const result = await db.query<Row>(
        `SELECT e.event, ${VARIANT} AS variant, count(*) AS events, count(DISTINCT ${WHO}) AS visitors
         FROM events e ${WHO_JOINS}
         WHERE e.site_id = $1 AND e.type = 'track' AND e.properties->>'campaignId' = $2
           AND e.event IN (SELECT jsonb_array_elements_text($3::jsonb))
         GROUP BY 1, 2`,
        [siteId, campaignId, JSON.stringify(CAMPAIGN_EVENTS)],
      );
      return result.rows.map((r) => ({ event: String(r.event), variant: String(r.variant), events: Number(r.events), visitors: Number(r.visitors) }));
    },

    async goalMatches(siteId, campaignId, goalEvent, windowSeconds) {
      // One row per arm and goal event: a goal event after several impressions of one arm counts once.
      const result = await db.query<Row>(
        `WITH imp AS (
           SELECT ${VARIANT} AS variant, ${WHO} AS who, e.timestamp AS at
           FROM events e ${WHO_JOINS}
           WHERE e.site_id = $1 AND e.type = 'track' AND e.properties->>'campaignId' = $2 AND e.event = 'Message Shown'
         ), goal AS (
           SELECT e.id, ${WHO} AS who, e.timestamp AS at, e.properties
           FROM events e ${WHO_JOINS}
           WHERE e.site_id = $1 AND e.type = 'track' AND e.event = $3 AND e.timestamp >= (SELECT min(at) FROM imp)
         )
         SELECT DISTINCT ON (imp.variant, goal.id) imp.variant, imp.who, goal.properties
         FROM imp JOIN goal ON goal.who = imp.who AND goal.at >= imp.at AND goal.at <= imp.at + $4 * interval '1 second'`,
        [siteId, campaignId, goalEvent, windowSeconds],
      );
      return result.rows.map((r) => ({ variant: String(r.variant), who: String(r.who), properties: (r.properties ?? {}) as Record<string, unknown> }));
    },

    async surveyAnswers(siteId, campaignId) {
      // The latest answer of each visitor: answering again replaces the earlier answer.
      const result = await db.query<Row>(
        `SELECT DISTINCT ON (${WHO}) ${VARIANT} AS variant, e.properties->'answer' AS answer
         FROM events e ${WHO_JOINS}
         WHERE e.site_id = $1 AND e.type = 'track' AND e.properties->>'campaignId' = $2 AND e.event = $3
         ORDER BY ${WHO}, e.timestamp DESC, e.id DESC`,
        [siteId, campaignId, SURVEY_EVENT],
      );
      return result.rows.map((r) => ({ variant: String(r.variant), answer: r.answer }));
    },

    async scoreRows(siteId, since, trackEvents, valueProperty) {
      const signals = await db.query<Row>(
        `SELECT ia.person_id AS person, e.type, e.event, e.properties->$4 AS value, e.timestamp AS at
         FROM events e JOIN identities ia ON ia.site_id = e.site_id AND ia.kind = 'anonymous' AND ia.value = e.anonymous_id
         WHERE e.site_id = $1 AND e.timestamp >= $2
           AND (e.type = 'page' OR (e.type = 'track' AND e.event IN (SELECT jsonb_array_elements_text($3::jsonb))))
         UNION ALL
         SELECT iu.person_id, e.type, e.event, e.properties->$4, e.timestamp
         FROM events e JOIN identities iu ON iu.site_id = e.site_id AND iu.kind = 'user' AND iu.value = e.user_id
         WHERE e.site_id = $1 AND e.timestamp >= $2 AND e.anonymous_id IS NULL
           AND (e.type = 'page' OR (e.type = 'track' AND e.event IN (SELECT jsonb_array_elements_text($3::jsonb))))`,
        [siteId, since.toISOString(), JSON.stringify(trackEvents), valueProperty],
      );
      const sessions = await db.query<Row>(
        `SELECT ia.person_id AS person, min(e.timestamp) AS at
         FROM events e JOIN identities ia ON ia.site_id = e.site_id AND ia.kind = 'anonymous' AND ia.value = e.anonymous_id
         WHERE e.site_id = $1 AND e.timestamp >= $2 AND e.context->>'sessionId' IS NOT NULL
         GROUP BY ia.person_id, e.context->>'sessionId'`,
        [siteId, since.toISOString()],
      );
      return [
        ...signals.rows.map((r) => ({ person: String(r.person), type: String(r.type), event: r.event === null ? null : String(r.event), value: r.value, at: ms(r.at) })),
        ...sessions.rows.map((r) => ({ person: String(r.person), type: 'session', event: null, value: null, at: ms(r.at) })),
      ];
    },

    async personScoreRows(siteId, person, since, trackEvents, valueProperty) {
      // One person's events through the (site, anonymous_id) and (site, user_id) indexes, not a scan of the site.
      const rows = await db.query<Row>(
        `SELECT e.type, e.event, e.properties->$5 AS value, e.timestamp AS at, e.anonymous_id IS NOT NULL AS anon,
                e.context->>'sessionId' AS session,
                (e.type = 'page' OR (e.type = 'track' AND e.event IN (SELECT jsonb_array_elements_text($6::jsonb)))) AS signal
         FROM events e
         WHERE e.site_id = $1 AND e.timestamp >= $4
           AND (e.anonymous_id = ANY($2::text[]) OR (e.anonymous_id IS NULL AND e.user_id = $3))`,
        [siteId, person.anonymousIds, person.userId, since.toISOString(), valueProperty, JSON.stringify(trackEvents)],
      );
      const out: ScoreRow[] = [];
      const sessions = new Map<string, number>();
      for (const r of rows.rows) {
        const at = ms(r.at);
        if (r.signal) out.push({ person: person.id, type: String(r.type), event: r.event === null ? null : String(r.event), value: r.value, at });
        // As scoreRows: a session counts from its first event sent with an anonymousId.
        if (r.anon && r.session !== null) sessions.set(String(r.session), Math.min(sessions.get(String(r.session)) ?? at, at));
      }
      for (const at of sessions.values()) out.push({ person: person.id, type: 'session', event: null, value: null, at });
      return out;
    },
  };
}
