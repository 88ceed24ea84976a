import { describe, expect, it } from 'vitest';
import {
  CONTROL, assignVariant, audienceCheck, campaignCheck, eventMatches, failedFilter, frequencyCheck, hash, scheduleCheck,
  siteCheck, test as compare, triggerFires, urlsMatch, zonedClock, type CapHistory, type Visitor,
} from '../../src/shared/rules';
import { compileCampaign } from '../../src/shared/compile-campaign';
import type { CompiledExperiment, CompiledSchedule } from '../../src/shared/compiled-campaign';
import { exampleCampaign } from './example-campaign';

const visitor = (over: Partial<Visitor> = {}): Visitor => ({
  id: 'anon-1', path: '/app/projects', url: 'https://example.com/app/projects?tab=all', traits: { plan: 'free', company: { size: 12 } },
  known: true, device: 'desktop', langs: ['en-GB', 'en'], score: 55, tier: 'engaged', ...over,
});
const history = (over: Partial<CapHistory> = {}): CapHistory => ({ total: 0, session: 0, times: [], ...over });
const ids = (n: number) => Array.from({ length: n }, (_, i) => `${i.toString(36)}-${(i * 7919).toString(16)}-visitor`);

describe('test: string matchers', () => {
  it('equals, contains, starts-with, regex', () => {
    expect(compare('eq', '/pricing', '/pricing')).toBe(true);
    expect(compare('eq', '/pricing/', '/pricing')).toBe(false);
    expect(compare('has', '/docs/api/v2', '/api/')).toBe(true);
    expect(compare('has', '/docs', '/api')).toBe(false);
    expect(compare('pre', '/app/settings', '/app')).toBe(true);
    expect(compare('pre', '/apple', '/app/')).toBe(false);
    expect(compare('re', '/blog/2025/04/spring', '^/blog/\\d{4}/')).toBe(true);
    expect(compare('re', '/blog/latest', '^/blog/\\d{4}/')).toBe(false);
  });

  it('regex safety cap: an invalid or over-long pattern never matches, a long input is cut to 2000 characters', () => {
    expect(compare('re', '/x', '(')).toBe(false);
    expect(compare('re', 'a', 'a'.repeat(201))).toBe(false);
    expect(compare('re', 'x'.repeat(2000) + 'needle', 'needle')).toBe(false);
    expect(compare('re', 'x'.repeat(1990) + 'needle', 'needle')).toBe(true);
  });
});

describe('test: trait operators', () => {
  it('eq and neq compare as text; neq passes when the trait is missing', () => {
    expect(compare('eq', 42, '42')).toBe(true);
    expect(compare('eq', true, true)).toBe(true);
    expect(compare('eq', 'pro', 'free')).toBe(false);
    expect(compare('eq', undefined, 'undefined')).toBe(false);
    expect(compare('ne', 'pro', 'free')).toBe(true);
    expect(compare('ne', 'free', 'free')).toBe(false);
    expect(compare('ne', undefined, 'free')).toBe(true);
  });

  it('gt, gte, lt, lte compare numbers as numbers and text as text (ISO dates order)', () => {
    expect(compare('gt', 10, 9)).toBe(true);
    expect(compare('gt', '10', 9)).toBe(true); // "10" > "9" would be false as text
    expect(compare('gt', 9, 9)).toBe(false);
    expect(compare('ge', 9, 9)).toBe(true);
    expect(compare('lt', 8.5, 9)).toBe(true);
    expect(compare('lt', 9, 9)).toBe(false);
    expect(compare('le', 9, 9)).toBe(true);
    expect(compare('le', 10, 9)).toBe(false);
    expect(compare('gt', 'lots', 9)).toBe(false);
    expect(compare('lt', 'lots', 9)).toBe(false);
    expect(compare('gt', undefined, 0)).toBe(false);
    expect(compare('lt', '2024-12-31', '2025-01-01')).toBe(true);
    expect(compare('ge', '2025-01-02T10:00:00Z', '2025-01-01')).toBe(true);
  });

  it('contains (text or list), exists, in', () => {
    expect(compare('has', 'ops@example.com', '@example.com')).toBe(true);
    expect(compare('has', ['beta', 'vip'], 'vip')).toBe(true);
    expect(compare('has', [1, 2], 2)).toBe(true);
    expect(compare('has', ['beta'], 'vi')).toBe(false);
    expect(compare('ex', 'x')).toBe(true);
    expect(compare('ex', 0)).toBe(true);
    expect(compare('ex', undefined)).toBe(false);
    expect(compare('ex', null)).toBe(false);
    expect(compare('ex', undefined, false)).toBe(true);
    expect(compare('ex', 'x', false)).toBe(false);
    expect(compare('in', 'pro', ['pro', 'team'])).toBe(true);
    expect(compare('in', 3, ['1', '3'])).toBe(true);
    expect(compare('in', 'free', ['pro', 'team'])).toBe(false);
  });

  it('failedFilter names the first failing key and reads dotted paths', () => {
    const traits = { plan: 'free', company: { size: 12 } };
    expect(failedFilter([['plan', 'eq', 'free'], ['company.size', 'ge', 10]], traits)).toBeUndefined();
    expect(failedFilter([['plan', 'eq', 'free'], ['company.size', 'ge', 50]], traits)).toBe('company.size');
    expect(failedFilter([['company.name.first', 'ex']], traits)).toBe('company.name.first');
    expect(failedFilter(undefined, traits)).toBeUndefined();
  });
});

describe('urlsMatch', () => {
  it('needs one including rule to match and no excluding rule; path by default, whole URL with flag 1', () => {
    const rules = [['pre', '/app'], ['has', '/billing', 2]] as const;
    expect(urlsMatch([...rules] as never, '/app/projects', '')).toBe(true);
    expect(urlsMatch([...rules] as never, '/app/settings/billing', '')).toBe(false);
    expect(urlsMatch([...rules] as never, '/pricing', '')).toBe(false);
    expect(urlsMatch([['has', 'utm_source=mail', 1]], '/x', 'https://e.com/x?utm_source=mail')).toBe(true);
    expect(urlsMatch([['has', 'utm_source=mail']], '/x', 'https://e.com/x?utm_source=mail')).toBe(false);
    expect(urlsMatch([['eq', '/404', 2]], '/anything', '')).toBe(true);
    expect(urlsMatch(undefined, '/anything', '')).toBe(true);
  });
});

describe('scheduleCheck', () => {
  const at = (iso: string) => Date.parse(iso);

  it('keeps a campaign off before its start and from its end', () => {
    const w: CompiledSchedule = { z: 'UTC', s: at('2025-03-01T00:00:00Z'), e: at('2025-04-01T00:00:00Z') };
    expect(scheduleCheck(w, at('2025-02-28T23:59:59Z'))).toBe('schedule.start');
    expect(scheduleCheck(w, at('2025-03-01T00:00:00Z'))).toBeUndefined();
    expect(scheduleCheck(w, at('2025-03-31T23:59:59Z'))).toBeUndefined();
    expect(scheduleCheck(w, at('2025-04-01T00:00:00Z'))).toBe('schedule.end');
    expect(scheduleCheck(undefined, 0)).toBeUndefined();
  });

  it('reads weekday and hour windows in the site zone, the same wall-clock hours on both sides of DST', () => {
    // Mon–Fri 09:00–17:00 in New York; DST began Sunday 2024-03-10.
    const w: CompiledSchedule = { z: 'America/New_York', h: [[0b0111110, 540, 1020]] };
    expect(scheduleCheck(w, at('2024-03-08T14:30:00Z'))).toBeUndefined(); // Fri 09:30 EST
    expect(scheduleCheck(w, at('2024-03-08T13:30:00Z'))).toBe('schedule.window'); // Fri 08:30 EST
    expect(scheduleCheck(w, at('2024-03-11T13:30:00Z'))).toBeUndefined(); // Mon 09:30 EDT (08:30 in EST terms)
    expect(scheduleCheck(w, at('2024-03-11T21:30:00Z'))).toBe('schedule.window'); // Mon 17:30 EDT
    expect(scheduleCheck(w, at('2024-03-09T15:00:00Z'))).toBe('schedule.window'); // Saturday
    // Europe/London, autumn: 16:30 UTC is 17:30 BST on Friday 25 Oct and 16:30 GMT on Monday 28 Oct.
    const london: CompiledSchedule = { z: 'Europe/London', h: [[0b0111110, 540, 1020]] };
    expect(scheduleCheck(london, at('2024-10-25T16:30:00Z'))).toBe('schedule.window');
    expect(scheduleCheck(london, at('2024-10-28T16:30:00Z'))).toBeUndefined();
  });

  it('runs a window past midnight into the next day (compiled in two), in the site zone', () => {
    const c = exampleCampaign();
    c.schedule = { timezone: 'Asia/Tokyo', windows: [{ days: ['sat'], from: '22:00', to: '02:00' }] };
    const w = compileCampaign(c).w!;
    expect(scheduleCheck(w, at('2025-04-05T13:30:00Z'))).toBeUndefined(); // Sat 22:30 JST
    expect(scheduleCheck(w, at('2025-04-05T16:30:00Z'))).toBeUndefined(); // Sun 01:30 JST
    expect(scheduleCheck(w, at('2025-04-05T17:30:00Z'))).toBe('schedule.window'); // Sun 02:30 JST
    expect(scheduleCheck(w, at('2025-04-05T12:30:00Z'))).toBe('schedule.window'); // Sat 21:30 JST
    expect(scheduleCheck(w, at('2025-04-04T16:30:00Z'))).toBe('schedule.window'); // Sat 01:30 JST: Friday night did not open
  });

  it('keeps the campaign off, without throwing, when the zone is unknown', () => {
    expect(scheduleCheck({ z: 'Mars/Olympus', h: [[127, 0, 1440]] }, Date.now())).toBe('schedule.window');
  });

  it('zonedClock gives weekday and minute there', () => {
    const t = zonedClock(at('2024-03-10T07:30:00Z'), 'America/New_York'); // Sun 03:30 EDT
    expect(new Date(t).getUTCDay()).toBe(0);
    expect((t / 6e4) % 1440).toBe(210);
  });
});

describe('audienceCheck', () => {
  const a = compileCampaign(exampleCampaign()).a!;
  // The example audience samples 50 %: find visitors on each side of it.
  const inSample = ids(200).find((id) => !audienceCheck({ p: 50 }, visitor({ id }), 'spring-upgrade'))!;
  const outOfSample = ids(200).find((id) => audienceCheck({ p: 50 }, visitor({ id }), 'spring-upgrade'))!;

  it('passes a visitor who meets every rule', () => {
    expect(audienceCheck(a, visitor({ id: inSample }), 'spring-upgrade')).toBeUndefined();
    expect(audienceCheck(undefined, visitor(), 'x')).toBeUndefined();
  });

  it('names the first rule that fails', () => {
    const check = (v: Partial<Visitor>) => audienceCheck(a, visitor({ id: inSample, ...v }), 'spring-upgrade');
    expect(check({ path: '/pricing' })).toBe('audience.url');
    expect(check({ path: '/app/settings/billing' })).toBe('audience.url');
    expect(check({ known: false })).toBe('audience.identified');
    expect(check({ device: 'mobile' })).toBe('audience.device');
    expect(check({ langs: ['fr-FR', 'de'] })).toBe('audience.language');
    expect(check({ langs: ['JA'] })).toBeUndefined();
    expect(check({ langs: ['eng'] })).toBe('audience.language');
    expect(check({ traits: { plan: 'pro', company: { size: 12 } } })).toBe('audience.trait.plan');
    expect(check({ traits: { plan: 'free' } })).toBe('audience.trait.company.size');
    expect(check({ score: 39 })).toBe('audience.score');
    expect(check({ score: 40 })).toBeUndefined();
    expect(check({ tier: 'casual' })).toBe('audience.tier');
    expect(check({ id: outOfSample })).toBe('audience.sample');
    expect(audienceCheck({ i: 0 }, visitor({ known: true }), 'x')).toBe('audience.identified');
    expect(audienceCheck({ i: 0 }, visitor({ known: false }), 'x')).toBeUndefined();
    expect(audienceCheck({ s: [0, 20] }, visitor({ score: 21 }), 'x')).toBe('audience.score');
  });

  it('samples the given percentage of visitors, stably per visitor and campaign', () => {
    const all = ids(10_000);
    const share = all.filter((id) => !audienceCheck({ p: 30 }, visitor({ id }), 'promo')).length / all.length;
    expect(Math.abs(share - 0.3)).toBeLessThan(0.02);
    for (const id of all.slice(0, 50)) expect(audienceCheck({ p: 30 }, visitor({ id }), 'promo')).toBe(audienceCheck({ p: 30 }, visitor({ id }), 'promo'));
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
    const c = compileCampaign({ ...exampleCampaign(), audience: { devices: ['mobile'] } });
    const inRange = Date.parse('2025-03-03T01:00:00Z'); // Monday 10:00 in Tokyo
    expect(campaignCheck(c, visitor({ device: 'mobile' }), history(), inRange)).toBeUndefined();
    expect(campaignCheck(c, visitor({ device: 'desktop' }), history({ session: 1 }), Date.parse('2026-01-01T00:00:00Z'))).toBe('schedule.end');
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
    expect(eventMatches('Project Limit Reached', [['projects', 'ge', 3]], 'Project Limit Reached', { projects: 3 })).toBe(true);
    expect(eventMatches('Project Limit Reached', [['projects', 'ge', 3]], 'Project Limit Reached', { projects: 2 })).toBe(false);
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
