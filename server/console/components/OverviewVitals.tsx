import type { OverviewRange, VitalName, Vitals } from '../../overview/overview-types';
import { count, percent, VITAL_LABELS, vitalRating, vitalValue } from '../overview-format';
import { OverviewTable } from './OverviewTable';

const NAMES: VitalName[] = ['LCP', 'INP', 'CLS', 'FCP', 'TTFB'];
const RATING_TEXT = { good: 'Good', 'needs-improvement': 'Needs improvement', poor: 'Poor' } as const;

function Rated({ name, value }: { name: VitalName; value: number | null }) {
  const rating = vitalRating(name, value);
  return (
    <span class={rating ? `ov-rating ov-${rating}` : 'muted'} title={rating ? RATING_TEXT[rating] : 'No samples'}>
      {vitalValue(name, value)}
    </span>
  );
}

/** The shares of good, needs-improvement and poor samples as one bar (with the numbers as text). */
function Shares({ good, needsImprovement, poor }: { good: number; needsImprovement: number; poor: number }) {
  return (
    <span class="ov-shares">
      <span class="ov-bar" aria-hidden="true">
        <span class="ov-good" style={{ width: `${good * 100}%` }} />
        <span class="ov-needs-improvement" style={{ width: `${needsImprovement * 100}%` }} />
        <span class="ov-poor" style={{ width: `${poor * 100}%` }} />
      </span>
      <span class="small">
        {percent(good)} good · {percent(needsImprovement)} needs improvement · {percent(poor)} poor
      </span>
    </span>
  );
}

/** Web vitals: p75 per metric with good / needs improvement / poor shares, and p75s per page. */
export function OverviewVitals({ vitals, range }: { vitals: Vitals; range: OverviewRange }) {
  const { from, to } = range;
  return (
    <section class="ov-section" aria-labelledby="ov-vitals">
      <h2 id="ov-vitals">Web vitals</h2>
      <div class="ov-tables">
        <OverviewTable
          title="Web vitals"
          from={from}
          to={to}
          rows={vitals.metrics}
          empty="No web vitals in this range."
          note="75th percentile of page loads; thresholds from web.dev (LCP 2.5 s / 4 s, INP 200 / 500 ms, CLS 0.1 / 0.25, FCP 1.8 / 3 s, TTFB 0.8 / 1.8 s)."
          columns={[
            { header: 'Metric', value: (r) => r.name, show: (r) => <abbr title={VITAL_LABELS[r.name]}>{r.name}</abbr> },
            { header: 'p75', value: (r) => r.p75, show: (r) => <Rated name={r.name} value={r.p75} />, numeric: true },
            { header: 'Samples', value: (r) => r.samples, show: (r) => count(r.samples), numeric: true },
            { header: 'Ratings', value: () => null, show: (r) => <Shares {...r} />, pageOnly: true },
            { header: 'Good', value: (r) => r.good, csvOnly: true },
            { header: 'Needs improvement', value: (r) => r.needsImprovement, csvOnly: true },
            { header: 'Poor', value: (r) => r.poor, csvOnly: true },
          ]}
        />
        <OverviewTable
          title="Web vitals per page"
          from={from}
          to={to}
          rows={vitals.pages}
          empty="No web vitals in this range."
          columns={[
            { header: 'Page', value: (r) => r.path || '(unknown)', show: (r) => <span class="ov-url ov-path" title={r.path}>{r.path || '(unknown)'}</span> },
            { header: 'Samples', value: (r) => r.samples, show: (r) => count(r.samples), numeric: true },
            ...NAMES.map((name) => ({ header: name, value: (r: Vitals['pages'][number]) => r.p75[name], show: (r: Vitals['pages'][number]) => <Rated name={name} value={r.p75[name]} />, numeric: true })),
          ]}
        />
      </div>
    </section>
  );
}
