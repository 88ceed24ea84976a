/**
 * The Overview's rollups against a recomputation from the raw events, on real PGlite and PostgreSQL: random visitors,
 * sessions, page views, clicks, vitals and campaign events around a daylight-saving change (America/New_York,
 * 2024-03-10), stored in several batches with re-sent duplicates; then after erasing a person, after a retention
 * purge, and after the site moves to a half-hour zone (Asia/Kolkata, +05:30) so its rollups are rebuilt. The reference
 * is plain JavaScript over the stored events with Intl's timezone rules, independent of the triggers' SQL.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KizunaServer } from '../../server/create-server.js';
import { localDate } from '../../server/overview/overview-range.js';
import type { Overview } from '../../server/overview/overview-types.js';
import { rebuildStep } from '../../server/overview/rollup-rebuild.js';
import type { Site, Store, StoredMessage } from '../../server/store/store.js';
import { storedMessage } from './helpers/messages.js';
import { ADMIN_TOKEN, testServer } from './helpers/test-server.js';
import { closeTestStore, openTestStore, STORE_KINDS, uniqueId } from './helpers/test-stores.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ORIGIN = 'https://shop.example';
const PATHS = ['/', '/pricing', '/docs', '/blog/a'];
const REFERRERS = ['', 'https://www.google.com/', 'https://news.ycombinator.com/x', `${ORIGIN}/`, 'https://github.com/'];
const LINKS = [['https://github.com/k', true, false], [`${ORIGIN}/f.pdf`, false, true], ['https://x.com/k', true, false]] as const;
const THRESHOLDS: Record<string, [number, number]> = { LCP: [2500, 4000], INP: [200, 500], CLS: [0.1, 0.25], FCP: [1800, 3000], TTFB: [800, 1800] };

interface RawEvent {
  id: number;
  type: string;
  event: string | null;
  anonymous_id: string | null;
  user_id: string | null;
  properties: Record<string, any>;
  context: Record<string, any>;
  timestamp: Date;
}

const host = (url: string | undefined): string => {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url ?? '');
  return m ? m[1]!.toLowerCase().replace(/^www\./, '') : '';
};
// Rounded up to two significant digits, as the rollup does in exact decimal arithmetic.
const twoDigits = (v: number): number => {
  if (v === 0) return 0;
  const unit = 10 ** (Math.floor(Math.log10(v)) - 1);
  return Number((Math.ceil(Number((v / unit).toFixed(9))) * unit).toPrecision(12));
};
const nearestRank = (values: number[]): number | null => {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.75 * sorted.length) - 1]!;
};

/**
 * What the overview should say, recomputed from the stored events. `history` holds every event ever stored (before
 * erasure and purges): a visitor keeps the first day they were seen and a session the day, entry page and source of its
 * first stored event while any of their events remain.
 */
function reference(events: RawEvent[], tz: string, from: string, to: string, history: RawEvent[] = events) {
  const inRange = (d: string) => d >= from && d <= to;
  const dayOf = (e: RawEvent) => localDate(e.timestamp, tz);
  const visitorOf = (e: RawEvent) => (e.anonymous_id ? `a:${e.anonymous_id}` : `u:${e.user_id}`);
  const sorted = [...events].sort((a, b) => a.id - b.id);
  const firstDay = new Map<string, string>();
  const sessions = new Map<string, RawEvent>();
  const sessionOf = (e: RawEvent) => e.context.sessionId || `${visitorOf(e)}@${dayOf(e)}`;
  for (const e of [...history].sort((a, b) => a.id - b.id)) {
    const v = visitorOf(e);
    const d = dayOf(e);
    if (!firstDay.has(v) || d < firstDay.get(v)!) firstDay.set(v, d);
    if (!sessions.has(sessionOf(e))) sessions.set(sessionOf(e), e);
  }
  const remaining = new Set(sorted.map(sessionOf));
  for (const key of sessions.keys()) if (!remaining.has(key)) sessions.delete(key);
  const days = new Map<string, { visitors: Set<string>; pageviews: number; sessions: number }>();
  const at = (d: string) => days.get(d) ?? days.set(d, { visitors: new Set(), pageviews: 0, sessions: 0 }).get(d)!;
  const views = new Map<string, number>();
  const entries = new Map<string, number>();
  const sources = new Map<string, number>();
  const links = new Map<string, number>();
  const vitals = new Map<string, { values: number[]; ratings: [number, number, number] }>();
  const shown = new Map<string, number>();
  for (const e of sorted) {
    const d = dayOf(e);
    if (!inRange(d)) continue;
    at(d).visitors.add(visitorOf(e));
    if (e.type === 'page') {
      at(d).pageviews++;
      views.set(e.properties.path, (views.get(e.properties.path) ?? 0) + 1);
    }
    if (e.event === 'Link Clicked') links.set(e.properties.href, (links.get(e.properties.href) ?? 0) + 1);
    if (e.event === 'Web Vital') {
      const v = vitals.get(e.properties.name) ?? { values: [], ratings: [0, 0, 0] };
      v.values.push(twoDigits(e.properties.value));
      const [good, poor] = THRESHOLDS[e.properties.name]!;
      v.ratings[e.properties.value <= good ? 0 : e.properties.value <= poor ? 1 : 2]++;
      vitals.set(e.properties.name, v);
    }
    if (e.event === 'Message Shown') shown.set(e.properties.campaignId, (shown.get(e.properties.campaignId) ?? 0) + 1);
  }
  for (const first of sessions.values()) {
    const d = dayOf(first);
    if (!inRange(d)) continue;
    at(d).sessions++;
    const path = first.context.page?.path ?? '';
    entries.set(path, (entries.get(path) ?? 0) + 1);
    const ref = host(first.properties.referrer ?? first.context.page?.referrer);
    const source = ref === '' || ref === host(first.context.page?.url) ? '' : ref;
    sources.set(source, (sources.get(source) ?? 0) + 1);
  }
  const allVisitors = new Set([...days.values()].flatMap((d) => [...d.visitors]));
  const newVisitors = [...allVisitors].filter((v) => inRange(firstDay.get(v)!)).length;
  const daily = [...days.entries()]
    .filter(([, d]) => d.visitors.size > 0)
    .map(([day, d]) => {
      const fresh = [...d.visitors].filter((v) => firstDay.get(v) === day).length;
      return { day, visitors: d.visitors.size, newVisitors: fresh, returningVisitors: d.visitors.size - fresh, sessions: d.sessions, pageviews: d.pageviews };
    })
    .sort((a, b) => (a.day < b.day ? -1 : 1));
  return {
    daily,
    totals: { visitors: allVisitors.size, newVisitors, returningVisitors: allVisitors.size - newVisitors, sessions: daily.reduce((a, d) => a + d.sessions, 0), pageviews: daily.reduce((a, d) => a + d.pageviews, 0) },
    pages: [...views].map(([path, v]) => ({ path, views: v, entries: entries.get(path) ?? 0 })).sort((a, b) => b.views - a.views || b.entries - a.entries || (a.path < b.path ? -1 : 1)),
    referrers: [...sources].map(([source, n]) => ({ source, sessions: n })).sort((a, b) => b.sessions - a.sessions || (a.source < b.source ? -1 : 1)),
    links: [...links].map(([href, clicks]) => ({ href, clicks })).sort((a, b) => b.clicks - a.clicks || (a.href < b.href ? -1 : 1)),
    vitals: Object.fromEntries([...vitals].map(([name, v]) => [name, { samples: v.values.length, p75: nearestRank(v.values), counts: v.ratings }])),
    shown: Object.fromEntries(shown),
  };
}

/** A random but reproducible stream of messages for `visitors` visitors over 2024-03-08 … 2024-03-12 UTC. */
function randomMessages(seed: number, visitors: number): StoredMessage[] {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const out: StoredMessage[] = [];
  const start = Date.parse('2024-03-08T00:00:00Z');
  for (let v = 0; v < visitors; v++) {
    const anon = `v${v}`;
    for (let k = 0, n = 1 + Math.floor(rand() * 3); k < n; k++) {
      const session = rand() < 0.1 ? undefined : `s-${v}-${k}`;
      let t = start + Math.floor(rand() * 5 * 86_400_000);
      let previous = pick(REFERRERS);
      for (let p = 0, pages = 1 + Math.floor(rand() * 4); p < pages; p++) {
        const path = pick(PATHS);
        const context = { ...(session ? { sessionId: session } : {}), page: { url: ORIGIN + path, path, referrer: previous } };
        const at = () => new Date((t += 1000 + Math.floor(rand() * 3_600_000)));
        out.push(storedMessage({ type: 'page', event: null, anonymousId: anon, properties: { url: ORIGIN + path, path, referrer: previous }, context, timestamp: at() }));
        if (rand() < 0.5) {
          const name = pick(['LCP', 'INP', 'CLS', 'FCP', 'TTFB']);
          const value = name === 'CLS' ? Math.floor(rand() * 40) / 100 : 10 + Math.floor(rand() * 5000);
          out.push(storedMessage({ type: 'track', event: 'Web Vital', anonymousId: anon, properties: { name, value }, context, timestamp: at() }));
        }
        if (rand() < 0.2) {
          const [href, outbound, download] = pick(LINKS);
          out.push(storedMessage({ type: 'track', event: 'Link Clicked', anonymousId: anon, properties: { href, text: 'x', outbound, download }, context, timestamp: at() }));
        }
        if (rand() < 0.15) out.push(storedMessage({ type: 'track', event: 'Message Shown', anonymousId: anon, properties: { campaignId: pick(['c1', 'c2']) }, context, timestamp: at() }));
        previous = ORIGIN + path;
      }
    }
  }
  return out;
}

describe.each(STORE_KINDS)('overview rollups against the raw events on %s', (kind) => {
  let store: Store;
  let server: KizunaServer;
  let site: Site;

  const overviewOf = async (from: string, to: string): Promise<Overview> => {
    const res = await server.app.inject({ method: 'GET', url: `/v1/admin/sites/${site.id}/overview?from=${from}&to=${to}&limit=500`, headers: bearer });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const rawEvents = async (): Promise<RawEvent[]> =>
    (await store.db.query<RawEvent>('SELECT id, type, event, anonymous_id, user_id, properties, context, timestamp FROM events WHERE site_id = $1', [site.id])).rows.map((r) => ({
      ...r,
      id: Number(r.id),
      timestamp: new Date(r.timestamp),
    }));

  /** Compares everything the overview derives from events with the reference, for one range. */
  let history: RawEvent[] = [];
  const expectMatches = async (from: string, to: string) => {
    const [o, events] = await Promise.all([overviewOf(from, to), rawEvents()]);
    const ref = reference(events, o.range.timezone, from, to, history.length ? history : events);
    expect(o.traffic.daily.filter((d) => d.visitors > 0)).toEqual(ref.daily);
    expect(o.traffic.totals).toEqual(ref.totals);
    expect(o.traffic.pages).toEqual(ref.pages);
    expect(o.traffic.referrers).toEqual(ref.referrers);
    expect(o.links.top.map((l) => ({ href: l.href, clicks: l.clicks }))).toEqual(ref.links);
    for (const m of o.vitals.metrics) {
      const r = ref.vitals[m.name] ?? { samples: 0, p75: null, counts: [0, 0, 0] };
      expect({ name: m.name, samples: m.samples, p75: m.p75 }).toEqual({ name: m.name, samples: r.samples, p75: r.p75 });
      if (m.samples) expect([m.good, m.needsImprovement, m.poor].map((x) => Math.round(x * m.samples))).toEqual(r.counts);
    }
    expect(Object.fromEntries(o.campaigns.filter((c) => c.shown).map((c) => [c.id, c.shown]))).toEqual(ref.shown);
    return o;
  };

  beforeAll(async () => {
    store = await openTestStore(kind);
    server = await testServer(store);
    site = await store.createSite({ id: uniqueId('ovr'), name: 'Rollups', origins: [], timezone: 'America/New_York', retentionDays: null });
    const messages = randomMessages(kind === 'pglite' ? 7 : 11, 40);
    // Several batches, each re-sending a few messages of the previous one (stored once).
    for (let i = 0; i < messages.length; i += 60) {
      const batch = messages.slice(i, i + 60);
      const resent = messages.slice(Math.max(0, i - 5), i);
      const result = await store.ingest(site.id, [...resent, ...batch]);
      expect(result).toEqual({ stored: batch.length, duplicates: resent.length });
    }
  });

  afterAll(async () => {
    await server?.app.close();
    await closeTestStore(store);
  });

  it('matches the raw events day by day across the daylight-saving change, and over parts of the span', async () => {
    const o = await expectMatches('2024-03-07', '2024-03-13');
    expect(o.traffic.totals.pageviews).toBeGreaterThan(50);
    expect(o.range.timezone).toBe('America/New_York');
    await expectMatches('2024-03-10', '2024-03-10');
    await expectMatches('2024-03-09', '2024-03-11');
  });

  it('still matches after a person is erased and after a retention purge', async () => {
    history = await rawEvents();
    const erased = await store.deletePerson(site.id, 'v3');
    expect(erased?.events).toBeGreaterThan(0);
    await expectMatches('2024-03-07', '2024-03-13');
    // Keep 2 days from 2024-03-12T00:00Z: everything received before 2024-03-10T00:00Z goes.
    await store.db.query(`UPDATE events SET received_at = timestamp WHERE site_id = $1`, [site.id]);
    await store.updateSite(site.id, { retentionDays: 2 });
    const purged = await store.purgeExpired({ now: new Date('2024-03-12T00:00:00Z'), force: true });
    expect(purged.events).toBeGreaterThan(0);
    await store.updateSite(site.id, { retentionDays: null });
    await expectMatches('2024-03-07', '2024-03-13');
  });

  it('rebuilds the rollups in the new zone when the site timezone changes (a half-hour offset)', async () => {
    const res = await server.app.inject({ method: 'PATCH', url: `/v1/admin/sites/${site.id}`, headers: bearer, payload: { timezone: 'Asia/Kolkata' } });
    expect(res.statusCode, res.body).toBe(200);
    site = (await store.getSite(site.id))!;
    // The rebuild runs in the background; the overview says how far it has got until it is done.
    const first = await overviewOf('2024-03-07', '2024-03-13');
    expect(first.range.timezone).toBe('Asia/Kolkata');
    expect(first.rebuilding === null || (first.rebuilding >= 0 && first.rebuilding < 100)).toBe(true);
    await expect.poll(async () => (await overviewOf('2024-03-07', '2024-03-13')).rebuilding, { timeout: 20_000 }).toBeNull();
    // A rebuild knows only the events still stored: first days and sessions now come from those.
    history = [];
    const o = await expectMatches('2024-03-07', '2024-03-13');
    expect(o.range.timezone).toBe('Asia/Kolkata');
    // New events after the rebuild land in the new zone's days: 2024-03-12T18:29:59Z is still March 12 in Kolkata.
    await store.ingest(site.id, [storedMessage({ type: 'page', anonymousId: 'late', properties: { path: '/late', url: `${ORIGIN}/late` }, context: { sessionId: randomUUID(), page: { path: '/late', url: `${ORIGIN}/late` } }, timestamp: new Date('2024-03-12T18:29:59Z') })]);
    const after = await expectMatches('2024-03-12', '2024-03-12');
    expect(after.traffic.pages.find((p) => p.path === '/late')).toEqual({ path: '/late', views: 1, entries: 1 });
  });

  it('counts every event once when events arrive and go while a rebuild is under way', async () => {
    // As after an upgrade: the rollups are empty and every stored event is still to be added, a small chunk at a time.
    await store.db.transaction(async (tx) => {
      await tx.query('SELECT overview_clear($1)', [site.id]);
      await tx.query(
        `UPDATE overview_sites o SET rebuild_from = e.lo, rebuild_next = e.lo, rebuild_upto = e.hi
         FROM (SELECT min(id) AS lo, max(id) AS hi FROM events WHERE site_id = $1) e WHERE o.site_id = $1`,
        [site.id],
      );
    });
    // New visitors with sessions of their own. (A session already under way when a rebuild starts takes its day, entry
    // page and source from its first event stored after the start: docs/dashboard.md.)
    const more = randomMessages(99, 6).map((m) => ({
      ...m,
      anonymousId: `late-${m.anonymousId}`,
      context: { ...m.context, ...(m.context.sessionId ? { sessionId: `late-${String(m.context.sessionId)}` } : {}) },
    }));
    let steps = 0;
    for (let i = 0; (await rebuildStep(store.db, site.id, 25)) || i < more.length; i += 10) {
      steps++;
      // Between steps: new events (applied by the trigger), a re-sent one (a duplicate), an erasure of events not yet
      // added (the rebuild will not find them) and, once, of events already added (the trigger takes them out).
      if (i < more.length) await store.ingest(site.id, [...more.slice(i, i + 10), ...more.slice(Math.max(0, i - 1), i)]);
      if (steps === 2) await store.deletePerson(site.id, 'v39');
      if (steps === 5) await store.deletePerson(site.id, 'v0');
    }
    expect(steps).toBeGreaterThan(5);
    history = [];
    const o = await expectMatches('2024-03-07', '2024-03-13');
    expect(o.rebuilding).toBeNull();
  });
});
