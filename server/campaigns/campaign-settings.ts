import { DEFAULT_SITE_LIMITS, type SiteLimits } from '../../src/shared/campaign-schema.js';
import { DEFAULT_SCORE_SETTINGS, validateScoreSettings, type ScoreSettings } from '../../src/shared/engagement-score.js';
import type { CampaignSettingsRow } from '../store/campaign-store.js';
import { validateSiteLimits } from './validate-site-limits.js';

/** A site's engagement settings and message limits, defaults filled in; `custom` says which were set by the owner. */
export interface CampaignSettings {
  engagement: ScoreSettings;
  limits: SiteLimits;
  custom: { engagement: boolean; limits: boolean };
}

/**
 * Reads stored settings, falling back to the src/shared defaults for what is unset — or no longer valid, should a
 * later release tighten the rules: a site then gets the defaults instead of an error on every delivery.
 */
export function campaignSettingsOf(row: CampaignSettingsRow): CampaignSettings {
  const engagement = row.engagement === null ? null : validateScoreSettings(row.engagement);
  const limits = row.limits === null ? null : validateSiteLimits(row.limits);
  return {
    engagement: engagement?.ok ? engagement.settings : DEFAULT_SCORE_SETTINGS,
    limits: limits?.ok ? limits.limits : DEFAULT_SITE_LIMITS,
    custom: { engagement: Boolean(engagement?.ok), limits: Boolean(limits?.ok) },
  };
}
