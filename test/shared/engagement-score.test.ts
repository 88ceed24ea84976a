import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORE_SETTINGS as S, foldSignal, pointsOf, scoreOf, signalOf, tierOf, validateScoreSettings, type ScoreState, type Signal,
} from '../../src/shared/engagement-score';

const DAY = 864e5;
const T0 = Date.parse('2025-01-01T00:00:00Z');
const fold = (signals: Signal[], settings = S): ScoreState | undefined => signals.reduce<ScoreState | undefined>((st, sg) => foldSignal(st, sg, settings), undefined);

/** A deterministic pseudo-random history: sessions with page views, links, a contact now and then, some orders. */
const history = (seed: number, days = 120): Signal[] => {
  let x = seed;
  const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const out: Signal[] = [];
  for (let d = 0; d < days; d++) {
    if (rnd() < 0.3) {
      const at = T0 + d * DAY + Math.floor(rnd() * DAY);
      out.push({ type: 'session', at });
      for (let p = 0; p < 1 + rnd() * 5; p++) out.push({ type: 'page', at: at + p * 60e3 });
      if (rnd() < 0.3) out.push({ type: 'link', at: at + 30e3 });
      if (rnd() < 0.1) out.push({ type: 'contact', at: at + 90e3 });
      if (rnd() < 0.05) out.push({ type: 'conversion', at: at + 120e3, value: Math.round(rnd() * 800) });
    }
  }
  return out;
};

describe('engagement score', () => {
  it('is 0 with no signals and follows the formula for one signal', () => {
    expect(scoreOf(undefined, T0, S)).toBe(0);
    const st = fold([{ type: 'contact', at: T0 }])!;
    expect(pointsOf(st, T0, S)).toBe(5);
    expect(scoreOf(st, T0, S)).toBe(Math.round((100 * 5) / (5 + 40)));
  });

  it('halves a contribution after one half-life, and quarters it after two', () => {
    const st = fold([{ type: 'conversion', at: T0, value: 100 }])!;
    const now = pointsOf(st, T0, S);
    expect(now).toBe(10 + 100 * 0.1);
    expect(pointsOf(st, T0 + 30 * DAY, S)).toBeCloseTo(now / 2, 12);
    expect(pointsOf(st, T0 + 60 * DAY, S)).toBeCloseTo(now / 4, 12);
    // A signal folded late (arriving after a newer one) is decayed the same way.
    const late = fold([{ type: 'page', at: T0 + 30 * DAY }, { type: 'conversion', at: T0, value: 100 }])!;
    expect(pointsOf(late, T0 + 30 * DAY, S)).toBeCloseTo(1 + now / 2, 12);
  });

  it('counts conversion value up to the cap', () => {
    const big = fold([{ type: 'conversion', at: T0, value: 1e9 }])!;
    const capped = fold([{ type: 'conversion', at: T0, value: S.valueCap }])!;
    expect(pointsOf(big, T0, S)).toBe(pointsOf(capped, T0, S));
    expect(pointsOf(fold([{ type: 'conversion', at: T0, value: -50 }])!, T0, S)).toBe(10);
    expect(pointsOf(fold([{ type: 'conversion', at: T0 }])!, T0, S)).toBe(10);
  });

  it('stays within 0–100 and only rises with more signals at the same moment', () => {
    let st: ScoreState | undefined;
    let last = 0;
    for (let i = 0; i < 2000; i++) {
      st = foldSignal(st, { type: i % 7 ? 'page' : 'conversion', at: T0, value: 1e6 }, S);
      const score = scoreOf(st, T0, S);
      expect(score).toBeGreaterThanOrEqual(last);
      expect(score).toBeLessThanOrEqual(100);
      last = score;
    }
    expect(last).toBe(100);
  });

  it('only falls as time passes without signals', () => {
    const st = fold(history(7))!;
    let last = 101;
    for (let d = 0; d < 400; d += 5) {
      const score = scoreOf(st, st.t + d * DAY, S);
      expect(score).toBeLessThanOrEqual(last);
      expect(score).toBeGreaterThanOrEqual(0);
      last = score;
    }
    expect(last).toBe(0);
  });

  it('gives the same score whatever order the signals are folded in (collector vs SDK)', () => {
    for (const seed of [1, 2, 3]) {
      const signals = history(seed);
      const inOrder = fold(signals)!;
      const reversed = fold([...signals].reverse())!;
      const shuffled = fold([...signals].sort((a, b) => ((a.at * 31 + b.at) % 7) - 3))!;
      const now = T0 + 130 * DAY;
      for (const other of [reversed, shuffled]) {
        expect(other.t).toBe(inOrder.t);
        expect(pointsOf(other, now, S)).toBeCloseTo(pointsOf(inOrder, now, S), 9);
        expect(scoreOf(other, now, S)).toBe(scoreOf(inOrder, now, S));
      }
    }
  });

  it('does not change the state it folds into', () => {
    const st = fold([{ type: 'page', at: T0 }])!;
    const copy = structuredClone(st);
    foldSignal(st, { type: 'session', at: T0 + DAY }, S);
    expect(st).toEqual(copy);
  });

  it('scores a weekly visitor who reads a few pages around 50 with the defaults', () => {
    const weekly: Signal[] = [];
    for (let w = 0; w < 52; w++) weekly.push({ type: 'session', at: T0 + w * 7 * DAY }, ...[1, 2, 3, 4].map((p) => ({ type: 'page' as const, at: T0 + w * 7 * DAY + p })));
    const score = scoreOf(fold(weekly), T0 + 51 * 7 * DAY, S);
    expect(score).toBeGreaterThan(45);
    expect(score).toBeLessThan(60);
  });
});

describe('tierOf', () => {
  it('reads tiers highest first, whatever their order', () => {
    expect([100, 80, 79, 50, 49, 20, 19, 0].map((s) => tierOf(s, S))).toEqual(['champion', 'champion', 'engaged', 'engaged', 'casual', 'casual', 'dormant', 'dormant']);
    const shuffled = { ...S, tiers: [S.tiers[2]!, S.tiers[0]!, S.tiers[3]!, S.tiers[1]!] };
    expect(tierOf(85, shuffled)).toBe('champion');
    expect(tierOf(10, { ...S, tiers: [{ name: 'fans', min: 50 }] })).toBe('');
  });
});

describe('signalOf', () => {
  it('maps page views, link clicks, chat and feedback, and the site’s conversion events with their value', () => {
    const ts = '2025-01-01T00:00:00.000Z';
    expect(signalOf({ type: 'page', timestamp: ts }, S)).toEqual({ type: 'page', at: T0 });
    expect(signalOf({ type: 'track', event: 'Link Clicked', timestamp: ts }, S)).toEqual({ type: 'link', at: T0 });
    expect(signalOf({ type: 'track', event: 'Chat Message Sent', timestamp: T0 }, S)).toEqual({ type: 'contact', at: T0 });
    expect(signalOf({ type: 'track', event: 'Feedback Submitted', timestamp: T0 }, S)?.type).toBe('contact');
    expect(signalOf({ type: 'track', event: 'Order Completed', properties: { revenue: '49.5' }, timestamp: T0 }, S)).toEqual({ type: 'conversion', at: T0, value: 49.5 });
    expect(signalOf({ type: 'track', event: 'Order Completed', timestamp: T0 }, S)).toEqual({ type: 'conversion', at: T0 });
    expect(signalOf({ type: 'track', event: 'Web Vital', timestamp: T0 }, S)).toBeUndefined();
    expect(signalOf({ type: 'identify', timestamp: T0 }, S)).toBeUndefined();
  });
});

describe('validateScoreSettings', () => {
  it('accepts the defaults', () => {
    expect(validateScoreSettings(S)).toEqual({ ok: true, settings: S });
  });

  it('names each problem', () => {
    const r = validateScoreSettings({
      ...S,
      weights: { ...S.weights, page: -1 },
      halfLifeDays: 0,
      tiers: [{ name: 'top', min: 80 }, { name: 'top', min: 40 }, { name: '<b>', min: 80 }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.message)).toEqual([
      'weights.page must be a number from 0 to 1000',
      'halfLifeDays must be a number from 1 to 3650',
      'tiers[1].name repeats “top”; tier names must be unique',
      'tiers[2].name must be 1 to 40 letters, digits, spaces, “-” or “_”',
      'tiers[2].min must differ from the other tiers’ minimums',
      'tiers needs a tier starting at 0, so every score has a tier',
    ]);
    const five = validateScoreSettings({ ...S, tiers: [0, 10, 20, 30, 40].map((min) => ({ name: `t${min}`, min })) });
    expect(five.ok || five.errors.map((e) => e.message)).toEqual(['tiers must list 1 to 4 tiers']);
    expect(validateScoreSettings(null)).toEqual({ ok: false, errors: [{ path: '', message: 'Engagement settings must be a JSON object' }] });
  });
});
