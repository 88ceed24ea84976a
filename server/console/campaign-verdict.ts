import type { CampaignResults } from './campaign-types';

/**
 * One line about a campaign's results (GET …/campaigns/:id/results, all time) for the Overview's campaign table:
 * a survey's score, the best significant variant, or where the test stands.
 */
export function campaignVerdict(results: CampaignResults): string {
  const survey = results.survey;
  if (survey) {
    if (survey.nps) return survey.nps.score === null ? 'No answers yet' : `NPS ${survey.nps.score > 0 ? '+' : ''}${survey.nps.score} (${survey.responses} answers)`;
    if (survey.csat !== undefined) return survey.csat === null ? 'No answers yet' : `CSAT ${survey.csat} % (${survey.responses} answers)`;
    return `${survey.responses} answers`;
  }
  if (!results.goal) return 'No goal set';
  const arms = results.arms.filter((a) => a.verdict !== 'control');
  const winners = arms.filter((a) => a.verdict === 'significant').sort((a, b) => (b.uplift ?? 0) - (a.uplift ?? 0));
  const best = winners[0];
  if (best) {
    const uplift = best.uplift === null ? '' : ` ${best.uplift > 0 ? '+' : ''}${Math.round(best.uplift * 100)} %`;
    return `${best.variant || 'Variant'}${uplift}, significant`;
  }
  if (arms.some((a) => a.verdict === 'not enough data yet')) return 'Not enough data yet';
  if (arms.some((a) => a.verdict === 'not significant')) return 'No significant difference yet';
  const only = results.arms[0];
  if (only && only.conversionRate !== null) return `${Math.round(only.conversionRate * 1000) / 10} % of ${only.visitors} visitors converted`;
  return '—';
}
