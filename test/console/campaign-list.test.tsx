import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { parseRoute, routeHref, type Route } from '../../server/console/route';
import type { Campaign } from '../../src/shared/campaign-schema';
import { seedCampaign, withCampaigns, type CampaignFake } from './campaign-fake-api';
import { createFakeAdminApi } from './fake-admin-api';
import { demoSite } from './fixtures';
import { byLabel, byText, choose, click, find, mount, waitFor } from './render';

const base = (id: string, extra: Partial<Campaign> = {}): Campaign => ({
  id,
  version: 1,
  status: 'draft',
  priority: 0,
  kind: { type: 'modal' },
  defaultLocale: 'en',
  content: { en: { title: `Title of ${id}` } },
  trigger: { pageView: {} },
  ...extra,
});

let fake: CampaignFake;

async function app(path: string) {
  history.replaceState(null, '', path);
  return mount(<App api={createApi({ fetch: fake.fetch })} debounceMs={0} />);
}

const rows = (root: HTMLElement) => Array.from(root.querySelectorAll('.campaigns-table tbody tr'));
const rowOf = (root: HTMLElement, text: string) => rows(root).find((r) => r.textContent?.includes(text)) as HTMLElement;

describe('campaign list', () => {
  beforeEach(() => {
    fake = withCampaigns(createFakeAdminApi({ loggedIn: true, sites: [demoSite] }));
  });

  it('keeps the URL shape the dashboard links to: /console/campaigns/<id>?site=<site>', () => {
    const routes: Route[] = [
      { view: 'campaign', param: 'spring-2026', site: 'demo' },
      { view: 'campaign', param: 'a b/c?', site: 'shop' },
      { view: 'campaign-results', param: 'spring', site: 'demo' },
      { view: 'new-campaign', param: null, site: 'demo' },
      { view: 'engagement', param: null, site: 'demo' },
      { view: 'message-limits', param: null, site: 'demo' },
    ];
    for (const route of routes) {
      const url = new URL(routeHref(route), 'http://localhost');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
    expect(routeHref(routes[0]!)).toBe('/console/campaigns/spring-2026?site=demo');
    expect(routeHref(routes[2]!)).toBe('/console/campaigns/spring/results?site=demo');
    expect(parseRoute('/console/campaigns/x/other', '').view).toBe('overview');
  });

  it('lists campaigns with kind, status, priority and links, newest change first', async () => {
    seedCampaign(fake.state, base('older', { name: 'Older one', kind: { type: 'banner', position: 'top' }, priority: 3 }));
    seedCampaign(fake.state, base('nps-q1', { kind: { type: 'survey', survey: 'nps' }, status: 'live' }));
    const root = await app('/console/campaigns?site=demo');
    await waitFor(() => expect(rows(root)).toHaveLength(2));
    expect(rows(root).map((r) => r.querySelector('th')!.textContent)).toEqual(['nps-q1', 'Older one older']);
    const older = rowOf(root, 'Older one');
    expect(older.textContent).toContain('Banner (top)');
    expect(find(older, 'td[data-label="Priority"]').textContent).toBe('3');
    expect(find(older, '.badge').textContent).toBe('Draft');
    expect(byText(older, 'Older one').getAttribute('href')).toBe('/console/campaigns/older?site=demo');
    expect(byText(older, 'Results').getAttribute('href')).toBe('/console/campaigns/older/results?site=demo');
    expect(rowOf(root, 'nps-q1').textContent).toContain('Survey: NPS');
    expect(byText(root, 'New campaign').getAttribute('href')).toBe('/console/new-campaign?site=demo');

    await click(byText(older, 'Older one'));
    await waitFor(() => expect(find(root, 'h1').textContent).toBe('Older one'));
    expect(find(root, 'nav.sidenav [aria-current="page"]').textContent).toBe('Campaigns');
  });

  it('changes a status with an explicit Set, and shows why going live was refused', async () => {
    seedCampaign(fake.state, base('spring', { name: 'Spring' }));
    const root = await app('/console/campaigns?site=demo');
    const select = await waitFor(() => byLabel<HTMLSelectElement>(root, 'Status of Spring'));
    const set = byText<HTMLButtonElement>(rowOf(root, 'Spring'), 'Set');
    expect(set.disabled).toBe(true);
    await choose(select, 'live');
    // Choosing is not applying: nothing is sent until Set.
    expect(fake.requests.some((r) => r.method === 'PATCH')).toBe(false);
    await click(set);
    await waitFor(() => expect(find(rowOf(root, 'Spring'), '.badge').textContent).toBe('Live'));
    expect(fake.requests.find((r) => r.method === 'PATCH')).toEqual({ method: 'PATCH', path: '/v1/admin/sites/demo/campaigns/spring', body: { status: 'live' } });
    expect(fake.state.campaigns.spring!.record.campaign.status).toBe('live');

    fake.answerNext('PATCH', '/campaigns/spring', 400, {
      error: 'invalid_campaign',
      message: 'The campaign was not saved: trigger needs at least one condition.',
      errors: [{ path: 'trigger', message: 'trigger needs at least one condition' }],
    });
    await choose(byLabel<HTMLSelectElement>(root, 'Status of Spring'), 'paused');
    await click(byText(rowOf(root, 'Spring'), 'Set'));
    await waitFor(() => expect(find(rowOf(root, 'Spring'), '[role="alert"]').textContent).toContain('trigger needs at least one condition'));
    expect(find(rowOf(root, 'Spring'), '.badge').textContent).toBe('Live');
    expect(byLabel<HTMLSelectElement>(root, 'Status of Spring').value).toBe('live');
  });

  it('renders stored names as text, never HTML', async () => {
    // Written around the API (the validator refuses HTML): the console must still not run it.
    seedCampaign(fake.state, base('x', { name: '<img src=x onerror="window.__pwned=1">Evil' }));
    const root = await app('/console/campaigns?site=demo');
    await waitFor(() => expect(rows(root)).toHaveLength(1));
    expect(rows(root)[0]!.querySelector('th a')!.textContent).toBe('<img src=x onerror="window.__pwned=1">Evil');
    expect(root.querySelector('.campaigns-table img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('says what a campaign is when there are none, and retries after an error', async () => {
    fake.answerNext('GET', '/campaigns', 500, { error: 'internal', message: 'Database unavailable.' });
    const root = await app('/console/campaigns?site=demo');
    await waitFor(() => expect(find(root, '[role="alert"]').textContent).toContain('Database unavailable.'));
    await click(byText(root, 'Try again'));
    await waitFor(() => expect(root.textContent).toContain('No campaigns yet.'));
    expect(byText(root, 'Create the first one').getAttribute('href')).toBe('/console/new-campaign?site=demo');
  });
});
