/**
 * The campaign part of the collector's admin API (docs/protocol.md, "Campaigns") for console unit tests under
 * happy-dom, in front of the shared fake in fake-admin-api.ts. It checks bodies with the same src/shared validators
 * the collector runs (validateCampaign, validateScoreSettings, validateSiteLimits), fills version and status the same
 * way, and answers the same status codes, so the console meets the real rules. The real collector is exercised in
 * test/e2e/console-campaigns.test.ts.
 */
import { validateCampaign } from '../../src/shared/validate-campaign';
import { DEFAULT_SCORE_SETTINGS, validateScoreSettings, type ScoreSettings } from '../../src/shared/engagement-score';
import { DEFAULT_SITE_LIMITS, type Campaign, type SiteLimits } from '../../src/shared/campaign-schema';
import { validateSiteLimits } from '../../server/campaigns/validate-site-limits';
import type { CampaignRecord, CampaignResults, PeopleByScore } from '../../server/console/campaign-types';
import type { FakeAdmin, FakeRequest } from './fake-admin-api';

/** What the campaign fake holds; tests may change it directly (another operator saving in between). */
export interface CampaignFakeState {
  campaigns: Record<string, { record: CampaignRecord; versions: { version: number; createdAt: string; campaign: Campaign }[] }>;
  results: Record<string, CampaignResults>;
  engagement: { settings: ScoreSettings; custom: boolean };
  limits: { limits: SiteLimits; custom: boolean };
  peopleByScore: PeopleByScore;
}

/** Handle of {@link withCampaigns}. */
export interface CampaignFake {
  fetch: typeof fetch;
  state: CampaignFakeState;
  requests: FakeRequest[];
  /** Makes the next matching request answer with this status and body instead. */
  answerNext(method: string, pathEnd: string, status: number, body: unknown): void;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
let tick = 0;
const now = () => new Date(Date.UTC(2026, 0, 3, 9, 0, tick++)).toISOString();

/** Stores a campaign as if it had been saved through the API (version history included). */
export function seedCampaign(state: CampaignFakeState, campaign: Campaign): void {
  const at = now();
  state.campaigns[campaign.id] = {
    record: { campaign, createdAt: at, updatedAt: at },
    versions: [{ version: campaign.version, createdAt: at, campaign }],
  };
}

/** Wraps the shared fake so the `sites/demo/campaigns…`, `engagement`, `message-limits` and `people?sort=score` routes answer too. */
export function withCampaigns(base: FakeAdmin, site = 'demo'): CampaignFake {
  const state: CampaignFakeState = {
    campaigns: {},
    results: {},
    engagement: { settings: JSON.parse(JSON.stringify(DEFAULT_SCORE_SETTINGS)), custom: false },
    limits: { limits: { ...DEFAULT_SITE_LIMITS }, custom: false },
    peopleByScore: { people: [], tiers: [], total: 0 },
  };
  const overrides: { method: string; pathEnd: string; status: number; body: unknown }[] = [];
  const prefix = `/v1/admin/sites/${site}/`;

  const invalid = (errors: { path: string; message: string }[], error = 'invalid_campaign') =>
    json(400, { error, message: `Not saved: ${errors.slice(0, 3).map((e) => e.message).join('; ')}.`, errors });
  const check = (body: unknown, fill: { id?: string; version: number; status?: string }) => {
    const o = body as Record<string, unknown>;
    const filled = { ...o, id: o.id ?? fill.id, version: o.version ?? fill.version, status: o.status ?? fill.status ?? 'draft' };
    return validateCampaign(filled);
  };

  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), location.origin);
    const method = (init?.method ?? 'GET').toUpperCase();
    if (!url.pathname.startsWith(prefix)) return base.fetch(input, init);
    const rest = url.pathname.slice(prefix.length).split('/').map(decodeURIComponent);
    const isOurs = rest[0] === 'campaigns' || rest[0] === 'engagement' || rest[0] === 'message-limits' || (rest[0] === 'people' && url.searchParams.get('sort') === 'score');
    if (!isOurs) return base.fetch(input, init);
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    base.requests.push({ method, path: url.pathname + url.search, body });
    if (!base.state.loggedIn) return json(401, { error: 'unauthorized', message: 'Sign in first' });
    const override = overrides.findIndex((o) => o.method === method && url.pathname.endsWith(o.pathEnd));
    if (override >= 0) {
      const o = overrides.splice(override, 1)[0]!;
      return json(o.status, o.body);
    }

    if (rest[0] === 'engagement') {
      if (method === 'GET') return json(200, state.engagement);
      const result = validateScoreSettings(body);
      if (!result.ok) return invalid(result.errors, 'invalid_settings');
      state.engagement = { settings: result.settings, custom: true };
      return json(200, state.engagement);
    }
    if (rest[0] === 'message-limits') {
      if (method === 'GET') return json(200, state.limits);
      const result = validateSiteLimits(body);
      if (!result.ok) return invalid(result.errors, 'invalid_settings');
      state.limits = { limits: result.limits, custom: true };
      return json(200, state.limits);
    }
    if (rest[0] === 'people') return json(200, state.peopleByScore);

    const [, id, sub] = rest;
    if (id === undefined) {
      if (method === 'GET') {
        const list = Object.values(state.campaigns).map((c) => c.record);
        list.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
        return json(200, { campaigns: list });
      }
      const result = check(body, { version: 1 });
      if (!result.ok) return invalid(result.errors);
      if (state.campaigns[result.campaign.id]) {
        return json(409, { error: 'campaign_exists', message: `A campaign with id "${result.campaign.id}" already exists.` });
      }
      seedCampaign(state, result.campaign);
      return json(201, state.campaigns[result.campaign.id]!.record);
    }
    const entry = state.campaigns[id];
    if (!entry) return json(404, { error: 'campaign_not_found', message: 'No campaign with that id.' });
    if (sub === 'results') return json(200, state.results[id] ?? { campaignId: id, version: entry.record.campaign.version, goal: null, control: null, arms: [], survey: null });
    if (sub === 'versions') return json(200, { versions: entry.versions });
    if (method === 'GET') return json(200, { ...entry.record, versions: entry.versions.map((v) => ({ version: v.version, createdAt: v.createdAt })) });
    if (method === 'PATCH') {
      const status = (body as { status?: string }).status as Campaign['status'];
      if (status === 'live') {
        const result = validateCampaign({ ...entry.record.campaign, status });
        if (!result.ok) return invalid(result.errors);
      }
      entry.record = { ...entry.record, campaign: { ...entry.record.campaign, status }, updatedAt: now() };
      return json(200, entry.record);
    }
    if (method === 'PUT') {
      const stored = entry.record.campaign.version;
      const result = check(body, { id, version: stored + 1, status: entry.record.campaign.status });
      if (!result.ok) return invalid(result.errors);
      if (result.campaign.version <= stored) {
        return json(409, {
          error: 'version_conflict',
          message: `version ${result.campaign.version} is not newer than the stored version ${stored}: someone saved in between. Reload, then save as version ${stored + 1}.`,
        });
      }
      const at = now();
      entry.record = { campaign: result.campaign, createdAt: entry.record.createdAt, updatedAt: at };
      entry.versions.unshift({ version: result.campaign.version, createdAt: at, campaign: result.campaign });
      return json(200, entry.record);
    }
    return json(404, { error: 'not_found', message: 'Not found' });
  };

  return {
    fetch: fakeFetch as typeof fetch,
    state,
    requests: base.requests,
    answerNext(method, pathEnd, status, body) {
      overrides.push({ method, pathEnd, status, body });
    },
  };
}
