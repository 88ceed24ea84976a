import { describe, expect, it } from 'vitest';
import { compareToControl, conversionRate, hasEnoughData, twoProportionZTest, twoSidedP } from '../../src/shared/significance';

const arm = (conversions: number, impressions: number) => ({ conversions, impressions });

describe('twoProportionZTest', () => {
  // Reference values: scipy — z by the pooled formula, p = 2·norm.sf(|z|), equal to chi2_contingency(correction=False)
  // on the 2×2 table (R: prop.test(c(x1, x2), c(n1, n2), correct = FALSE)).
  const cases: [number, number, number, number, number, number][] = [
    [200, 1000, 250, 1000, 2.677397763008329, 0.007419649261025687],
    [120, 2400, 150, 2400, 1.8793639429397577, 0.060194816159114164],
    [30, 500, 31, 500, 0.132130259022131, 0.8948812624921123],
    [5, 100, 20, 100, 3.2071349029490928, 0.0013406411172294783],
    [1000, 100000, 1100, 100000, 2.193726357798576, 0.028255087768754197],
  ];
  it.each(cases)('%i/%i vs %i/%i: z and two-sided p as published tools compute them', (x1, n1, x2, n2, z, p) => {
    const r = twoProportionZTest(arm(x1, n1), arm(x2, n2));
    expect(r.z).toBeCloseTo(z, 10);
    expect(r.pValue).toBeCloseTo(p, 6);
  });

  it('is symmetric in sign and gives p = 1 when the rates cannot differ', () => {
    const a = twoProportionZTest(arm(250, 1000), arm(200, 1000));
    expect(a.z).toBeCloseTo(-2.677397763008329, 10);
    expect(a.pValue).toBeCloseTo(0.00742, 5);
    expect(twoProportionZTest(arm(0, 500), arm(0, 500))).toEqual({ z: 0, pValue: 1 });
    expect(twoProportionZTest(arm(500, 500), arm(500, 500))).toEqual({ z: 0, pValue: 1 });
  });

  it('twoSidedP matches the normal distribution', () => {
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 6);
  });
});

describe('compareToControl', () => {
  it('gives rate, uplift, p-value and a verdict when each arm has enough data', () => {
    const r = compareToControl(arm(200, 1000), arm(250, 1000));
    expect(r.rate).toBe(0.25);
    expect(r.controlRate).toBe(0.2);
    expect(r.uplift).toBeCloseTo(0.25, 12);
    expect(r.enough).toBe(true);
    expect(r.pValue).toBeCloseTo(0.0074196, 6);
    expect(r.significant).toBe(true);
    expect(compareToControl(arm(120, 2400), arm(150, 2400)).significant).toBe(false);
  });

  it('says "not enough data yet" below 100 impressions per arm or 5 expected conversions', () => {
    const small = compareToControl(arm(20, 99), arm(40, 100));
    expect(small).toMatchObject({ enough: false, pValue: null, z: null, significant: null });
    expect(small.rate).toBe(0.4);
    expect(hasEnoughData(arm(2, 200), arm(3, 200))).toBe(false); // pooled 1.25 %: 2.5 expected per arm
    expect(hasEnoughData(arm(5, 200), arm(5, 200))).toBe(true); // 5 expected per arm
    expect(hasEnoughData(arm(195, 200), arm(196, 200))).toBe(false); // too few non-conversions
    // A variant that converts nobody still gets a verdict when the pooled expectation is met.
    const none = compareToControl(arm(40, 400), arm(0, 400));
    expect(none.enough).toBe(true);
    expect(none.uplift).toBe(-1);
    expect(none.significant).toBe(true);
  });

  it('has no uplift against a control that converts nobody, and a zero rate without impressions', () => {
    expect(compareToControl(arm(0, 1000), arm(10, 1000)).uplift).toBeNull();
    expect(conversionRate(arm(0, 0))).toBe(0);
  });
});
