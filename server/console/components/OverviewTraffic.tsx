import type { OverviewRange, Traffic } from '../../overview/overview-types';
import { count } from '../overview-format';
import { Chart } from './Chart';
import { OverviewTable } from './OverviewTable';

/** Traffic: visitors, sessions and page views per day, new against returning visitors, top pages, referrers, UTM campaigns. */
export function OverviewTraffic({ traffic, range }: { traffic: Traffic; range: OverviewRange }) {
  const days = traffic.daily.map((d) => d.day);
  const { from, to } = range;
  return (
    <section class="ov-section" aria-labelledby="ov-traffic">
      <h2 id="ov-traffic">Traffic</h2>
      <div class="ov-charts">
        <figure class="panel ov-chart">
          <figcaption>Visitors, sessions and page views per day</figcaption>
          <Chart
            label={`Visitors, sessions and page views per day from ${from} to ${to}`}
            x={days}
            series={[
              { label: 'Visitors', values: traffic.daily.map((d) => d.visitors), color: '#4b4fd6' },
              { label: 'Sessions', values: traffic.daily.map((d) => d.sessions), color: '#1d7a46' },
              { label: 'Page views', values: traffic.daily.map((d) => d.pageviews), color: '#d97706' },
            ]}
          />
        </figure>
        <figure class="panel ov-chart">
          <figcaption>New and returning visitors per day</figcaption>
          <Chart
            label={`New and returning visitors per day from ${from} to ${to}`}
            x={days}
            bars
            series={[
              { label: 'New', values: traffic.daily.map((d) => d.newVisitors), color: '#1f6feb' },
              { label: 'Returning', values: traffic.daily.map((d) => d.returningVisitors), color: '#8a3ffc' },
            ]}
          />
        </figure>
      </div>
      <div class="ov-tables">
        <OverviewTable
          title="Top pages"
          from={from}
          to={to}
          rows={traffic.pages}
          empty="No page views in this range."
          columns={[
            { header: 'Page', value: (r) => r.path || '(unknown)' },
            { header: 'Views', value: (r) => r.views, show: (r) => count(r.views), numeric: true },
            { header: 'Entries', value: (r) => r.entries, show: (r) => count(r.entries), numeric: true },
          ]}
        />
        <OverviewTable
          title="Referrers"
          from={from}
          to={to}
          rows={traffic.referrers}
          empty="No sessions in this range."
          columns={[
            { header: 'Source', value: (r) => r.source || 'Direct / none' },
            { header: 'Sessions', value: (r) => r.sessions, show: (r) => count(r.sessions), numeric: true },
          ]}
        />
        <OverviewTable
          title="UTM campaigns"
          from={from}
          to={to}
          rows={traffic.campaigns}
          empty="No sessions with utm_ tags in this range."
          columns={[
            { header: 'Campaign', value: (r) => r.campaign || '—' },
            { header: 'Source', value: (r) => r.source || '—' },
            { header: 'Medium', value: (r) => r.medium || '—' },
            { header: 'Sessions', value: (r) => r.sessions, show: (r) => count(r.sessions), numeric: true },
          ]}
        />
        <OverviewTable
          title="Traffic per day"
          from={from}
          to={to}
          rows={traffic.daily}
          empty="No days in this range."
          columns={[
            { header: 'Day', value: (r) => r.day, nowrap: true },
            { header: 'Visitors', value: (r) => r.visitors, show: (r) => count(r.visitors), numeric: true },
            { header: 'New', value: (r) => r.newVisitors, show: (r) => count(r.newVisitors), numeric: true },
            { header: 'Returning', value: (r) => r.returningVisitors, show: (r) => count(r.returningVisitors), numeric: true },
            { header: 'Sessions', value: (r) => r.sessions, show: (r) => count(r.sessions), numeric: true },
            { header: 'Page views', value: (r) => r.pageviews, show: (r) => count(r.pageviews), numeric: true },
          ]}
        />
      </div>
    </section>
  );
}
