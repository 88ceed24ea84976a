import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { fetchOverview, type OverviewRangeChoice } from '../overview-api';
import { count, percent } from '../overview-format';
import { routeHref } from '../route';
import { useLoaded } from '../use-loaded';
import type { Overview } from '../../overview/overview-types';
import { Link } from './Link';
import { LoadError } from './LoadError';
import { OverviewCampaigns } from './OverviewCampaigns';
import { OverviewEngagement } from './OverviewEngagement';
import { OverviewLinks } from './OverviewLinks';
import { OverviewRangePicker } from './OverviewRangePicker';
import { OverviewSupport } from './OverviewSupport';
import { OverviewTraffic } from './OverviewTraffic';
import { OverviewVitals } from './OverviewVitals';

/** How often the view asks again while the collector rebuilds its rollups. */
const REBUILD_POLL_MS = 3000;

/** Props of {@link OverviewView}. */
export interface OverviewViewProps {
  api: Api;
  site: string;
}

/**
 * The console's home: a site's measures over a range of days in its timezone — traffic, link interactions, web vitals,
 * engagement, conversations and feedback, campaigns — with charts (uPlot) and tables that export as CSV.
 */
export function OverviewView({ api, site }: OverviewViewProps) {
  const [range, setRange] = useState<OverviewRangeChoice>({ days: 30 });
  const { data, error, loading, reload } = useLoaded<Overview>(
    () => fetchOverview(api, site, range),
    [api, site, 'days' in range ? range.days : `${range.from}/${range.to}`],
  );

  // While the collector recounts (after a timezone change), ask again every few seconds.
  useEffect(() => {
    if (data?.rebuilding === null || data?.rebuilding === undefined || loading) return;
    const timer = setTimeout(reload, REBUILD_POLL_MS);
    return () => clearTimeout(timer);
  }, [data, loading]);

  const totals = data?.traffic.totals;
  const quiet = data && totals!.pageviews === 0 && data.links.totals.clicks === 0 && totals!.visitors === 0;
  return (
    <section class="overview" aria-labelledby="view-title" aria-busy={loading}>
      <header class="view-header ov-header">
        <h1 id="view-title" tabIndex={-1}>
          Overview
        </h1>
        <OverviewRangePicker value={range} onChange={setRange} timezone={data?.range.timezone ?? null} />
        <button type="button" class="quiet" onClick={reload} disabled={loading}>
          Refresh
        </button>
      </header>
      <LoadError error={error} onRetry={reload} />
      {!data ? (
        !error && <p class="empty">Loading the overview…</p>
      ) : (
        <>
          <p class="muted small ov-range-text">
            {data.range.from} – {data.range.to} ({data.range.days} {data.range.days === 1 ? 'day' : 'days'}, {data.range.timezone})
            {loading ? ' · updating…' : ''}
          </p>
          {data.rebuilding !== null && (
            <p class="panel ov-rebuilding" role="status">
              Recounting for the site’s timezone: {data.rebuilding} % done. The numbers fill in as it goes.
            </p>
          )}
          {quiet && data.rebuilding === null && (
            <div class="panel ov-quiet">
              <p>
                Nothing recorded in this range yet. <Link href={routeHref({ view: 'site', param: site, site })}>Copy the tag</Link> into your
                pages, or try the demo site, then come back.
              </p>
            </div>
          )}
          <div class="summary-cards" aria-label="Totals">
            <div class="stat">
              <span class="stat-label">Visitors</span>
              <span class="stat-value">{count(totals!.visitors)}</span>
              <span class="stat-note">
                {count(totals!.newVisitors)} new · {count(totals!.returningVisitors)} returning
              </span>
            </div>
            <div class="stat">
              <span class="stat-label">Sessions</span>
              <span class="stat-value">{count(totals!.sessions)}</span>
              <span class="stat-note">{totals!.sessions ? `${(totals!.pageviews / totals!.sessions).toFixed(1)} pages per session` : '—'}</span>
            </div>
            <div class="stat">
              <span class="stat-label">Page views</span>
              <span class="stat-value">{count(totals!.pageviews)}</span>
            </div>
            <div class="stat">
              <span class="stat-label">Link clicks</span>
              <span class="stat-value">{count(data.links.totals.clicks)}</span>
              <span class="stat-note">
                {count(data.links.totals.outbound)} outbound · {count(data.links.totals.downloads)} downloads
              </span>
            </div>
            <div class="stat">
              <span class="stat-label">Good LCP</span>
              <span class="stat-value">{percent(data.vitals.metrics.find((m) => m.name === 'LCP')?.samples ? data.vitals.metrics.find((m) => m.name === 'LCP')!.good : null)}</span>
              <span class="stat-note">of page loads</span>
            </div>
          </div>
          <OverviewTraffic traffic={data.traffic} range={data.range} />
          <OverviewLinks links={data.links} range={data.range} />
          <OverviewVitals vitals={data.vitals} range={data.range} />
          <OverviewEngagement engagement={data.engagement} range={data.range} />
          <OverviewSupport conversations={data.conversations} feedback={data.feedback} range={data.range} />
          <OverviewCampaigns api={api} campaigns={data.campaigns} range={data.range} site={site} />
        </>
      )}
    </section>
  );
}
