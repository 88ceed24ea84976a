import type { CampaignSummary, OverviewRange } from '../../overview/overview-types';
import { count, percent } from '../overview-format';
import { BASE } from '../route';
import { Link } from './Link';
import { OverviewTable } from './OverviewTable';

/** The results page of a campaign in the console. */
export const campaignHref = (site: string, id: string): string => `${BASE}/campaigns/${encodeURIComponent(id)}?site=${encodeURIComponent(site)}`;

/** Campaigns: each one's impressions, clicks and dismissals in the range, linking to its page for conversions and significance. */
export function OverviewCampaigns({ campaigns, range, site }: { campaigns: CampaignSummary[]; range: OverviewRange; site: string }) {
  return (
    <section class="ov-section" aria-labelledby="ov-campaigns">
      <h2 id="ov-campaigns">Campaigns</h2>
      <div class="ov-tables ov-wide">
        <OverviewTable
          title="Campaigns"
          from={range.from}
          to={range.to}
          rows={campaigns}
          empty="No campaigns yet."
          note="Message events in this range; open a campaign for its conversions and test results."
          columns={[
            { header: 'Campaign', value: (r) => r.name, show: (r) => <Link href={campaignHref(site, r.id)}>{r.name}</Link> },
            { header: 'Status', value: (r) => r.status, show: (r) => <span class={`status-${r.status}`}>{r.status}</span> },
            { header: 'Kind', value: (r) => r.kind },
            { header: 'Shown', value: (r) => r.shown, show: (r) => count(r.shown), numeric: true },
            { header: 'Clicked', value: (r) => r.clicked, show: (r) => count(r.clicked), numeric: true },
            { header: 'Click rate', value: (r) => r.clickRate, show: (r) => percent(r.clickRate), numeric: true },
            { header: 'Dismissed', value: (r) => r.dismissed, show: (r) => count(r.dismissed), numeric: true },
            { header: 'Converted (SDK)', value: (r) => r.converted, show: (r) => count(r.converted), numeric: true },
          ]}
        />
      </div>
    </section>
  );
}
