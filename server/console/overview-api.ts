import type { Api } from './api';
import type { Overview } from '../overview/overview-types';

/** The range the operator picked: the last N days, or two dates (YYYY-MM-DD, both included). */
export type OverviewRangeChoice = { days: number } | { from: string; to: string };

/** GET /v1/admin/sites/:site/overview for a range (docs/protocol.md, "Overview"). */
export function fetchOverview(api: Api, site: string, range: OverviewRangeChoice, limit = 20): Promise<Overview> {
  const query = 'days' in range ? `days=${range.days}` : `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
  return api.admin<Overview>('GET', `sites/${encodeURIComponent(site)}/overview?${query}&limit=${limit}`);
}
