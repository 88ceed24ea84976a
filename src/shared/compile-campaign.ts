import type {
  Audience, Campaign, CampaignButton, CampaignContent, Frequency, LocalizedContent, Schedule, SiteLimits, StringOperator,
  Trigger, TraitRule, UrlRule, Weekday,
} from './campaign-schema.js';
import { DEFAULT_FREQUENCY, DEFAULT_GOAL_WINDOW } from './campaign-schema.js';
import type {
  Check, CompiledButton, CompiledCampaign, CompiledCondition, CompiledContent, CompiledFrequency, CompiledSiteLimits,
  CompiledTrigger,
} from './compiled-campaign.js';
import { wallClock, wallToEpoch, zonedToEpoch } from './zoned-to-epoch.js';

const DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY = 864e5;
/** How far ahead the compiled schedule lists open intervals; the delivery is revalidated every minute. */
export const SCHEDULE_HORIZON_DAYS = 8;

/** A string as a regular expression that matches exactly it. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (values: unknown[]) => `^(?:${values.map((v) => escapeRegExp(String(v))).join('|')})$`;
const pattern = (match: StringOperator, v: string) =>
  match === 'regex' ? v : match === 'equals' ? `^${escapeRegExp(v)}$` : match === 'starts-with' ? `^${escapeRegExp(v)}` : escapeRegExp(v);

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const urlCheck = (rule: string, r: UrlRule): Check => [rule, r.on === 'url' ? 'url' : 'path', r.exclude ? 'n' : 'r', pattern(r.match, r.value)];

/** URL rules as checks: one check passing when any including rule matches, then one per excluding rule. */
export function urlChecks(rule: string, rules: UrlRule[] | undefined): Check[] {
  const inc = (rules ?? []).filter((r) => !r.exclude).map((r) => urlCheck(rule, r));
  const exc = (rules ?? []).filter((r) => r.exclude).map((r) => urlCheck(rule, r));
  return [...(inc.length > 1 ? [[rule, '', 'o', inc] as Check] : inc), ...exc];
}

/** A trait rule or property filter as a check on `prefix + key`, reported as `rule` when it fails. */
export function traitCheck(rule: string, prefix: string, r: TraitRule): Check {
  const key = prefix + r.key;
  const v = r.value;
  switch (r.op) {
    case 'eq':
      return [rule, key, 'r', anyOf([v])];
    case 'neq':
      return [rule, key, 'n', anyOf([v])];
    case 'in':
      return [rule, key, 'r', anyOf(v as unknown[])];
    case 'contains':
      return [rule, key, 'r', escapeRegExp(String(v))];
    case 'exists':
      return [rule, key, 'e', v !== false];
    default:
      return [rule, key, ({ gt: 'g', gte: 'G', lt: 'l', lte: 'L' } as const)[r.op], v];
  }
}

function button(b: CampaignButton): CompiledButton {
  switch (b.action) {
    case 'open-url':
      return b.newTab ? [b.label, 'url', b.url, 1] : [b.label, 'url', b.url];
    case 'track-event':
      return [b.label, 'event', b.event];
    case 'open-chat':
      return [b.label, 'chat'];
    default:
      return [b.label, 'dismiss'];
  }
}

function content(c: CampaignContent): CompiledContent {
  const out: CompiledContent = {};
  if (c.title) out.t = c.title;
  if (c.body) out.b = c.body;
  if (c.image) out.m = [c.image.url, c.image.alt];
  if (c.buttons?.length) out.n = c.buttons.map(button);
  if (c.choices?.length) out.o = c.choices;
  if (c.scale) out.q = [c.scale.low, c.scale.high];
  return out;
}

const localized = (c: LocalizedContent) => Object.fromEntries(Object.entries(c).map(([locale, v]) => [locale, content(v)]));

function audience(a: Audience | undefined): Check[] {
  if (!a) return [];
  const out = urlChecks('audience.url', a.urls);
  if (a.identified !== undefined) out.push(['audience.identified', 'userId', 'e', a.identified]);
  if (a.devices?.length) out.push(['audience.device', 'device', 'r', anyOf(a.devices)]);
  // The SDK lower-cases navigator.languages; `en` matches `en` and `en-GB`.
  if (a.languages?.length) out.push(['audience.language', 'langs', 'r', `^(?:${a.languages.map((l) => escapeRegExp(l.toLowerCase())).join('|')})(?:-|$)`]);
  for (const t of a.traits ?? []) out.push(traitCheck(`audience.trait.${t.key}`, 'traits.', t));
  if (a.score?.min !== undefined) out.push(['audience.score', 'score', 'G', a.score.min]);
  if (a.score?.max !== undefined) out.push(['audience.score', 'score', 'L', a.score.max]);
  if (a.tiers?.length) out.push(['audience.tier', 'tier', 'r', anyOf(a.tiers)]);
  return out;
}

function trigger(t: Trigger): CompiledTrigger {
  const c: CompiledCondition[] = [];
  if (t.pageView) c.push(t.pageView.urls?.length ? ['p', urlChecks('trigger.pageView', t.pageView.urls)] : ['p']);
  for (const e of t.events ?? []) c.push(e.where?.length ? ['e', e.name, e.where.map((w) => traitCheck('trigger.event', '', w))] : ['e', e.name]);
  if (t.timeOnPage) c.push(['t', t.timeOnPage.seconds]);
  if (t.scroll) c.push(['s', t.scroll.percent]);
  if (t.exitIntent) c.push(['x']);
  if (t.idle) c.push(['i', t.idle.seconds]);
  if (t.click) c.push(['c', t.click.selector]);
  if (t.sessionCount) {
    const { min = 1, max } = t.sessionCount;
    const n: Check[] = [['trigger.sessionCount', 'sessions', 'G', min]];
    if (max !== undefined) n.push(['trigger.sessionCount', 'sessions', 'L', max]);
    c.push(['a', n]);
  }
  const out: CompiledTrigger = { c };
  if (t.match === 'all' && c.length > 1) out.m = 1;
  if (t.delay) out.d = t.delay;
  if (t.cancelOn?.length) out.x = t.cancelOn;
  return out;
}

function frequency(f: Frequency | undefined): CompiledFrequency {
  const g: Frequency = f ?? DEFAULT_FREQUENCY;
  const out: CompiledFrequency = {};
  if (g.lifetime) out.l = g.lifetime;
  if (g.session) out.s = g.session;
  if (g.day) out.d = g.day;
  if (g.cooldown) out.c = g.cooldown;
  const x = (g.stopAfterDismiss !== false ? 1 : 0) | (g.stopAfterConversion !== false ? 2 : 0);
  if (x) out.x = x;
  return out;
}

/**
 * The open intervals [from, to) in epoch ms of a schedule between `from` and `from + SCHEDULE_HORIZON_DAYS`: start and
 * end cut the range, and with weekly windows only their hours in the schedule's time zone are open (daylight-saving
 * changes included: each window edge is resolved on its own date). Undefined for a schedule that never closes.
 */
export function scheduleIntervals(s: Schedule | undefined, from: number): [number, number][] | undefined {
  if (!s || !(s.start || s.end || s.windows?.length)) return;
  const lo = s.start ? zonedToEpoch(s.start, s.timezone) : -Infinity;
  const hi = s.end ? zonedToEpoch(s.end, s.timezone) : Infinity;
  const end = from + SCHEDULE_HORIZON_DAYS * DAY;
  let open: [number, number][] = [[from, end]];
  if (s.windows?.length) {
    open = [];
    // Local dates from the day before `from` (a window open across midnight) to the horizon.
    const first = wallClock(from, s.timezone);
    const base = Date.UTC(first.year, first.month - 1, first.day);
    for (let d = -1; d <= SCHEDULE_HORIZON_DAYS; d++) {
      const date = base + d * DAY;
      const weekday = new Date(date).getUTCDay();
      for (const w of s.windows) {
        if (!w.days.includes(DAYS[weekday]!)) continue;
        const f = minutes(w.from);
        const t = minutes(w.to);
        // A window "to" at or before "from" runs past midnight into the next day.
        const until = t > f ? t : t + 1440;
        open.push([wallToEpoch(date + f * 6e4, s.timezone), wallToEpoch(date + until * 6e4, s.timezone)]);
      }
    }
  }
  const cut = open
    .map(([a, b]): [number, number] => [Math.max(a, lo, from), Math.min(b, hi, end)])
    .filter(([a, b]) => a < b)
    .sort((x, y) => x[0] - y[0]);
  // Overlapping or touching windows merge.
  const merged: [number, number][] = [];
  for (const i of cut) {
    const last = merged[merged.length - 1];
    if (last && i[0] <= last[1]) last[1] = Math.max(last[1], i[1]);
    else merged.push(i);
  }
  return merged;
}

/**
 * The compact form the SDK evaluates (compiled-campaign.ts, docs/campaigns.md): short keys, defaults filled in, every
 * string comparison turned into one regular expression, the schedule into open intervals from `now` on, content for
 * every locale. Expects a campaign `validateCampaign` accepted; the collector compiles the live ones for each
 * `GET /v1/campaigns` (the intervals move with the clock) and serves them with an ETag.
 */
export function compileCampaign(c: Campaign, now = Date.now()): CompiledCampaign {
  const out: CompiledCampaign = {
    i: c.id,
    v: c.version,
    p: c.priority,
    k: c.kind.type === 'banner' ? `banner-${c.kind.position}` : c.kind.type === 'survey' ? `survey-${c.kind.survey}` : c.kind.type,
    l: c.defaultLocale,
    c: localized(c.content),
    t: trigger(c.trigger),
    f: frequency(c.frequency),
  };
  // From the start of the UTC day: the same intervals (and so the same ETag) for every request that day.
  const w = scheduleIntervals(c.schedule, Math.floor(now / DAY) * DAY);
  if (w) out.w = w;
  const a = audience(c.audience);
  if (a.length) out.a = a;
  if (c.audience?.sample !== undefined && c.audience.sample < 100) out.s = c.audience.sample;
  if (c.experiment) {
    out.x = {
      k: c.experiment.key ?? c.id,
      h: c.experiment.holdout,
      v: c.experiment.variants.map((v) => (v.content ? [v.id, v.weight, localized(v.content)] : [v.id, v.weight])),
    };
  }
  if (c.goal) {
    out.g = { e: c.goal.event, w: c.goal.within ?? DEFAULT_GOAL_WINDOW };
    if (c.goal.where?.length) out.g.f = c.goal.where.map((w) => traitCheck('goal', '', w));
  }
  return out;
}

/** Site-wide limits in compact form, delivered next to the campaigns. */
export function compileSiteLimits(l: SiteLimits): CompiledSiteLimits {
  return l.quietWhileChatOpen ? { g: l.minGap, n: l.maxPerSession, q: 1 } : { g: l.minGap, n: l.maxPerSession };
}
