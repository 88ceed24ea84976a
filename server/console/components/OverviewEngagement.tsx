import type { Engagement, OverviewRange } from '../../overview/overview-types';
import { count } from '../overview-format';
import { Chart } from './Chart';
import { OverviewTable } from './OverviewTable';

const TIER_COLORS = ['#1d7a46', '#4b4fd6', '#d97706', '#98a2b3'];

/** Engagement: people per tier at the end of each day, and the score distribution at the end of the range. */
export function OverviewEngagement({ engagement, range }: { engagement: Engagement; range: OverviewRange }) {
  const { from, to } = range;
  const days = engagement.daily.map((d) => d.day);
  const rows = engagement.daily.map((d) => ({ day: d.day, ...d.tiers }) as Record<string, number | string>);
  return (
    <section class="ov-section" aria-labelledby="ov-engagement">
      <h2 id="ov-engagement">Engagement</h2>
      <p class="muted small">
        Engagement scores (0–100) of {count(engagement.people)} people, from page views, sessions, clicks, contacts and
        conversions that fade with time; tiers as set in the engagement settings.
      </p>
      <div class="ov-charts">
        <figure class="panel ov-chart">
          <figcaption>People per tier at the end of each day</figcaption>
          <Chart
            label={`People per engagement tier per day from ${from} to ${to}`}
            x={days}
            series={engagement.tiers.map((t, i) => ({ label: t.name, values: engagement.daily.map((d) => d.tiers[t.name] ?? 0), color: TIER_COLORS[i % TIER_COLORS.length]! }))}
          />
        </figure>
        <figure class="panel ov-chart">
          <figcaption>Score distribution on {days[days.length - 1] ?? to}</figcaption>
          <Chart
            label={`Number of people per score band on ${days[days.length - 1] ?? to}`}
            x={engagement.distribution.map((b) => `${b.from}–${b.to}`)}
            bars
            series={[{ label: 'People', values: engagement.distribution.map((b) => b.people), color: '#4b4fd6' }]}
          />
        </figure>
      </div>
      <div class="ov-tables">
        <OverviewTable
          title="Engagement tiers per day"
          from={from}
          to={to}
          rows={rows}
          empty="No days in this range yet."
          columns={[
            { header: 'Day', value: (r) => r.day as string, nowrap: true },
            ...engagement.tiers.map((t) => ({ header: `${t.name} (${t.min}+)`, value: (r: Record<string, number | string>) => (r[t.name] as number | undefined) ?? 0, numeric: true })),
          ]}
        />
        <OverviewTable
          title="Score distribution"
          from={from}
          to={to}
          rows={engagement.distribution}
          empty="No people yet."
          columns={[
            { header: 'Score', value: (r) => `${r.from}–${r.to}` },
            { header: 'People', value: (r) => r.people, show: (r) => count(r.people), numeric: true },
          ]}
        />
      </div>
    </section>
  );
}
