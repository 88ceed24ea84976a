import { describe, expect, it } from 'vitest';
import { validateCampaign } from '../../src/shared/validate-campaign';
import { exampleCampaign } from './example-campaign';

type Json = Record<string, any>;

/** The messages for a campaign changed by `edit`, which must be refused. */
const problems = (edit: (c: Json) => void): string[] => {
  const c: Json = exampleCampaign();
  edit(c);
  const r = validateCampaign(c);
  if (r.ok) throw new Error('expected the campaign to be refused');
  return r.errors.map((e) => e.message);
};

describe('validateCampaign', () => {
  it('accepts the complete example and returns it', () => {
    const c = exampleCampaign();
    expect(validateCampaign(c)).toEqual({ ok: true, campaign: c });
  });

  it('accepts a minimal campaign: id, version, status, priority, kind, content, trigger', () => {
    const r = validateCampaign({
      id: 'hello', version: 1, status: 'draft', priority: 0, kind: { type: 'card' }, defaultLocale: 'en',
      content: { en: { body: 'Hello' } }, trigger: { pageView: {} },
    });
    expect(r.ok).toBe(true);
  });

  it('refuses what is not an object', () => {
    for (const bad of [null, 'x', 42, []]) {
      const r = validateCampaign(bad);
      expect(r.ok).toBe(false);
    }
  });

  it('says where and what to change, for the scroll depth the brief names', () => {
    const r = validateCampaign({ ...exampleCampaign(), trigger: { scroll: { percent: 150 } } });
    expect(r).toEqual({
      ok: false,
      errors: [{ path: 'trigger.scroll.percent', message: 'trigger.scroll.percent must be a whole number from 1 to 100' }],
    });
    expect(problems((c) => (c.trigger = { scroll: { percent: 0 } }))).toEqual(['trigger.scroll.percent must be a whole number from 1 to 100']);
  });

  it('reports every problem at once, each with its path', () => {
    const r = validateCampaign({ ...exampleCampaign(), id: '', version: 0, status: 'running', priority: -1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.path)).toEqual(['id', 'version', 'status', 'priority']);
    expect(r.errors[2]!.message).toBe('status must be one of “draft”, “live”, “paused”, “archived”');
  });

  it('refuses unknown fields so typos do not pass silently', () => {
    expect(problems((c) => (c.audience.devics = ['mobile']))[0]).toMatch(/^audience\.devics is not a known field \(expected one of “urls”/);
    expect(problems((c) => (c.colour = 'red'))[0]).toMatch(/^colour is not a known field/);
  });

  it('checks the kind and what each kind needs', () => {
    expect(problems((c) => (c.kind = { type: 'popup' }))).toEqual([
      'kind.type must be one of “modal”, “banner”, “slide-up”, “card”, “chat-prompt”, “survey”',
    ]);
    expect(problems((c) => (c.kind = { type: 'banner' }))).toEqual(['kind.position is required (one of “top”, “bottom”)']);
    expect(problems((c) => (c.kind = { type: 'modal', position: 'top' }))).toEqual(['kind.position is only for banners']);
    expect(problems((c) => (c.kind = { type: 'survey', survey: 'single-choice' }))).toContain(
      'content.en.choices must list 2 to 10 answers for a single-choice survey',
    );
    expect(problems((c) => (c.content.en.choices = ['a', 'b']))).toEqual(['content.en.choices is only for single-choice surveys']);
    expect(problems((c) => (c.content.en.scale = { low: 'no', high: 'yes' }))).toEqual(['content.en.scale is only for NPS and CSAT surveys']);
    const survey = exampleCampaign() as Json;
    survey.kind = { type: 'survey', survey: 'nps' };
    survey.content = { en: { title: 'How likely are you to recommend us?', scale: { low: 'Not likely', high: 'Very likely' } } };
    delete survey.experiment;
    expect(validateCampaign(survey).ok).toBe(true);
  });

  it('checks content: a default locale present, locales as tags, a title or body, lengths', () => {
    expect(problems((c) => (c.defaultLocale = 'fr'))).toContain('defaultLocale must be one of the locales in content (“en”, “ja”)');
    expect(problems((c) => (c.content.English = { title: 'x' }))).toEqual([
      'content.English is not a locale; use a language tag such as “en”, “ja” or “pt-BR”',
    ]);
    expect(problems((c) => (c.content.ja = {}))).toEqual(['content.ja needs a title or a body']);
    expect(problems((c) => (c.content.en.title = 'x'.repeat(201)))).toEqual(['content.en.title must be at most 200 characters (it has 201)']);
    expect(problems((c) => (c.content.en.buttons.push({ label: 'x', action: 'dismiss' })))).toEqual(['content.en.buttons must have at most 3 items']);
  });

  it('refuses script and HTML in every text a visitor sees', () => {
    expect(problems((c) => (c.content.en.body = 'Hi <script>alert(1)</script>'))).toEqual([
      'content.en.body contains HTML (<script>); HTML is never rendered — use **bold**, *italic* and [link text](https://…) instead',
    ]);
    expect(problems((c) => (c.content.en.body = '<img src=x onerror=alert(1)>'))[0]).toMatch(/^content\.en\.body contains HTML/);
    expect(problems((c) => (c.content.en.title = '<b>Sale</b>'))).toEqual([
      'content.en.title contains HTML (<b>); it is shown as plain text, so write it without tags',
    ]);
    expect(problems((c) => (c.content.en.buttons[0].label = '<a href=x>go</a>'))[0]).toMatch(/^content\.en\.buttons\[0\]\.label contains HTML/);
    expect(problems((c) => (c.content.en.body = '[click](javascript:alert(1))'))).toEqual([
      'content.en.body has a link to “javascript:alert(1”; links must start with https://, mailto: or / (a page on your site)',
    ]);
    expect(problems((c) => (c.content.en.buttons[0].url = 'javascript:alert(1)'))).toEqual([
      'content.en.buttons[0].url must start with https://, mailto: or / (a page on your site)',
    ]);
    expect(problems((c) => (c.content.en.buttons[0].url = '//evil.example/x'))).toHaveLength(1);
    expect(problems((c) => (c.content.en.image.url = 'http://cdn.example.com/a.png'))).toEqual(['content.en.image.url must be an https:// address']);
    expect(problems((c) => (c.content.en.image.url = 'data:image/svg+xml,<svg onload=alert(1)>'))).toEqual(['content.en.image.url must be an https:// address']);
    // Comparisons are not tags: "a < b" is fine text.
    const ok = exampleCampaign();
    ok.content.en!.body = 'Plans from 5 < 10 dollars & more';
    expect(validateCampaign(ok).ok).toBe(true);
  });

  it('checks buttons: actions and the fields each action takes', () => {
    expect(problems((c) => (c.content.en.buttons[0] = { label: 'Go', action: 'navigate' }))).toEqual([
      'content.en.buttons[0].action must be one of “open-url”, “open-chat”, “dismiss”, “track-event”',
    ]);
    expect(problems((c) => (c.content.en.buttons[0] = { label: 'Go', action: 'track-event' }))).toEqual(['content.en.buttons[0].event is required']);
    expect(problems((c) => (c.content.en.buttons[1].url = '/x'))).toEqual(['content.en.buttons[1].url is only for the “open-url” action']);
  });

  it('checks the schedule: a real time zone, dates, order, windows', () => {
    expect(problems((c) => (c.schedule.timezone = 'Mars/Olympus'))).toEqual([
      'schedule.timezone “Mars/Olympus” is not a time zone; use a name such as “Asia/Tokyo” or “Europe/Paris”',
    ]);
    expect(problems((c) => (c.schedule.start = 'next monday'))[0]).toMatch(/^schedule\.start must be a date and time such as 2025-04-01T09:00/);
    expect(problems((c) => (c.schedule.end = '2025-02-01T00:00'))).toEqual(['schedule.end must be after schedule.start']);
    expect(problems((c) => (c.schedule.windows[0].days = ['monday']))).toEqual([
      'schedule.windows[0].days[0] must be one of “mon”, “tue”, “wed”, “thu”, “fri”, “sat”, “sun”',
    ]);
    expect(problems((c) => (c.schedule.windows[0].from = '9:00'))).toEqual(['schedule.windows[0].from must be a time from 00:00 to 23:59']);
    expect(problems((c) => (c.schedule.windows[0].to = '09:00'))[0]).toMatch(/^schedule\.windows\[0\]\.to must differ from the start time/);
    expect(problems((c) => (c.schedule.windows[0].days = []))).toEqual(['schedule.windows[0].days must have at least 1 item']);
  });

  it('checks the audience: URL rules, regex safety, trait operators and values, ranges', () => {
    expect(problems((c) => (c.audience.urls[0].match = 'like'))).toEqual([
      'audience.urls[0].match must be one of “equals”, “contains”, “starts-with”, “regex”',
    ]);
    expect(problems((c) => (c.audience.urls[0] = { match: 'regex', value: '(unclosed' }))).toEqual(['audience.urls[0].value is not a valid regular expression']);
    expect(problems((c) => (c.audience.urls[0] = { match: 'regex', value: '^(a+)+$' }))[0]).toMatch(/can freeze a visitor’s browser/);
    expect(problems((c) => (c.audience.urls[0] = { match: 'regex', value: 'a'.repeat(201) }))).toEqual([
      'audience.urls[0].value must be a regular expression of at most 200 characters',
    ]);
    expect(problems((c) => (c.audience.traits[0].op = 'like'))[0]).toMatch(/^audience\.traits\[0\]\.op must be one of “eq”, “neq”, “gt”/);
    expect(problems((c) => (c.audience.traits[0] = { key: 'plan', op: 'in', value: 'pro' }))).toEqual([
      'audience.traits[0].value must be a list of 1 to 100 texts or numbers',
    ]);
    expect(problems((c) => (c.audience.traits[0] = { key: 'age', op: 'gt', value: true }))).toEqual([
      'audience.traits[0].value must be a number (or a text such as an ISO date) to compare with',
    ]);
    expect(problems((c) => (c.audience.traits[0] = { key: 'plan', op: 'exists', value: 'yes' }))).toEqual(['audience.traits[0].value must be true or false']);
    expect(problems((c) => (c.audience.score = { min: 80, max: 20 }))).toEqual(['audience.score.max must not be below audience.score.min']);
    expect(problems((c) => (c.audience.score = { min: 120 }))).toEqual(['audience.score.min must be a number from 0 to 100']);
    expect(problems((c) => (c.audience.sample = 0))).toEqual(['audience.sample must be a percentage above 0 and at most 100']);
    expect(problems((c) => (c.audience.devices = ['phone']))).toEqual(['audience.devices[0] must be one of “desktop”, “mobile”, “tablet”']);
    expect(problems((c) => (c.audience.languages = ['English']))).toEqual(['audience.languages[0] must be a language such as “en” or “pt-BR”']);
    expect(problems((c) => (c.audience.identified = 'yes'))).toEqual(['audience.identified must be true or false']);
    expect(problems((c) => (c.audience.tiers = ['a', 'b', 'c', 'd', 'e']))).toEqual(['audience.tiers must have at most 4 items']);
  });

  it('checks the trigger: at least one condition, ranges, selector, delay', () => {
    expect(problems((c) => (c.trigger = { delay: 3 }))[0]).toMatch(/^trigger needs at least one condition \(“pageView”, “events”/);
    expect(problems((c) => (c.trigger = { exitIntent: false }))[0]).toMatch(/^trigger needs at least one condition/);
    expect(problems((c) => (c.trigger = { timeOnPage: { seconds: 0 } }))).toEqual(['trigger.timeOnPage.seconds must be a whole number from 1 to 3600']);
    expect(problems((c) => (c.trigger = { idle: {} }))).toEqual(['trigger.idle.seconds is required']);
    expect(problems((c) => (c.trigger = { click: { selector: '</style><script>' } }))).toEqual([
      'trigger.click.selector must be a CSS selector such as “#buy” or “.pricing a”',
    ]);
    expect(problems((c) => (c.trigger = { sessionCount: { min: 5, max: 2 } }))).toEqual(['trigger.sessionCount.max must not be below trigger.sessionCount.min']);
    expect(problems((c) => (c.trigger = { sessionCount: {} }))).toEqual(['trigger.sessionCount needs min, max or both']);
    expect(problems((c) => (c.trigger.delay = 1.5))).toEqual(['trigger.delay must be a whole number from 0 to 3600']);
    expect(problems((c) => (c.trigger.match = 'some'))).toEqual(['trigger.match must be one of “any”, “all”']);
    expect(problems((c) => (c.trigger.events[0].name = ''))).toEqual(['trigger.events[0].name must not be empty']);
    expect(problems((c) => delete c.trigger)).toEqual(['trigger is required']);
  });

  it('checks frequency, experiment and goal', () => {
    expect(problems((c) => (c.frequency.session = 0))).toEqual(['frequency.session must be a whole number from 1 to 1000']);
    expect(problems((c) => (c.frequency.cooldown = -1))).toEqual(['frequency.cooldown must be a whole number from 0 to 31536000']);
    expect(problems((c) => (c.experiment.holdout = 95))).toEqual(['experiment.holdout must be a percentage from 0 to 90']);
    expect(problems((c) => delete c.experiment.holdout)[0]).toMatch(/^experiment\.holdout is required/);
    expect(problems((c) => (c.experiment.variants[1].id = 'a'))).toEqual(['experiment.variants[1].id repeats “a”; variant ids must be unique']);
    expect(problems((c) => (c.experiment.variants[0].id = 'control'))).toEqual([
      'experiment.variants[0].id must not be “control”: that name is kept for the holdout',
    ]);
    expect(problems((c) => (c.experiment.variants[0].weight = 0))).toEqual(['experiment.variants[0].weight must be a number above 0 and at most 1000']);
    expect(problems((c) => (c.experiment.variants[1].content = { ja: { title: 'x' } }))).toEqual([
      'experiment.variants[1].content must include the default locale “en”',
    ]);
    expect(problems((c) => (c.experiment.variants[1].content.en.body = '<iframe src=//x>'))[0]).toMatch(
      /^experiment\.variants\[1\]\.content\.en\.body contains HTML/,
    );
    expect(problems((c) => (c.experiment = { holdout: 0, variants: [{ id: 'a', weight: 1 }] }))).toEqual([
      'experiment needs a holdout above 0 or at least two variants to compare',
    ]);
    expect(problems((c) => (c.goal.within = 0))).toEqual(['goal.within must be a whole number from 1 to 7776000']);
    expect(problems((c) => (c.goal.event = 42))).toEqual(['goal.event must be text']);
  });
});
