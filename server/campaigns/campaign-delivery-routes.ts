import { createHash } from 'node:crypto';
import { echoOrigin } from '../echo-origin.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { compileCampaign, compileSiteLimits } from '../../src/shared/compile-campaign.js';
import type { CompiledCampaign } from '../../src/shared/compiled-campaign.js';
import { validateCampaign } from '../../src/shared/validate-campaign.js';
import { checkOrigin } from '../chat/chat-cors.js';
import { HttpError } from '../http-error.js';
import type { Store } from '../store/store.js';
import { campaignSettingsOf } from './campaign-settings.js';
import { etagMatches } from './etag-matches.js';
import { foldPeople, scoreHistorySince, signalEvents } from './people-scores.js';

/** How long browsers may reuse the campaign list before revalidating it (seconds). */
export const CAMPAIGNS_MAX_AGE = 60;

/**
 * GET /v1/campaigns?writeKey=KEY: the site's live campaigns in compiled form (src/shared/compile-campaign) with the
 * site-wide limits. Each stored campaign is validated again before it is compiled, so one that a newer validator
 * refuses (or a hand-edited row) is left out instead of reaching visitors. The strong ETag is a hash of the body,
 * identical on every collector; `If-None-Match` with it answers 304. CORS as for the chat: the Origin is echoed,
 * and an origin the site does not allow gets 403.
 */
export async function campaignDeliveryRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  echoOrigin(app, 'ETag');
  // A script that sets If-None-Match itself (instead of leaving revalidation to the HTTP cache) needs a preflight.
  app.options('/v1/campaigns', (_req, reply: FastifyReply) => {
    reply
      .header('Access-Control-Allow-Methods', 'GET, OPTIONS')
      .header('Access-Control-Allow-Headers', 'If-None-Match')
      .header('Access-Control-Max-Age', '7200')
      .code(204)
      .send();
  });

  const siteOf = async (req: FastifyRequest) => {
    const writeKey = (req.query as { writeKey?: unknown }).writeKey;
    if (typeof writeKey !== 'string' || !writeKey) throw new HttpError(401, 'missing_write_key', 'No write key: add ?writeKey=pk_… to the URL.');
    const site = /^[\x21-\x7e]{1,200}$/.test(writeKey) ? await store.findSiteByWriteKey(writeKey) : null;
    if (!site) throw new HttpError(401, 'unknown_write_key', `Unknown write key "${writeKey.slice(0, 40)}". Copy the key from the console (Sites).`);
    checkOrigin(req.headers.origin, site);
    return site;
  };

  /**
   * GET /v1/score?writeKey=KEY&anonymousId=ID: the visitor's engagement score state, folded from everything stored for
   * the person behind that anonymousId (all their devices), so the SDK's live score starts where the collector's is.
   * Folded in time order, `state.t` is the newest signal folded in: the SDK adds its own signals after it. Never cached.
   */
  app.get('/v1/score', async (req, reply) => {
    const site = await siteOf(req);
    const anonymousId = (req.query as { anonymousId?: unknown }).anonymousId;
    if (typeof anonymousId !== 'string' || !anonymousId || anonymousId.length > 200) throw new HttpError(400, 'invalid_anonymous_id', 'anonymousId must be 1 to 200 characters.');
    reply.header('Cache-Control', 'private, no-store');
    const person = await store.findPerson(site.id, anonymousId);
    if (!person || !person.anonymousIds.includes(anonymousId)) return { state: null };
    const settings = campaignSettingsOf(await store.campaigns.settings(site.id)).engagement;
    const since = scoreHistorySince(settings, Date.now());
    const rows = await store.campaigns.personScoreRows(site.id, person, since, signalEvents(settings), settings.valueProperty);
    return { state: foldPeople(rows, settings).get(person.id) ?? null };
  });

  app.get('/v1/campaigns', async (req, reply) => {
    const site = await siteOf(req);

    const [bodies, settings] = await Promise.all([store.campaigns.liveBodies(site.id), store.campaigns.settings(site.id)]);
    const now = Date.now();
    const campaigns: CompiledCampaign[] = [];
    for (const body of bodies) {
      const checked = validateCampaign(body);
      if (!checked.ok || checked.campaign.status !== 'live') {
        req.log.warn({ site: site.id, campaign: (body as { id?: unknown })?.id }, 'stored campaign is not valid; not delivered');
        continue;
      }
      try {
        campaigns.push(compileCampaign(checked.campaign, now));
      } catch (error) {
        req.log.warn({ err: error, site: site.id, campaign: checked.campaign.id }, 'stored campaign does not compile; not delivered');
      }
    }
    // Highest priority first, then by id: the same order on every collector, so the same ETag.
    campaigns.sort((a, b) => b.p - a.p || (a.i < b.i ? -1 : a.i > b.i ? 1 : 0));
    const { limits, engagement } = campaignSettingsOf(settings);
    // The engagement settings travel only when a campaign targets the score or a tier: the SDK folds the score then.
    const scored = campaigns.some((c) => c.a?.some(([rule]) => rule === 'audience.score' || rule === 'audience.tier'));
    const text = JSON.stringify({ campaigns, limits: compileSiteLimits(limits), ...(scored ? { score: engagement } : {}) });
    const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
    reply.header('ETag', etag).header('Cache-Control', `max-age=${CAMPAIGNS_MAX_AGE}`);
    if (etagMatches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(text);
  });
}
