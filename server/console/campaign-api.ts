import type { Api } from './api';
import type { CampaignStatus, SiteLimits } from '../../src/shared/campaign-schema';
import type { ScoreSettings } from '../../src/shared/engagement-score';
import type {
  CampaignDetail,
  CampaignRecord,
  CampaignResults,
  CampaignVersionInfo,
  EngagementAnswer,
  MessageLimitsAnswer,
  PeopleByScore,
} from './campaign-types';

/** Typed client for the campaign, engagement and people-by-score endpoints (docs/protocol.md, "Campaigns"). */
export interface CampaignApi {
  list(site: string): Promise<CampaignRecord[]>;
  get(site: string, id: string): Promise<CampaignDetail>;
  /** Every saved version with its campaign, newest first. */
  versions(site: string, id: string): Promise<CampaignVersionInfo[]>;
  /** POST: a new campaign (400 invalid_campaign with `errors`, 409 campaign_exists). */
  create(site: string, campaign: unknown): Promise<CampaignRecord>;
  /** PUT: a new version (400 invalid_campaign, 409 version_conflict when someone saved in between). */
  save(site: string, id: string, campaign: unknown): Promise<CampaignRecord>;
  /** PATCH the status only (no new version); going live re-validates. */
  setStatus(site: string, id: string, status: CampaignStatus): Promise<CampaignRecord>;
  results(site: string, id: string): Promise<CampaignResults>;
  engagement(site: string): Promise<EngagementAnswer>;
  saveEngagement(site: string, settings: ScoreSettings | unknown): Promise<EngagementAnswer>;
  limits(site: string): Promise<MessageLimitsAnswer>;
  saveLimits(site: string, limits: SiteLimits | unknown): Promise<MessageLimitsAnswer>;
  /** People by engagement score, highest first, with the tier counts. */
  peopleByScore(site: string, limit?: number): Promise<PeopleByScore>;
}

/** The campaign client over the console's admin API (same session and error handling). */
export function createCampaignApi(api: Api): CampaignApi {
  const site = (id: string) => `sites/${encodeURIComponent(id)}`;
  const one = (s: string, id: string) => `${site(s)}/campaigns/${encodeURIComponent(id)}`;
  return {
    async list(s) {
      return (await api.admin<{ campaigns?: CampaignRecord[] }>('GET', `${site(s)}/campaigns`)).campaigns ?? [];
    },
    async get(s, id) {
      const body = await api.admin<CampaignDetail>('GET', one(s, id));
      return { ...body, versions: body.versions ?? [] };
    },
    async versions(s, id) {
      return (await api.admin<{ versions?: CampaignVersionInfo[] }>('GET', `${one(s, id)}/versions`)).versions ?? [];
    },
    create: (s, campaign) => api.admin('POST', `${site(s)}/campaigns`, campaign),
    save: (s, id, campaign) => api.admin('PUT', one(s, id), campaign),
    setStatus: (s, id, status) => api.admin('PATCH', one(s, id), { status }),
    results: (s, id) => api.admin('GET', `${one(s, id)}/results`),
    engagement: (s) => api.admin('GET', `${site(s)}/engagement`),
    saveEngagement: (s, settings) => api.admin('PUT', `${site(s)}/engagement`, settings),
    limits: (s) => api.admin('GET', `${site(s)}/message-limits`),
    saveLimits: (s, limits) => api.admin('PUT', `${site(s)}/message-limits`, limits),
    async peopleByScore(s, limit = 100) {
      const body = await api.admin<Partial<PeopleByScore>>('GET', `${site(s)}/people?sort=score&limit=${limit}`);
      return { people: body.people ?? [], tiers: body.tiers ?? [], total: body.total ?? 0 };
    },
  };
}
