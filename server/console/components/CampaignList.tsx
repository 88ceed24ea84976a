import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Api } from '../api';
import { errorMessage } from '../api-error';
import { createCampaignApi } from '../campaign-api';
import { kindLabel } from '../campaign-format';
import type { CampaignRecord } from '../campaign-types';
import { formatTime } from '../format';
import { routeHref } from '../route';
import type { CampaignStatus } from '../../../src/shared/campaign-schema';
import { CampaignStatusControl, STATUS_LABELS } from './CampaignStatusControl';
import { Link } from './Link';
import { LoadError } from './LoadError';

/** Props of {@link CampaignList}. */
export interface CampaignListProps {
  api: Api;
  site: string;
}

/** The site's campaigns, most recently changed first: name, kind, status (changeable here), priority, last change. */
export function CampaignList({ api, site }: CampaignListProps) {
  const campaigns = useMemo(() => createCampaignApi(api), [api]);
  const [records, setRecords] = useState<CampaignRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    let current = true;
    setError(null);
    campaigns.list(site).then(
      (list) => current && setRecords(list),
      (err: unknown) => {
        if (!current) return;
        setError(errorMessage(err));
        setRecords((prev) => prev ?? []);
      },
    );
    return () => {
      current = false;
    };
  };
  useEffect(load, [campaigns, site]);

  const setStatus = async (id: string, status: CampaignStatus) => {
    const record = await campaigns.setStatus(site, id, status);
    setRecords((prev) => (prev ?? []).map((r) => (r.campaign.id === id ? record : r)));
  };

  return (
    <section aria-labelledby="view-title">
      <header class="view-header">
        <h1 id="view-title" tabIndex={-1}>
          Campaigns
        </h1>
        <Link class="button primary" href={routeHref({ view: 'new-campaign', param: null, site })}>
          New campaign
        </Link>
        <nav class="header-links" aria-label="Campaign settings">
          <Link href={routeHref({ view: 'message-limits', param: null, site })}>Message limits</Link>
          <Link href={routeHref({ view: 'engagement', param: null, site })}>Engagement score</Link>
        </nav>
      </header>
      <LoadError error={error} onRetry={load} />
      {records === null ? (
        <p class="empty">Loading campaigns…</p>
      ) : records.length === 0 ? (
        <div class="empty">
          <p>No campaigns yet. A campaign is an in-app message (a modal, a banner, a survey…) shown to the right visitors at the right moment.</p>
          <p>
            <Link href={routeHref({ view: 'new-campaign', param: null, site })}>Create the first one</Link>.
          </p>
        </div>
      ) : (
        <div class="table-wrap">
          <table class="data-table campaigns-table">
            <caption class="visually-hidden">Campaigns, most recently changed first</caption>
            <thead>
              <tr>
                <th scope="col">Campaign</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Priority</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span class="visually-hidden">Results</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {records.map(({ campaign, updatedAt }) => {
                const name = campaign.name || campaign.id;
                return (
                  <tr key={campaign.id}>
                    <th scope="row" data-label="Campaign">
                      <Link href={routeHref({ view: 'campaign', param: campaign.id, site })} class="row-title">
                        {name}
                      </Link>
                      {campaign.name && <span class="muted small mono"> {campaign.id}</span>}
                    </th>
                    <td data-label="Kind">{kindLabel(campaign.kind)}</td>
                    <td data-label="Status">
                      <span class={`badge status-${campaign.status}`}>{STATUS_LABELS[campaign.status] ?? campaign.status}</span>
                      <CampaignStatusControl id={campaign.id} name={name} status={campaign.status} onChange={(s) => setStatus(campaign.id, s)} />
                    </td>
                    <td data-label="Priority">{campaign.priority}</td>
                    <td data-label="Updated">
                      <time dateTime={updatedAt}>{formatTime(updatedAt)}</time>
                    </td>
                    <td data-label="">
                      <Link href={routeHref({ view: 'campaign-results', param: campaign.id, site })} aria-label={`Results of ${name}`}>
                        Results
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
