// The compact form of a campaign that `GET /v1/campaigns` delivers and the SDK evaluates (compile-campaign.ts makes it,
// rules.ts reads it). Short keys and tuples keep both the payload and the SDK's reading code small; only what a visitor's
// browser needs is here (no name, no status: only live campaigns are delivered). docs/campaigns.md describes it.

/**
 * Check operators, one character each so the SDK reads them cheaply: `r` the value (or a member of a list value)
 * matches the regular expression, `n` neither the value nor any member matches (a missing value passes), `g` `G` `l`
 * `L` greater, greater or equal, less, less or equal (numbers compare as numbers, two strings in code-point order,
 * so ISO dates order correctly; a missing value fails), `e` present (value true) or absent (false), `o` one of the
 * nested checks passes. The collector turns equals, contains, starts-with, one-of and the URL rules into anchored,
 * escaped regular expressions, so the SDK carries one matcher instead of nine.
 */
export type Op = 'r' | 'n' | 'g' | 'G' | 'l' | 'L' | 'e' | 'o';

/**
 * One check: [the rule it stands for (what `kizuna.campaigns.why()` reports when it fails: `audience.url`,
 * `audience.trait.plan`, …), key (a dotted path into the visitor's facts or the event's properties), op, value].
 */
export type Check = [rule: string, key: string, op: Op, value?: unknown];

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
 * A trigger condition, as a tuple led by its code: `p` page view [URL checks on `path`/`url`], `e` event [name,
 * property checks], `t` time on page [seconds], `s` scroll [percent], `x` exit intent, `i` idle [seconds], `c` click
 * [selector], `a` facts [checks] — the session count compiles to checks on `sessions`.
 */
export type CompiledCondition =
  | ['p', Check[]?]
  | ['e', string, Check[]?]
  | ['t', number]
  | ['s', number]
  | ['x']
  | ['i', number]
  | ['c', string]
  | ['a', Check[]];

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

/** Goal: e event, f property checks, w window in seconds. */
export interface CompiledGoal {
  e: string;
  f?: Check[];
  w: number;
}

/**
 * A live campaign as the SDK receives it: i id, v version, p priority, k kind (`modal`, `banner-top`, `banner-bottom`,
 * `slide-up`, `card`, `chat-prompt`, `survey-nps`, `survey-csat`, `survey-single-choice`, `survey-free-text`), l default
 * locale, c content per locale, w schedule: the open intervals [from, to) in epoch ms over the next eight days (absent:
 * always open; empty: closed), a audience checks, s sample percent, t trigger, f frequency, x experiment, g goal.
 */
export interface CompiledCampaign {
  i: string;
  v: number;
  p: number;
  k: string;
  l: string;
  c: Record<string, CompiledContent>;
  w?: [from: number, to: number][];
  a?: Check[];
  s?: number;
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
