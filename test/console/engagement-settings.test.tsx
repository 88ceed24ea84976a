import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_SETTINGS } from '../../src/shared/engagement-score';
import { withCampaigns, type CampaignFake } from './campaign-fake-api';
import { createFakeAdminApi } from './fake-admin-api';
import { fieldErrors } from './field-errors';
import { demoSite } from './fixtures';
import { mountApp } from './mount-app';
import { byLabel, byText, click, find, submit, type, waitFor } from './render';

let fake: CampaignFake;

const app = (path: string) => mountApp(fake, path);

const puts = () => fake.requests.filter((r) => r.method === 'PUT');

describe('engagement settings and message limits', () => {
  beforeEach(() => {
    fake = withCampaigns(createFakeAdminApi({ loggedIn: true, sites: [demoSite] }));
  });

  it('edits weights, half-life and tiers, checked as typed, and saves them', async () => {
    const root = await app('/console/engagement?site=demo');
    await waitFor(() => expect(byLabel(root, 'Half-life (days)').value).toBe('30'));
    expect(find(root, '.view-header .badge').textContent).toBe('Defaults');
    expect(byLabel(root, 'Per page view').value).toBe('1');
    expect(byLabel(root, 'Tier 1 name').value).toBe('champion');
    expect(byLabel(root, 'Conversion events').value).toBe('Order Completed');

    await type(byLabel(root, 'Half-life (days)'), '0');
    await waitFor(() => expect(fieldErrors(root, 'Half-life (days)')).toEqual(['Must be a number from 1 to 3650']));
    await type(byLabel(root, 'Half-life (days)'), '14');
    expect(fieldErrors(root, 'Half-life (days)')).toEqual([]);
    await type(byLabel(root, 'Per page view'), '2');
    await type(byLabel(root, 'Tier 2 name'), 'champion');
    expect(fieldErrors(root, 'Tier 2 name')).toEqual(['Repeats “champion”; tier names must be unique']);
    await type(byLabel(root, 'Tier 2 name'), 'regular');
    await click(find(root, 'button[aria-label="Remove tier 3"]'));
    // Keyboard users land on the list's Add button, not at the top of the page.
    await waitFor(() => expect(document.activeElement).toBe(byText(root, 'Add a tier')));
    await type(byLabel(root, 'Conversion events'), 'Order Completed, Plan Upgraded');

    await submit(find<HTMLFormElement>(root, 'form[aria-label="Engagement score settings"]'));
    await waitFor(() => expect(root.textContent).toContain('Saved. Scores use the new settings from now on.'));
    expect(puts()[0]!.body).toEqual({
      ...DEFAULT_SCORE_SETTINGS,
      weights: { ...DEFAULT_SCORE_SETTINGS.weights, page: 2 },
      halfLifeDays: 14,
      tiers: [
        { name: 'champion', min: 80 },
        { name: 'regular', min: 50 },
        { name: 'dormant', min: 0 },
      ],
      conversionEvents: ['Order Completed', 'Plan Upgraded'],
    });
    expect(root.querySelector('.view-header .badge')).toBeNull();
  });

  it('refuses to save without a tier at 0, listing the problem and sending nothing', async () => {
    const root = await app('/console/engagement?site=demo');
    await waitFor(() => byLabel(root, 'Tier 4 name'));
    await click(find(root, 'button[aria-label="Remove tier 4"]'));
    await submit(find<HTMLFormElement>(root, 'form[aria-label="Engagement score settings"]'));
    await waitFor(() => expect(find(root, '#campaign-errors').textContent).toContain('tiers needs a tier starting at 0'));
    expect(puts()).toHaveLength(0);
    await click(byText(root, 'Fill in the defaults'));
    expect(byLabel(root, 'Tier 4 name').value).toBe('dormant');
  });

  it('saves message limits and shows the server’s problems by field', async () => {
    const root = await app('/console/message-limits?site=demo');
    await waitFor(() => expect(byLabel(root, 'Seconds between any two messages').value).toBe('30'));
    expect(byLabel(root, 'Show nothing while the chat is open').checked).toBe(true);
    await type(byLabel(root, 'Messages per session, at most'), '0');
    await waitFor(() => expect(fieldErrors(root, 'Messages per session, at most')).toEqual(['Must be a whole number from 1 to 100']));
    await type(byLabel(root, 'Messages per session, at most'), '2');
    await type(byLabel(root, 'Seconds between any two messages'), '120');
    await click(byLabel(root, 'Show nothing while the chat is open'));

    fake.answerNext('PUT', '/message-limits', 400, {
      error: 'invalid_settings',
      message: 'The message limits were not saved: minGap is over this server’s limit.',
      errors: [{ path: 'minGap', message: 'minGap is over this server’s limit' }],
    });
    const form = find<HTMLFormElement>(root, 'form[aria-label="Message limits"]');
    await submit(form);
    await waitFor(() => expect(fieldErrors(root, 'Seconds between any two messages')).toEqual(['Is over this server’s limit']));
    await submit(form);
    await waitFor(() => expect(root.textContent).toContain('Saved. Visitors get the new limits within a minute.'));
    expect(puts().at(-1)!.body).toEqual({ minGap: 120, maxPerSession: 2, quietWhileChatOpen: false });
    expect(fake.state.limits).toEqual({ limits: { minGap: 120, maxPerSession: 2, quietWhileChatOpen: false }, custom: true });
  });
});
