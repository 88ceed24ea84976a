import { campaignSettingsOf } from '../campaigns/campaign-settings.js';
import type { Site, Store } from '../store/store.js';
import { analyzeRollupsLater } from './analyze-rollups.js';
import { overviewRange } from './overview-range.js';
import type { Overview } from './overview-types.js';
import { readCampaigns } from './read-campaigns.js';
import { readConversations } from './read-conversations.js';
import { readEngagement } from './read-engagement.js';
import { readFeedback } from './read-feedback.js';
import { readLinks } from './read-links.js';
import { readTraffic } from './read-traffic.js';
import { readVitals } from './read-vitals.js';
import { syncRollups } from './rollup-rebuild.js';

/** What an overview request asks for: the query string of GET …/overview. */
export interface OverviewQuery {
  from?: unknown;
  to?: unknown;
  days?: unknown;
  /** Rows per top list. */
  limit: number;
}

/**
 * The whole Overview of a site for a range of local days: traffic, link clicks, web vitals, engagement, conversations,
 * feedback and campaigns, from the rollups of migration 4 (and the small chat and feedback tables). Days are in the
 * site's timezone (after a change, the rollups are rebuilt in the background and `rebuilding` says how far it got). On
 * PostgreSQL the sections run in parallel; PGlite runs one statement at a time.
 */
export async function readOverview(store: Store, site: Site, query: OverviewQuery, now = new Date()): Promise<Overview> {
  const started = performance.now();
  const db = store.db;
  const { timezone, rebuilding } = await syncRollups(db, site.id, site.timezone);
  const range = overviewRange(query, timezone, now);
  const [settingsRow, campaignList] = await Promise.all([store.campaigns.settings(site.id), store.campaigns.list(site.id)]);
  const { engagement: settings } = campaignSettingsOf(settingsRow);
  const [traffic, links, vitals, engagement, conversations, feedback, campaigns] = await Promise.all([
    readTraffic(db, site.id, range, query.limit),
    readLinks(db, site.id, range, query.limit),
    readVitals(db, site.id, range),
    readEngagement(db, site.id, range, settings, now, rebuilding === null),
    readConversations(db, site.id, range),
    readFeedback(db, site.id, range),
    readCampaigns(db, site.id, range, campaignList),
  ]);
  analyzeRollupsLater(db);
  return { site: site.id, range, rebuilding, traffic, links, vitals, engagement, conversations, feedback, campaigns, tookMs: Math.round(performance.now() - started) };
}
