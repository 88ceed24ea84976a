// The answer of GET /v1/admin/sites/:site/overview (docs/protocol.md, "Overview"). No imports: the console imports
// these types too.

/** Days are local dates (YYYY-MM-DD) in `timezone`; `from` and `to` are both included. */
export interface OverviewRange {
  from: string;
  to: string;
  days: number;
  timezone: string;
}

/** One local day of traffic. */
export interface TrafficDay {
  day: string;
  visitors: number;
  /** Visitors seen for the first time that day. */
  newVisitors: number;
  returningVisitors: number;
  sessions: number;
  pageviews: number;
}

/** Traffic over the range. */
export interface Traffic {
  totals: { visitors: number; newVisitors: number; returningVisitors: number; sessions: number; pageviews: number };
  daily: TrafficDay[];
  /** Most viewed pages: views, and sessions that started there. */
  pages: { path: string; views: number; entries: number }[];
  /** Sessions by the external site that referred them ('' = direct or unknown). */
  referrers: { source: string; sessions: number }[];
  /** Sessions by UTM tags (utm_campaign, utm_source, utm_medium), for sessions that had any. */
  campaigns: { campaign: string; source: string; medium: string; sessions: number }[];
}

/** One link and its clicks. */
export interface LinkRow {
  href: string;
  text: string;
  outbound: boolean;
  download: boolean;
  clicks: number;
}

/** `Link Clicked` events over the range. */
export interface Links {
  totals: { clicks: number; outbound: number; downloads: number };
  top: LinkRow[];
  outbound: LinkRow[];
  downloads: LinkRow[];
}

/** The web vitals the SDK reports. */
export type VitalName = 'LCP' | 'INP' | 'CLS' | 'FCP' | 'TTFB';

/** A metric over the range: p75 and the shares (0–1) of good / needs improvement / poor samples. */
export interface VitalSummary {
  name: VitalName;
  samples: number;
  /** 75th percentile (nearest rank) of the values kept to two significant digits; ms, CLS unitless; null without samples. */
  p75: number | null;
  good: number;
  needsImprovement: number;
  poor: number;
}

/** p75 per metric of one page (null where the page has no sample of that metric). */
export interface VitalsPage {
  path: string;
  samples: number;
  p75: Record<VitalName, number | null>;
}

/** Web vitals over the range. */
export interface Vitals {
  metrics: VitalSummary[];
  pages: VitalsPage[];
}

/** People per tier at the end of one day. */
export interface EngagementDay {
  day: string;
  /** Tier name → people. */
  tiers: Record<string, number>;
}

/** Engagement scores over the range. */
export interface Engagement {
  /** Tiers, highest first. */
  tiers: { name: string; min: number }[];
  daily: EngagementDay[];
  /** Score distribution at the end of the range: ten bands, 0–9 … 90–100. */
  distribution: { from: number; to: number; people: number }[];
  /** People counted at the end of the range. */
  people: number;
}

/** Percentiles of a duration, in seconds; null without any. */
export interface DurationStats {
  count: number;
  p50: number | null;
  p90: number | null;
}

/** Chat conversations started in the range. */
export interface Conversations {
  count: number;
  /** Operator's first reply after the visitor's first message. */
  firstResponse: DurationStats;
  /** Start to close, for those closed. */
  resolution: DurationStats;
  /** Conversation ratings (1–5): average, % of 4–5, responses. */
  csat: { responses: number; average: number | null; satisfied: number | null };
}

/** Feedback answers given in the range. */
export interface FeedbackOverview {
  count: number;
  nps: { score: number | null; promoters: number; passives: number; detractors: number; responses: number };
  stars: { average: number | null; responses: number };
  /** The newest answers with a comment (at most 10). */
  recent: { id: string; scale: 'nps' | 'stars'; rating: number; comment: string; page: string | null; createdAt: string }[];
}

/** One campaign's events in the range. */
export interface CampaignSummary {
  id: string;
  name: string;
  status: string;
  kind: string;
  shown: number;
  clicked: number;
  dismissed: number;
  converted: number;
  /** clicked / shown; null without impressions. */
  clickRate: number | null;
}

/** Everything the Overview shows. */
export interface Overview {
  site: string;
  range: OverviewRange;
  /** While the rollups are being rebuilt (after a timezone change or an upgrade): how far, 0–99 %; else null. */
  rebuilding: number | null;
  traffic: Traffic;
  links: Links;
  vitals: Vitals;
  engagement: Engagement;
  conversations: Conversations;
  feedback: FeedbackOverview;
  campaigns: CampaignSummary[];
  /** How long the collector took to compute it, in ms. */
  tookMs: number;
}
