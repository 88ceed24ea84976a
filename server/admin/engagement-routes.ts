import type { FastifyInstance } from 'fastify';
import { validateScoreSettings } from '../../src/shared/engagement-score.js';
import { campaignSettingsOf } from '../campaigns/campaign-settings.js';
import { validateSiteLimits } from '../campaigns/validate-site-limits.js';
import { HttpError } from '../http-error.js';
import { siteIdOf } from './site-id-of.js';
import type { Store } from '../store/store.js';

const invalid = (what: string, errors: { path: string; message: string }[]) =>
  new HttpError(400, 'invalid_settings', `The ${what} were not saved: ${errors.slice(0, 3).map((e) => e.message).join('; ')}${errors.length > 3 ? ` (and ${errors.length - 3} more)` : ''}.`, {}, { errors });

/**
 * A site's engagement score settings (weights, half-life, tiers; validateScoreSettings of src/shared) and its
 * site-wide message limits (minimum gap, messages per session, quiet while the chat is open). Unset means the
 * src/shared defaults; `custom` says whether the owner has set them.
 */
export async function engagementRoutes(app: FastifyInstance, options: { store: Store }): Promise<void> {
  const { store } = options;
  const siteOf = (params: unknown) => siteIdOf(store, params);

  app.get('/sites/:site/engagement', async (req) => {
    const settings = campaignSettingsOf(await store.campaigns.settings(await siteOf(req.params)));
    return { settings: settings.engagement, custom: settings.custom.engagement };
  });

  app.put('/sites/:site/engagement', async (req) => {
    const siteId = await siteOf(req.params);
    const result = validateScoreSettings(req.body);
    if (!result.ok) throw invalid('engagement settings', result.errors);
    await store.campaigns.putSettings(siteId, { engagement: result.settings });
    return { settings: campaignSettingsOf(await store.campaigns.settings(siteId)).engagement, custom: true };
  });

  app.get('/sites/:site/message-limits', async (req) => {
    const settings = campaignSettingsOf(await store.campaigns.settings(await siteOf(req.params)));
    return { limits: settings.limits, custom: settings.custom.limits };
  });

  app.put('/sites/:site/message-limits', async (req) => {
    const siteId = await siteOf(req.params);
    const result = validateSiteLimits(req.body);
    if (!result.ok) throw invalid('message limits', result.errors);
    await store.campaigns.putSettings(siteId, { limits: result.limits });
    return { limits: result.limits, custom: true };
  });
}
