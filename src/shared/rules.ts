// Pure rule evaluation over the compiled campaign form (compiled-campaign.ts), run by the SDK core for every campaign
// and by the collector for previews. Written for size: the SDK's budget for rules and trigger wiring is 1 KiB gzip.
// Every check returns the name of the first rule that failed ("audience.device"), or undefined when all pass, so
// `kizuna.campaigns.why(id)` can tell an owner exactly what kept a message away.
import type {
  CompiledAudience, CompiledCampaign, CompiledCondition, CompiledExperiment, CompiledFilter, CompiledFrequency,
  CompiledSchedule, CompiledSiteLimits, CompiledTrigger, CompiledUrlRule, Op,
} from './compiled-campaign.js';

/**
 * What the SDK knows about the visitor when it evaluates an audience: `id` the anonymousId, `path` and `url`
 * (`location.pathname`, `location.href`), `traits`, `known` (identified), `device`, `langs` (`navigator.languages`),
 * engagement `score` and `tier`. Short names: they cost bytes in the SDK.
 */
export interface Visitor {
  id: string;
  path: string;
  url: string;
  traits: Record<string, unknown>;
  known: boolean;
  device: string;
  langs: readonly string[];
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
 * One comparison. Strings compare as strings (`42` equals `"42"`); `gt`…`le` compare numerically when `value` is a
 * number (a non-numeric trait never passes) and as strings otherwise (ISO dates order correctly); `has` is a substring
 * or list member; `ex` is "present" (or absent with value false); `ne` passes for a missing value; `re` caps the
 * pattern at 200 and the input at 2000 characters and fails on an invalid pattern.
 */
export function test(op: Op, actual: unknown, value?: unknown): boolean {
  if (op == 'ex') return (actual != null) == (value !== false);
  if (op == 'ne') return !test('eq', actual, value);
  if (actual == null) return false;
  const s = '' + actual;
  const v = '' + value;
  if (op == 'eq') return s == v;
  // Strings and lists both have includes(); list members compare as strings.
  if (op == 'has') return (Array.isArray(actual) ? actual.map(String) : s).includes(v);
  if (op == 'in') return (value as unknown[]).map(String).includes(s);
  if (op == 'pre') return s.startsWith(v);
  if (op == 're') {
    try {
      return v.length <= 200 && new RegExp(v).test(s.slice(0, 2000));
    } catch {
      return false;
    }
  }
  const d = typeof value == 'number' ? +s - value : s < v ? -1 : +(s > v);
  return op == 'gt' ? d > 0 : op == 'ge' ? d >= 0 : op == 'lt' ? d < 0 : d <= 0;
}

/** The key of the first filter `props` fails (a dotted key reads nested objects), or undefined when all pass. */
export function failedFilter(filters: CompiledFilter[] | undefined, props: Record<string, unknown>): string | undefined {
  return filters?.find(([k, op, v]) => !test(op, k.split('.').reduce<any>((o, p) => o?.[p], props), v))?.[0];
}

/** True when a page passes URL rules: one including rule matches (if there are any) and no excluding rule does. */
export function urlsMatch(rules: CompiledUrlRule[] | undefined, path: string, url: string): boolean {
  let inc = 0;
  let hit = 0;
  for (const [op, v, f = 0] of rules || []) {
    const m = test(op, f & 1 ? url : path, v);
    if (f & 2) {
      if (m) return false;
    } else inc++, (hit ||= +m);
  }
  return !inc || !!hit;
}

/**
 * The wall-clock time at `now` in time zone `z`, as milliseconds of a UTC date with the same fields: its getUTCDay() is
 * the weekday there and its minutes since midnight the time there. The `sv` locale writes `2024-03-10 02:30:00`, whose
 * numbers are read in order (an engine writing 24 for midnight still lands on the right moment). Throws on an unknown zone.
 */
export function zonedClock(now: number, z: string): number {
  const [y, mo, ...rest] = new Date(now).toLocaleString('sv', { timeZone: z }).match(/\d+/g)!.map(Number) as number[];
  return Date.UTC(y!, mo! - 1, ...(rest as [number]));
}

/** `schedule.start`, `schedule.end` or `schedule.window` (outside every weekly window, or an unknown time zone), or undefined. */
export function scheduleCheck(w: CompiledSchedule | undefined, now: number): string | undefined {
  if (!w) return;
  if (now < w.s!) return 'schedule.start';
  if (now >= w.e!) return 'schedule.end';
  if (!w.h) return;
  try {
    const t = zonedClock(now, w.z);
    const d = new Date(t).getUTCDay();
    const m = (t / 6e4) % 1440;
    // Windows running past midnight arrive split in two by the compiler.
    if (w.h.some(([k, f, t]) => (k >> d) & 1 && m >= f && m < t)) return;
  } catch {}
  return 'schedule.window';
}

/** The first audience rule the visitor fails (`audience.url`, `audience.trait.plan`, `audience.sample`, …), or undefined. */
export function audienceCheck(a: CompiledAudience | undefined, v: Visitor, campaignId: string): string | undefined {
  if (!a) return;
  if (!urlsMatch(a.u, v.path, v.url)) return 'audience.url';
  if (a.i != null && a.i != +v.known) return 'audience.identified';
  if (a.d && !a.d.includes(v.device)) return 'audience.device';
  if (a.l && !a.l.some((p) => v.langs.some((x) => (x.toLowerCase() + '-').startsWith(p + '-')))) return 'audience.language';
  const t = failedFilter(a.t, v.traits);
  if (t) return 'audience.trait.' + t;
  if (a.s && !(v.score >= a.s[0] && v.score <= a.s[1])) return 'audience.score';
  if (a.r && !a.r.includes(v.tier)) return 'audience.tier';
  if (a.p! <= percentile(v.id + ':' + campaignId + ':sample')) return 'audience.sample';
}

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
export function campaignCheck(c: CompiledCampaign, v: Visitor, h: CapHistory, now: number): string | undefined {
  return scheduleCheck(c.w, now) || audienceCheck(c.a, v, c.i) || frequencyCheck(c.f, h, now);
}

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

/** True when a tracked event meets an event condition (`['e', name, filters]`) or a goal's event and filters. */
export const eventMatches = (name: string, filters: CompiledFilter[] | undefined, event: string, props: Record<string, unknown>): boolean =>
  name == event && !failedFilter(filters, props);

/** True when the trigger fires, given which of its conditions (by index) have been met during this page view. */
export const triggerFires = (t: CompiledTrigger, met: (c: CompiledCondition, i: number) => unknown): boolean =>
  t.m ? t.c.every(met) : t.c.some(met);
