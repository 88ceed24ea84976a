import { beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import type { ScoredPerson } from '../../server/console/campaign-types';
import { withCampaigns, type CampaignFake } from './campaign-fake-api';
import { createFakeAdminApi } from './fake-admin-api';
import { demoSite } from './fixtures';
import { byLabel, byText, choose, find, mount, waitFor } from './render';

const person = (id: string, score: number, tier: string, traits: Record<string, unknown> = {}): ScoredPerson => ({
  id,
  userId: `user-${id}`,
  anonymousIds: [`anon-${id}`],
  traits,
  firstSeen: '2026-01-01T10:00:00.000Z',
  lastSeen: '2026-01-02T10:00:00.000Z',
  eventCount: score,
  score,
  tier,
});

let fake: CampaignFake;

async function app(path: string) {
  history.replaceState(null, '', path);
  return mount(<App api={createApi({ fetch: fake.fetch })} debounceMs={0} />);
}

describe('people by engagement score', () => {
  beforeEach(() => {
    const base = createFakeAdminApi({ loggedIn: true, sites: [demoSite], people: { demo: [{ person: person('ada', 0, '', { name: 'Ada Lovelace' }), events: [] }] } });
    fake = withCampaigns(base);
    fake.state.peopleByScore = {
      people: [person('ada', 91, 'champion', { name: 'Ada <b>Lovelace</b>' }), person('bob', 55, 'engaged'), person('cy', 0, 'dormant')],
      tiers: [
        { name: 'champion', min: 80, count: 1 },
        { name: 'engaged', min: 50, count: 1 },
        { name: 'casual', min: 20, count: 0 },
        { name: 'dormant', min: 0, count: 5 },
      ],
      total: 7,
    };
  });

  it('sorts by score with score and tier columns and the count per tier, and keeps the sort in the URL', async () => {
    const root = await app('/console/people?site=demo');
    await waitFor(() => byText(root, 'Ada Lovelace'));
    await choose(byLabel<HTMLSelectElement>(root, 'Sort by'), 'score');
    await waitFor(() => expect(root.querySelectorAll('.people-table tbody tr')).toHaveLength(3));
    expect(fake.requests.at(-1)!.path).toBe('/v1/admin/sites/demo/people?sort=score&limit=100');
    expect(location.search).toBe('?site=demo&sort=score');
    const rows = Array.from(root.querySelectorAll('.people-table tbody tr')).map((tr) =>
      Array.from(tr.children).map((c) => c.textContent),
    );
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      ['91', 'champion'],
      ['55', 'engaged'],
      ['0', 'dormant'],
    ]);
    // Visitor-supplied traits are text.
    expect(rows[0]![0]).toBe('Ada <b>Lovelace</b>');
    expect(root.querySelector('.people-table b')).toBeNull();
    expect(byText(root, 'Ada <b>Lovelace</b>').getAttribute('href')).toBe('/console/people/user-ada?site=demo');
    const tiers = Array.from(root.querySelectorAll('.tier-counts .stat')).map((s) => [s.querySelector('.stat-label')!.textContent, s.querySelector('.stat-value')!.textContent]);
    expect(tiers).toEqual([
      ['champion', '1'],
      ['engaged', '1'],
      ['casual', '0'],
      ['dormant', '5'],
      ['Everyone', '7'],
    ]);
    expect(byLabel<HTMLInputElement>(root, /Search by user id/).disabled).toBe(true);

    await choose(byLabel<HTMLSelectElement>(root, 'Sort by'), 'recent');
    await waitFor(() => expect(root.querySelector('.people-table')).toBeNull());
    expect(location.search).toBe('?site=demo');
    expect(find(root, '.cards.people').textContent).toContain('Ada Lovelace');
  });

  it('opens straight into score order from a link with ?sort=score', async () => {
    const root = await app('/console/people?site=demo&sort=score');
    await waitFor(() => expect(root.querySelectorAll('.people-table tbody tr')).toHaveLength(3));
    expect(byLabel<HTMLSelectElement>(root, 'Sort by').value).toBe('score');
    expect(fake.requests.some((r) => r.path === '/v1/admin/sites/demo/people?limit=100')).toBe(false);
  });
});
