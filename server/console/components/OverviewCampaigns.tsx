import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import type { CampaignSummary, OverviewRange } from '../../overview/overview-types';
import { campaignVerdict } from '../campaign-verdict';
import type { CampaignResults } from '../campaign-types';
import { count, percent } from '../overview-format';
import { BASE } from '../route';
import { Link } from './Link';
import { OverviewTable } from './OverviewTable';

/** The results page of a campaign in the console. */
export const campaignHref = (site: string, id: string): string => `${BASE}/campaigns/${encodeURIComponent(id)}?site=${encodeURIComponent(site)}`;

/** Campaigns whose results are fetched for the table (each is a query over the campaign's events). */
const WITH_RESULTS = 10;

/**
 * Campaigns: each one's impressions, clicks and dismissals in the range, and a line from its results (conversions and
 * significance over all time, from GET …/campaigns/:id/results, fetched after the table shows), linking to its page.
 */
export function OverviewCampaigns({ api, campaigns, range, site }: { api: Api; campaigns: CampaignSummary[]; range: OverviewRange; site: string }) {
  const [verdicts, setVerdicts] = useState<Record<string, string>>({});
  const ids = campaigns.filter((c) => c.shown > 0).slice(0, WITH_RESULTS).map((c) => c.id);
  useEffect(() => {
    let current = true;
    (async () => {
      for (const id of ids) {
        let line = '—';
        try {
          line = campaignVerdict(await api.admin<CampaignResults>('GET', `sites/${encodeURIComponent(site)}/campaigns/${encodeURIComponent(id)}/results`));
        } catch {
          // No results (a deleted campaign, a network error): the row keeps its counts.
        }
        if (!current) return;
        setVerdicts((v) => ({ ...v, [id]: line }));
      }
    })();
    return () => {
      current = false;
    };
  }, [api, site, ids.join()]);
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
          note="Message events in this range; the result (goal conversions, test significance, survey score) is over all time — open a campaign for the details."
          columns={[
            { header: 'Campaign', value: (r) => r.name, show: (r) => <Link href={campaignHref(site, r.id)}>{r.name}</Link> },
            { header: 'Status', value: (r) => r.status, show: (r) => <span class={`status-${r.status}`}>{r.status}</span> },
            { header: 'Kind', value: (r) => r.kind },
            { header: 'Shown', value: (r) => r.shown, show: (r) => count(r.shown), numeric: true },
            { header: 'Clicked', value: (r) => r.clicked, show: (r) => count(r.clicked), numeric: true },
            { header: 'Click rate', value: (r) => r.clickRate, show: (r) => percent(r.clickRate), numeric: true },
            { header: 'Dismissed', value: (r) => r.dismissed, show: (r) => count(r.dismissed), numeric: true },
            { header: 'Converted (SDK)', value: (r) => r.converted, show: (r) => count(r.converted), numeric: true },
            { header: 'Result (all time)', value: (r) => verdicts[r.id] ?? '', show: (r) => verdicts[r.id] ?? (r.shown > 0 && ids.includes(r.id) ? '…' : '—') },
          ]}
        />
      </div>
    </section>
  );
}
