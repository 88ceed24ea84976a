import type { Campaign } from './campaign-schema.js';
import { isSafeHref, markupProblem } from './parse-markup.js';
import { isTimeZone, zonedToEpoch } from './zoned-to-epoch.js';

/** One problem with a campaign: where (`trigger.scroll.percent`) and what to do about it, in words for the site owner. */
export interface CampaignError {
  path: string;
  message: string;
}

/** The outcome of {@link validateCampaign}. */
export type CampaignValidation = { ok: true; campaign: Campaign } | { ok: false; errors: CampaignError[] };

type Obj = Record<string, unknown>;

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const STRING_OPS = ['equals', 'contains', 'starts-with', 'regex'];
const TRAIT_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'in'];
const KINDS = ['modal', 'banner', 'slide-up', 'card', 'chat-prompt', 'survey'];
const SURVEYS = ['nps', 'csat', 'single-choice', 'free-text'];
const ACTIONS = ['open-url', 'open-chat', 'dismiss', 'track-event'];
const DEVICES = ['desktop', 'mobile', 'tablet'];
// Quantified groups that themselves contain a quantifier ((a+)+, (\w*)*): the usual catastrophic-backtracking shape.
const NESTED_QUANTIFIER = /\([^)]*[+*}][^)]*\)[+*{]/;
const HTML = /<\/?[a-z!?][^>]*>?/i;

const list = (xs: string[]) => xs.map((x) => `“${x}”`).join(', ');
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a campaign as a site owner wrote it (API body or console JSON) and returns it typed, or every problem found,
 * each with its path and a message that says what to change ("trigger.scroll.percent must be a whole number from 1
 * to 100"). Unknown fields are refused so typos do not pass silently. Content is checked against the safe markup:
 * HTML, script and non-https links are refused.
 */
export function validateCampaign(input: unknown): CampaignValidation {
  const errors: CampaignError[] = [];
  const fail = (path: string, message: string) => void errors.push({ path, message: `${path} ${message}` });

  /** The object at `path`, with unknown keys reported; undefined (after an error unless optional) otherwise. */
  const obj = (v: unknown, path: string, keys: string[], optional = true): Obj | undefined => {
    if (v === undefined) {
      if (!optional) fail(path, 'is required');
      return;
    }
    if (!isObj(v)) return fail(path, 'must be an object');
    for (const k of Object.keys(v)) if (!keys.includes(k)) fail(path ? `${path}.${k}` : k, `is not a known field (expected one of ${list(keys)})`);
    return v;
  };
  const str = (v: unknown, path: string, max: number, optional = true, min = 1): v is string => {
    if (v === undefined) return optional ? false : (fail(path, 'is required'), false);
    if (typeof v !== 'string') return fail(path, 'must be text'), false;
    if (v.trim().length < min) return fail(path, 'must not be empty'), false;
    if (v.length > max) return fail(path, `must be at most ${max} characters (it has ${v.length})`), false;
    return true;
  };
  const plain = (v: unknown, path: string, max: number, optional = true) => {
    if (str(v, path, max, optional) && HTML.test(v)) fail(path, `contains HTML (${HTML.exec(v)![0].slice(0, 30)}); it is shown as plain text, so write it without tags`);
  };
  const int = (v: unknown, path: string, min: number, max: number, optional = true) => {
    if (v === undefined) return optional || fail(path, 'is required');
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(path, `must be a whole number from ${min} to ${max}`);
  };
  const num = (v: unknown, path: string, min: number, max: number, what = `a number from ${min} to ${max}`) => {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)) fail(path, `must be ${what}`);
  };
  const bool = (v: unknown, path: string) => {
    if (v !== undefined && typeof v !== 'boolean') fail(path, 'must be true or false');
  };
  const oneOf = (v: unknown, path: string, options: string[], optional = false) => {
    if (v === undefined) return optional || fail(path, `is required (one of ${list(options)})`);
    if (typeof v !== 'string' || !options.includes(v)) fail(path, `must be one of ${list(options)}`);
  };
  /** The array at `path` (up to `max` items) or undefined after an error. */
  const arr = (v: unknown, path: string, max: number, min = 0): unknown[] | undefined => {
    if (v === undefined) return min ? (fail(path, 'is required'), undefined) : undefined;
    if (!Array.isArray(v)) return fail(path, 'must be a list'), undefined;
    if (v.length < min) return fail(path, `must have at least ${min} item${min > 1 ? 's' : ''}`), undefined;
    if (v.length > max) return fail(path, `must have at most ${max} items`), undefined;
    return v;
  };
  const strings = (v: unknown, path: string, max: number, maxLen: number, pattern?: RegExp, what?: string) => {
    arr(v, path, max)?.forEach((x, i) => {
      if (str(x, `${path}[${i}]`, maxLen, false) && pattern && !pattern.test(x)) fail(`${path}[${i}]`, `must be ${what}`);
    });
  };

  const urlRules = (v: unknown, path: string) =>
    arr(v, path, 20)?.forEach((r, i) => {
      const p = `${path}[${i}]`;
      const o = obj(r, p, ['match', 'value', 'on', 'exclude'], false);
      if (!o) return;
      oneOf(o.match, `${p}.match`, STRING_OPS);
      if (str(o.value, `${p}.value`, 500, false) && o.match === 'regex') regex(o.value, `${p}.value`);
      oneOf(o.on, `${p}.on`, ['path', 'url'], true);
      bool(o.exclude, `${p}.exclude`);
    });
  const regex = (v: string, path: string) => {
    if (v.length > 200) return fail(path, 'must be a regular expression of at most 200 characters');
    try {
      new RegExp(v);
    } catch {
      return fail(path, 'is not a valid regular expression');
    }
    if (NESTED_QUANTIFIER.test(v)) fail(path, 'has a repeated group that itself repeats, such as (a+)+, which can freeze a visitor’s browser; simplify it');
  };
  const filters = (v: unknown, path: string) =>
    arr(v, path, 20)?.forEach((r, i) => {
      const p = `${path}[${i}]`;
      const o = obj(r, p, ['key', 'op', 'value'], false);
      if (!o) return;
      str(o.key, `${p}.key`, 100, false);
      oneOf(o.op, `${p}.op`, TRAIT_OPS);
      const x = o.value;
      const scalar = (y: unknown) => typeof y === 'string' || (typeof y === 'number' && Number.isFinite(y));
      if (o.op === 'exists') bool(x, `${p}.value`);
      else if (o.op === 'in') {
        if (!Array.isArray(x) || !x.length || x.length > 100 || !x.every(scalar)) fail(`${p}.value`, 'must be a list of 1 to 100 texts or numbers');
      } else if (['gt', 'gte', 'lt', 'lte'].includes(o.op as string)) {
        if (!scalar(x)) fail(`${p}.value`, `must be a number (or a text such as an ISO date) to compare with`);
      } else if (typeof o.op === 'string' && !scalar(x) && typeof x !== 'boolean') fail(`${p}.value`, 'must be a text, number or true/false');
      if (typeof x === 'string' && x.length > 500) fail(`${p}.value`, 'must be at most 500 characters');
    });

  const contentOf = (v: unknown, path: string, survey: string | undefined) => {
    if (!isObj(v)) return fail(path, 'must be an object of content per locale, such as { "en": { "title": … } }');
    const locales = Object.keys(v);
    if (!locales.length) fail(path, 'must have content in at least one locale');
    if (locales.length > 30) fail(path, 'must have at most 30 locales');
    for (const locale of locales) {
      const p = `${path}.${locale}`;
      if (!LOCALE.test(locale)) fail(p, 'is not a locale; use a language tag such as “en”, “ja” or “pt-BR”');
      const c = obj(v[locale], p, ['title', 'body', 'image', 'buttons', 'choices', 'scale'], false);
      if (!c) continue;
      plain(c.title, `${p}.title`, 200);
      if (str(c.body, `${p}.body`, 2000)) {
        const problem = markupProblem(c.body);
        if (problem) fail(`${p}.body`, problem);
      }
      if (c.title === undefined && c.body === undefined) fail(p, 'needs a title or a body');
      const image = obj(c.image, `${p}.image`, ['url', 'alt']);
      if (image) {
        if (str(image.url, `${p}.image.url`, 2000, false) && !/^https:\/\/[^\s/]+\/?\S*$/i.test(image.url)) fail(`${p}.image.url`, 'must be an https:// address');
        plain(image.alt, `${p}.image.alt`, 200, false);
      }
      arr(c.buttons, `${p}.buttons`, 3)?.forEach((b, i) => {
        const bp = `${p}.buttons[${i}]`;
        const o = obj(b, bp, ['label', 'action', 'url', 'newTab', 'event'], false);
        if (!o) return;
        plain(o.label, `${bp}.label`, 60, false);
        oneOf(o.action, `${bp}.action`, ACTIONS);
        if (o.action === 'open-url') {
          if (str(o.url, `${bp}.url`, 2000, false) && !isSafeHref(o.url)) fail(`${bp}.url`, 'must start with https://, mailto: or / (a page on your site)');
          bool(o.newTab, `${bp}.newTab`);
        } else if (o.url !== undefined || o.newTab !== undefined) fail(`${bp}.url`, 'is only for the “open-url” action');
        if (o.action === 'track-event') str(o.event, `${bp}.event`, 200, false);
        else if (o.event !== undefined) fail(`${bp}.event`, 'is only for the “track-event” action');
      });
      const choices = arr(c.choices, `${p}.choices`, 10);
      choices?.forEach((x, i) => plain(x, `${p}.choices[${i}]`, 100, false));
      if (survey === 'single-choice' && (!choices || choices.length < 2)) fail(`${p}.choices`, 'must list 2 to 10 answers for a single-choice survey');
      if (survey !== 'single-choice' && c.choices !== undefined) fail(`${p}.choices`, 'is only for single-choice surveys');
      const scale = obj(c.scale, `${p}.scale`, ['low', 'high']);
      if (scale) {
        plain(scale.low, `${p}.scale.low`, 60, false);
        plain(scale.high, `${p}.scale.high`, 60, false);
        if (survey !== 'nps' && survey !== 'csat') fail(`${p}.scale`, 'is only for NPS and CSAT surveys');
      }
    }
  };

  const c = obj(input, '', [
    'id', 'version', 'status', 'priority', 'name', 'kind', 'defaultLocale', 'content', 'schedule', 'audience', 'trigger',
    'frequency', 'experiment', 'goal',
  ], false);
  if (!c) return { ok: false, errors: errors.length ? errors : [{ path: '', message: 'The campaign must be a JSON object' }] };

  if (str(c.id, 'id', 64, false) && !ID.test(c.id)) fail('id', 'must be 1 to 64 letters, digits, “-” or “_”, starting with a letter or digit');
  int(c.version, 'version', 1, 1e9, false);
  oneOf(c.status, 'status', ['draft', 'live', 'paused', 'archived']);
  int(c.priority, 'priority', 0, 1000, false);
  plain(c.name, 'name', 200);

  let survey: string | undefined;
  const kind = obj(c.kind, 'kind', ['type', 'position', 'survey'], false);
  if (kind) {
    oneOf(kind.type, 'kind.type', KINDS);
    if (kind.type === 'banner') oneOf(kind.position, 'kind.position', ['top', 'bottom']);
    else if (kind.position !== undefined) fail('kind.position', 'is only for banners');
    if (kind.type === 'survey') oneOf(kind.survey, 'kind.survey', SURVEYS), (survey = kind.survey as string);
    else if (kind.survey !== undefined) fail('kind.survey', 'is only for surveys');
  }

  if (c.content === undefined) fail('content', 'is required');
  else contentOf(c.content, 'content', survey);
  if (str(c.defaultLocale, 'defaultLocale', 35, false) && isObj(c.content) && !(c.defaultLocale in c.content)) {
    fail('defaultLocale', `must be one of the locales in content (${list(Object.keys(c.content))})`);
  }

  const schedule = obj(c.schedule, 'schedule', ['timezone', 'start', 'end', 'windows']);
  if (schedule) {
    const zone = schedule.timezone;
    const zoneOk = str(zone, 'schedule.timezone', 64, false) && isTimeZone(zone);
    if (typeof zone === 'string' && zone.trim() && !zoneOk) fail('schedule.timezone', `“${zone}” is not a time zone; use a name such as “Asia/Tokyo” or “Europe/Paris”`);
    const at = (k: 'start' | 'end') => {
      const v = schedule[k];
      if (!str(v, `schedule.${k}`, 40)) return NaN;
      const t = zonedToEpoch(v, zoneOk ? (zone as string) : 'UTC');
      if (Number.isNaN(t)) fail(`schedule.${k}`, 'must be a date and time such as 2025-04-01T09:00 (in the schedule’s time zone) or 2025-04-01T09:00:00Z');
      return t;
    };
    const start = at('start');
    const end = at('end');
    if (start >= end) fail('schedule.end', 'must be after schedule.start');
    arr(schedule.windows, 'schedule.windows', 14)?.forEach((w, i) => {
      const p = `schedule.windows[${i}]`;
      const o = obj(w, p, ['days', 'from', 'to'], false);
      if (!o) return;
      const days = arr(o.days, `${p}.days`, 7, 1);
      days?.forEach((d, j) => oneOf(d, `${p}.days[${j}]`, WEEKDAYS));
      if (days && new Set(days).size !== days.length) fail(`${p}.days`, 'must not repeat a day');
      const fromOk = str(o.from, `${p}.from`, 5, false) && TIME.test(o.from);
      const toOk = str(o.to, `${p}.to`, 5, false) && END_TIME.test(o.to);
      if (typeof o.from === 'string' && !fromOk) fail(`${p}.from`, 'must be a time from 00:00 to 23:59');
      if (typeof o.to === 'string' && !toOk) fail(`${p}.to`, 'must be a time from 00:01 to 24:00');
      if (fromOk && toOk && o.from === o.to) fail(`${p}.to`, 'must differ from the start time (a window may run past midnight, such as 22:00–02:00)');
    });
  }

  const audience = obj(c.audience, 'audience', ['urls', 'traits', 'identified', 'devices', 'languages', 'score', 'tiers', 'sample']);
  if (audience) {
    urlRules(audience.urls, 'audience.urls');
    filters(audience.traits, 'audience.traits');
    bool(audience.identified, 'audience.identified');
    arr(audience.devices, 'audience.devices', 3)?.forEach((d, i) => oneOf(d, `audience.devices[${i}]`, DEVICES));
    strings(audience.languages, 'audience.languages', 20, 35, LOCALE, 'a language such as “en” or “pt-BR”');
    const score = obj(audience.score, 'audience.score', ['min', 'max']);
    if (score) {
      num(score.min, 'audience.score.min', 0, 100);
      num(score.max, 'audience.score.max', 0, 100);
      if ((score.min as number) > (score.max as number)) fail('audience.score.max', 'must not be below audience.score.min');
    }
    strings(audience.tiers, 'audience.tiers', 4, 40);
    num(audience.sample, 'audience.sample', 0.01, 100, 'a percentage above 0 and at most 100');
  }

  const trigger = obj(c.trigger, 'trigger', [
    'match', 'pageView', 'events', 'timeOnPage', 'scroll', 'exitIntent', 'idle', 'sessionCount', 'click', 'delay', 'cancelOn',
  ], false);
  if (trigger) {
    oneOf(trigger.match, 'trigger.match', ['any', 'all'], true);
    const pageView = obj(trigger.pageView, 'trigger.pageView', ['urls']);
    if (pageView) urlRules(pageView.urls, 'trigger.pageView.urls');
    arr(trigger.events, 'trigger.events', 10)?.forEach((e, i) => {
      const o = obj(e, `trigger.events[${i}]`, ['name', 'where'], false);
      if (o) str(o.name, `trigger.events[${i}].name`, 200, false), filters(o.where, `trigger.events[${i}].where`);
    });
    const seconds = (k: 'timeOnPage' | 'idle') => {
      const o = obj(trigger[k], `trigger.${k}`, ['seconds']);
      if (o) int(o.seconds, `trigger.${k}.seconds`, 1, 3600, false);
    };
    seconds('timeOnPage');
    seconds('idle');
    const scroll = obj(trigger.scroll, 'trigger.scroll', ['percent']);
    if (scroll) int(scroll.percent, 'trigger.scroll.percent', 1, 100, false);
    bool(trigger.exitIntent, 'trigger.exitIntent');
    const sessions = obj(trigger.sessionCount, 'trigger.sessionCount', ['min', 'max']);
    if (sessions) {
      int(sessions.min, 'trigger.sessionCount.min', 1, 1e6);
      int(sessions.max, 'trigger.sessionCount.max', 1, 1e6);
      if (sessions.min === undefined && sessions.max === undefined) fail('trigger.sessionCount', 'needs min, max or both');
      if ((sessions.min as number) > (sessions.max as number)) fail('trigger.sessionCount.max', 'must not be below trigger.sessionCount.min');
    }
    const click = obj(trigger.click, 'trigger.click', ['selector']);
    if (click && str(click.selector, 'trigger.click.selector', 200, false) && /[{}<>]/.test(click.selector)) {
      fail('trigger.click.selector', 'must be a CSS selector such as “#buy” or “.pricing a”');
    }
    int(trigger.delay, 'trigger.delay', 0, 3600);
    strings(trigger.cancelOn, 'trigger.cancelOn', 10, 200);
    const conditions = ['pageView', 'events', 'timeOnPage', 'scroll', 'exitIntent', 'idle', 'sessionCount', 'click'];
    const given = conditions.filter((k) => trigger[k] !== undefined && trigger[k] !== false && !(Array.isArray(trigger[k]) && !(trigger[k] as unknown[]).length));
    if (!given.length) fail('trigger', `needs at least one condition (${list(conditions)})`);
  }

  const frequency = obj(c.frequency, 'frequency', ['lifetime', 'session', 'day', 'cooldown', 'stopAfterDismiss', 'stopAfterConversion']);
  if (frequency) {
    for (const k of ['lifetime', 'session', 'day'] as const) int(frequency[k], `frequency.${k}`, 1, 1000);
    int(frequency.cooldown, 'frequency.cooldown', 0, 31_536_000);
    bool(frequency.stopAfterDismiss, 'frequency.stopAfterDismiss');
    bool(frequency.stopAfterConversion, 'frequency.stopAfterConversion');
  }

  const experiment = obj(c.experiment, 'experiment', ['key', 'holdout', 'variants']);
  if (experiment) {
    if (str(experiment.key, 'experiment.key', 64) && !ID.test(experiment.key)) fail('experiment.key', 'must be 1 to 64 letters, digits, “-” or “_”');
    if (experiment.holdout === undefined) fail('experiment.holdout', 'is required (the percentage of visitors who see nothing, as a control; 0 for none)');
    else num(experiment.holdout, 'experiment.holdout', 0, 90, 'a percentage from 0 to 90');
    const variants = arr(experiment.variants, 'experiment.variants', 10, 1);
    const ids = new Set<string>();
    variants?.forEach((v, i) => {
      const p = `experiment.variants[${i}]`;
      const o = obj(v, p, ['id', 'weight', 'content'], false);
      if (!o) return;
      if (str(o.id, `${p}.id`, 64, false)) {
        if (!ID.test(o.id)) fail(`${p}.id`, 'must be 1 to 64 letters, digits, “-” or “_”');
        if (o.id === 'control') fail(`${p}.id`, 'must not be “control”: that name is kept for the holdout');
        if (ids.has(o.id)) fail(`${p}.id`, `repeats “${o.id}”; variant ids must be unique`);
        ids.add(o.id);
      }
      if (o.weight === undefined) fail(`${p}.weight`, 'is required');
      else num(o.weight, `${p}.weight`, 0.001, 1000, 'a number above 0 and at most 1000');
      if (o.content !== undefined) {
        contentOf(o.content, `${p}.content`, survey);
        if (isObj(o.content) && typeof c.defaultLocale === 'string' && !(c.defaultLocale in o.content)) {
          fail(`${p}.content`, `must include the default locale “${c.defaultLocale}”`);
        }
      }
    });
    if (variants && variants.length < 2 && experiment.holdout === 0) fail('experiment', 'needs a holdout above 0 or at least two variants to compare');
  }

  const goal = obj(c.goal, 'goal', ['event', 'where', 'within']);
  if (goal) {
    str(goal.event, 'goal.event', 200, false);
    filters(goal.where, 'goal.where');
    int(goal.within, 'goal.within', 1, 90 * 86400);
  }

  return errors.length ? { ok: false, errors } : { ok: true, campaign: input as Campaign };
}
