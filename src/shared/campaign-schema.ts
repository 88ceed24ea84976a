// The campaign format of issue 5, as authored in the console and stored by the collector. One definition serves the
// collector (validation when saved), the console (editor, preview) and, compiled (compile-campaign.ts), the SDK.
// docs/campaigns.md describes every field with a complete example.

/** Lifecycle of a campaign; only `live` campaigns are delivered to the SDK. */
export type CampaignStatus = 'draft' | 'live' | 'paused' | 'archived';

/** The survey types a `survey` campaign can ask. */
export type SurveyType = 'nps' | 'csat' | 'single-choice' | 'free-text';

/** How the message is drawn. */
export type CampaignKind =
  | { type: 'modal' }
  | { type: 'banner'; position: 'top' | 'bottom' }
  | { type: 'slide-up' }
  | { type: 'card' }
  | { type: 'chat-prompt' }
  | { type: 'survey'; survey: SurveyType };

/** What a button does when pressed. */
export type ButtonAction =
  | { action: 'open-url'; url: string; newTab?: boolean }
  | { action: 'open-chat' }
  | { action: 'dismiss' }
  | { action: 'track-event'; event: string };

/** A button: its label and its action. */
export type CampaignButton = { label: string } & ButtonAction;

/**
 * The words of a message in one locale. `body` is plain text or the small safe markup of parse-markup.ts
 * (`**bold**`, `*italic*`, `[link](https://…)`, line breaks); raw HTML is refused.
 */
export interface CampaignContent {
  title?: string;
  body?: string;
  /** An https image shown above the text, with its alternative text (required with an image). */
  image?: { url: string; alt: string };
  buttons?: CampaignButton[];
  /** Answers of a single-choice survey, in order. */
  choices?: string[];
  /** End labels of an NPS or CSAT scale ("Not likely", "Very likely"). */
  scale?: { low: string; high: string };
}

/** Content per locale (BCP 47: `en`, `ja`, `pt-BR`). */
export type LocalizedContent = Record<string, CampaignContent>;

/** Days of the week, as the schedule writes them. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A weekly window in the schedule's time zone; `to` before `from` runs past midnight; `to` may be `24:00`. */
export interface ScheduleWindow {
  days: Weekday[];
  from: string;
  to: string;
}

/**
 * When the campaign may show. `start` and `end` are ISO 8601 date-times; without an offset they are wall-clock times in
 * `timezone`. With `windows`, the campaign shows only inside one of them.
 */
export interface Schedule {
  timezone: string;
  start?: string;
  end?: string;
  windows?: ScheduleWindow[];
}

/** Matchers for strings (URLs, event names' properties). */
export type StringOperator = 'equals' | 'contains' | 'starts-with' | 'regex';

/** A URL rule: compares the page path (`/pricing`) or, with `on: 'url'`, the whole URL; `exclude` negates it. */
export interface UrlRule {
  match: StringOperator;
  value: string;
  on?: 'path' | 'url';
  exclude?: boolean;
}

/** Operators of trait rules and event property filters. */
export type TraitOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'exists' | 'in';

/** A value a rule compares with. `in` takes a list; `exists` takes true (default) or false. */
export type RuleValue = string | number | boolean | (string | number)[];

/** A rule on a trait (`plan`, or a dotted path such as `company.size`) or on an event property. */
export interface TraitRule {
  key: string;
  op: TraitOperator;
  value?: RuleValue;
}

/** Device classes the SDK reports. */
export type Device = 'desktop' | 'mobile' | 'tablet';

/**
 * Who may see the campaign; every given part must hold. URL rules: at least one non-exclude rule matches (when there are
 * any) and no exclude rule matches. Traits: all rules hold. `sample`: the percentage of visitors, picked stably by id.
 */
export interface Audience {
  urls?: UrlRule[];
  traits?: TraitRule[];
  identified?: boolean;
  devices?: Device[];
  /** Language prefixes: `en` matches `en-GB`. */
  languages?: string[];
  score?: { min?: number; max?: number };
  tiers?: string[];
  sample?: number;
}

/** A custom event that triggers, with optional property filters (all must hold). */
export interface EventTrigger {
  name: string;
  where?: TraitRule[];
}

/**
 * When, during a page view, the campaign shows: any (default) or all of the given conditions, then `delay` seconds later
 * unless one of the `cancelOn` events happens first.
 */
export interface Trigger {
  match?: 'any' | 'all';
  /** A page view; with `urls`, only one matching them (as audience URL rules). */
  pageView?: { urls?: UrlRule[] };
  events?: EventTrigger[];
  timeOnPage?: { seconds: number };
  scroll?: { percent: number };
  /** The pointer leaves the top of the window (desktop only). */
  exitIntent?: boolean;
  idle?: { seconds: number };
  /** The visitor's session number (1 on the first visit) is within bounds. */
  sessionCount?: { min?: number; max?: number };
  /** A click on an element matching this CSS selector. */
  click?: { selector: string };
  delay?: number;
  cancelOn?: string[];
}

/** How often one visitor sees the campaign. Defaults: once per session, never again after a dismissal or conversion. */
export interface Frequency {
  lifetime?: number;
  session?: number;
  /** Impressions in any 24 hours. */
  day?: number;
  /** Seconds after an impression before it may show again. */
  cooldown?: number;
  stopAfterDismiss?: boolean;
  stopAfterConversion?: boolean;
}

/** One arm of an experiment; its `content`, when given, replaces the campaign's. */
export interface Variant {
  id: string;
  weight: number;
  content?: LocalizedContent;
}

/**
 * An A/B test. `holdout` percent of visitors are the control: they record an impression and see nothing; the rest are
 * split by weight. `key` (default: the campaign id) seeds the assignment; change it to reshuffle.
 */
export interface Experiment {
  key?: string;
  holdout: number;
  variants: Variant[];
}

/** A conversion: the event (with optional property filters) within `within` seconds (default 7 days) of an impression. */
export interface Goal {
  event: string;
  where?: TraitRule[];
  within?: number;
}

/** A campaign as stored and edited. */
export interface Campaign {
  id: string;
  version: number;
  status: CampaignStatus;
  priority: number;
  name?: string;
  kind: CampaignKind;
  /** The locale shown when none of the visitor's languages has content. Must be a key of `content`. */
  defaultLocale: string;
  content: LocalizedContent;
  schedule?: Schedule;
  audience?: Audience;
  trigger: Trigger;
  frequency?: Frequency;
  experiment?: Experiment;
  goal?: Goal;
}

/** Limits across all campaigns of a site. */
export interface SiteLimits {
  /** Seconds between any two messages. */
  minGap: number;
  /** Messages per session. */
  maxPerSession: number;
  /** Show nothing while the chat is open. */
  quietWhileChatOpen: boolean;
}

/** Site-wide limits when the owner has set none. */
export const DEFAULT_SITE_LIMITS: SiteLimits = { minGap: 30, maxPerSession: 3, quietWhileChatOpen: true };

/** Frequency when a campaign sets none (`lifetime` and `day` unlimited). */
export const DEFAULT_FREQUENCY: Required<Pick<Frequency, 'session' | 'cooldown' | 'stopAfterDismiss' | 'stopAfterConversion'>> = {
  session: 1,
  cooldown: 0,
  stopAfterDismiss: true,
  stopAfterConversion: true,
};

/** Seconds a goal waits for its conversion when `within` is left out (7 days). */
export const DEFAULT_GOAL_WINDOW = 7 * 86400;
