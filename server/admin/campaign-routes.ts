import type { FastifyInstance } from 'fastify';
import { DEFAULT_GOAL_WINDOW, type Campaign, type CampaignStatus } from '../../src/shared/campaign-schema.js';
import { validateCampaign, type CampaignError } from '../../src/shared/validate-campaign.js';
import { campaignResults } from '../campaigns/campaign-results.js';
import { HttpError } from '../http-error.js';
import { siteIdOf } from './site-id-of.js';
import { hasUnstorableText } from '../ingest/validate-message.js';
import type { Store } from '../store/store.js';

const STATUSES: CampaignStatus[] = ['draft', 'live', 'paused', 'archived'];
const CAMPAIGN_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A 400 listing every problem: the message names the first ones, `errors` has them all with their paths. */
export function invalidCampaign(errors: CampaignError[]): HttpError {
  const shown = errors.slice(0, 3).map((e) => e.message).join('; ');
  return new HttpError(400, 'invalid_campaign', `The campaign was not saved: ${shown}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}.`, {}, { errors });
}

/**
 * Campaigns of a site: create (POST, version 1 unless given), save a new version (PUT), list, fetch with its versions,
 * change the status (PATCH), and results. Every body is checked by validateCampaign (src/shared) before anything is
 * stored; an invalid one is a 400 with every problem's path and message, and nothing is written.
 */
export async function campaignRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  const siteOf = (params: unknown) => siteIdOf(store, params);
  const idOf = (params: unknown): string => {
    const id = (params as { id: string }).id;
    if (!CAMPAIGN_ID.test(id)) throw new HttpError(404, 'campaign_not_found', 'No campaign with that id.');
    return id;
  };
  const found = <T>(value: T | null): T => {
    if (value === null) throw new HttpError(404, 'campaign_not_found', 'No campaign with that id.');
    return value;
  };
  /**
   * The checked campaign: fills in `version` and `status` when left out, then validates. A PUT without a status keeps
   * the stored one: status changes with PATCH, so an editor that saves content never undoes a pause made meanwhile.
   */
  const check = (body: unknown, fill: { id?: string; version: number; status?: CampaignStatus }): Campaign => {
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      if (hasUnstorableText(JSON.stringify(body))) throw new HttpError(400, 'invalid_text', 'The campaign contains a NUL character or an unpaired surrogate.');
      const o = body as Record<string, unknown>;
      body = { ...o, id: o.id ?? fill.id, version: o.version ?? fill.version, status: o.status ?? fill.status ?? 'draft' };
    }
    const result = validateCampaign(body);
    if (!result.ok) throw invalidCampaign(result.errors);
    return result.campaign;
  };

  app.get('/sites/:site/campaigns', async (req) => ({ campaigns: await store.campaigns.list(await siteOf(req.params)) }));

  app.post('/sites/:site/campaigns', async (req, reply) => {
    const siteId = await siteOf(req.params);
    const campaign = check(req.body, { version: 1 });
    const record = await store.campaigns.create(siteId, campaign);
    if (!record) throw new HttpError(409, 'campaign_exists', `A campaign with id "${campaign.id}" already exists; save a new version with PUT /v1/admin/sites/${siteId}/campaigns/${campaign.id}.`);
    return reply.code(201).send(record);
  });

  app.get('/sites/:site/campaigns/:id', async (req) => {
    const siteId = await siteOf(req.params);
    const id = idOf(req.params);
    const record = found(await store.campaigns.get(siteId, id));
    const versions = await store.campaigns.versions(siteId, id);
    return { ...record, versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt })) };
  });

  app.get('/sites/:site/campaigns/:id/versions', async (req) => {
    const siteId = await siteOf(req.params);
    const versions = await store.campaigns.versions(siteId, idOf(req.params));
    return { versions: found(versions.length ? versions : null) };
  });

  app.put('/sites/:site/campaigns/:id', async (req) => {
    const siteId = await siteOf(req.params);
    const id = idOf(req.params);
    const current = found(await store.campaigns.get(siteId, id));
    const campaign = check(req.body, { id, version: current.campaign.version + 1, status: current.campaign.status });
    if (campaign.id !== id) throw new HttpError(400, 'invalid_campaign', `id "${campaign.id}" does not match the URL ("${id}"); a campaign's id cannot change.`);
    const saved = await store.campaigns.update(siteId, campaign);
    if (!saved.ok && saved.reason === 'not_found') found(null);
    if (!saved.ok) {
      const stored = saved.reason === 'conflict' ? saved.current : current.campaign.version;
      throw new HttpError(409, 'version_conflict', `version ${campaign.version} is not newer than the stored version ${stored}: someone saved in between. Reload, then save as version ${stored + 1}.`);
    }
    return saved.record;
  });

  app.patch('/sites/:site/campaigns/:id', async (req) => {
    const siteId = await siteOf(req.params);
    const id = idOf(req.params);
    const body = req.body as { status?: unknown } | undefined;
    const keys = body && typeof body === 'object' ? Object.keys(body) : [];
    if (!keys.length || keys.some((k) => k !== 'status') || !STATUSES.includes(body!.status as CampaignStatus)) {
      throw new HttpError(400, 'invalid_request', `send {"status": …} with one of ${STATUSES.map((s) => `"${s}"`).join(', ')}; other fields change with PUT (a new version)`);
    }
    const status = body!.status as CampaignStatus;
    if (status === 'live') {
      // Going live re-checks what is stored, so a campaign a newer release would refuse is never delivered silently.
      const current = found(await store.campaigns.get(siteId, id));
      const result = validateCampaign({ ...current.campaign, status });
      if (!result.ok) throw invalidCampaign(result.errors);
    }
    return found(await store.campaigns.setStatus(siteId, id, status));
  });

  app.get('/sites/:site/campaigns/:id/results', async (req) => {
    const siteId = await siteOf(req.params);
    const id = idOf(req.params);
    const { campaign } = found(await store.campaigns.get(siteId, id));
    const [counts, goals, answers] = await Promise.all([
      store.campaigns.eventCounts(siteId, id),
      campaign.goal ? store.campaigns.goalMatches(siteId, id, campaign.goal.event, campaign.goal.within ?? DEFAULT_GOAL_WINDOW) : Promise.resolve([]),
      campaign.kind.type === 'survey' ? store.campaigns.surveyAnswers(siteId, id) : Promise.resolve([]),
    ]);
    return campaignResults(campaign, counts, goals, answers);
  });
}
