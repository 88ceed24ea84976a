import type {
  Audience, Campaign, CampaignButton, CampaignContent, Frequency, LocalizedContent, SiteLimits, Trigger, TraitOperator,
  TraitRule, UrlRule, Weekday,
} from './campaign-schema.js';
import { DEFAULT_FREQUENCY, DEFAULT_GOAL_WINDOW } from './campaign-schema.js';
import type {
  CompiledAudience, CompiledButton, CompiledCampaign, CompiledCondition, CompiledContent, CompiledFilter,
  CompiledFrequency, CompiledSiteLimits, CompiledTrigger, CompiledUrlRule, Op,
} from './compiled-campaign.js';
import { zonedToEpoch } from './zoned-to-epoch.js';

const STRING_OPS = { equals: 'eq', contains: 'has', 'starts-with': 'pre', regex: 're' } as const;
const TRAIT_OPS: Record<TraitOperator, Op> = { eq: 'eq', neq: 'ne', gt: 'gt', gte: 'ge', lt: 'lt', lte: 'le', contains: 'has', exists: 'ex', in: 'in' };
const DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const urlRule = (r: UrlRule): CompiledUrlRule => {
  const flags = (r.on === 'url' ? 1 : 0) | (r.exclude ? 2 : 0);
  return flags ? [STRING_OPS[r.match], r.value, flags] : [STRING_OPS[r.match], r.value];
};
const filter = (r: TraitRule): CompiledFilter => (r.value === undefined ? [r.key, TRAIT_OPS[r.op]] : [r.key, TRAIT_OPS[r.op], r.value]);

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

function audience(a: Audience): CompiledAudience | undefined {
  const out: CompiledAudience = {};
  if (a.urls?.length) out.u = a.urls.map(urlRule);
  if (a.traits?.length) out.t = a.traits.map(filter);
  if (a.identified !== undefined) out.i = a.identified ? 1 : 0;
  if (a.devices?.length) out.d = a.devices;
  if (a.languages?.length) out.l = a.languages.map((l) => l.toLowerCase());
  if (a.score && (a.score.min !== undefined || a.score.max !== undefined)) out.s = [a.score.min ?? 0, a.score.max ?? 100];
  if (a.tiers?.length) out.r = a.tiers;
  if (a.sample !== undefined && a.sample < 100) out.p = a.sample;
  return Object.keys(out).length ? out : undefined;
}

function trigger(t: Trigger): CompiledTrigger {
  const c: CompiledCondition[] = [];
  if (t.pageView) c.push(t.pageView.urls?.length ? ['p', t.pageView.urls.map(urlRule)] : ['p']);
  for (const e of t.events ?? []) c.push(e.where?.length ? ['e', e.name, e.where.map(filter)] : ['e', e.name]);
  if (t.timeOnPage) c.push(['t', t.timeOnPage.seconds]);
  if (t.scroll) c.push(['s', t.scroll.percent]);
  if (t.exitIntent) c.push(['x']);
  if (t.idle) c.push(['i', t.idle.seconds]);
  if (t.sessionCount) {
    const { min = 1, max } = t.sessionCount;
    c.push(max === undefined ? ['n', min] : ['n', min, max]);
  }
  if (t.click) c.push(['c', t.click.selector]);
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
 * The compact form the SDK evaluates (compiled-campaign.ts, docs/campaigns.md): short keys, defaults filled in, local
 * schedule times turned into epoch milliseconds, content for every locale. Expects a campaign `validateCampaign`
 * accepted; the collector compiles the live ones when they are saved and serves them from `GET /v1/campaigns`.
 */
export function compileCampaign(c: Campaign): CompiledCampaign {
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
  const s = c.schedule;
  if (s && (s.start || s.end || s.windows?.length)) {
    out.w = { z: s.timezone };
    if (s.start) out.w.s = zonedToEpoch(s.start, s.timezone);
    if (s.end) out.w.e = zonedToEpoch(s.end, s.timezone);
    if (s.windows?.length) {
      // A window running past midnight becomes two: to midnight on its days, and from midnight on the days after.
      out.w.h = s.windows.flatMap((w): [number, number, number][] => {
        const mask = w.days.reduce((m, d) => m | (1 << DAYS.indexOf(d)), 0);
        const from = minutes(w.from);
        const to = minutes(w.to);
        if (from < to) return [[mask, from, to]];
        const next = ((mask << 1) | (mask >> 6)) & 127;
        return to ? [[mask, from, 1440], [next, 0, to]] : [[mask, from, 1440]];
      });
    }
  }
  const a = c.audience && audience(c.audience);
  if (a) out.a = a;
  if (c.experiment) {
    out.x = {
      k: c.experiment.key ?? c.id,
      h: c.experiment.holdout,
      v: c.experiment.variants.map((v) => (v.content ? [v.id, v.weight, localized(v.content)] : [v.id, v.weight])),
    };
  }
  if (c.goal) {
    out.g = { e: c.goal.event, w: c.goal.within ?? DEFAULT_GOAL_WINDOW };
    if (c.goal.where?.length) out.g.f = c.goal.where.map(filter);
  }
  return out;
}

/** Site-wide limits in compact form, delivered next to the campaigns. */
export function compileSiteLimits(l: SiteLimits): CompiledSiteLimits {
  return l.quietWhileChatOpen ? { g: l.minGap, n: l.maxPerSession, q: 1 } : { g: l.minGap, n: l.maxPerSession };
}
