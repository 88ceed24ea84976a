import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import type { CampaignResults } from '../../server/console/campaign-types';
import type { Campaign } from '../../src/shared/campaign-schema';
import { seedCampaign, withCampaigns, type CampaignFake } from './campaign-fake-api';
import { createFakeAdminApi } from './fake-admin-api';
import { demoSite } from './fixtures';
import { byText, click, find, mount, waitFor } from './render';

const test: Campaign = {
  id: 'upgrade',
  version: 1,
  status: 'live',
  priority: 1,
  name: 'Upgrade test',
  kind: { type: 'modal' },
  defaultLocale: 'en',
  content: { en: { title: 'Upgrade' } },
  trigger: { pageView: {} },
  experiment: { holdout: 20, variants: [{ id: 'a', weight: 1 }, { id: 'b', weight: 1 }] },
  goal: { event: 'Plan Upgraded', within: 604800 },
};

const arm = (variant: string, extra: Partial<CampaignResults['arms'][number]>): CampaignResults['arms'][number] => ({
  variant,
  impressions: 0,
  visitors: 0,
  clicks: 0,
  dismissals: 0,
  suppressed: 0,
  conversions: 0,
  conversionRate: 0,
  uplift: null,
  pValue: null,
  significant: null,
  verdict: 'control',
  ...extra,
});

let fake: CampaignFake;

async function app(path: string) {
  history.replaceState(null, '', path);
  return mount(<App api={createApi({ fetch: fake.fetch })} debounceMs={0} />);
}

const cells = (row: Element) => Object.fromEntries(Array.from(row.querySelectorAll('[data-label]')).map((c) => [c.getAttribute('data-label'), c.textContent]));

describe('campaign results', () => {
  beforeEach(() => {
    fake = withCampaigns(createFakeAdminApi({ loggedIn: true, sites: [demoSite] }));
  });

  it('shows every arm with rate, uplift, p-value and a verdict in words', async () => {
    seedCampaign(fake.state, test);
    fake.state.results.upgrade = {
      campaignId: 'upgrade',
      version: 1,
      goal: { event: 'Plan Upgraded', within: 604800 },
      control: 'control',
      arms: [
        arm('control', { impressions: 110, visitors: 100, conversions: 10, conversionRate: 0.1 }),
        arm('a', { impressions: 130, visitors: 100, clicks: 7, dismissals: 4, conversions: 30, conversionRate: 0.3, uplift: 2, pValue: 0.000407, significant: true, verdict: 'significant' }),
        arm('b', { impressions: 12, visitors: 10, clicks: 1, conversions: 1, conversionRate: 0.1, uplift: 0, verdict: 'not enough data yet' }),
      ],
      survey: null,
    };
    const root = await app('/console/campaigns/upgrade/results?site=demo');
    await waitFor(() => expect(root.querySelectorAll('.arms-table tbody tr')).toHaveLength(3));
    expect(find(root, 'h1').textContent).toBe('Upgrade test');
    const [control, a, b] = Array.from(root.querySelectorAll('.arms-table tbody tr'));
    expect(cells(control!)).toMatchObject({ Arm: 'Control (holdout)', Impressions: '110', Visitors: '100', 'Conversion rate': '10.0 %', 'Uplift vs control': '–', Verdict: 'Control' });
    expect(cells(a!)).toMatchObject({ Arm: 'Variant a', Clicks: '7', Dismissals: '4', Conversions: '30', 'Conversion rate': '30.0 %', 'Uplift vs control': '+200.0 %', 'p-value': '< 0.001', Verdict: 'Significant (better)' });
    expect(cells(b!)).toMatchObject({ 'p-value': '–', Verdict: 'Not enough data yet' });
    expect(root.textContent).toContain('Goal: “Plan Upgraded” within 7 days of seeing the message.');
    expect(root.textContent).toContain('A p-value needs at least 100 visitors in each arm');
    expect(byText(root, 'Edit').getAttribute('href')).toBe('/console/campaigns/upgrade?site=demo');
    expect(find(root, '.tabs [aria-current="page"]').textContent).toBe('Results and history');
  });

  it('leaves out conversions without a goal', async () => {
    seedCampaign(fake.state, { ...test, experiment: undefined, goal: undefined });
    fake.state.results.upgrade = { campaignId: 'upgrade', version: 1, goal: null, control: null, arms: [arm('', { impressions: 3, visitors: 2, verdict: 'no goal', conversions: null, conversionRate: null })], survey: null };
    const root = await app('/console/campaigns/upgrade/results?site=demo');
    await waitFor(() => expect(root.querySelectorAll('.arms-table tbody tr')).toHaveLength(1));
    expect(cells(find(root, '.arms-table tbody tr'))).toEqual({ Arm: 'Everyone', Impressions: '3', Visitors: '2', Clicks: '0', Dismissals: '0', Verdict: 'No goal set' });
    expect(root.textContent).toContain('No goal is set, so conversions are not measured.');
  });

  it('shows NPS with promoters, passives, detractors and the answers as labelled bars', async () => {
    seedCampaign(fake.state, { ...test, kind: { type: 'survey', survey: 'nps' }, experiment: undefined, goal: undefined });
    const distribution = Array.from({ length: 11 }, (_, i) => ({ answer: String(i), count: i === 10 ? 6 : i === 8 ? 2 : i === 3 ? 2 : 0, share: 0 }));
    for (const d of distribution) d.share = d.count / 10;
    fake.state.results.upgrade = {
      campaignId: 'upgrade',
      version: 1,
      goal: null,
      control: null,
      arms: [arm('', { verdict: 'no goal', conversions: null, conversionRate: null })],
      survey: { survey: 'nps', responses: 10, nps: { score: 40, promoters: 6, passives: 2, detractors: 2, responses: 10 }, distribution },
    };
    const root = await app('/console/campaigns/upgrade/results?site=demo');
    await waitFor(() => expect(root.querySelectorAll('.stat')).toHaveLength(4));
    const stats = Array.from(root.querySelectorAll('.stat')).map((s) => [s.querySelector('.stat-label')!.textContent, s.querySelector('.stat-value')!.textContent]);
    expect(stats).toEqual([
      ['NPS', '40'],
      ['Promoters (9–10)', '6'],
      ['Passives (7–8)', '2'],
      ['Detractors (0–6)', '2'],
    ]);
    const bars = Array.from(root.querySelectorAll('.bar-row'));
    expect(bars).toHaveLength(11);
    const ten = bars[10]!;
    const meter = find<HTMLMeterElement>(ten, 'meter');
    expect(meter.getAttribute('value')).toBe('0.6');
    // The bar is named by its answer and described by its count and share, for screen readers.
    expect(document.getElementById(meter.getAttribute('aria-labelledby')!)!.textContent).toBe('10');
    expect(document.getElementById(meter.getAttribute('aria-describedby')!)!.textContent).toBe('6 · 60.0 %');
  });

  it('lists free-text answers as text and CSAT as a percentage', async () => {
    seedCampaign(fake.state, { ...test, kind: { type: 'survey', survey: 'free-text' }, experiment: undefined, goal: undefined });
    fake.state.results.upgrade = {
      campaignId: 'upgrade',
      version: 1,
      goal: null,
      control: null,
      arms: [],
      survey: { survey: 'free-text', responses: 3, distribution: [{ answer: '<script>window.__pwned=1</script>More dark mode', count: 2, share: 2 / 3 }, { answer: 'Faster', count: 1, share: 1 / 3 }] },
    };
    const root = await app('/console/campaigns/upgrade/results?site=demo');
    const answers = await waitFor(() => {
      const list = Array.from(root.querySelectorAll('.free-answers li')).map((li) => li.textContent);
      expect(list).toHaveLength(2);
      return list;
    });
    expect(answers).toEqual(['<script>window.__pwned=1</script>More dark mode × 2', 'Faster']);
    expect(root.querySelector('.free-answers script')).toBeNull();

    fake.state.results.upgrade.survey = { survey: 'csat', responses: 4, csat: 75, distribution: [1, 2, 3, 4, 5].map((n) => ({ answer: String(n), count: n > 3 ? 2 : 0, share: n > 3 ? 0.5 : 0 })) };
    await click(byText(root, 'Refresh'));
    await waitFor(() => expect(find(root, '.stat-value').textContent).toBe('75 %'));
  });

  it('lists the saved versions and opens one as JSON', async () => {
    seedCampaign(fake.state, test);
    const entry = fake.state.campaigns.upgrade!;
    const v2 = { ...test, version: 2, content: { en: { title: 'Upgrade now' } } };
    entry.versions.unshift({ version: 2, createdAt: '2026-01-04T10:00:00.000Z', campaign: v2 });
    entry.record = { ...entry.record, campaign: v2 };
    const root = await app('/console/campaigns/upgrade/results?site=demo');
    await waitFor(() => expect(root.querySelectorAll('.history > li')).toHaveLength(2));
    expect(Array.from(root.querySelectorAll('.history strong')).map((s) => s.textContent)).toEqual(['Version 2', 'Version 1']);
    const show = byText<HTMLButtonElement>(root, 'Show version 1');
    expect(show.getAttribute('aria-expanded')).toBe('false');
    await click(show);
    const pre = await waitFor(() => find(root, '.history-json'));
    expect(JSON.parse(pre.textContent!).content.en.title).toBe('Upgrade');
    expect(byText(root, 'Hide version 1').getAttribute('aria-expanded')).toBe('true');
    expect(fake.requests.filter((r) => r.path.endsWith('/versions'))).toHaveLength(1);
  });
});
