import { describe, expect, it } from 'vitest';
import {
  CONTROL, assignVariant, audienceCheck, campaignCheck, eventMatches, failed, frequencyCheck, hash, passes, scheduleCheck,
  siteCheck, triggerFires, type CapHistory, type Visitor,
} from '../../src/shared/rules';
import { compileCampaign, traitCheck, urlChecks } from '../../src/shared/compile-campaign';
import type { TraitOperator, UrlRule } from '../../src/shared/campaign-schema';
import type { CompiledCampaign, CompiledExperiment } from '../../src/shared/compiled-campaign';
import { exampleCampaign } from './example-campaign';

const visitor = (over: Partial<Visitor> = {}): Visitor => ({
  id: 'anon-1', userId: 'u-1', path: '/app/projects', url: 'https://example.com/app/projects?tab=all', traits: { plan: 'free', company: { size: 12 } },
  device: 'desktop', langs: ['en-gb', 'en'], sessions: 3, score: 55, tier: 'engaged', ...over,
});
const history = (over: Partial<CapHistory> = {}): CapHistory => ({ total: 0, session: 0, times: [], ...over });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `${i.toString(36)}-${(i * 7919).toString(16)}-visitor`);
// The rules as an owner writes them, compiled as the collector does, evaluated as the SDK does.
const compare = (op: TraitOperator, actual: unknown, value?: unknown) =>
  passes({ v: actual }, traitCheck('t', '', { key: 'v', op, value: value as never }));
const urls = (rules: UrlRule[], path: string, url = 'https://example.com' + path) => !failed(urlChecks('audience.url', rules), { path, url });
const campaign = (over: Partial<CompiledCampaign>): CompiledCampaign => ({ i: 'x', v: 1, p: 0, k: 'modal', l: 'en', c: {}, t: { c: [] }, f: {}, ...over });

describe('string matchers (URL rules)', () => {
  it('equals, contains, starts-with, regex; special characters are literal except in a regex', () => {
    expect(urls([{ match: 'equals', value: '/pricing' }], '/pricing')).toBe(true);
    expect(urls([{ match: 'equals', value: '/pricing' }], '/pricing/')).toBe(false);
    expect(urls([{ match: 'contains', value: '/api/' }], '/docs/api/v2')).toBe(true);
    expect(urls([{ match: 'contains', value: '/api' }], '/docs')).toBe(false);
    expect(urls([{ match: 'starts-with', value: '/app' }], '/app/settings')).toBe(true);
    expect(urls([{ match: 'starts-with', value: '/app/' }], '/apple')).toBe(false);
    expect(urls([{ match: 'regex', value: '^/blog/\\d{4}/' }], '/blog/2025/04/spring')).toBe(true);
    expect(urls([{ match: 'regex', value: '^/blog/\\d{4}/' }], '/blog/latest')).toBe(false);
    expect(urls([{ match: 'equals', value: '/a.b(c)?*' }], '/a.b(c)?*')).toBe(true);
    expect(urls([{ match: 'equals', value: '/a.b' }], '/axb')).toBe(false);
    expect(urls([{ match: 'contains', value: '[x]' }], '/p/[x]/q')).toBe(true);
  });

  it('an invalid pattern throws (the SDK then skips that campaign; the collector refuses such a campaign when it is saved)', () => {
    expect(() => passes({ path: '/x' }, ['audience.url', 'path', 'r', '('])).toThrow();
  });
});

describe('trait operators', () => {
  it('eq and neq compare as text; neq passes when the trait is missing', () => {
    expect(compare('eq', 42, '42')).toBe(true);
    expect(compare('eq', true, true)).toBe(true);
    expect(compare('eq', 'pro', 'free')).toBe(false);
    expect(compare('eq', 'free!', 'free')).toBe(false);
    expect(compare('eq', undefined, 'undefined')).toBe(false);
    expect(compare('neq', 'pro', 'free')).toBe(true);
    expect(compare('neq', 'free', 'free')).toBe(false);
    expect(compare('neq', undefined, 'free')).toBe(true);
  });

  it('gt, gte, lt, lte compare numbers as numbers and text as text (ISO dates order)', () => {
    expect(compare('gt', 10, 9)).toBe(true);
    expect(compare('gt', '10', 9)).toBe(true); // "10" > "9" would be false as text
    expect(compare('gt', 9, 9)).toBe(false);
    expect(compare('gte', 9, 9)).toBe(true);
    expect(compare('lt', 8.5, 9)).toBe(true);
    expect(compare('lt', 9, 9)).toBe(false);
    expect(compare('lte', 9, 9)).toBe(true);
    expect(compare('lte', 10, 9)).toBe(false);
    expect(compare('gt', 'lots', 9)).toBe(false);
    expect(compare('lt', 'lots', 9)).toBe(false);
    expect(compare('gt', undefined, 0)).toBe(false);
    expect(compare('lt', null, 5)).toBe(false);
    expect(compare('lt', '2024-12-31', '2025-01-01')).toBe(true);
    expect(compare('gte', '2025-01-02T10:00:00Z', '2025-01-01')).toBe(true);
  });

  it('contains (text or a list member), exists, in', () => {
    expect(compare('contains', 'ops@example.com', '@example.com')).toBe(true);
    expect(compare('contains', 'ops@exampleXcom', '@example.com')).toBe(false);
    expect(compare('contains', ['beta', 'vip'], 'vip')).toBe(true);
    expect(compare('contains', [1, 2], 2)).toBe(true);
    expect(compare('contains', ['beta'], 'vi')).toBe(false);
    expect(compare('exists', 'x')).toBe(true);
    expect(compare('exists', 0)).toBe(true);
    expect(compare('exists', undefined)).toBe(false);
    expect(compare('exists', null)).toBe(false);
    expect(compare('exists', undefined, false)).toBe(true);
    expect(compare('exists', 'x', false)).toBe(false);
    expect(compare('in', 'pro', ['pro', 'team'])).toBe(true);
    expect(compare('in', 3, ['1', '3'])).toBe(true);
    expect(compare('in', 'free', ['pro', 'team'])).toBe(false);
    expect(compare('in', 'pro-x', ['pro', 'team'])).toBe(false);
  });

  it('failed names the rule of the first failing check and reads dotted paths', () => {
    const traits = { plan: 'free', company: { size: 12 } };
    const plan = traitCheck('audience.trait.plan', '', { key: 'plan', op: 'eq', value: 'free' });
    expect(failed([plan, traitCheck('audience.trait.company.size', '', { key: 'company.size', op: 'gte', value: 10 })], traits)).toBeUndefined();
    expect(failed([plan, traitCheck('audience.trait.company.size', '', { key: 'company.size', op: 'gte', value: 50 })], traits)).toBe('audience.trait.company.size');
    expect(failed([traitCheck('audience.trait.company.name.first', '', { key: 'company.name.first', op: 'exists' })], traits)).toBe('audience.trait.company.name.first');
    expect(failed(undefined, traits)).toBeUndefined();
  });
});

describe('URL rules', () => {
  it('need one including rule to match and no excluding rule; the path by default, the whole URL when asked', () => {
    const rules: UrlRule[] = [{ match: 'starts-with', value: '/app' }, { match: 'contains', value: '/billing', exclude: true }];
    expect(urls(rules, '/app/projects')).toBe(true);
    expect(urls(rules, '/app/settings/billing')).toBe(false);
    expect(urls(rules, '/pricing')).toBe(false);
    expect(urls([{ match: 'starts-with', value: '/a' }, { match: 'starts-with', value: '/b' }], '/b/x')).toBe(true);
    expect(urls([{ match: 'contains', value: 'utm_source=mail', on: 'url' }], '/x', 'https://e.com/x?utm_source=mail')).toBe(true);
    expect(urls([{ match: 'contains', value: 'utm_source=mail' }], '/x', 'https://e.com/x?utm_source=mail')).toBe(false);
    expect(urls([{ match: 'equals', value: '/404', exclude: true }], '/anything')).toBe(true);
    expect(urls([], '/anything')).toBe(true);
  });
});

describe('schedule: compiled to open intervals, checked by the SDK', () => {
  const at = (iso: string) => Date.parse(iso);
  const open = (schedule: NonNullable<ReturnType<typeof exampleCampaign>['schedule']>, now: number) =>
    scheduleCheck(compileCampaign({ ...exampleCampaign(), schedule }, now).w, now);

  it('keeps a campaign off before its start and from its end', () => {
    const s = { timezone: 'UTC', start: '2025-03-01T00:00:00Z', end: '2025-04-01T00:00:00Z' };
    expect(open(s, at('2025-02-28T23:59:59Z'))).toBe('schedule');
    expect(open(s, at('2025-03-01T00:00:00Z'))).toBeUndefined();
    expect(open(s, at('2025-03-31T23:59:59Z'))).toBeUndefined();
    expect(open(s, at('2025-04-01T00:00:00Z'))).toBe('schedule');
    expect(scheduleCheck(undefined, 0)).toBeUndefined();
    // A start without an offset is the site's wall clock.
    expect(open({ timezone: 'Asia/Tokyo', start: '2025-03-01T09:00' }, at('2025-03-01T00:30:00Z'))).toBeUndefined();
    expect(open({ timezone: 'Asia/Tokyo', start: '2025-03-01T09:00' }, at('2025-02-28T23:30:00Z'))).toBe('schedule');
  });

  it('reads weekday and hour windows in the site zone, the same wall-clock hours on both sides of DST', () => {
    // Mon–Fri 09:00–17:00 in New York; DST began Sunday 2024-03-10. Compiled on Friday the 8th: the intervals reach past the change.
    const ny = compileCampaign({ ...exampleCampaign(), schedule: { timezone: 'America/New_York', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] } }, at('2024-03-08T12:00:00Z')).w;
    expect(scheduleCheck(ny, at('2024-03-08T14:30:00Z'))).toBeUndefined(); // Fri 09:30 EST
    expect(scheduleCheck(ny, at('2024-03-08T13:30:00Z'))).toBe('schedule'); // Fri 08:30 EST
    expect(scheduleCheck(ny, at('2024-03-11T13:30:00Z'))).toBeUndefined(); // Mon 09:30 EDT (08:30 in EST terms)
    expect(scheduleCheck(ny, at('2024-03-11T21:30:00Z'))).toBe('schedule'); // Mon 17:30 EDT
    expect(scheduleCheck(ny, at('2024-03-09T15:00:00Z'))).toBe('schedule'); // Saturday
    // Europe/London, autumn: 16:30 UTC is 17:30 BST on Friday 25 Oct and 16:30 GMT on Monday 28 Oct.
    const london = compileCampaign({ ...exampleCampaign(), schedule: { timezone: 'Europe/London', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }] } }, at('2024-10-24T12:00:00Z')).w;
    expect(scheduleCheck(london, at('2024-10-25T16:30:00Z'))).toBe('schedule');
    expect(scheduleCheck(london, at('2024-10-28T16:30:00Z'))).toBeUndefined();
  });

  it('runs a window past midnight into the next day, in the site zone', () => {
    const s = { timezone: 'Asia/Tokyo', windows: [{ days: ['sat' as const], from: '22:00', to: '02:00' }] };
    const w = compileCampaign({ ...exampleCampaign(), schedule: s }, at('2025-04-03T00:00:00Z')).w;
    expect(scheduleCheck(w, at('2025-04-05T13:30:00Z'))).toBeUndefined(); // Sat 22:30 JST
    expect(scheduleCheck(w, at('2025-04-05T16:30:00Z'))).toBeUndefined(); // Sun 01:30 JST
    expect(scheduleCheck(w, at('2025-04-05T17:30:00Z'))).toBe('schedule'); // Sun 02:30 JST
    expect(scheduleCheck(w, at('2025-04-05T12:30:00Z'))).toBe('schedule'); // Sat 21:30 JST
    expect(scheduleCheck(w, at('2025-04-04T16:30:00Z'))).toBe('schedule'); // Sat 01:30 JST: Friday night did not open
  });

  it('lists eight days ahead and is the same all day (one ETag per day); an ended schedule compiles closed', () => {
    const s = { timezone: 'UTC', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as never, from: '10:00', to: '11:00' }] };
    const morning = compileCampaign({ ...exampleCampaign(), schedule: s }, at('2025-04-01T00:05:00Z')).w!;
    expect(compileCampaign({ ...exampleCampaign(), schedule: s }, at('2025-04-01T23:55:00Z')).w).toEqual(morning);
    expect(morning).toHaveLength(8);
    expect(scheduleCheck(morning, at('2025-04-08T10:30:00Z'))).toBeUndefined();
    expect(compileCampaign({ ...exampleCampaign(), schedule: { timezone: 'UTC', end: '2025-01-01T00:00:00Z' } }, at('2025-04-01T00:00:00Z')).w).toEqual([]);
  });
});

describe('audienceCheck', () => {
  const c = compileCampaign(exampleCampaign());
  // The example audience samples 50 %: find visitors on each side of it.
  const inSample = ids(200).find((id) => !audienceCheck(campaign({ i: c.i, s: 50 }), visitor({ id })))!;
  const outOfSample = ids(200).find((id) => audienceCheck(campaign({ i: c.i, s: 50 }), visitor({ id })))!;

  it('passes a visitor who meets every rule', () => {
    expect(audienceCheck(c, visitor({ id: inSample }))).toBeUndefined();
    expect(audienceCheck(campaign({}), visitor())).toBeUndefined();
  });

  it('names the first rule that fails', () => {
    const check = (v: Partial<Visitor>) => audienceCheck(c, visitor({ id: inSample, ...v }));
    expect(check({ path: '/pricing' })).toBe('audience.url');
    expect(check({ path: '/app/settings/billing' })).toBe('audience.url');
    expect(check({ userId: undefined })).toBe('audience.identified');
    expect(check({ device: 'mobile' })).toBe('audience.device');
    expect(check({ langs: ['fr-fr', 'de'] })).toBe('audience.language');
    expect(check({ langs: ['ja'] })).toBeUndefined();
    expect(check({ langs: ['eng'] })).toBe('audience.language');
    expect(check({ traits: { plan: 'pro', company: { size: 12 } } })).toBe('audience.trait.plan');
    expect(check({ traits: { plan: 'free' } })).toBe('audience.trait.company.size');
    expect(check({ score: 39 })).toBe('audience.score');
    expect(check({ score: 40 })).toBeUndefined();
    expect(check({ tier: 'casual' })).toBe('audience.tier');
    expect(check({ id: outOfSample })).toBe('audience.sample');
    const anonymous = compileCampaign({ ...exampleCampaign(), audience: { identified: false, score: { max: 20 } } });
    expect(audienceCheck(anonymous, visitor())).toBe('audience.identified');
    expect(audienceCheck(anonymous, visitor({ userId: undefined, score: 20 }))).toBeUndefined();
    expect(audienceCheck(anonymous, visitor({ userId: undefined, score: 21 }))).toBe('audience.score');
  });

  it('samples the given percentage of visitors, stably per visitor and campaign', () => {
    const all = ids(10_000);
    const promo = campaign({ i: 'promo', s: 30 });
    const share = all.filter((id) => !audienceCheck(promo, visitor({ id }))).length / all.length;
    expect(Math.abs(share - 0.3)).toBeLessThan(0.02);
    for (const id of all.slice(0, 50)) expect(audienceCheck(promo, visitor({ id }))).toBe(audienceCheck(promo, visitor({ id })));
  });
});

describe('frequencyCheck', () => {
  const now = Date.parse('2025-04-01T12:00:00Z');
  const hour = 3600e3;

  it('caps per lifetime, session and any 24 hours', () => {
    expect(frequencyCheck({ l: 3 }, history({ total: 2 }), now)).toBeUndefined();
    expect(frequencyCheck({ l: 3 }, history({ total: 3 }), now)).toBe('frequency.lifetime');
    expect(frequencyCheck({ s: 1 }, history({ total: 5, session: 0 }), now)).toBeUndefined();
    expect(frequencyCheck({ s: 1 }, history({ session: 1 }), now)).toBe('frequency.session');
    expect(frequencyCheck({ d: 2 }, history({ times: [now - 25 * hour, now - 23 * hour] }), now)).toBeUndefined();
    expect(frequencyCheck({ d: 2 }, history({ times: [now - 23 * hour, now - hour] }), now)).toBe('frequency.day');
  });

  it('waits the cooldown after the latest impression', () => {
    expect(frequencyCheck({ c: 3600 }, history({ times: [now - 2 * hour, now - 59 * 60e3] }), now)).toBe('frequency.cooldown');
    expect(frequencyCheck({ c: 3600 }, history({ times: [now - 2 * hour, now - hour] }), now)).toBeUndefined();
    expect(frequencyCheck({ c: 3600 }, history(), now)).toBeUndefined();
  });

  it('stops after a dismissal or a conversion when told to', () => {
    expect(frequencyCheck({ x: 1 }, history({ dismissed: true }), now)).toBe('frequency.dismissed');
    expect(frequencyCheck({ x: 2 }, history({ dismissed: true }), now)).toBeUndefined();
    expect(frequencyCheck({ x: 2 }, history({ converted: true }), now)).toBe('frequency.converted');
    expect(frequencyCheck({ x: 1 }, history({ converted: true }), now)).toBeUndefined();
    expect(frequencyCheck({}, history({ total: 1e6, session: 1e6, times: [now], dismissed: true, converted: true }), now)).toBeUndefined();
  });
});

describe('siteCheck', () => {
  const now = 1_000_000_000;
  it('holds the minimum gap, the per-session maximum, and quiet while the chat is open', () => {
    const limits = { g: 30, n: 3, q: 1 as const };
    expect(siteCheck(limits, { last: now - 29_000, shown: 0, chat: false }, now)).toBe('site.gap');
    expect(siteCheck(limits, { last: now - 30_000, shown: 0, chat: false }, now)).toBeUndefined();
    expect(siteCheck(limits, { last: 0, shown: 3, chat: false }, now)).toBe('site.session');
    expect(siteCheck(limits, { last: 0, shown: 2, chat: true }, now)).toBe('site.chat');
    expect(siteCheck({ g: 30, n: 3 }, { last: 0, shown: 2, chat: true }, now)).toBeUndefined();
  });
});

describe('campaignCheck', () => {
  it('checks schedule, then audience, then frequency', () => {
    const inRange = Date.parse('2025-03-03T01:00:00Z'); // Monday 10:00 in Tokyo
    const c = compileCampaign({ ...exampleCampaign(), audience: { devices: ['mobile'] } }, inRange);
    expect(campaignCheck(c, visitor({ device: 'mobile' }), history(), inRange)).toBeUndefined();
    expect(campaignCheck(c, visitor({ device: 'desktop' }), history({ session: 1 }), Date.parse('2026-01-01T00:00:00Z'))).toBe('schedule');
    expect(campaignCheck(c, visitor({ device: 'desktop' }), history({ session: 1 }), inRange)).toBe('audience.device');
    expect(campaignCheck(c, visitor({ device: 'mobile' }), history({ session: 1 }), inRange)).toBe('frequency.session');
  });
});

describe('assignVariant', () => {
  const x: CompiledExperiment = { k: 'spring-1', h: 10, v: [['a', 50], ['b', 30], ['c', 20]] };

  it('is stable for a visitor across calls', () => {
    for (const id of ids(100)) expect(assignVariant(x, id)).toBe(assignVariant({ ...x, v: [...x.v] }, id));
  });

  it('lands 10,000 visitors within ±2 % of each share: 10 % control, then 45 / 27 / 18 %', () => {
    const counts: Record<string, number> = {};
    for (const id of ids(10_000)) counts[assignVariant(x, id)] = (counts[assignVariant(x, id)] ?? 0) + 1;
    const expected = { [CONTROL]: 0.1, a: 0.45, b: 0.27, c: 0.18 };
    for (const [k, share] of Object.entries(expected)) expect(Math.abs(counts[k]! / 10_000 - share)).toBeLessThan(0.02);
  });

  it('is uniform for random UUIDs too, with no holdout', () => {
    const counts = { a: 0, b: 0 } as Record<string, number>;
    for (let i = 0; i < 10_000; i++) counts[assignVariant({ k: 'e', h: 0, v: [['a', 1], ['b', 1]] }, crypto.randomUUID())]!++;
    expect(Math.abs(counts.a! / 10_000 - 0.5)).toBeLessThan(0.02);
  });

  it('splits independently between experiments whose keys differ by one character', () => {
    const split = (k: string, id: string) => assignVariant({ k, h: 0, v: [['a', 1], ['b', 1]] }, id);
    const all = ids(10_000);
    const both = all.filter((id) => split('exp-a', id) == 'a' && split('exp-b', id) == 'a').length / all.length;
    expect(Math.abs(both - 0.25)).toBeLessThan(0.02);
  });

  it('hash is 32-bit and unsigned', () => {
    for (const s of ['', 'a', 'anon-1:spring', '日本語']) {
      expect(Number.isInteger(hash(s))).toBe(true);
      expect(hash(s)).toBeGreaterThanOrEqual(0);
      expect(hash(s)).toBeLessThan(2 ** 32);
    }
    expect(hash('a')).not.toBe(hash('b'));
  });
});

describe('eventMatches and triggerFires', () => {
  it('matches an event by name and property filters', () => {
    const where = [traitCheck('trigger.event', '', { key: 'projects', op: 'gte', value: 3 })];
    expect(eventMatches('Project Limit Reached', where, 'Project Limit Reached', { projects: 3 })).toBe(true);
    expect(eventMatches('Project Limit Reached', where, 'Project Limit Reached', { projects: 2 })).toBe(false);
    expect(eventMatches('Project Limit Reached', undefined, 'Project Created', {})).toBe(false);
    expect(eventMatches('Signed Up', undefined, 'Signed Up', {})).toBe(true);
  });

  it('fires on any condition, or only when all have been met', () => {
    const c = compileCampaign({ ...exampleCampaign(), trigger: { scroll: { percent: 50 }, exitIntent: true } }).t;
    expect(triggerFires(c, (_, i) => i == 1)).toBe(true);
    expect(triggerFires(c, () => false)).toBe(false);
    const all = { ...c, m: 1 as const };
    expect(triggerFires(all, (_, i) => i == 1)).toBe(false);
    expect(triggerFires(all, () => true)).toBe(true);
  });
});
