// The compact form of a campaign that `GET /v1/campaigns` delivers and the SDK evaluates (compile-campaign.ts makes it,
// rules.ts reads it). Short keys and tuples keep both the payload and the SDK's reading code small; only what a visitor's
// browser needs is here (no name, no status: only live campaigns are delivered). docs/campaigns.md describes it.

/**
 * Comparison codes shared by URL rules, trait rules and event property filters: `eq` equals, `ne` not equal, `gt` `ge`
 * `lt` `le` order, `has` contains, `ex` exists, `in` one of, `pre` starts with, `re` regular expression.
 */
export type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'has' | 'ex' | 'in' | 'pre' | 're';

/** A URL rule: [op, value, flags]; flag 1 compares the whole URL instead of the path, flag 2 excludes. */
export type CompiledUrlRule = [op: Op, value: string, flags?: number];

/** A trait rule or property filter: [key (dotted path), op, value]. */
export type CompiledFilter = [key: string, op: Op, value?: string | number | boolean | (string | number)[]];

/** A button: [label, action, argument, new tab]; action `url` (argument: the URL), `chat`, `dismiss`, `event` (argument: the event name). */
export type CompiledButton = [label: string, action: 'url' | 'chat' | 'dismiss' | 'event', arg?: string, newTab?: 1];

/** Content in one locale: t title, b body (markup source), m [image url, alt], n buttons, o choices, q [low, high] scale labels. */
export interface CompiledContent {
  t?: string;
  b?: string;
  m?: [url: string, alt: string];
  n?: CompiledButton[];
  o?: string[];
  q?: [low: string, high: string];
}

/**
 * Schedule: z time zone, s start and e end (epoch ms), h windows [day mask (bit 0 Sunday … bit 6 Saturday), from minute,
 * to minute (exclusive, up to 1440)]; a window past midnight is compiled into two.
 */
export interface CompiledSchedule {
  z: string;
  s?: number;
  e?: number;
  h?: [days: number, from: number, to: number][];
}

/** Audience: u URL rules, t trait rules, i identified (1) or anonymous (0), d devices, l language prefixes (lower case), s [min, max] score, r tiers, p sample percent. */
export interface CompiledAudience {
  u?: CompiledUrlRule[];
  t?: CompiledFilter[];
  i?: 0 | 1;
  d?: string[];
  l?: string[];
  s?: [min: number, max: number];
  r?: string[];
  p?: number;
}

/**
 * A trigger condition, as a tuple led by its code: `p` page view [URL rules], `e` event [name, filters], `t` time on
 * page [seconds], `s` scroll [percent], `x` exit intent, `i` idle [seconds], `n` session count [min, max or none], `c` click [selector].
 */
export type CompiledCondition =
  | ['p', CompiledUrlRule[]?]
  | ['e', string, CompiledFilter[]?]
  | ['t', number]
  | ['s', number]
  | ['x']
  | ['i', number]
  | ['n', number, number?]
  | ['c', string];

/** Trigger: m 1 when all conditions must hold (else any), c conditions, d delay seconds, x cancel events. */
export interface CompiledTrigger {
  m?: 1;
  c: CompiledCondition[];
  d?: number;
  x?: string[];
}

/** Frequency: l lifetime, s session, d any-24-hours impressions; c cooldown seconds; x stop flags (1 after dismiss, 2 after conversion). */
export interface CompiledFrequency {
  l?: number;
  s?: number;
  d?: number;
  c?: number;
  x?: number;
}

/** Experiment: k assignment key, h holdout percent, v variants [id, weight, content per locale or 0 for the campaign's]. */
export interface CompiledExperiment {
  k: string;
  h: number;
  v: [id: string, weight: number, content?: Record<string, CompiledContent> | 0][];
}

/** Goal: e event, f property filters, w window in seconds. */
export interface CompiledGoal {
  e: string;
  f?: CompiledFilter[];
  w: number;
}

/**
 * A live campaign as the SDK receives it: i id, v version, p priority, k kind (`modal`, `banner-top`, `banner-bottom`,
 * `slide-up`, `card`, `chat-prompt`, `survey-nps`, `survey-csat`, `survey-single-choice`, `survey-free-text`), l default
 * locale, c content per locale, w schedule, a audience, t trigger, f frequency, x experiment, g goal.
 */
export interface CompiledCampaign {
  i: string;
  v: number;
  p: number;
  k: string;
  l: string;
  c: Record<string, CompiledContent>;
  w?: CompiledSchedule;
  a?: CompiledAudience;
  t: CompiledTrigger;
  f: CompiledFrequency;
  x?: CompiledExperiment;
  g?: CompiledGoal;
}

/** Site-wide limits: g minimum gap in seconds, n messages per session, q 1 to stay quiet while the chat is open. */
export interface CompiledSiteLimits {
  g: number;
  n: number;
  q?: 1;
}
