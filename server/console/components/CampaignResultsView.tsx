import { useMemo } from 'preact/hooks';
import type { Api } from '../api';
import { createCampaignApi } from '../campaign-api';
import { armLabel, formatDuration, formatPValue, formatRate, formatUplift } from '../campaign-format';
import type { ArmResult } from '../campaign-types';
import { useLoaded } from '../use-loaded';
import type { CampaignStatus } from '../../../src/shared/campaign-schema';
import { CampaignHeader } from './CampaignHeader';
import { CampaignHistory } from './CampaignHistory';
import { CampaignSurveyResults } from './CampaignSurveyResults';
import { LoadError } from './LoadError';

/** Props of {@link CampaignResultsView}. */
export interface CampaignResultsViewProps {
  api: Api;
  site: string;
  campaignId: string;
}

const VERDICTS: Record<string, string> = {
  control: 'Control',
  'not enough data yet': 'Not enough data yet',
  significant: 'Significant',
  'not significant': 'Not significant',
  'no goal': 'No goal set',
  'no comparison': 'Nothing to compare with',
};

function Verdict({ arm }: { arm: ArmResult }) {
  const text = VERDICTS[arm.verdict] ?? arm.verdict;
  const tone = arm.verdict === 'significant' ? (arm.uplift !== null && arm.uplift < 0 ? 'verdict-worse' : 'verdict-better') : 'verdict-neutral';
  const detail = arm.verdict === 'significant' && arm.uplift !== null ? (arm.uplift < 0 ? ' (worse)' : ' (better)') : '';
  return (
    <span class={`verdict ${tone}`}>
      {text}
      {detail}
    </span>
  );
}

/**
 * Results of one campaign: per arm impressions, visitors, clicks, dismissals, goal conversions, conversion rate, uplift
 * against the control, p-value and verdict (the collector computes them with src/shared/significance), survey answers,
 * and the version history.
 */
export function CampaignResultsView({ api, site, campaignId }: CampaignResultsViewProps) {
  const campaigns = useMemo(() => createCampaignApi(api), [api]);
  const loaded = useLoaded(
    () => Promise.all([campaigns.get(site, campaignId), campaigns.results(site, campaignId)]),
    [campaigns, site, campaignId],
  );
  const { error, loading, reload } = loaded;
  const [detail, results] = loaded.data ?? [null, null];

  const setStatus = async (status: CampaignStatus) => {
    const record = await campaigns.setStatus(site, campaignId, status);
    loaded.setData((prev) => (prev ? [{ ...prev[0], ...record }, prev[1]] : prev));
  };

  const campaign = detail?.campaign;
  const title = campaign ? campaign.name || campaign.id : campaignId;
  const hasGoal = Boolean(results?.goal);

  return (
    <section aria-labelledby="view-title" class="campaign-results">
      <CampaignHeader site={site} id={campaignId} title={title} status={campaign?.status ?? null} onStatus={setStatus} current="results" />
      <LoadError error={error} onRetry={reload} />
      {loading && !results && <p class="empty">Loading results…</p>}
      {results && (
        <>
          <section class="panel" aria-labelledby="arms-title">
            <div class="panel-head">
              <h2 id="arms-title">Results</h2>
              <button type="button" class="small-button" onClick={reload} disabled={loading}>
                {loading ? 'Refreshing…' : 'Refresh'}
              </button>
            </div>
            <p class="muted small">
              {results.goal
                ? `Goal: “${results.goal.event}” within ${formatDuration(results.goal.within)} of seeing the message. `
                : 'No goal is set, so conversions are not measured. '}
              {results.control ? `Variants are compared with ${armLabel(results.control).toLowerCase()}. ` : ''}
              Events from every version count; the current version is {results.version}.
            </p>
            <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="arms-title">
              <table class="data-table arms-table">
                <thead>
                  <tr>
                    <th scope="col">Arm</th>
                    <th scope="col">Impressions</th>
                    <th scope="col">Visitors</th>
                    <th scope="col">Clicks</th>
                    <th scope="col">Dismissals</th>
                    {hasGoal && (
                      <>
                        <th scope="col">Conversions</th>
                        <th scope="col">Conversion rate</th>
                        <th scope="col">Uplift vs control</th>
                        <th scope="col">p-value</th>
                      </>
                    )}
                    <th scope="col">Verdict</th>
                  </tr>
                </thead>
                <tbody>
                  {results.arms.map((arm) => (
                    <tr key={arm.variant}>
                      <th scope="row" data-label="Arm">
                        {armLabel(arm.variant)}
                      </th>
                      <td data-label="Impressions">{arm.impressions}</td>
                      <td data-label="Visitors">{arm.visitors}</td>
                      <td data-label="Clicks">{arm.clicks}</td>
                      <td data-label="Dismissals">{arm.dismissals}</td>
                      {hasGoal && (
                        <>
                          <td data-label="Conversions">{arm.conversions ?? '–'}</td>
                          <td data-label="Conversion rate">{formatRate(arm.conversionRate)}</td>
                          <td data-label="Uplift vs control">{arm.verdict === 'control' ? '–' : formatUplift(arm.uplift)}</td>
                          <td data-label="p-value">{formatPValue(arm.pValue)}</td>
                        </>
                      )}
                      <td data-label="Verdict">
                        <Verdict arm={arm} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {results.arms.some((a) => a.verdict === 'not enough data yet') && (
              <p class="help">
                A p-value needs at least 100 visitors in each arm and at least 5 expected conversions and non-conversions; until
                then the difference could be chance.
              </p>
            )}
          </section>
          {results.survey && <CampaignSurveyResults survey={results.survey} />}
        </>
      )}
      {detail && detail.versions.length > 0 && <CampaignHistory campaigns={campaigns} site={site} id={campaignId} versions={detail.versions} />}
    </section>
  );
}
