// npm run bench: Kizuna side by side with PostHog, Segment and Plausible on this machine, in one run. Six tables:
//   1. size of what a page loads for tracking, and of the chat UI
//   2. host-page cost in Chromium at 4x CPU throttling (main-thread time, long tasks, bytes transferred)
//   3. track() cost, µs per call over 100,000 calls, with the work each library defers
//   4. delivery under faults (30 % 503, an offline spell, navigation, tab close, a revisit)
//   5. collector throughput and p99 (no-op Fastify route, PGlite, PostgreSQL)
//   6. chat reply latency operator → visitor
// Prints the tables with the machine and its load, writes bench/results/{sdk,delivery,collector,chat}.json and
// bench/results/latest.txt (the tables as printed).
//
//   node bench/run.mjs [--quick] [--sections=size,host,track,delivery,chat,collector] [--only=kizuna,posthog]
//                      [--host-runs=5] [--throttles=4] [--track-runs=3] [--calls=100000] [--delivery-runs=3]
//                      [--drain-cap=10000] [--posthog-unlimited] [--chat-runs=3] [--chat-replies=100]
//                      [--collector-runs=3] [--collector-duration=10]
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlausible } from './build-plausible.mjs';
import { benchChat } from './chat-latency.mjs';
import { launchChromium } from './chromium.mjs';
import { benchCollector, postgresUrlFromEnv, TARGET_LABELS } from './collector.mjs';
import { benchDelivery, EVENTS } from './delivery.mjs';
import { benchHostCost } from './host-cost.mjs';
import { EVENT, peers, segmentSettings, sinkRoutes } from './peers.mjs';
import { benchSizes } from './sizes.mjs';
import { startSink } from './sink-server.mjs';
import { snapshotBuild } from './snapshot.mjs';
import { median, ratio, round } from './stats.mjs';
import { printTable } from './table.mjs';
import { testPage } from './test-page.mjs';
import { benchTrack } from './track-cost.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!hit) return def;
  return hit.includes('=') ? hit.slice(name.length + 3) : true;
};
const QUICK = arg('quick', false) === true;
const num = (name, full, quick) => Number(arg(name, QUICK ? quick : full));
const SECTIONS = String(arg('sections', 'size,host,track,delivery,chat,collector')).split(',');
const ONLY = arg('only', '');
const settings = {
  quick: QUICK,
  host: { runs: num('host-runs', 5, 1), throttles: String(arg('throttles', '4')).split(',').map(Number), settleMs: 1000 },
  track: { runs: num('track-runs', 3, 1), calls: num('calls', 100_000, 10_000), settleMs: 1500, drainCapMs: num('drain-cap', 10_000, 8_000), calmMs: 2000 },
  delivery: {
    runs: num('delivery-runs', 3, 1),
    timing: { gapMs: 100, readAMs: 4000, readBMs: 2000, readCMs: 1000, readyTimeoutMs: 10_000, revisitAfterMs: 5000, minStayMs: QUICK ? 8000 : 15_000, quietMs: QUICK ? 6000 : 10_000, maxStayMs: QUICK ? 25_000 : 45_000 },
  },
  chat: { runs: num('chat-runs', 3, 1), replies: num('chat-replies', 100, 30), gapMs: 50 },
  collector: { runs: num('collector-runs', 3, 1), duration: num('collector-duration', 10, 3), connections: 10 },
};

/** Progress on stderr, so a long run shows where it is without disturbing the tables on stdout. */
const progress = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const loud = (msg) => process.stderr.write(`\n${'!'.repeat(78)}\n!!! ${msg}\n${'!'.repeat(78)}\n\n`);
const kib = (b) => (b == null ? null : round(b / 1024, 1));
const load = () => loadavg().map((x) => round(x, 2));

/** PostgreSQL for the collector table: the environment's URL, else the throwaway cluster of scripts/test-postgres.sh. */
function postgresUrl() {
  const fromEnv = postgresUrlFromEnv();
  if (fromEnv) return fromEnv;
  try {
    const out = execFileSync('bash', [join(root, 'scripts/test-postgres.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    return /KIZUNA_TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
  } catch (e) {
    process.stderr.write(`scripts/test-postgres.sh failed: ${e.message}\n`);
    return undefined;
  }
}

async function main() {
  const started = Date.now();
  const command = ['node', 'bench/run.mjs', ...process.argv.slice(2)].join(' ');
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    os: `${type()} ${release()}`,
    node: process.version,
    // Other work on the machine skews every number; recorded so a reader can judge a run.
    loadAverageAtStart: load(),
  };
  // The 1-minute load average every 30 s: other engineers' work on this shared machine skews every figure.
  const loadSamples = [loadavg()[0]];
  const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 30_000);
  sampler.unref();
  const snapshot = await snapshotBuild(root);
  process.env.KIZUNA_BENCH_DIST ||= join(snapshot.dir, 'dist');
  machine.build = snapshot.build;
  const plausibleFile = await buildPlausible(root);
  const all = peers(root, plausibleFile);
  const selected = ONLY ? all.filter((p) => ONLY.split(',').includes(p.id)) : all;
  const has = (s) => SECTIONS.includes(s);
  const out = {};
  const failed = {};
  /** Runs one section; a failure is reported loudly in its table's place and the other sections still run. */
  const section = async (name, run) => {
    if (!has(name)) return;
    const t0 = Date.now();
    try {
      out[name] = await run();
    } catch (e) {
      failed[name] = e?.stack ?? String(e);
      loud(`section ${name} FAILED: ${e?.message ?? e}`);
    }
    progress(`${name}: ${round((Date.now() - t0) / 60_000, 1)} min`);
  };

  await section('size', () => benchSizes(root, all));

  const needBrowser = ['host', 'track', 'delivery', 'chat'].some(has);
  const { browser, userAgent } = needBrowser ? await launchChromium() : {};
  if (browser) machine.chromium = browser.version();
  const routes = sinkRoutes(root, dirname(plausibleFile));
  const site = await startSink({ ...routes, compress: true });
  routes.json['/segment/v1/projects/seg_bench/settings'] = segmentSettings(site.origin);
  site.pages.set('/bench/none.html', testPage(''));
  for (const p of all) site.pages.set(`/bench/${p.id}.html`, testPage(p.head(site.origin)));
  // With --posthog-unlimited, PostHog once more in the track() table with its client-side rate limit lifted, so every
  // capture() does the full work (not in the default run: 100,000 of its calls take a minute per round).
  const posthog = all.find((p) => p.id === 'posthog');
  const unlimited = { ...posthog, id: 'posthog-unlimited', name: 'PostHog, rate limit lifted', note: 'rate_limiting: {events_per_second: 1e9, events_burst_limit: 1e9}' };
  site.pages.set(
    '/bench/posthog-unlimited.html',
    testPage(posthog.head(site.origin).replace("defaults:'2026-01-30',", "defaults:'2026-01-30',rate_limiting:{events_per_second:1e9,events_burst_limit:1e9},")),
  );

  try {
    await section('host', () => benchHostCost({ browser, userAgent, sink: site, peers: selected, ...settings.host, progress }));
    await section('track', () => {
      const trackPeers = selected.flatMap((p) => (p.id === 'posthog' && arg('posthog-unlimited', false) ? [p, unlimited] : [p]));
      return benchTrack({ browser, userAgent, sink: site, peers: trackPeers, ...settings.track, progress });
    });
    await section('delivery', async () => {
      const collector = await startSink({ ...routes, faults: { errorRate: 0.3, seed: 1 } });
      try {
        return await benchDelivery({ browser, userAgent, site, routes, collector, peers: selected, ...settings.delivery, progress });
      } finally {
        await collector.close();
      }
    });
    await section('chat', () => benchChat({ root: snapshot.dir, browser, userAgent, ...settings.chat, progress }));
  } finally {
    await browser?.close();
    await site.close();
  }
  await section('collector', async () => {
    const databaseUrl = postgresUrl();
    if (!databaseUrl) loud('No PostgreSQL (no KIZUNA_BENCH_DATABASE_URL / KIZUNA_TEST_DATABASE_URL / DATABASE_URL, and scripts/test-postgres.sh gave none): the PostgreSQL row is SKIPPED');
    return { postgres: databaseUrl ? databaseUrl.replace(/\/\/[^@]*@/, '//…@') : null, ...(await benchCollector({ databaseUrl, serverRoot: snapshot.dir, ...settings.collector, progress })) };
  });
  clearInterval(sampler);
  snapshot.remove();
  rmSync(dirname(plausibleFile), { recursive: true, force: true });
  machine.loadAverageAtEnd = load();
  machine.loadAverageSampled = { everySeconds: 30, median: round(median(loadSamples), 2), max: round(Math.max(...loadSamples), 2), samples: loadSamples.map((x) => round(x, 2)) };
  const minutes = round((Date.now() - started) / 60_000, 1);

  // ------------------------------------------------------------------------------------------------------------
  // Tables.
  const text = [];
  const say = (line = '') => {
    console.log(line);
    text.push(line);
  };
  const table = (...a) => text.push(printTable(...a));
  say(`\nKizuna benchmark — ${new Date().toISOString()}${QUICK ? ' — QUICK smoke run (fewer runs and calls; not for quoting)' : ''}`);
  say(`command: ${command} (after npm run build:sdk && npm run build:server)`);
  say(`build: git ${machine.build.head}${machine.build.uncommitted ? ` + ${machine.build.uncommitted} uncommitted file(s) under src/ and server/` : ''}, kizuna.js sha256 ${machine.build.kizunaJsSha256}…`);
  say(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}${machine.chromium ? `, Chromium ${machine.chromium}` : ''}`);
  say(`load average (1, 5, 15 min) at start: ${machine.loadAverageAtStart.join(' ')}; at end: ${machine.loadAverageAtEnd.join(' ')}`);
  say(`1-min load average during the run (every 30 s): median ${machine.loadAverageSampled.median}, max ${machine.loadAverageSampled.max}; this run took ${minutes} min`);
  say();
  for (const [name, stack] of Object.entries(failed)) {
    say(`!!! section ${name} FAILED, no table: ${stack.split('\n')[0]}`);
    say(`!!! rerun it alone: node bench/run.mjs --sections=${name}`);
    say();
  }

  if (out.size) {
    const s = out.size;
    const kz = s.perPage.find((r) => r.library === 'kizuna');
    table(
      '1a. Size: what a page loads for tracking (bytes; gzip -9, brotli -q 11)',
      ['library', 'version', 'files loaded on every page', 'raw', 'gzip', 'brotli', 'brotli vs Kizuna'],
      s.perPage.map((r) => [r.name, r.version, r.files.join(' + '), r.raw, r.gzip, r.brotli, ratio(r.brotli, kz.brotli)]),
      [
        'Not loaded by default (not counted above):',
        ...s.files.filter((f) => f.loads !== 'every page').map((f) => `  ${f.name}: ${f.file}: ${f.raw} raw, ${f.gzip} gzip, ${f.brotli} brotli`),
        `  Kizuna's tracking core alone (kizuna.js built without the chat launcher and campaigns): ${s.kizunaTrackingOnly.raw} raw, ${s.kizunaTrackingOnly.gzip} gzip, ${s.kizunaTrackingOnly.brotli} brotli`,
      ],
    );
    const kc = s.chat.find((r) => r.library === 'kizuna');
    table(
      '1b. Size: the chat UI (bytes)',
      ['library', 'chat files', 'raw', 'gzip', 'brotli', 'brotli vs Kizuna'],
      s.chat.map((r) => (r.files.length ? [r.name, r.files.map((f) => f.file).join(' + '), r.raw, r.gzip, r.brotli, ratio(r.brotli, kc.brotli)] : [r.name, 'no chat product', null, null, null, ''])),
      ['The chat files load only when chat is used: Kizuna on launcher hover or click, PostHog when conversations are enabled in its remote config.'],
    );
  }

  if (out.host) {
    for (const throttle of out.host.throttles) {
      const base = out.host.results.none[`x${throttle}`];
      const kz = out.host.results.kizuna?.[`x${throttle}`];
      table(
        `2. Host-page cost in Chromium at ${throttle}x CPU throttling (median of ${out.host.runs}; load, evaluate, initialise, then ${(out.host.settleMs * throttle) / 1000} s settle)`,
        ['library', 'script ms', 'vs Kizuna', 'all tasks ms', 'long tasks', 'long-task ms', 'vs Kizuna', 'KiB received', 'vs Kizuna', 'KiB sent', 'requests'],
        [
          ...selected.map((p) => {
            const r = out.host.results[p.id][`x${throttle}`];
            return [p.name, r.scriptMs, ratio(r.scriptMs, kz?.scriptMs), r.taskMs, r.longTasks, r.longTaskMs, ratio(r.longTaskMs, kz?.longTaskMs), kib(r.receivedBytes), ratio(r.receivedBytes, kz?.receivedBytes), kib(r.sentBytes), r.requests];
          }),
          ['blank page (baseline, absolute)', round(base.scriptMs), '', round(base.taskMs), base.longTasks, base.longTaskMs, '', kib(base.receivedBytes), '', kib(base.sentBytes), base.requests],
        ],
        [
          'script ms / all tasks ms: main-thread time (CDP Performance metrics ScriptDuration / TaskDuration) over the blank page\'s.',
          'long tasks: PerformanceObserver "longtask" entries (> 50 ms) from the start of the document, count and total ms.',
          'KiB received: bytes on the wire for everything but the HTML document (files served brotli-compressed, as a CDN would),',
          'from CDP Network.loadingFinished; KiB sent: request bodies the libraries posted; requests: all requests but the document.',
        ],
      );
    }
  }

  if (out.track) {
    const kz = out.track.results.kizuna;
    const capped = (t, v) => (t.capped ? `≥${v}` : v);
    table(
      `3. track() cost over ${out.track.calls.toLocaleString('en-US')} calls in one task (median of ${out.track.runs})`,
      ['library', 'µs/call', 'vs Kizuna', 'loop only', 'CPU µs/call incl. deferred', 'vs Kizuna', 'requests', 'page errors', 'note'],
      Object.entries(out.track.results).map(([, t]) => [
        t.name,
        t.usPerCall,
        ratio(t.usPerCall, kz?.usPerCall),
        t.loopUsPerCall,
        capped(t, t.cpuUsPerCallWithDeferred),
        ratio(t.cpuUsPerCallWithDeferred, kz?.cpuUsPerCallWithDeferred),
        t.requests,
        t.pageErrors,
        t.note ?? '',
      ]),
      [
        'µs/call: the loop of track() calls and the microtasks it queued (run before the page\'s next task), timed in the page;',
        'loop only: without those microtasks (what a benchmark that stops its clock after the loop reports).',
        `CPU µs/call incl. deferred: the main thread's CPU time (CDP ThreadTime, not inflated by other load on the machine) from the`,
        `loop's start until the page settles (under 10 % busy and no request for ${out.track.calmMs / 1000} s), divided by the calls; ≥ marks a library still`,
        `busy or sending when the ${out.track.drainCapMs / 1000} s cap ended the wait. requests: POSTs it made in that time.`,
      ],
    );
  }

  if (out.delivery) {
    const d = out.delivery;
    const kz = d.results.kizuna;
    table(
      `4. Delivery under faults: ${EVENTS} events per library and run, median of ${d.runs} runs (30 % of POSTs answered 503, collector offline for a spell)`,
      ['library', 'generated', 'received', 'vs Kizuna', 'lost', 'lost per run', 'dup. same id', 'dup. new/no id', 'arrived on revisit', 'POSTs', '503s', 'refused'],
      selected.map((p) => {
        const r = d.results[p.id];
        return [p.name, r.generated, r.received, ratio(r.received, kz?.received), r.lost, r.lostPerRun.join('/'), r.duplicatesSameId, r.duplicatesNewId, r.deliveredAfterRevisit, r.posts, r.answered503, r.refused];
      }),
      [
        `Script (events ${d.timing.gapMs} ms apart): page A events 1–10, ${d.timing.readAMs / 1000} s reading; collector OFFLINE; A 11–15, navigate to B,`,
        `16–25, ${d.timing.readBMs / 1000} s reading, navigate to C, 26–30, ${d.timing.readCMs / 1000} s; collector ONLINE; C 31–40 and the tab closes at once;`,
        `${d.timing.revisitAfterMs / 1000} s later the visitor returns (a new tab, page D, no new events), kept open until no event arrived for ${d.timing.quietMs / 1000} s (${d.timing.minStayMs / 1000}–${d.timing.maxStayMs / 1000} s).`,
        `Offline spells: ${d.runInfo.map((r) => `${round(r.offlineMs / 1000, 1)} s`).join(', ')}; revisit stays: ${d.runInfo.map((r) => `${round(r.revisitStayMs / 1000, 1)} s`).join(', ')}.`,
        'received: unique by the seq property; dup. same id: copies with a message id already received (a deduplicating collector, as',
        "Kizuna's, drops them); dup. new/no id: copies it cannot tell apart (Plausible has no message id); arrived on revisit: first",
        'received after the visitor came back; refused: requests to the collector that failed in the browser (offline, cut connections).',
        ...selected.filter((p) => d.results[p.id].notReady).map((p) => `${p.name}: did not finish starting on ${d.results[p.id].notReady} page load(s) (its backend was down); its snippet queued the events.`),
        ...selected.filter((p) => d.results[p.id].pageErrors).map((p) => `${p.name}: ${d.results[p.id].pageErrors} uncaught page error(s) in a run.`),
        ...selected.filter((p) => d.results[p.id].undecodable).map((p) => `${p.name}: ${d.results[p.id].undecodable} request(s) could not be decoded.`),
      ],
    );
  }

  if (out.collector) {
    const c = out.collector;
    const noop = c.results.find((r) => r.target === 'noop');
    const rows = c.results.map((r) => [TARGET_LABELS[r.target], r.eventsPerSecond, ratio(r.eventsPerSecond, noop.eventsPerSecond), r.requestsPerSecond, r.p50Ms, r.p99Ms, r.non2xx]);
    if (!c.postgres) rows.push([TARGET_LABELS.postgres, null, '', null, null, null, 'SKIPPED: no PostgreSQL']);
    table(
      `5. Collector: batches of 20 events, ${c.settings.connections} connections, ${c.settings.durationSeconds} s per run, median of ${c.settings.runs} runs (autocannon in this process, the server in another)`,
      ['target', 'events/s', 'vs no-op', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx'],
      rows,
      [
        'Every request stores 20 new events (fresh message ids); each run starts a fresh server and store. PostgreSQL is the local throwaway',
        'cluster of scripts/test-postgres.sh (fsync=off) unless a URL is given; PGlite writes to a temporary directory.',
        'No peer row: PostHog, Segment and Plausible ingest on their own clouds (self-hosted PostHog needs ClickHouse and Kafka).',
      ],
    );
  }

  if (out.chat) {
    const c = out.chat;
    table(
      `6. Chat: reply latency operator → visitor (${c.samples} replies over ${c.runs} runs of ${c.replies}; p50 and p99 over all replies)`,
      ['product', 'p50 ms', 'p99 ms', 'max ms', 'per run p50 / p99', 'note'],
      [
        ['Kizuna: bubble in the widget DOM', c.dom.p50, c.dom.p99, c.dom.max, c.perRun.map((r) => `${r.domP50}/${r.domP99}`).join(', '), 'real collector (PGlite), admin API POST → MutationObserver'],
        ['Kizuna: chat:message event', c.event.p50, c.event.p99, c.event.max, '', 'same replies, the SDK event'],
        ['Kizuna: the admin POST itself', c.api.p50, c.api.p99, c.api.max, '', 'operator request until its response'],
        ['PostHog (conversations)', null, null, null, '', "not measured: needs PostHog's cloud (no local backend)"],
        ['Segment', null, null, null, '', 'no chat product'],
        ['Plausible', null, null, null, '', 'no chat product'],
      ],
      [`The visitor's page is the collector's demo /support.html with the widget open on the conversation; replies go one at a time, ${c.gapMs} ms apart.`],
    );
  }

  // ------------------------------------------------------------------------------------------------------------
  // Results.
  // A quick smoke run must not overwrite the figures docs/benchmarks.md quotes.
  const dir = QUICK ? join(tmpdir(), 'kizuna-bench-quick') : join(root, 'bench/results');
  const shown = QUICK ? dir : 'bench/results';
  mkdirSync(dir, { recursive: true });
  const head = { command, date: new Date().toISOString(), quick: QUICK, minutes, machine };
  const write = (name, body) => {
    writeFileSync(join(dir, name), JSON.stringify({ ...head, ...body }, null, 2) + '\n');
    say(`wrote ${shown}/${name}`);
  };
  if (out.size || out.host || out.track) write('sdk.json', { event: EVENT, settings: { host: settings.host, track: settings.track }, size: out.size, host: out.host, track: out.track });
  if (out.delivery) write('delivery.json', out.delivery);
  if (out.collector) write('collector.json', out.collector);
  if (out.chat) write('chat.json', out.chat);
  writeFileSync(join(dir, 'latest.txt'), text.join('\n') + '\n');
  console.log(`wrote ${shown}/latest.txt`);
  if (Object.keys(failed).length) {
    for (const stack of Object.values(failed)) console.error(stack);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
