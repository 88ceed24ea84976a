// Pure rule evaluation over the compiled campaign form (compiled-campaign.ts), run by the SDK core for every campaign
// and by the collector for results. Written for size: it ships in kizuna.js, whose 6 KiB budget it shares with the
// tracking core and the launcher; the collector does the rest when it compiles (regular expressions for every string
// comparison, open intervals for schedules). Every check returns the name of the first rule that failed
// ("audience.device"), or undefined when all pass, so `kizuna.campaigns.why(id)` can tell an owner what kept a message away.
import type { Check, CompiledCampaign, CompiledCondition, CompiledExperiment, CompiledFrequency, CompiledSiteLimits, CompiledTrigger } from './compiled-campaign.js';

/**
 * What the SDK knows about the visitor when it evaluates an audience: `id` the anonymousId, `userId` when identified,
 * `path` and `url` (`location.pathname`, `location.href`), `traits` given to identify(), `device`, `langs`
 * (`navigator.languages`, lower case), `sessions` started, engagement `score` and `tier`.
 */
export interface Visitor {
  id: string;
  userId?: string;
  path: string;
  url: string;
  traits: Record<string, unknown>;
  device: string;
  langs: readonly string[];
  sessions: number;
  score: number;
  tier: string;
}

/** One visitor's impressions of one campaign: `total` ever, in this `session`, their `times` (epoch ms, at least the last 24 h), and whether they dismissed or converted. */
export interface CapHistory {
  total: number;
  session: number;
  times: number[];
  dismissed?: boolean;
  converted?: boolean;
}

/** Site-wide state: when the `last` message of any campaign showed (epoch ms), how many were `shown` this session, whether the `chat` is open. */
export interface SiteState {
  last: number;
  shown: number;
  chat: boolean;
}

/** The id given to a visitor in an experiment's holdout: they record an impression and see nothing. */
export const CONTROL = 'control';

/**
 * A 32-bit hash of a string: FNV-1a, then one xor-shift-multiply round. Without that round, keys that differ only in a
 * late character (`exp-a`, `exp-b`) put the same visitors on the same side of a split (about 49 % overlap instead of 25 %).
 */
export function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
}

/** A stable number in [0, 100) for a string: the visitor's place in sample and experiment splits. */
export const percentile = (s: string): number => (hash(s) / 4294967296) * 100;

/**
 * True when `facts` pass one check (compiled-campaign.ts `Op`). A dotted key reads nested objects; values compare as
 * strings for the regular expressions, so `42` matches `^42$`. An invalid pattern throws: the SDK then skips the campaign.
 */
export const passes = (facts: unknown, [, k, op, v]: Check): boolean => {
  const a = k.split('.').reduce<any>((o, p) => o?.[p], facts);
  if (op == 'o') return (v as Check[]).some((c) => passes(facts, c));
  if (op == 'e') return (a != null) == v;
  // g G l L sort below n, o, r (and e was handled above).
  if (op < 'n') return a != null && (op == 'g' ? a > v! : op == 'G' ? a >= v! : op == 'l' ? a < v! : a <= v!);
  const m = a != null && [].concat(a).some((x) => RegExp(v as string).test(x));
  return op == 'r' ? m : !m;
};

/** The rule of the first check `facts` fail, or undefined when all pass (or there are none). */
export const failed = (checks: Check[] | undefined, facts: unknown): string | undefined => checks?.find((c) => !passes(facts, c))?.[0];

/** `schedule` when `now` is outside every open interval of a scheduled campaign, else undefined. */
export const scheduleCheck = (w: [number, number][] | undefined, now: number): string | undefined =>
  w && !w.some(([f, t]) => now >= f && now < t) ? 'schedule' : undefined;

/** The first audience rule the visitor fails (`audience.url`, `audience.trait.plan`, `audience.sample`, …), or undefined. */
export const audienceCheck = (c: CompiledCampaign, v: Visitor): string | undefined =>
  failed(c.a, v) || (c.s! <= percentile(v.id + ':' + c.i + ':sample') ? 'audience.sample' : undefined);

/** The first frequency cap reached (`frequency.dismissed`, `.converted`, `.lifetime`, `.session`, `.day`, `.cooldown`), or undefined. */
export function frequencyCheck(f: CompiledFrequency, h: CapHistory, now: number): string | undefined {
  if (f.x! & 1 && h.dismissed) return 'frequency.dismissed';
  if (f.x! & 2 && h.converted) return 'frequency.converted';
  if (h.total >= f.l!) return 'frequency.lifetime';
  if (h.session >= f.s!) return 'frequency.session';
  if (h.times.filter((t) => now - t < 864e5).length >= f.d!) return 'frequency.day';
  if (now - Math.max(0, ...h.times) < f.c! * 1e3) return 'frequency.cooldown';
}

/** The site-wide limit in the way (`site.chat`, `site.session`, `site.gap`), or undefined. */
export function siteCheck(l: CompiledSiteLimits, s: SiteState, now: number): string | undefined {
  if (l.q && s.chat) return 'site.chat';
  if (s.shown >= l.n) return 'site.session';
  if (now - s.last < l.g * 1e3) return 'site.gap';
}

/** Schedule, then audience, then frequency: the first rule that keeps this campaign from this visitor now, or undefined. */
export const campaignCheck = (c: CompiledCampaign, v: Visitor, h: CapHistory, now: number): string | undefined =>
  scheduleCheck(c.w, now) || audienceCheck(c, v) || frequencyCheck(c.f, h, now);

/**
 * The visitor's variant: `CONTROL` for the holdout share, else a variant id by weight. Hashes anonymousId with the
 * experiment key, so it is the same on every page and reload, and independent between experiments.
 */
export function assignVariant(x: CompiledExperiment, anonymousId: string): string {
  let u = percentile(anonymousId + ':' + x.k) - x.h;
  if (u < 0) return CONTROL;
  u *= x.v.reduce((s, v) => s + v[1], 0) / (100 - x.h);
  return (x.v.find((v) => (u -= v[1]) < 0) || x.v[x.v.length - 1]!)[0];
}

/** True when a tracked event meets an event condition (`['e', name, checks]`) or a goal's event and checks. */
export const eventMatches = (name: string, checks: Check[] | undefined, event: string, props: Record<string, unknown>): boolean =>
  name == event && !failed(checks, props);

/** True when the trigger fires, given which of its conditions (by index) have been met during this page view. */
export const triggerFires = (t: CompiledTrigger, met: (c: CompiledCondition, i: number) => unknown): boolean =>
  t.m ? t.c.every(met) : t.c.some(met);
