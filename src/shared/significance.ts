// Experiment results for the console: conversion rate per arm, uplift against the control, and a two-sided pooled
// two-proportion z-test, with "not enough data yet" below a minimum sample (docs/campaigns.md states the rule).

/** Impressions and conversions of one arm (a variant, or the holdout control). */
export interface ArmCounts {
  impressions: number;
  conversions: number;
}

/** One arm compared with the control. `pValue` and `significant` are null while there is not enough data. */
export interface ArmComparison {
  rate: number;
  controlRate: number;
  /** Relative change of the rate against the control (0.25 = +25 %); null when the control converts nobody. */
  uplift: number | null;
  z: number | null;
  pValue: number | null;
  enough: boolean;
  significant: boolean | null;
}

/** Each arm needs at least this many impressions before a p-value is shown. */
export const MIN_IMPRESSIONS = 100;
/** Each arm needs at least this many expected conversions and non-conversions (at the pooled rate). */
export const MIN_EXPECTED = 5;
/** The p-value below which a difference is called significant. */
export const ALPHA = 0.05;

/** Conversions per impression, 0 with no impressions. */
export const conversionRate = (a: ArmCounts): number => (a.impressions > 0 ? a.conversions / a.impressions : 0);

/**
 * True when both arms are large enough for the normal approximation behind the z-test: each has at least
 * MIN_IMPRESSIONS impressions, and at the pooled rate p each expects at least MIN_EXPECTED conversions (n·p) and
 * MIN_EXPECTED non-conversions (n·(1−p)). This still allows a verdict when one arm converts nobody.
 */
export function hasEnoughData(a: ArmCounts, b: ArmCounts): boolean {
  if (a.impressions < MIN_IMPRESSIONS || b.impressions < MIN_IMPRESSIONS) return false;
  const p = (a.conversions + b.conversions) / (a.impressions + b.impressions);
  return [a.impressions, b.impressions].every((n) => n * p >= MIN_EXPECTED && n * (1 - p) >= MIN_EXPECTED);
}

// erfc(x) for x ≥ 0, fractional error below 1.2e-7 everywhere (Numerical Recipes, 2nd ed., §6.2 "erfcc").
function erfc(x: number): number {
  const t = 1 / (1 + x / 2);
  const poly =
    -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
    t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/** Two-sided p-value of a standard normal statistic z: P(|Z| ≥ |z|). */
export const twoSidedP = (z: number): number => Math.min(1, erfc(Math.abs(z) / Math.SQRT2));

/**
 * The pooled two-proportion z-test of `variant` against `control`: z = (p₂ − p₁) / √(p(1−p)(1/n₁ + 1/n₂)) with p the
 * pooled rate, and its two-sided p-value (the same as a 2×2 chi-square test without continuity correction).
 * z is 0 and p 1 when the pooled rate is 0 or 1 (nothing to tell apart).
 */
export function twoProportionZTest(control: ArmCounts, variant: ArmCounts): { z: number; pValue: number } {
  const n1 = control.impressions;
  const n2 = variant.impressions;
  const p = (control.conversions + variant.conversions) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, pValue: 1 };
  const z = (conversionRate(variant) - conversionRate(control)) / se;
  return { z, pValue: twoSidedP(z) };
}

/** A variant's rate, uplift and significance against the control, or "not enough data yet" (`enough: false`). */
export function compareToControl(control: ArmCounts, variant: ArmCounts): ArmComparison {
  const rate = conversionRate(variant);
  const controlRate = conversionRate(control);
  const uplift = controlRate > 0 ? rate / controlRate - 1 : null;
  if (!hasEnoughData(control, variant)) return { rate, controlRate, uplift, z: null, pValue: null, enough: false, significant: null };
  const { z, pValue } = twoProportionZTest(control, variant);
  return { rate, controlRate, uplift, z, pValue, enough: true, significant: pValue < ALPHA };
}
