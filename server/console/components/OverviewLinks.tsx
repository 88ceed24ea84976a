import type { LinkRow, Links, OverviewRange } from '../../overview/overview-types';
import { count } from '../overview-format';
import { OverviewTable, type OverviewColumn } from './OverviewTable';

const columns: OverviewColumn<LinkRow>[] = [
  { header: 'Link', value: (r) => r.href, show: (r) => <span class="ov-url" title={r.href}>{r.href}</span> },
  { header: 'Text', value: (r) => r.text },
  { header: 'Clicks', value: (r) => r.clicks, show: (r) => count(r.clicks), numeric: true },
];

/** Link interactions: the most clicked links, outbound links and downloads (the SDK's `Link Clicked` events). */
export function OverviewLinks({ links, range }: { links: Links; range: OverviewRange }) {
  const { from, to } = range;
  return (
    <section class="ov-section" aria-labelledby="ov-links">
      <h2 id="ov-links">Link interactions</h2>
      <p class="muted small">
        {count(links.totals.clicks)} clicks · {count(links.totals.outbound)} outbound · {count(links.totals.downloads)} downloads
      </p>
      <div class="ov-tables">
        <OverviewTable title="Top links" from={from} to={to} rows={links.top} columns={columns} empty="No link clicks in this range." />
        <OverviewTable title="Outbound links" from={from} to={to} rows={links.outbound} columns={columns} empty="No outbound clicks in this range." />
        <OverviewTable title="Downloads" from={from} to={to} rows={links.downloads} columns={columns} empty="No downloads in this range." />
      </div>
    </section>
  );
}
