import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../server/console/api';
import { App } from '../../server/console/components/App';
import { npsBreakdown } from '../../server/console/feedback-summary';
import type { Feedback } from '../../server/console/types';
import { createFakeAdminApi } from './fake-admin-api';
import { at, demoSite } from './fixtures';
import { find, mount, waitFor } from './render';

let n = 0;
function answer(partial: Partial<Feedback>): Feedback {
  n += 1;
  return {
    id: `f-${n}`,
    scale: 'nps',
    rating: 10,
    comment: null,
    page: { url: 'http://localhost:8080/support.html', title: 'Support' },
    anonymousId: 'a1b2c3d4-0000-4000-8000-000000000001',
    userId: null,
    createdAt: at(n * 60),
    ...partial,
  };
}

async function view(feedback: Feedback[], summary: { count: number; nps: number | null; averageStars: number | null }) {
  const fake = createFakeAdminApi({ loggedIn: true, sites: [demoSite], feedback: { demo: { feedback, summary } } });
  history.replaceState(null, '', '/console/feedback?site=demo');
  const root = await mount(<App api={createApi({ fetch: fake.fetch, EventSource: fake.EventSource })} debounceMs={0} />);
  await waitFor(() => expect(root.querySelector('.summary-cards') ?? root.querySelector('.empty p')?.textContent?.match(/No feedback/)).toBeTruthy());
  return { root, fake };
}

const stat = (root: HTMLElement, label: string) =>
  Array.from(root.querySelectorAll('.stat')).find((el) => el.querySelector('.stat-label')?.textContent === label);

describe('feedback view', () => {
  afterEach(() => history.replaceState(null, '', '/'));

  it('shows the NPS score with its breakdown and each answer with rating, comment as text, page and time', async () => {
    const list = [
      answer({ rating: 10, comment: 'Love it <script>window.__pwned=1</script>', userId: 'user-aiko' }),
      answer({ rating: 9 }),
      answer({ rating: 7, comment: 'OK' }),
      answer({ rating: 3, comment: 'Too slow', page: { url: 'javascript:alert(1)', title: 'Bad' } }),
    ];
    const { root, fake } = await view(list, { count: 4, nps: 25, averageStars: null });
    expect(fake.requests.find((r) => r.path.includes('/feedback'))?.path).toBe('/v1/admin/sites/demo/feedback?limit=200');
    await waitFor(() => expect(stat(root, 'NPS')?.querySelector('.stat-value')?.textContent).toBe('+25'));
    expect(stat(root, 'NPS')!.textContent).toContain('2 promoters · 1 passives · 1 detractors');
    expect(stat(root, 'Answers')!.querySelector('.stat-value')!.textContent).toBe('4');
    expect(stat(root, 'Average')).toBeUndefined();

    const items = Array.from(root.querySelectorAll('.feedback'));
    expect(items.map((li) => li.querySelector('.nps')?.textContent)).toEqual(['10 out of 10', '9 out of 10', '7 out of 10', '3 out of 10']);
    expect(items.map((li) => li.querySelector('.nps')?.className)).toEqual(['nps nps-promoter', 'nps nps-promoter', 'nps nps-passive', 'nps nps-detractor']);
    expect(items[0]!.querySelector('.feedback-comment')!.textContent).toBe('Love it <script>window.__pwned=1</script>');
    expect(root.querySelector('.feedback script')).toBeNull();
    expect(items[1]!.textContent).toContain('No comment.');
    const page = items[0]!.querySelector<HTMLAnchorElement>('.event-path a')!;
    expect([page.textContent, page.getAttribute('href'), page.rel]).toEqual(['Support', 'http://localhost:8080/support.html', 'noopener noreferrer']);
    expect(items[0]!.querySelector('time')!.getAttribute('dateTime')).toBe(list[0]!.createdAt);
    expect(items[0]!.textContent).toContain('user-aiko');
    // A javascript: page URL is shown as text, never as a link.
    expect(items[3]!.textContent).toContain('Bad');
    expect(root.querySelector('a[href^="javascript:"]')).toBeNull();
  });

  it('shows the average stars for a stars site', async () => {
    const list = [answer({ scale: 'stars', rating: 5 }), answer({ scale: 'stars', rating: 4 }), answer({ scale: 'stars', rating: 2 })];
    const { root } = await view(list, { count: 3, nps: null, averageStars: 11 / 3 });
    await waitFor(() => expect(stat(root, 'Average')).toBeDefined());
    expect(stat(root, 'Average')!.querySelector('.stat-value')!.textContent).toContain('3.7');
    expect(stat(root, 'Average')!.querySelector('.stars')!.getAttribute('aria-label')).toBe(`${11 / 3} out of 5 stars`);
    expect(stat(root, 'Average')!.textContent).toContain('5★ 1 · 4★ 1 · 3★ 0 · 2★ 1 · 1★ 0');
    expect(stat(root, 'NPS')).toBeUndefined();
    expect(Array.from(root.querySelectorAll('.feedback .stars')).map((s) => s.getAttribute('aria-label'))).toEqual([
      '5 out of 5 stars',
      '4 out of 5 stars',
      '2 out of 5 stars',
    ]);
  });

  it('explains how to get feedback when there is none', async () => {
    const { root } = await view([], { count: 0, nps: null, averageStars: null });
    await waitFor(() => expect(find(root, '.empty').textContent).toContain('No feedback yet'));
    expect(find(root, '.empty a[href="/support.html"]')).toBeTruthy();
  });

  it('computes NPS as % promoters minus % detractors', () => {
    const scores = [10, 10, 9, 8, 7, 6, 0, 5, 10, 9];
    const result = npsBreakdown(scores.map((rating) => answer({ rating })));
    expect(result).toEqual({ promoters: 5, passives: 2, detractors: 3, score: 20 });
    expect(npsBreakdown([answer({ scale: 'stars', rating: 5 })]).score).toBeNull();
  });
});
