import type { Campaign } from '../../src/shared/campaign-schema.js';
import { compileCampaign } from '../../src/shared/compile-campaign.js';
import { CONTROL, eventMatches } from '../../src/shared/rules.js';
import { compareToControl } from '../../src/shared/significance.js';
import { csat, distribution, nps, type AnswerShare, type NpsResult } from '../../src/shared/survey-results.js';
import type { CampaignEventCount, GoalMatch, SurveyAnswerRow } from '../store/campaign-store.js';

/** One arm of a campaign (a variant, the holdout `control`, or `''` for a campaign without an experiment). */
export interface ArmResult {
  variant: string;
  /** `Message Shown` events. */
  impressions: number;
  /** Distinct visitors with an impression: the arm's sample in the significance test. */
  visitors: number;
  clicks: number;
  dismissals: number;
  suppressed: number;
  /** Visitors who tracked the goal event within the goal window after one of their impressions; null without a goal. */
  conversions: number | null;
  /** conversions / visitors; null without a goal. */
  conversionRate: number | null;
  /** Against the control arm: relative change of the rate (0.25 = +25 %); null for the control or when it converts nobody. */
  uplift: number | null;
  pValue: number | null;
  significant: boolean | null;
  /** What the console shows: "control", "not enough data yet", "significant", "not significant", "no goal" or "no comparison". */
  verdict: string;
}

/** Survey answers of a survey campaign (each visitor's latest answer). */
export interface SurveyResult {
  survey: string;
  responses: number;
  nps?: NpsResult;
  csat?: number | null;
  distribution: AnswerShare[];
}

/** What GET …/campaigns/:id/results returns. */
export interface CampaignResults {
  campaignId: string;
  version: number;
  goal: { event: string; within: number } | null;
  /** The arm the others are compared with: `control` with a holdout, else the first variant; null with one arm. */
  control: string | null;
  arms: ArmResult[];
  survey: SurveyResult | null;
}

const count = (rows: CampaignEventCount[], event: string, variant: string, field: 'events' | 'visitors' = 'events') =>
  rows.find((r) => r.event === event && r.variant === variant)?.[field] ?? 0;

/**
 * Results of a campaign from its stored events: per arm the impressions, clicks, dismissals and conversions (a goal
 * event by the same visitor within the goal window after an impression of that arm), the conversion rate per visitor,
 * uplift against the control and the two-proportion test of src/shared/significance ("not enough data yet" below its
 * minimum sample); for a survey, NPS, CSAT and the answer distribution of src/shared/survey-results.
 */
export function campaignResults(campaign: Campaign, counts: CampaignEventCount[], goals: GoalMatch[], answers: SurveyAnswerRow[]): CampaignResults {
  const experiment = campaign.experiment;
  const seen = [...new Set(counts.map((r) => r.variant))];
  const planned = experiment ? [...(experiment.holdout > 0 ? [CONTROL] : []), ...experiment.variants.map((v) => v.id)] : [''];
  const variants = [...planned, ...seen.filter((v) => !planned.includes(v)).sort()];
  const control = variants.length < 2 ? null : variants.includes(CONTROL) ? CONTROL : (planned[0] ?? null);

  const goal = campaign.goal ? compileCampaign(campaign).g! : undefined;
  const converted = new Map<string, Set<string>>();
  if (goal) {
    for (const g of goals) {
      if (!eventMatches(goal.e, goal.f, goal.e, g.properties)) continue;
      if (!converted.has(g.variant)) converted.set(g.variant, new Set());
      converted.get(g.variant)!.add(g.who);
    }
  }
  const armCounts = (variant: string) => ({
    impressions: count(counts, 'Message Shown', variant, 'visitors'),
    conversions: converted.get(variant)?.size ?? 0,
  });

  const arms = variants.map((variant): ArmResult => {
    const a = armCounts(variant);
    const base = {
      variant,
      impressions: count(counts, 'Message Shown', variant),
      visitors: a.impressions,
      clicks: count(counts, 'Message Clicked', variant),
      dismissals: count(counts, 'Message Dismissed', variant),
      suppressed: count(counts, 'Message Suppressed', variant),
    };
    if (!goal) return { ...base, conversions: null, conversionRate: null, uplift: null, pValue: null, significant: null, verdict: 'no goal' };
    const conversionRate = a.impressions ? a.conversions / a.impressions : 0;
    if (control === null || variant === control) {
      return { ...base, conversions: a.conversions, conversionRate, uplift: null, pValue: null, significant: null, verdict: control === null ? 'no comparison' : 'control' };
    }
    const c = compareToControl(armCounts(control), a);
    return {
      ...base,
      conversions: a.conversions,
      conversionRate,
      uplift: c.uplift,
      pValue: c.pValue,
      significant: c.significant,
      verdict: !c.enough ? 'not enough data yet' : c.significant ? 'significant' : 'not significant',
    };
  });

  return {
    campaignId: campaign.id,
    version: campaign.version,
    goal: goal ? { event: goal.e, within: goal.w } : null,
    control,
    arms,
    survey: campaign.kind.type === 'survey' ? surveyResult(campaign, answers) : null,
  };
}

function surveyResult(campaign: Campaign, rows: SurveyAnswerRow[]): SurveyResult {
  const survey = campaign.kind.type === 'survey' ? campaign.kind.survey : '';
  const answers = rows.map((r) => r.answer);
  switch (survey) {
    case 'nps': {
      const result = nps(answers);
      return { survey, responses: result.responses, nps: result, distribution: distribution(answers, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) };
    }
    case 'csat': {
      const result = csat(answers);
      return { survey, responses: result.responses, csat: result.score, distribution: distribution(answers, [1, 2, 3, 4, 5]) };
    }
    case 'single-choice': {
      // The SDK sends the chosen answer's index, so answers given in any locale count together under the default
      // locale's wording; a text equal to one of those choices counts too.
      const choices = campaign.content[campaign.defaultLocale]?.choices ?? [];
      const picked = answers.map((a) => (typeof a === 'number' && Number.isInteger(a) ? choices[a] : a));
      const shares = distribution(picked, choices);
      return { survey, responses: shares.reduce((n, s) => n + s.count, 0), distribution: shares };
    }
    default: {
      const texts = answers.filter((a): a is string => typeof a === 'string' && a.trim() !== '');
      return { survey, responses: texts.length, distribution: distribution(texts).slice(0, 100) };
    }
  }
}
