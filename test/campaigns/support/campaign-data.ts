import type { Campaign, SiteLimits } from '../../../src/shared/campaign-schema';
import { compileCampaign, compileSiteLimits } from '../../../src/shared/compile-campaign';
import type { CampaignData } from '../../../src/campaigns/create-campaigns';
import type { ScoreSettings } from '../../../src/shared/engagement-score';

/**
 * A live campaign in the owner's format (src/shared/campaign-schema.ts): a modal shown on every page view, with the
 * default frequency (once per session, never again after a dismissal or conversion), changed by `over`.
 */
export const campaign = (id: string, over: Partial<Campaign> = {}): Campaign => ({
  id,
  version: 1,
  status: 'live',
  priority: 0,
  kind: { type: 'modal' },
  defaultLocale: 'en',
  content: { en: { title: `Hello from ${id}`, buttons: [{ label: 'Close', action: 'dismiss' }] } },
  trigger: { pageView: {} },
  ...over,
});

/** Site limits that stay out of the way, so a test sees one campaign's own rules. */
export const NO_LIMITS: SiteLimits = { minGap: 0, maxPerSession: 99, quietWhileChatOpen: false };

/**
 * What `GET /v1/campaigns` would deliver for these campaigns: each compiled as the collector compiles it (at the
 * current, usually fake, time), highest priority first as the collector sorts them, the site limits compiled.
 */
export const delivered = (campaigns: Campaign[], limits: SiteLimits = NO_LIMITS, score?: ScoreSettings): CampaignData => ({
  campaigns: campaigns.map((c) => compileCampaign(c)).sort((a, b) => b.p - a.p || (a.i < b.i ? -1 : 1)),
  limits: compileSiteLimits(limits),
  ...(score ? { score } : {}),
});
