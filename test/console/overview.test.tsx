/**
 * The console's Overview under happy-dom, against a stand-in for GET /v1/admin/sites/:site/overview (the real API is
 * covered by test/server/overview*.test.ts and, with Chromium, test/e2e/console-overview.test.ts): what it shows, the
 * range it asks for, CSV export of a table, and the CSV escaping itself.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../server/console/api';
import { chartData, chartOptions } from '../../server/console/components/Chart';
import { OverviewView } from '../../server/console/components/OverviewView';
import { campaignVerdict } from '../../server/console/campaign-verdict';
import type { ArmResult, CampaignResults } from '../../server/console/campaign-types';
import { csvCell, csvFileName, toCsv } from '../../server/console/csv';
import { vitalValue } from '../../server/console/overview-format';
import type { Overview } from '../../server/overview/overview-types';
import { byText, choose, click, find, mount, submit, type, waitFor } from './render';

function overview(range = { from: '2024-05-01', to: '2024-05-03', days: 3, timezone: 'Asia/Tokyo' }): Overview {
  return {
    site: 'demo',
    range,
    rebuilding: null,
    traffic: {
      totals: { visitors: 1234, newVisitors: 1000, returningVisitors: 234, sessions: 2000, pageviews: 5000 },
      daily: [
        { day: '2024-05-01', visitors: 400, newVisitors: 350, returningVisitors: 50, sessions: 600, pageviews: 1500 },
        { day: '2024-05-02', visitors: 500, newVisitors: 400, returningVisitors: 100, sessions: 800, pageviews: 2000 },
        { day: '2024-05-03', visitors: 334, newVisitors: 250, returningVisitors: 84, sessions: 600, pageviews: 1500 },
      ],
      pages: [
        { path: '/', views: 3000, entries: 1500 },
        { path: '=cmd|/C calc', views: 2, entries: 1 },
      ],
      referrers: [
        { source: '', sessions: 1200 },
        { source: 'google.com', sessions: 800 },
      ],
      campaigns: [{ campaign: 'spring, "sale"', source: 'newsletter', medium: 'email', sessions: 40 }],
    },
    links: {
      totals: { clicks: 30, outbound: 20, downloads: 10 },
      top: [{ href: 'https://github.com/x', text: 'GitHub', outbound: true, download: false, clicks: 20 }],
      outbound: [{ href: 'https://github.com/x', text: 'GitHub', outbound: true, download: false, clicks: 20 }],
      downloads: [],
    },
    vitals: {
      metrics: [
        { name: 'LCP', samples: 100, p75: 2600, good: 0.6, needsImprovement: 0.3, poor: 0.1 },
        { name: 'INP', samples: 50, p75: 180, good: 0.9, needsImprovement: 0.1, poor: 0 },
        { name: 'CLS', samples: 80, p75: 0.3, good: 0.5, needsImprovement: 0.2, poor: 0.3 },
        { name: 'FCP', samples: 0, p75: null, good: 0, needsImprovement: 0, poor: 0 },
        { name: 'TTFB', samples: 100, p75: 500, good: 1, needsImprovement: 0, poor: 0 },
      ],
      pages: [{ path: '/', samples: 300, p75: { LCP: 3000, INP: 150, CLS: 0.05, FCP: null, TTFB: 400 } }],
    },
    engagement: {
      tiers: [
        { name: 'champion', min: 80 },
        { name: 'engaged', min: 50 },
        { name: 'casual', min: 20 },
        { name: 'dormant', min: 0 },
      ],
      daily: [{ day: '2024-05-03', tiers: { champion: 1, engaged: 2, casual: 3, dormant: 4 } }],
      distribution: Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, people: i })),
      people: 10,
    },
    conversations: { count: 3, firstResponse: { count: 3, p50: 120, p90: 264 }, resolution: { count: 2, p50: 900, p90: 1140 }, csat: { responses: 2, average: 4, satisfied: 50 } },
    feedback: {
      count: 6,
      nps: { score: 25, promoters: 2, passives: 1, detractors: 1, responses: 4 },
      stars: { average: 4.5, responses: 2 },
      recent: [{ id: 'f1', scale: 'nps', rating: 7, comment: 'Fine <b>really</b>', page: 'https://shop.example/pricing', createdAt: '2024-05-02T01:00:00.000Z' }],
    },
    campaigns: [{ id: 'spring sale', name: 'Spring sale', status: 'live', kind: 'modal', shown: 300, clicked: 30, dismissed: 60, converted: 5, clickRate: 0.1 }],
    tookMs: 12,
  };
}

const arm = (variant: string, verdict: string, uplift: number | null): ArmResult => ({
  variant, impressions: 150, visitors: 150, clicks: 10, dismissals: 5, suppressed: 0, conversions: 30, conversionRate: 0.2,
  uplift, pValue: verdict === 'significant' ? 0.01 : null, significant: verdict === 'significant' ? true : null, verdict,
});
const results = (arms: ArmResult[], extra: Partial<CampaignResults> = {}): CampaignResults => ({
  campaignId: 'spring sale', version: 1, goal: { event: 'Signed Up', within: 604800 }, control: 'control', arms, survey: null, ...extra,
});

/** A fetch that answers the overview route (and a campaign's results), recording the query of each overview request. */
function fakeFetch(answer: (url: URL) => Response = () => Response.json(overview())) {
  const urls: URL[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://console.test');
    if (url.pathname.endsWith('/results')) return Response.json(results([arm('control', 'control', null), arm('b', 'significant', 0.5)]));
    urls.push(url);
    return answer(url);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, urls };
}

async function view(answer?: (url: URL) => Response) {
  const fake = fakeFetch(answer);
  const root = await mount(<OverviewView api={createApi({ fetch: fake.fetch })} site="demo" />);
  await waitFor(() => expect(root.querySelector('.ov-section')).toBeTruthy());
  return { root, ...fake };
}

const table = (root: HTMLElement, title: string) => find<HTMLElement>(root, `section.ov-table[aria-label="${title}"]`);
const cells = (el: HTMLElement) => Array.from(el.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()));

describe('overview view', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks for the last 30 days of the site and shows totals, tables and the timezone', async () => {
    const { root, urls } = await view();
    expect(urls[0]!.pathname).toBe('/v1/admin/sites/demo/overview');
    expect(urls[0]!.searchParams.get('days')).toBe('30');
    const stat = (label: string) => Array.from(root.querySelectorAll('.stat')).find((s) => s.querySelector('.stat-label')?.textContent === label)!;
    expect(stat('Visitors').querySelector('.stat-value')!.textContent).toBe('1,234');
    expect(stat('Visitors').querySelector('.stat-note')!.textContent).toBe('1,000 new · 234 returning');
    expect(stat('Sessions').querySelector('.stat-note')!.textContent).toBe('2.5 pages per session');
    expect(stat('Good LCP').querySelector('.stat-value')!.textContent).toBe('60 %');
    expect(root.textContent).toContain('Days in Asia/Tokyo');
    expect(cells(table(root, 'Top pages'))).toEqual([
      ['/', '3,000', '1,500'],
      ['=cmd|/C calc', '2', '1'],
    ]);
    expect(cells(table(root, 'Referrers'))[0]).toEqual(['Direct / none', '1,200']);
    expect(cells(table(root, 'Downloads'))).toEqual([]);
    expect(table(root, 'Downloads').textContent).toContain('No downloads in this range.');
  });

  it('shows vitals with units and ratings, support measures, and campaigns linking to their page', async () => {
    const { root } = await view();
    const vitals = table(root, 'Web vitals');
    const lcp = vitals.querySelector('tbody tr')!;
    expect(lcp.querySelector('.ov-rating')!.textContent).toBe('2.6 s');
    expect(lcp.querySelector('.ov-rating')!.className).toContain('ov-needs-improvement');
    expect(lcp.textContent).toContain('60 % good · 30 % needs improvement · 10 % poor');
    expect(vitals.querySelectorAll('tbody tr')[2]!.querySelector('.ov-rating')!.className).toContain('ov-poor');
    expect(vitals.querySelectorAll('tbody tr')[3]!.textContent).toContain('—');
    expect(cells(table(root, 'Web vitals per page'))[0]).toEqual(['/', '300', '3 s', '150 ms', '0.05', '—', '400 ms']);
    const stat = (label: string) => Array.from(root.querySelectorAll('.stat')).find((s) => s.querySelector('.stat-label')?.textContent === label)!;
    expect(stat('First response').textContent).toContain('2 min');
    expect(stat('First response').querySelector('.stat-note')!.textContent).toBe('median · p90 4 min 24 s');
    expect(stat('CSAT').querySelector('.stat-value')!.textContent).toBe('50 %');
    expect(stat('NPS').querySelector('.stat-value')!.textContent).toBe('+25');
    // Comments are text: the <b> arrives as characters, never as an element.
    const recent = table(root, 'Recent feedback');
    expect(recent.textContent).toContain('Fine <b>really</b>');
    expect(recent.querySelector('b')).toBeNull();
    const link = byText<HTMLAnchorElement>(root, 'Spring sale');
    expect(link.getAttribute('href')).toBe('/console/campaigns/spring%20sale?site=demo');
    // The result line comes from the campaign's results, fetched after the table shows.
    await waitFor(() => expect(cells(table(root, 'Campaigns'))[0]).toEqual(['Spring sale', 'live', 'modal', '300', '30', '10 %', '60', '5', 'b +50 %, significant']));
    expect(cells(table(root, 'Engagement tiers per day'))).toEqual([['2024-05-03', '1', '2', '3', '4']]);
  });

  it('asks again for a preset or a custom range, and refuses a custom range that ends before it starts', async () => {
    const { root, urls } = await view();
    await choose(find<HTMLSelectElement>(root, 'select[aria-label="Date range"]'), '7');
    await waitFor(() => expect(urls.at(-1)!.searchParams.get('days')).toBe('7'));
    await choose(find<HTMLSelectElement>(root, 'select[aria-label="Date range"]'), 'custom');
    const [from, to] = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="date"]'));
    await type(from!, '2024-05-03');
    await type(to!, '2024-05-01');
    const before = urls.length;
    await submit(find<HTMLFormElement>(root, 'form.ov-range'));
    expect(find(root, '.ov-range-problem').textContent).toBe('The first date must not be after the second.');
    expect(urls.length).toBe(before);
    await type(from!, '2024-04-01');
    await submit(find<HTMLFormElement>(root, 'form.ov-range'));
    await waitFor(() => expect(urls.at(-1)!.search).toBe('?from=2024-04-01&to=2024-05-01&limit=20'));
  });

  it('says when the rollups are being recounted (a new timezone) and asks again until they are done', async () => {
    let calls = 0;
    const { root } = await view(() => Response.json({ ...overview(), rebuilding: calls++ === 0 ? 40 : null }));
    expect(find(root, '.ov-rebuilding').textContent).toBe('Recounting for the site’s timezone: 40 % done. The numbers fill in as it goes.');
    await waitFor(() => expect(root.querySelector('.ov-rebuilding')).toBeNull(), 4000);
    expect(calls).toBeGreaterThanOrEqual(2);
  });

  it('shows the server error and tries again on request', async () => {
    let fail = true;
    const fake = fakeFetch(() =>
      fail ? Response.json({ error: 'invalid_request', message: 'the range may span at most 400 days' }, { status: 400 }) : Response.json(overview()),
    );
    const root = await mount(<OverviewView api={createApi({ fetch: fake.fetch })} site="demo" />);
    await waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toContain('the range may span at most 400 days'));
    fail = false;
    await click(byText(root, 'Try again'));
    await waitFor(() => expect(root.querySelector('.ov-section')).toBeTruthy());
    expect(root.querySelector('[role="alert"]')).toBeNull();
  });

  it('exports a table as CSV in the browser: header, raw values, quoting and formula guard, with a BOM', async () => {
    const { root } = await view();
    let saved: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const names: string[] = [];
    const clickSpy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await click(find(table(root, 'Top pages'), 'button'));
    expect(clickSpy).toHaveBeenCalledTimes(1);
    expect(names).toEqual(['top-pages-2024-05-01-2024-05-03.csv']);
    const bytes = new Uint8Array(await saved!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("Page,Views,Entries\r\n/,3000,1500\r\n'=cmd|/C calc,2,1\r\n");

    await click(find(table(root, 'UTM campaigns'), 'button'));
    expect(await saved!.text()).toContain('"spring, ""sale""",newsletter,email,40\r\n');
    await click(find(table(root, 'Web vitals'), 'button'));
    expect(await saved!.text()).toContain('Metric,p75,Samples,Good,Needs improvement,Poor\r\nLCP,2600,100,0.6,0.3,0.1\r\n');
    // A table without rows has nothing to export.
    expect(find<HTMLButtonElement>(table(root, 'Downloads'), 'button').disabled).toBe(true);
  });
});

describe('campaign verdict', () => {
  it('sums up results: the best significant variant, or where the test stands, or a survey score', () => {
    expect(campaignVerdict(results([arm('control', 'control', null), arm('a', 'significant', 0.2), arm('b', 'significant', 0.5)]))).toBe('b +50 %, significant');
    expect(campaignVerdict(results([arm('control', 'control', null), arm('a', 'not enough data yet', null)]))).toBe('Not enough data yet');
    expect(campaignVerdict(results([arm('control', 'control', null), arm('a', 'not significant', 0.1)]))).toBe('No significant difference yet');
    expect(campaignVerdict(results([arm('', 'no comparison', null)]))).toBe('20 % of 150 visitors converted');
    expect(campaignVerdict(results([arm('', 'no goal', null)], { goal: null }))).toBe('No goal set');
    const nps = { score: 25, promoters: 2, passives: 1, detractors: 1, responses: 4 };
    expect(campaignVerdict(results([], { survey: { survey: 'nps', responses: 4, nps, distribution: [] } }))).toBe('NPS +25 (4 answers)');
    expect(campaignVerdict(results([], { survey: { survey: 'csat', responses: 3, csat: 67, distribution: [] } }))).toBe('CSAT 67 % (3 answers)');
  });
});

describe('csv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.25)).toBe('0.25');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(toCsv(['a', 'b'], [[1, 'x'], [null, '=2']])).toBe("a,b\r\n1,x\r\n,'=2\r\n");
    expect(csvFileName('Web vitals per page', '2024-05-01', '2024-05-30')).toBe('web-vitals-per-page-2024-05-01-2024-05-30.csv');
  });

  it('formats vitals with their units', () => {
    expect(vitalValue('LCP', 2600)).toBe('2.6 s');
    expect(vitalValue('LCP', 3000)).toBe('3 s');
    expect(vitalValue('INP', 180)).toBe('180 ms');
    expect(vitalValue('CLS', 0.05)).toBe('0.05');
    expect(vitalValue('TTFB', null)).toBe('—');
  });
});

describe('chart', () => {
  it('plots local days at UTC midnight and categories as bars at 0, 1, 2…', () => {
    const days = { label: 'x', x: ['2024-05-01', '2024-05-02'], series: [{ label: 'Visitors', values: [1, 2], color: '#000' }] };
    expect(chartData(days)).toEqual([[Date.UTC(2024, 4, 1) / 1000, Date.UTC(2024, 4, 2) / 1000], [1, 2]]);
    const time = chartOptions(days, 360);
    expect(time.scales!.x!.time).toBe(true);
    expect(time.width).toBe(360);
    expect(time.series.map((s) => s.label)).toEqual(['Day', 'Visitors']);
    const bands = { label: 'y', x: ['0–9', '10–19'], series: [{ label: 'People', values: [3, 4], color: '#000' }] };
    expect(chartData(bands)[0]).toEqual([0, 1]);
    const bars = chartOptions(bands, 800);
    expect(bars.scales!.x!.time).toBe(false);
    expect(bars.series[1]!.paths).toBeTypeOf('function');
  });
});
