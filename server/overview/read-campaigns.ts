import type { CampaignRecord } from '../store/campaign-store.js';
import type { SqlRunner } from '../store/sql-db.js';
import type { CampaignSummary, OverviewRange } from './overview-types.js';

type Row = Record<string, unknown>;
const EVENTS: Record<string, 'shown' | 'clicked' | 'dismissed' | 'converted'> = {
  'Message Shown': 'shown',
  'Message Clicked': 'clicked',
  'Message Dismissed': 'dismissed',
  'Message Converted': 'converted',
};
const STATUS_ORDER = ['live', 'paused', 'draft', 'archived'];

/**
 * Each campaign's message events in the range (impressions, clicks, dismissals, the SDK's conversions) from the rollup,
 * with its name, status and kind; live campaigns first, then by impressions. Archived campaigns without events in the
 * range are left out. The full results (conversions from goal events, significance) are on each campaign's page.
 */
export async function readCampaigns(db: SqlRunner, siteId: string, range: OverviewRange, campaigns: CampaignRecord[]): Promise<CampaignSummary[]> {
  const result = await db.query<Row>(
    `SELECT campaign_id, event, sum(n) AS n FROM overview_campaigns WHERE site_id = $1 AND day BETWEEN $2::date AND $3::date GROUP BY 1, 2`,
    [siteId, range.from, range.to],
  );
  const counts = new Map<string, Record<'shown' | 'clicked' | 'dismissed' | 'converted', number>>();
  for (const r of result.rows) {
    const id = String(r.campaign_id);
    const c = counts.get(id) ?? { shown: 0, clicked: 0, dismissed: 0, converted: 0 };
    const key = EVENTS[String(r.event)];
    if (key) c[key] += Number(r.n);
    counts.set(id, c);
  }
  const known = new Map(campaigns.map((r) => [r.campaign.id, r.campaign]));
  const ids = new Set([...known.keys(), ...counts.keys()]);
  const rows: CampaignSummary[] = [];
  for (const id of ids) {
    const campaign = known.get(id);
    const c = counts.get(id) ?? { shown: 0, clicked: 0, dismissed: 0, converted: 0 };
    const status = campaign?.status ?? 'unknown';
    if (status === 'archived' && !counts.has(id)) continue;
    rows.push({ id, name: campaign?.name ?? id, status, kind: campaign?.kind?.type ?? '', ...c, clickRate: c.shown ? c.clicked / c.shown : null });
  }
  const rank = (s: string) => (STATUS_ORDER.includes(s) ? STATUS_ORDER.indexOf(s) : STATUS_ORDER.length);
  return rows.sort((a, b) => rank(a.status) - rank(b.status) || b.shown - a.shown || (a.id < b.id ? -1 : 1));
}
