// The engagement score of issue 5: one formula for the collector (people list, tier counts, export) and the SDK (live
// targeting such as `score >= 60`), so the two never disagree. A person's state is a handful of decayed counts that
// can be folded event by event: the collector folds stored events, the SDK folds live ones into local storage.
//
//   points(t) = Σ over signals of weight × 2^(−age / half-life)      (a conversion adds its weight plus value × value weight)
//   score     = round(100 × points / (points + halfScoreAt))         (0–100; `halfScoreAt` points score 50)

/** The kinds of signal that raise the score. */
export type SignalType = 'session' | 'page' | 'link' | 'contact' | 'conversion';

/** One thing a person did: at `at` (epoch ms); a conversion may carry a `value` (e.g. an order's revenue). */
export interface Signal {
  type: SignalType;
  at: number;
  value?: number;
}

/** The decayed counts of one person: `t` the instant they are decayed to (epoch ms), `n` sessions, page views, link
 * interactions, contacts, conversions and capped conversion value, in that order. Short keys: the SDK stores it. */
export interface ScoreState {
  t: number;
  n: [number, number, number, number, number, number];
}

/** A named tier: scores at or above `min` (and below the next tier up). */
export interface ScoreTier {
  name: string;
  min: number;
}

/** A site's engagement settings, set in the console. */
export interface ScoreSettings {
  /** Points per session, page view, link interaction, chat or feedback contact, conversion, and per unit of conversion value. */
  weights: Record<SignalType | 'value', number>;
  /** Value counted per conversion at most, so one large order cannot make a champion. */
  valueCap: number;
  /** Days after which a signal counts half. */
  halfLifeDays: number;
  /** Points at which the score is 50. */
  halfScoreAt: number;
  /** Up to four tiers, highest `min` first; the last should start at 0 so every score has a tier. */
  tiers: ScoreTier[];
  /** Track events that count as conversions, and the property holding their value. */
  conversionEvents: string[];
  valueProperty: string;
}

/** Settings for a site that has set none: a 30-day half-life; a weekly visitor reading a few pages scores around 50. */
export const DEFAULT_SCORE_SETTINGS: ScoreSettings = {
  weights: { session: 3, page: 1, link: 1, contact: 5, conversion: 10, value: 0.1 },
  valueCap: 500,
  halfLifeDays: 30,
  halfScoreAt: 40,
  tiers: [
    { name: 'champion', min: 80 },
    { name: 'engaged', min: 50 },
    { name: 'casual', min: 20 },
    { name: 'dormant', min: 0 },
  ],
  conversionEvents: ['Order Completed'],
  valueProperty: 'revenue',
};

const TYPES: SignalType[] = ['session', 'page', 'link', 'contact', 'conversion'];

/** The state of someone with no signals yet. */
export const emptyScoreState = (): ScoreState => ({ t: 0, n: [0, 0, 0, 0, 0, 0] });

const factor = (ms: number, s: ScoreSettings) => Math.pow(2, -ms / (s.halfLifeDays * 864e5));

/**
 * The state after one more signal (a new object; the input is not changed). Signals may arrive in any order: a later
 * one decays the sums to its time, an earlier one is added already decayed. Folded in time order, the collector and the
 * SDK compute bit-for-bit the same numbers; in another order they agree to within rounding (about 1e-12).
 */
export function foldSignal(state: ScoreState | undefined, signal: Signal, settings: ScoreSettings): ScoreState {
  const i = TYPES.indexOf(signal.type);
  const base = state ?? emptyScoreState();
  if (i < 0 || !Number.isFinite(signal.at)) return base;
  let t = base.t;
  let n = base.n.slice() as ScoreState['n'];
  let add = 1;
  if (!state || signal.at >= t) {
    const f = state ? factor(signal.at - t, settings) : 1;
    n = n.map((x) => x * f) as ScoreState['n'];
    t = signal.at;
  } else add = factor(t - signal.at, settings);
  n[i] += add;
  if (signal.type === 'conversion') n[5] += add * Math.min(Math.max(Number(signal.value) || 0, 0), settings.valueCap);
  return { t, n };
}

/** The decayed points of a state at `now` (before the 0–100 mapping): the weighted sum of its counts. */
export function pointsOf(state: ScoreState, now: number, settings: ScoreSettings): number {
  const w = settings.weights;
  const [s, p, l, c, v, value] = state.n;
  const raw = s * w.session + p * w.page + l * w.link + c * w.contact + v * w.conversion + value * w.value;
  return raw * (now > state.t ? factor(now - state.t, settings) : 1);
}

/** The 0–100 score of a state at `now`: round(100 × points / (points + halfScoreAt)). */
export function scoreOf(state: ScoreState | undefined, now: number, settings: ScoreSettings): number {
  if (!state) return 0;
  const p = Math.max(0, pointsOf(state, now, settings));
  return Math.round((100 * p) / (p + settings.halfScoreAt));
}

/** The name of the tier a score falls in (tiers are read highest first), or '' when no tier's minimum is reached. */
export function tierOf(score: number, settings: ScoreSettings): string {
  return [...settings.tiers].sort((a, b) => b.min - a.min).find((t) => score >= t.min)?.name ?? '';
}

/** The signal a tracked message gives, if any: page views, link clicks, chat and feedback, the site's conversion events. */
export function signalOf(
  message: { type: string; event?: string; properties?: Record<string, unknown>; timestamp: string | number },
  settings: ScoreSettings,
): Signal | undefined {
  const at = typeof message.timestamp === 'number' ? message.timestamp : Date.parse(message.timestamp);
  if (message.type === 'page') return { type: 'page', at };
  if (message.type !== 'track' || !message.event) return;
  if (settings.conversionEvents.includes(message.event)) {
    const value = Number(message.properties?.[settings.valueProperty]);
    return Number.isFinite(value) ? { type: 'conversion', at, value } : { type: 'conversion', at };
  }
  if (message.event === 'Link Clicked') return { type: 'link', at };
  if (/^(Chat Message Sent|Feedback Submitted)$/.test(message.event)) return { type: 'contact', at };
}

/** Engagement settings checked like a campaign: typed, or every problem with its path and what to change. */
export function validateScoreSettings(
  input: unknown,
): { ok: true; settings: ScoreSettings } | { ok: false; errors: { path: string; message: string }[] } {
  const errors: { path: string; message: string }[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message: `${path} ${message}` });
  const o = input as Partial<ScoreSettings> | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return { ok: false, errors: [{ path: '', message: 'Engagement settings must be a JSON object' }] };
  const num = (v: unknown, path: string, min: number, max: number) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) fail(path, `must be a number from ${min} to ${max}`);
  };
  const w = o.weights as Record<string, unknown> | undefined;
  if (typeof w !== 'object' || w === null) fail('weights', 'is required (points per session, page, link, contact, conversion and value)');
  else for (const k of [...TYPES, 'value']) num(w[k], `weights.${k}`, 0, 1000);
  num(o.valueCap, 'valueCap', 0, 1e9);
  num(o.halfLifeDays, 'halfLifeDays', 1, 3650);
  num(o.halfScoreAt, 'halfScoreAt', 0.01, 1e6);
  if (!Array.isArray(o.tiers) || o.tiers.length < 1 || o.tiers.length > 4) fail('tiers', 'must list 1 to 4 tiers');
  else {
    const names = new Set<string>();
    const mins = new Set<number>();
    o.tiers.forEach((t, i) => {
      const p = `tiers[${i}]`;
      if (typeof t?.name !== 'string' || !/^[\p{L}\p{N}][\p{L}\p{N} _-]{0,39}$/u.test(t.name)) fail(`${p}.name`, 'must be 1 to 40 letters, digits, spaces, “-” or “_”');
      else if (names.has(t.name)) fail(`${p}.name`, `repeats “${t.name}”; tier names must be unique`);
      else names.add(t.name);
      num(t?.min, `${p}.min`, 0, 100);
      if (mins.has(t?.min)) fail(`${p}.min`, 'must differ from the other tiers’ minimums');
      mins.add(t?.min);
    });
    if (!mins.has(0)) fail('tiers', 'needs a tier starting at 0, so every score has a tier');
  }
  if (!Array.isArray(o.conversionEvents) || o.conversionEvents.length > 20 || !o.conversionEvents.every((e) => typeof e === 'string' && e.trim() && e.length <= 200)) {
    fail('conversionEvents', 'must be a list of up to 20 event names');
  }
  if (typeof o.valueProperty !== 'string' || !o.valueProperty.trim() || o.valueProperty.length > 100) fail('valueProperty', 'must be a property name such as “revenue”');
  return errors.length ? { ok: false, errors } : { ok: true, settings: o as ScoreSettings };
}
