import { beforeEach, describe, expect, it } from 'vitest';
import type { Campaign } from '../../src/shared/campaign-schema';
import { seedCampaign, withCampaigns, type CampaignFake } from './campaign-fake-api';
import { createFakeAdminApi } from './fake-admin-api';
import { fieldErrors } from './field-errors';
import { demoSite } from './fixtures';
import { mountApp } from './mount-app';
import { byLabel, byText, choose, click, find, submit, type, waitFor } from './render';

const spring: Campaign = {
  id: 'spring',
  version: 2,
  status: 'draft',
  priority: 5,
  name: 'Spring offer',
  kind: { type: 'modal' },
  defaultLocale: 'en',
  content: { en: { title: 'Go further with Pro', body: 'Unlimited **projects**.', buttons: [{ label: 'See plans', action: 'open-url', url: '/pricing' }] } },
  trigger: { pageView: {} },
};

let fake: CampaignFake;

const app = (path: string) => mountApp(fake, path);

const form = (root: HTMLElement) => find<HTMLFormElement>(root, 'form.editor-layout');
const posted = () => fake.requests.filter((r) => r.method === 'POST' || r.method === 'PUT');

describe('campaign editor', () => {
  beforeEach(() => {
    fake = withCampaigns(createFakeAdminApi({ loggedIn: true, sites: [demoSite] }));
  });

  it('creates a campaign from the form, showing a bad field’s problem beside it as it is typed', async () => {
    const root = await app('/console/new-campaign?site=demo');
    await waitFor(() => expect(find(root, 'h1').textContent).toBe('New campaign'));
    // Untouched fields do not shout.
    expect(root.querySelectorAll('.field-errors li')).toHaveLength(0);

    await type(byLabel(root, 'Name'), 'Scroll nudge');
    await type(byLabel(root, 'Id'), 'scroll-nudge');
    await type(byLabel(root, 'Title'), 'Still reading?');
    await type(byLabel(root, 'Body'), 'Get the **guide** by email.');
    await click(byLabel(root, 'Scrolling down the page'));
    const percent = byLabel(root, 'Scroll depth (%)');
    await type(percent, '150');
    await waitFor(() => expect(fieldErrors(root, 'Scroll depth (%)')).toEqual(['Must be a whole number from 1 to 100']));
    expect(percent.getAttribute('aria-invalid')).toBe('true');

    // Saving now is refused here, before any request, with a summary that links to the field.
    await submit(form(root));
    await waitFor(() => expect(document.activeElement?.id).toBe('campaign-errors'));
    expect(find(root, '#campaign-errors').textContent).toContain('trigger.scroll.percent must be a whole number from 1 to 100');
    expect(posted()).toHaveLength(0);
    await click(byText(root, 'trigger.scroll.percent must be a whole number from 1 to 100'));
    expect(document.activeElement).toBe(percent);

    await type(percent, '60');
    await waitFor(() => expect(fieldErrors(root, 'Scroll depth (%)')).toEqual([]));
    expect(percent.hasAttribute('aria-invalid')).toBe(false);
    await submit(form(root));
    await waitFor(() => expect(location.pathname).toBe('/console/campaigns/scroll-nudge'));
    expect(location.search).toBe('?site=demo');
    expect(posted()[0]!.body).toEqual({
      id: 'scroll-nudge',
      version: 1,
      status: 'draft',
      priority: 0,
      name: 'Scroll nudge',
      kind: { type: 'modal' },
      defaultLocale: 'en',
      content: { en: { title: 'Still reading?', body: 'Get the **guide** by email.', buttons: [{ label: 'OK', action: 'dismiss' }] } },
      trigger: { pageView: {}, scroll: { percent: 60 } },
    });
    await waitFor(() => expect(root.textContent).toContain('Created.'));
    expect(find(root, 'h1').textContent).toBe('Scroll nudge');
    expect(fake.state.campaigns['scroll-nudge']!.record.campaign.trigger.scroll).toEqual({ percent: 60 });
  });

  it('lists every problem on a save attempt, and says when the id is taken', async () => {
    seedCampaign(fake.state, spring);
    const root = await app('/console/new-campaign?site=demo');
    await waitFor(() => byLabel(root, 'Id'));
    await submit(form(root));
    const summary = await waitFor(() => find(root, '#campaign-errors'));
    expect(summary.textContent).toContain('2 problems to fix before saving');
    expect(fieldErrors(root, 'Id')).toEqual(['Must not be empty']);
    expect(root.textContent).toContain('Needs a title or a body');

    await type(byLabel(root, 'Id'), 'spring');
    await type(byLabel(root, 'Title'), 'Hello');
    await submit(form(root));
    await waitFor(() => expect(fieldErrors(root, 'Id')[0]).toMatch(/already exists/));
    expect(location.pathname).toBe('/console/new-campaign');
    // Editing the id clears the server's complaint about it.
    await type(byLabel(root, 'Id'), 'spring-2');
    expect(fieldErrors(root, 'Id')).toEqual([]);
  });

  it('shows the server’s 400 problems next to their fields', async () => {
    seedCampaign(fake.state, spring);
    const root = await app('/console/campaigns/spring?site=demo');
    await waitFor(() => expect(byLabel(root, 'Title').value).toBe('Go further with Pro'));
    fake.answerNext('PUT', '/campaigns/spring', 400, {
      error: 'invalid_campaign',
      message: 'The campaign was not saved: content.en.title is refused by a newer rule.',
      errors: [{ path: 'content.en.title', message: 'content.en.title is refused by a newer rule' }],
    });
    await submit(form(root));
    await waitFor(() => expect(fieldErrors(root, 'Title')).toEqual(['Is refused by a newer rule']));
    expect(find(root, '#campaign-errors').textContent).toContain('1 problem to fix before saving');
  });

  it('saves a new version, and on a 409 offers to reload what the other operator saved', async () => {
    seedCampaign(fake.state, spring);
    const root = await app('/console/campaigns/spring?site=demo');
    await waitFor(() => expect(byLabel(root, 'Title').value).toBe('Go further with Pro'));
    expect(byLabel(root, 'Id').disabled).toBe(true);
    expect(root.textContent).toContain('Version 2 · saved');

    await type(byLabel(root, 'Title'), 'Go further, faster');
    expect(root.textContent).toContain('Version 2 · unsaved changes');
    await submit(form(root));
    await waitFor(() => expect(root.textContent).toContain('Saved as version 3.'));
    expect(posted().at(-1)).toMatchObject({ method: 'PUT', path: '/v1/admin/sites/demo/campaigns/spring', body: { version: 3 } });

    // Someone else saves version 4 meanwhile.
    const theirs = { ...fake.state.campaigns.spring!.record.campaign, version: 4, content: { en: { title: 'Their title' } } };
    fake.state.campaigns.spring!.record = { ...fake.state.campaigns.spring!.record, campaign: theirs };
    await type(byLabel(root, 'Title'), 'My title');
    await submit(form(root));
    const alert = await waitFor(() => byText(root, /Someone saved this campaign/, 'strong').closest('[role="alert"]')!);
    expect(alert.textContent).toContain('save as version 5');
    expect(byLabel(root, 'Title').value).toBe('My title');

    await click(byText(root, 'Reload the latest version'));
    await waitFor(() => expect(byLabel(root, 'Title').value).toBe('Their title'));
    expect(root.textContent).not.toContain('Someone saved this campaign');
    await type(byLabel(root, 'Title'), 'Agreed title');
    await submit(form(root));
    await waitFor(() => expect(root.textContent).toContain('Saved as version 5.'));
  });

  it('sends the status only when it was changed here, so a pause made meanwhile survives a content save', async () => {
    seedCampaign(fake.state, { ...spring, status: 'live' });
    const root = await app('/console/campaigns/spring?site=demo');
    await waitFor(() => expect(byLabel(root, 'Title').value).toBe('Go further with Pro'));
    // Another operator pauses it from the list.
    fake.state.campaigns.spring!.record.campaign = { ...fake.state.campaigns.spring!.record.campaign, status: 'paused' };
    await type(byLabel(root, 'Title'), 'New words');
    await submit(form(root));
    await waitFor(() => expect(root.textContent).toContain('Saved as version 3.'));
    expect(posted().at(-1)!.body).not.toHaveProperty('status');
    expect(fake.state.campaigns.spring!.record.campaign.status).toBe('paused');
    expect(find(root, '.campaign-header .badge').textContent).toBe('Paused');

    // A status changed in the JSON view is a deliberate change: it is sent.
    await click(byText(root, 'JSON'));
    const area = byLabel<HTMLTextAreaElement>(root, 'Campaign JSON');
    await type(area, JSON.stringify({ ...JSON.parse(area.value), status: 'archived' }));
    await submit(form(root));
    await waitFor(() => expect(root.textContent).toContain('Saved as version 4.'));
    expect(posted().at(-1)!.body).toMatchObject({ status: 'archived', version: 4 });
  });

  it('edits the same campaign as JSON, both ways', async () => {
    seedCampaign(fake.state, spring);
    const root = await app('/console/campaigns/spring?site=demo');
    await waitFor(() => byLabel(root, 'Title'));
    await click(byText(root, 'JSON'));
    const area = byLabel<HTMLTextAreaElement>(root, 'Campaign JSON');
    expect(JSON.parse(area.value)).toEqual(spring);

    await type(area, '{ "id": "spring", oops');
    await waitFor(() => expect(root.textContent).toMatch(/Not applied yet:/));
    const edited = { ...spring, priority: 9, content: { en: { title: 'From JSON', typo: 1 } } };
    await type(area, JSON.stringify(edited));
    await waitFor(() => expect(find(root, '#campaign-errors').textContent).toContain('content.en.typo is not a known field'));
    await type(area, JSON.stringify({ ...edited, content: { en: { title: 'From JSON' } } }));
    await waitFor(() => expect(root.querySelector('#campaign-errors')?.textContent ?? '').not.toContain('typo'));

    await click(byText(root, 'Form'));
    expect(byLabel(root, 'Title').value).toBe('From JSON');
    expect(byLabel(root, 'Priority').value).toBe('9');
    await type(byLabel(root, 'Title'), 'Back in the form');
    await click(byText(root, 'JSON'));
    expect(JSON.parse(byLabel<HTMLTextAreaElement>(root, 'Campaign JSON').value).content.en.title).toBe('Back in the form');
  });

  it('adds and removes locales, and previews each locale and variant as text', async () => {
    seedCampaign(fake.state, { ...spring, content: { en: { ...spring.content.en!, title: 'Fish & <3 "chips"' } } });
    const root = await app('/console/campaigns/spring?site=demo');
    await waitFor(() => byLabel(root, 'Title'));
    const stage = () => find(root, '.preview-stage');
    // The widget draws the message into the preview's shadow root.
    const drawn = () => find(root, '.preview-host').shadowRoot!;
    // Text is text; only the safe markup becomes elements.
    await waitFor(() => expect(drawn().querySelector('h2')?.textContent).toBe('Fish & <3 "chips"'));
    expect(drawn().querySelector('b')?.textContent).toBe('projects');
    await type(byLabel(root, 'Body'), 'A [link](javascript:alert(1)) and <b>tag</b>');
    expect(stage().textContent).toMatch(/preview shows once the kind and content are valid/);
    expect(fieldErrors(root, 'Body')[0]).toMatch(/^Contains HTML/);
    await type(byLabel(root, 'Body'), 'See [the plans](/pricing).');
    await waitFor(() => expect(new URL(drawn().querySelector('p a')?.getAttribute('href') ?? '', 'http://x').pathname).toBe('/pricing'));
    expect(find(root, '.preview-host').hidden).toBe(false);

    await type(byLabel(root, 'Title'), 'Hello');
    await type(byLabel(root, 'Add a locale'), 'j a');
    await click(byText(root, 'Add locale'));
    expect(root.textContent).toContain('Use a language tag such as');
    await type(byLabel(root, 'Add a locale'), 'ja');
    await click(byText(root, 'Add locale'));
    await waitFor(() => expect(find(root, 'legend').textContent).toBe('Content in “ja”'));
    expect(byLabel(root, 'Title').value).toBe('Hello');
    await type(byLabel(root, 'Title'), 'こんにちは');
    await waitFor(() => expect(drawn().querySelector('h2')?.textContent).toBe('こんにちは'));
    await choose(byLabel<HTMLSelectElement>(root, 'Locale'), 'en');
    await waitFor(() => expect(drawn().querySelector('h2')?.textContent).toBe('Hello'));
    expect(byLabel(root, 'Title').value).toBe('Hello');

    // A/B test: the variant with its own content, and the control that sees nothing.
    await click(byLabel(root, 'Run an A/B test'));
    await click(byText(root, 'Add a variant'));
    expect(byLabel(root, 'Variant 2 id').value).toBe('b');
    const own = root.querySelectorAll<HTMLInputElement>('input[data-path$=".content"]');
    await click(own[1]!);
    const variantTitle = Array.from(root.querySelectorAll('label')).filter((l) => l.textContent === 'Title')[1]!;
    await type(document.getElementById(variantTitle.getAttribute('for')!) as HTMLInputElement, 'Variant B says hi');
    await choose(byLabel<HTMLSelectElement>(root, 'Variant'), 'b');
    await waitFor(() => expect(drawn().querySelector('h2')?.textContent).toBe('Variant B says hi'));
    await choose(byLabel<HTMLSelectElement>(root, 'Variant'), 'a');
    await waitFor(() => expect(drawn().querySelector('h2')?.textContent).toBe('Hello'));
    await choose(byLabel<HTMLSelectElement>(root, 'Variant'), 'control');
    expect(stage().textContent).toContain('Control visitors see nothing');
    expect(find(root, '.preview-host').hidden).toBe(true);

    // Removing a locale: not the default one.
    await click(byText(root, 'ja', 'button'));
    await click(byText(root, 'Remove “ja”'));
    expect(Array.from(root.querySelectorAll('.campaign-form > section:nth-child(2) .locale-bar button')).map((b) => b.textContent)).toEqual(['en (default)']);
    expect(byText<HTMLButtonElement>(root, 'Remove “en”').disabled).toBe(true);
  });

  it('fits the content to the kind: survey answers, scale labels, banner position', async () => {
    const root = await app('/console/new-campaign?site=demo');
    await waitFor(() => byLabel(root, 'Kind'));
    await type(byLabel(root, 'Title'), 'Quick question');
    await choose(byLabel<HTMLSelectElement>(root, 'Kind'), 'banner');
    expect(byLabel<HTMLSelectElement>(root, 'Banner position').value).toBe('bottom');
    await choose(byLabel<HTMLSelectElement>(root, 'Kind'), 'survey');
    expect(byLabel<HTMLSelectElement>(root, 'Survey type').value).toBe('nps');
    expect(byLabel(root, 'Low end')).toBeTruthy();
    await choose(byLabel<HTMLSelectElement>(root, 'Survey type'), 'single-choice');
    await type(byLabel(root, 'Answer 1'), 'Price');
    await type(byLabel(root, 'Answer 2'), 'Features');
    await waitFor(() => expect(find(root, '.preview-host').shadowRoot?.textContent).toContain('Price'));
    await choose(byLabel<HTMLSelectElement>(root, 'Kind'), 'modal');
    expect(() => byLabel(root, 'Answer 1')).toThrow();
    await click(byText(root, 'JSON'));
    const json = JSON.parse(byLabel<HTMLTextAreaElement>(root, 'Campaign JSON').value);
    expect(json.kind).toEqual({ type: 'modal' });
    expect(json.content.en.choices).toBeUndefined();
  });

  it('covers targeting: schedule windows, audience rules, frequency and goal', async () => {
    const root = await app('/console/new-campaign?site=demo');
    await waitFor(() => byLabel(root, 'Id'));
    await type(byLabel(root, 'Id'), 'full');
    await type(byLabel(root, 'Title'), 'All of it');
    await click(byLabel(root, 'Show only at certain times'));
    expect(byLabel(root, 'Time zone').value).toBe('Asia/Tokyo');
    await click(byText(root, 'Add a window'));
    await type(byLabel(root, 'From'), '22:00');
    await type(byLabel(root, 'To'), '02:00');
    await click(byText(root, 'Add trait rule'));
    await type(byLabel(root, 'Key'), 'plan');
    await choose(byLabel<HTMLSelectElement>(root, 'Operator'), 'in');
    await type(byLabel(root, 'Values (comma-separated)'), 'pro, team');
    await click(byLabel(root, 'mobile'));
    await type(byLabel(root, 'At least'), '40');
    await click(byLabel(root, 'engaged'));
    await click(byLabel(root, 'Set frequency caps'));
    await type(byLabel(root, 'At most, ever'), '3');
    await click(byLabel(root, 'Never again after a dismissal'));
    await click(byLabel(root, 'Measure a goal'));
    await type(byLabel(root, 'Goal event'), 'Plan Upgraded');
    await type(byLabel(root, 'Within (seconds)'), '86400');
    expect(root.textContent).toContain('= 1 day');
    await choose(byLabel<HTMLSelectElement>(root, 'Show when'), 'all');
    await click(byLabel(root, 'A custom event'));
    await type(byLabel(root, 'Event 1 name'), 'Added to Cart');
    await type(byLabel(root, 'Cancel on events'), 'Checkout Started, Signed Out');
    await type(byLabel(root, 'Delay (seconds)'), '5');
    await submit(form(root));
    await waitFor(() => expect(location.pathname).toBe('/console/campaigns/full'));
    const saved = posted()[0]!.body as Campaign;
    expect(saved.schedule).toEqual({ timezone: 'Asia/Tokyo', windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '22:00', to: '02:00' }] });
    expect(saved.audience).toEqual({ traits: [{ key: 'plan', op: 'in', value: ['pro', 'team'] }], devices: ['mobile'], score: { min: 40 }, tiers: ['engaged'] });
    expect(saved.frequency).toEqual({ session: 1, lifetime: 3, stopAfterDismiss: false, stopAfterConversion: true });
    expect(saved.goal).toEqual({ event: 'Plan Upgraded', within: 86400 });
    expect(saved.trigger).toEqual({ pageView: {}, match: 'all', events: [{ name: 'Added to Cart' }], cancelOn: ['Checkout Started', 'Signed Out'], delay: 5 });
  });
});
