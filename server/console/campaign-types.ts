// What the collector's campaign, engagement and people-by-score endpoints answer (docs/protocol.md, "Campaigns").
// The campaign format itself is src/shared/campaign-schema.ts: the console edits exactly what the server validates.
import type { Campaign, SiteLimits } from '../../src/shared/campaign-schema';
import type { ScoreSettings } from '../../src/shared/engagement-score';
import type { Person } from './types';

/** A stored campaign: the current version as saved, and when it was first created and last changed. */
export interface CampaignRecord {
  campaign: Campaign;
  createdAt: string;
  updatedAt: string;
}

/** One saved version, without (list) or with (history) the campaign as it was then. */
export interface CampaignVersionInfo {
  version: number;
  createdAt: string;
  campaign?: Campaign;
}

/** `GET …/campaigns/:id`: the record and its versions, newest first. */
export interface CampaignDetail extends CampaignRecord {
  versions: CampaignVersionInfo[];
}

// The results' shapes are the collector's own; a type-only import, so nothing of the server reaches the console bundle.
export type { ArmResult, CampaignResults, SurveyResult } from '../campaigns/campaign-results';

/** `GET|PUT …/engagement`: the settings in force; `custom` is false while the defaults apply. */
export interface EngagementAnswer {
  settings: ScoreSettings;
  custom: boolean;
}

/** `GET|PUT …/message-limits`. */
export interface MessageLimitsAnswer {
  limits: SiteLimits;
  custom: boolean;
}

/** A person with their engagement score (0–100) and tier. */
export type ScoredPerson = Person & { score: number; tier: string };

/** `GET …/people?sort=score`: highest scores first, and how many of the site's people each tier holds. */
export interface PeopleByScore {
  people: ScoredPerson[];
  tiers: { name: string; min: number; count: number }[];
  total: number;
}
