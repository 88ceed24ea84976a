#!/usr/bin/env node
// Fills a store with realistic synthetic data for one site, fast, so anyone can see and time the Overview on a large
// store:  npm run seed -- --events 1000000
//
// Where: DATABASE_URL (PostgreSQL) if set, else the embedded PGlite in KIZUNA_DATA_DIR (default ./data), the same as
// `npm start`. The site (default "demo", created as the demo site if the store has none) gets visitors who come back,
// sessions, page views over --days days (default 90) ending now, referrers and UTM campaigns, link clicks (outbound and
// downloads), web vitals, identifies, sign-ups and orders, campaign events for its live campaigns, a few chat
// conversations and feedback answers. Events go in with bulk INSERTs in time order, so the Overview's rollups (kept by
// the triggers of migration 4) are updated as they go; people and identities are written in bulk at the end, and the
// engagement snapshots are computed last. The same --seed gives the same data.
//
// Options: --events N (default 100000) --days N (90) --site ID (demo) --seed N (1) --chunk N (5000 events per INSERT)
//          --temp: a throwaway store (a temporary PGlite directory, or a new schema on DATABASE_URL), removed at the end —
//          `npm run bench:overview` uses it to time the Overview on a million events.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = path.join(ROOT, 'build/server');
if (!existsSync(path.join(BUILD, 'store/create-store.js'))) {
  console.error('build/server is missing: run `npm run build:server` (npm run seed does it for you).');
  process.exit(1);
}
const { createStore } = await import(path.join(BUILD, 'store/create-store.js'));
const { readOverview } = await import(path.join(BUILD, 'overview/read-overview.js'));

function option(name, fallback) {
  const i = process.argv.lastIndexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}
const intOption = (name, fallback, min, max) => {
  const value = Number(option(name, String(fallback)));
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return value;
};

const EVENTS = intOption('events', 100_000, 1, 100_000_000);
const DAYS = intOption('days', 90, 1, 3650);
const SEED = intOption('seed', 1, 0, 2 ** 31 - 1);
const CHUNK = intOption('chunk', 5000, 100, 50_000);
const SITE = option('site', 'demo');
const DAY_MS = 86_400_000;

// mulberry32: a small seeded generator, so a seed gives the same data everywhere.
let state = SEED >>> 0 || 1;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
function weighted(entries) {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of entries) if ((r -= w) < 0) return value;
  return entries[entries.length - 1][0];
}
// Log-normal around a median: what page-speed metrics look like.
const logNormal = (median, spread) => median * Math.exp(spread * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
const uuidFrom = () => {
  const b = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

const ORIGIN = 'https://shop.example';
const PAGES = [
  ['/', 30, 'Home', 1],
  ['/pricing', 12, 'Pricing', 1.1],
  ['/features', 8, 'Features', 1],
  ['/docs', 8, 'Docs', 0.9],
  ['/docs/getting-started', 6, 'Getting started', 0.9],
  ['/docs/api', 4, 'API reference', 1.3],
  ['/blog', 5, 'Blog', 1],
  ['/blog/launch-week', 4, 'Launch week', 1.2],
  ['/blog/privacy-first-analytics', 3, 'Privacy-first analytics', 1.2],
  ['/blog/why-we-built-kizuna', 2, 'Why we built Kizuna', 1.2],
  ['/changelog', 2, 'Changelog', 0.8],
  ['/about', 2, 'About', 0.8],
  ['/careers', 1, 'Careers', 0.9],
  ['/contact', 2, 'Contact', 0.8],
  ['/signup', 5, 'Sign up', 1],
  ['/login', 4, 'Log in', 0.8],
  ['/checkout', 3, 'Checkout', 1.6],
  ['/shop', 6, 'Shop', 1.4],
  ['/shop/kizuna-mug', 3, 'Kizuna mug', 1.5],
  ['/shop/sticker-pack', 2, 'Sticker pack', 1.5],
  ['/shop/hoodie', 2, 'Hoodie', 1.7],
  ['/integrations', 2, 'Integrations', 1],
  ['/security', 1, 'Security', 0.8],
  ['/status', 1, 'Status', 0.7],
];
const PAGE_WEIGHTS = PAGES.map((p) => [p, p[1]]);
const SOURCES = [
  [null, 40],
  ['https://www.google.com/', 28],
  ['https://www.bing.com/', 4],
  ['https://duckduckgo.com/', 4],
  ['https://news.ycombinator.com/', 6],
  ['https://github.com/', 5],
  ['https://x.com/', 3],
  ['https://www.reddit.com/', 3],
  ['https://www.linkedin.com/', 2],
  ['https://dev.to/', 2],
  ['https://www.producthunt.com/', 2],
];
const UTMS = [
  [{ name: 'spring-sale', source: 'newsletter', medium: 'email' }, 5],
  [{ name: 'launch-week', source: 'twitter', medium: 'social' }, 3],
  [{ name: 'docs-search', source: 'google', medium: 'cpc' }, 3],
  [{ name: 'partner-webinar', source: 'partner', medium: 'referral' }, 1],
];
const OUTBOUND = ['https://github.com/kizuna/kizuna', 'https://twitter.com/kizuna', 'https://www.npmjs.com/package/kizuna', 'https://discord.gg/kizuna', 'https://status.example.net/'];
const DOWNLOADS = ['/files/kizuna-whitepaper.pdf', '/files/pricing-2024.pdf', '/files/brand-kit.zip', '/files/security-overview.pdf'];
const BROWSERS = [
  [['Chrome', 'Windows', 'desktop'], 30],
  [['Chrome', 'macOS', 'desktop'], 14],
  [['Safari', 'macOS', 'desktop'], 9],
  [['Firefox', 'Windows', 'desktop'], 6],
  [['Edge', 'Windows', 'desktop'], 6],
  [['Mobile Safari', 'iOS', 'mobile'], 20],
  [['Chrome', 'Android', 'mobile'], 13],
  [['Mobile Safari', 'iOS', 'tablet'], 2],
];
const COMMENTS = ['Love the new dashboard!', 'Setup took two minutes.', 'The docs could use more examples.', 'Checkout was confusing on my phone.', 'Great support, thanks Aiko!', 'Pricing page is unclear about seats.', 'Fast and light, exactly what we needed.', 'Please add a dark mode to the widget.', 'Search in the docs did not find "webhooks".', 'Would recommend to my team.'];

const TEMP = process.argv.includes('--temp');
const schema = TEMP && process.env.DATABASE_URL ? `kz_seed_${randomBytes(5).toString('hex')}` : undefined;
const storeOptions = process.env.DATABASE_URL
  ? { databaseUrl: process.env.DATABASE_URL, ...(schema ? { schema } : {}) }
  : { dataDir: TEMP ? mkdtempSync(path.join(tmpdir(), 'kizuna-seed-')) : path.resolve(process.env.KIZUNA_DATA_DIR || 'data') };
const where = process.env.DATABASE_URL ? `PostgreSQL (DATABASE_URL${schema ? `, schema ${schema}` : ''})` : `PGlite in ${storeOptions.dataDir}`;
const started = performance.now();
const store = await createStore({ ...storeOptions, queueTimeoutMs: 600_000 });
const db = store.db;

let site = await store.getSite(SITE);
if (!site && SITE === 'demo') {
  await store.ensureDemoSite();
  site = await store.getSite(SITE);
}
if (!site) {
  await store.createSite({ id: SITE, name: `Seeded ${SITE}`, origins: ['http://localhost:*', 'http://127.0.0.1:*'], timezone: 'UTC', retentionDays: null });
  site = await store.getSite(SITE);
}
if (site.retentionDays !== null && site.retentionDays < DAYS + 1) {
  // The retention purge would delete most of what we write: keep events for the seeded span and a little more.
  await db.query('UPDATE sites SET retention_days = $2 WHERE id = $1', [SITE, DAYS + 30]);
  console.log(`site ${SITE}: retentionDays ${site.retentionDays} → ${DAYS + 30}, so the purge keeps the seeded ${DAYS} days`);
}
const live = (await store.campaigns.list(SITE)).map((r) => r.campaign).filter((c) => c.status === 'live');

const now = Date.now();
const start = now - DAYS * DAY_MS;
// Traffic grows over the span (about ×1.8 from the first day to the last) and dips at weekends.
const dayWeights = Array.from({ length: DAYS }, (_, d) => {
  const weekday = new Date(start + d * DAY_MS).getUTCDay();
  return (1 + (0.8 * d) / Math.max(1, DAYS - 1)) * (weekday === 0 || weekday === 6 ? 0.7 : 1);
});
const weightSum = dayWeights.reduce((a, b) => a + b, 0);

const visitors = []; // { anon, userId, first, last, count, traits }
let sessions = 0;
let inserted = 0;
let pending = [];

async function flush() {
  if (!pending.length) return;
  const rows = pending;
  pending = [];
  await db.query(
    `INSERT INTO events (site_id, message_id, type, event, name, anonymous_id, user_id, properties, traits, context, extra,
                         timestamp, original_timestamp, sent_at, received_at, browser, os, device)
     SELECT $1, r.m, r.t, r.e, NULL, r.a, r.u, r.p, coalesce(r.tr, '{}'), r.c, '{}', r.ts, r.ts, r.ts, r.ts, r.b, r.o, r.d
     FROM jsonb_to_recordset($2::jsonb) AS r(m text, t text, e text, a text, u text, p jsonb, tr jsonb, c jsonb, ts timestamptz, b text, o text, d text)
     ON CONFLICT (site_id, message_id) DO NOTHING`,
    [SITE, JSON.stringify(rows)],
  );
  inserted += rows.length;
}

/** The events of one session, in time order. */
function sessionEvents(visitor, at, budget) {
  const out = [];
  const sessionId = uuidFrom();
  const [browser, os, device] = visitor.ua;
  const source = visitor.count === 0 || random() < 0.5 ? weighted(SOURCES) : null;
  const utm = random() < 0.12 ? weighted(UTMS) : null;
  const pages = Math.min(15, 1 + Math.floor(Math.log(1 - random()) / Math.log(0.62)));
  let t = at;
  let previous = source;
  const push = (type, event, properties, page, extra = {}) => {
    if (out.length >= budget) return;
    const context = {
      page: { url: ORIGIN + page[0], path: page[0], search: '', referrer: previous ?? '', title: page[2] },
      sessionId,
      locale: visitor.locale,
      timezone: 'Europe/Berlin',
      library: { name: 'kizuna', version: '0.1.0' },
      ...(utm ? { campaign: utm } : {}),
    };
    out.push({ m: uuidFrom(), t: type, e: event, a: visitor.anon, u: visitor.userId, p: properties, c: context, ts: new Date(t).toISOString(), b: browser, o: os, d: device, ...extra });
    t += 200 + Math.floor(random() * 3000);
  };
  for (let i = 0; i < pages && out.length < budget; i++) {
    const page = i === 0 && source === null && random() < 0.5 ? PAGES[0] : weighted(PAGE_WEIGHTS);
    push('page', null, { url: ORIGIN + page[0], path: page[0], search: '', referrer: previous ?? '', title: page[2] }, page);
    if (i === 0 || random() < 0.5) {
      // A full page load: the SDK's lazy vitals file reports these.
      const slow = page[3] * (device === 'mobile' ? 1.5 : 1);
      const vital = (name, value) => push('track', 'Web Vital', { name, value, rating: 'good', navigationType: 'navigate' }, page);
      vital('TTFB', Math.round(logNormal(350 * slow, 0.6)));
      vital('FCP', Math.round(logNormal(1100 * slow, 0.5)));
      vital('LCP', Math.round(logNormal(1900 * slow, 0.55)));
      if (random() < 0.85) vital('CLS', Math.round(logNormal(0.04, 1.1) * 1000) / 1000);
      if (random() < 0.45) vital('INP', Math.round(logNormal(110 * slow, 0.7)));
    }
    if (random() < 0.07) {
      const outbound = random() < 0.6;
      const href = outbound ? pick(OUTBOUND) : ORIGIN + pick(DOWNLOADS);
      push('track', 'Link Clicked', { href, text: outbound ? 'Visit' : 'Download', outbound, download: !outbound }, page);
    }
    if (live.length && random() < 0.05) {
      const campaign = pick(live);
      const variants = campaign.experiment ? ['control', ...campaign.experiment.variants.map((v) => v.id)] : [undefined];
      const variantId = pick(variants);
      const props = { campaignId: campaign.id, ...(variantId ? { variantId } : {}), version: campaign.version };
      push('track', 'Message Shown', props, page);
      const r = random();
      if (variantId !== 'control' && r < 0.15) push('track', 'Message Clicked', { ...props, button: 'primary' }, page);
      else if (variantId !== 'control' && r < 0.5) push('track', 'Message Dismissed', { ...props, reason: 'close' }, page);
    }
    previous = ORIGIN + page[0];
    t += 5_000 + Math.floor(random() * 90_000);
  }
  if (!visitor.userId && random() < (visitor.count > 0 ? 0.08 : 0.02)) {
    visitor.userId = `user-${visitor.n}`;
    visitor.traits = { email: `person${visitor.n}@example.com`, plan: pick(['free', 'pro', 'team']) };
    push('identify', null, {}, PAGES[15], { u: visitor.userId, tr: visitor.traits });
    if (random() < 0.3) push('track', 'Signed Up', { plan: visitor.traits.plan }, PAGES[14]);
  }
  if (random() < 0.025) push('track', 'Order Completed', { revenue: Math.round(logNormal(60, 0.6) * 100) / 100, currency: 'EUR' }, PAGES[16]);
  return out;
}

const eventsStart = performance.now();
console.log(`Seeding ${EVENTS.toLocaleString('en')} events over ${DAYS} days into site "${SITE}" (${where})…`);
let remaining = EVENTS;
for (let d = 0; d < DAYS && remaining > 0; d++) {
  const dayStart = start + d * DAY_MS;
  let budget = d === DAYS - 1 ? remaining : Math.min(remaining, Math.round((EVENTS * dayWeights[d]) / weightSum));
  remaining -= budget;
  const day = [];
  while (budget > 0) {
    // About a third of sessions come from visitors seen before, more often recent ones.
    const returning = visitors.length > 20 && random() < 0.33;
    let visitor;
    if (returning) visitor = visitors[visitors.length - 1 - Math.floor(Math.pow(random(), 2) * visitors.length)];
    else {
      visitor = { n: visitors.length + 1, anon: uuidFrom(), userId: null, traits: null, first: null, last: null, count: 0, ua: weighted(BROWSERS), locale: pick(['en-US', 'en-GB', 'de-DE', 'ja-JP', 'fr-FR']) };
      visitors.push(visitor);
    }
    // More visits in the (UTC) afternoon and evening.
    const hour = Math.min(23.99, Math.max(0, 14 + 4.5 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
    let at = dayStart + hour * 3_600_000;
    if (at > now - 600_000) at = now - 600_000 - Math.floor(random() * 3_600_000);
    const events = sessionEvents(visitor, at, budget);
    for (const e of events) if (Date.parse(e.ts) > now) e.ts = new Date(now - 1000).toISOString();
    budget -= events.length;
    visitor.first ??= at;
    visitor.last = Math.max(visitor.last ?? 0, Date.parse(events[events.length - 1].ts));
    visitor.count += events.length;
    sessions++;
    day.push(...events);
  }
  day.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  for (const e of day) {
    pending.push(e);
    if (pending.length >= CHUNK) await flush();
  }
  if (d % 10 === 9) process.stdout.write(`  day ${d + 1}/${DAYS}: ${(inserted + pending.length).toLocaleString('en')} events\n`);
}
await flush();
const eventsDone = performance.now();

// People and identities, as ingest would have made them: one person per browser, linked to its user when identified.
const people = visitors.map((v) => ({ id: randomUUID(), v }));
for (let i = 0; i < people.length; i += 5000) {
  const chunk = people.slice(i, i + 5000);
  await db.query(
    `INSERT INTO people (id, site_id, user_id, traits, first_seen, last_seen, event_count)
     SELECT r.id, $1, r.u, coalesce(r.tr, '{}'), r.f, r.l, r.n FROM jsonb_to_recordset($2::jsonb) AS r(id text, u text, tr jsonb, f timestamptz, l timestamptz, n integer)`,
    [SITE, JSON.stringify(chunk.map(({ id, v }) => ({ id, u: v.userId, tr: v.traits, f: new Date(v.first).toISOString(), l: new Date(v.last).toISOString(), n: v.count })))],
  );
  const identities = chunk.flatMap(({ id, v }) => [{ k: 'anonymous', v: v.anon, p: id }, ...(v.userId ? [{ k: 'user', v: v.userId, p: id }] : [])]);
  await db.query(
    `INSERT INTO identities (site_id, kind, value, person_id) SELECT $1, r.k, r.v, r.p FROM jsonb_to_recordset($2::jsonb) AS r(k text, v text, p text)
     ON CONFLICT DO NOTHING`,
    [SITE, JSON.stringify(identities)],
  );
}

// A few chat conversations (first response, resolution, CSAT) and feedback answers, spread over the span.
const conversations = Math.max(3, Math.round(EVENTS / 5000));
const chat = [];
for (let i = 0; i < conversations; i++) {
  const v = pick(visitors);
  const created = start + random() * (now - start - 3_600_000);
  const response = random() < 0.9 ? created + 1000 * logNormal(180, 1.1) : null;
  const closed = response && random() < 0.8 ? response + 1000 * logNormal(1800, 1) : null;
  const rating = closed && random() < 0.5 ? weighted([[5, 45], [4, 30], [3, 12], [2, 6], [1, 7]]) : null;
  chat.push({ v: uuidFrom(), c: uuidFrom(), a: v.anon, created, response: response && Math.min(response, now - 1000), closed: closed && Math.min(closed, now - 500), rating });
}
await db.query(
  `WITH r AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(v text, c text, a text, created timestamptz, response timestamptz, closed timestamptz, rating smallint)),
   vis AS (INSERT INTO chat_visitors (id, site_id, kind, key, anonymous_id, created_at) SELECT r.v, $1, 'anonymous', r.v, r.a, r.created FROM r),
   conv AS (INSERT INTO conversations (id, site_id, visitor_id, status, created_at, closed_at, last_message_at, first_visitor_at, first_response_at, rating)
            SELECT r.c, $1, r.v, CASE WHEN r.closed IS NULL THEN 'open' ELSE 'closed' END, r.created, r.closed,
                   coalesce(r.closed, r.response, r.created), r.created, r.response, r.rating FROM r)
   INSERT INTO chat_messages (conversation_id, visitor_id, author, text, created_at)
   SELECT r.c, r.v, 'visitor', 'Hi! I have a question about pricing.', r.created FROM r
   UNION ALL SELECT r.c, r.v, 'operator', 'Hello! Happy to help — what would you like to know?', r.response FROM r WHERE r.response IS NOT NULL`,
  [SITE, JSON.stringify(chat.map((c) => ({ ...c, created: new Date(c.created).toISOString(), response: c.response && new Date(c.response).toISOString(), closed: c.closed && new Date(c.closed).toISOString() })))],
);
const answers = Math.max(3, Math.round(EVENTS / 3000));
const feedback = Array.from({ length: answers }, () => {
  const nps = random() < 0.7;
  return {
    id: uuidFrom(),
    cl: uuidFrom(),
    s: nps ? 'nps' : 'stars',
    r: nps ? weighted([[10, 22], [9, 20], [8, 18], [7, 12], [6, 8], [5, 6], [4, 4], [3, 3], [2, 3], [1, 2], [0, 2]]) : weighted([[5, 40], [4, 30], [3, 15], [2, 8], [1, 7]]),
    cm: random() < 0.35 ? pick(COMMENTS) : null,
    pg: { url: ORIGIN + pick(PAGES)[0], title: null },
    a: pick(visitors).anon,
    at: new Date(start + random() * (now - start)).toISOString(),
  };
});
await db.query(
  `INSERT INTO feedback (id, site_id, client_id, scale, rating, comment, page, anonymous_id, created_at)
   SELECT r.id, $1, r.cl, r.s, r.r, r.cm, r.pg, r.a, r.at FROM jsonb_to_recordset($2::jsonb) AS r(id text, cl text, s text, r smallint, cm text, pg jsonb, a text, at timestamptz)`,
  [SITE, JSON.stringify(feedback)],
);
// Fresh statistics for the planner (PostgreSQL's autovacuum would get there too; PGlite has none).
await db.exec('ANALYZE');
const restDone = performance.now();

// Engagement snapshots for the longest range the console offers, then the Overview's response time per range.
site = await store.getSite(SITE);
const warm = performance.now();
await readOverview(store, site, { days: String(Math.min(DAYS, 90)), limit: 20 });
const warmMs = performance.now() - warm;
const timings = [];
for (const days of [7, 30, 90]) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await readOverview(store, site, { days: String(days), limit: 20 });
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  timings.push(`${days} days: median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)})`);
}
if (schema) await db.exec(`DROP SCHEMA ${schema} CASCADE`);
await store.close();
if (TEMP && storeOptions.dataDir) rmSync(storeOptions.dataDir, { recursive: true, force: true });

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  [
    `Seeded site "${SITE}" in ${where}${TEMP ? ' (removed again)' : ''}:`,
    `  ${inserted.toLocaleString('en')} events (${sessions.toLocaleString('en')} sessions, ${visitors.length.toLocaleString('en')} visitors) in ${s(eventsDone - eventsStart)}` +
      ` (${Math.round(inserted / ((eventsDone - eventsStart) / 1000)).toLocaleString('en')} events/s, rollups included)`,
    `  people, identities, ${conversations} conversations, ${answers} feedback answers in ${s(restDone - eventsDone)}`,
    `  first Overview (computes the engagement snapshots): ${warmMs.toFixed(0)} ms`,
    `  Overview response time (5 runs each): ${timings.join('; ')}`,
    `  total ${s(performance.now() - started)}`,
  ].join('\n'),
);
