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

/** One arm of the results: a variant, the holdout `control`, or `''` without an experiment. */
export interface ArmResult {
  variant: string;
  impressions: number;
  visitors: number;
  clicks: number;
  dismissals: number;
  suppressed: number;
  conversions: number | null;
  conversionRate: number | null;
  uplift: number | null;
  pValue: number | null;
  significant: boolean | null;
  /** "control", "not enough data yet", "significant", "not significant", "no goal" or "no comparison". */
  verdict: string;
}

/** How often one answer was given. */
export interface AnswerShare {
  answer: string;
  count: number;
  share: number;
}

/** Survey answers (each visitor's latest). */
export interface SurveyResult {
  survey: string;
  responses: number;
  nps?: { score: number | null; promoters: number; passives: number; detractors: number; responses: number };
  csat?: number | null;
  distribution: AnswerShare[];
}

/** `GET …/campaigns/:id/results`. */
export interface CampaignResults {
  campaignId: string;
  version: number;
  goal: { event: string; within: number } | null;
  control: string | null;
  arms: ArmResult[];
  survey: SurveyResult | null;
}

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
