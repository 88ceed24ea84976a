// npm run bench: Kizuna's shipped size, track() cost and init main-thread time, side by side with the peers'
// script-tag builds, in Debian's Chromium. Prints tables and writes bench/results/sdk.json.
//   node bench/run.mjs [--init-runs=5] [--track-runs=3] [--calls=100000] [--only=kizuna,posthog]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { buildPlausible } from './build-plausible.mjs';
import { EVENT, peers, segmentSettings, sinkRoutes } from './peers.mjs';
import { sizeOf } from './sizes.mjs';
import { startSink } from './sink-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : def;
};
const INIT_RUNS = Number(arg('init-runs', 5));
const TRACK_RUNS = Number(arg('track-runs', 3));
const CALLS = Number(arg('calls', 100_000));
const ONLY = arg('only', '');
const THROTTLES = [1, 4];
const SETTLE_MS = 1500; // after ready: lazy files, remote config, idle-time work
const DRAIN_CAP_MS = 60_000; // after the track loop: deferred work and sending, at most this long

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const kib = (b) => (b / 1024).toFixed(1);
/** Prints an aligned table: numbers to the right, text to the left. */
const table = (head, rows) => {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const numeric = head.map((_, i) => rows.every((r) => typeof r[i] === 'number' || /^[\d.]+×$/.test(String(r[i]))));
  const line = (r) => r.map((c, i) => (numeric[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ').trimEnd();
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  console.log();
};

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: set CHROMIUM_PATH or apt-get install chromium');
  }
}

const BODY = `<main><h1>Pricing</h1><p>Three plans. Pick one.</p>
<ul><li><a href="/signup?plan=free">Free</a></li><li><a href="/signup?plan=pro">Pro</a></li><li><a href="https://example.org/">Elsewhere</a></li></ul>
<button id="cta">Start</button></main>`;
const page = (head) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench</title>${head}</head><body>${BODY}</body></html>`;

// Every library gets the same, ordinary desktop user agent (PostHog also needs opt_out_useragent_filter, see peers.mjs).
let USER_AGENT = '';

/** Progress on stderr, so a long run shows where it is without disturbing the tables on stdout. */
const progress = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;

/** Main-thread ms (script, and all tasks) of loading and initialising one library, from CDP Performance metrics. */
async function measureInit(browser, sink, id, ready, throttle) {
  const context = await browser.newContext({ userAgent: USER_AGENT });
  const p = await context.newPage();
  const external = [];
  p.on('request', (r) => {
    if (!r.url().startsWith(sink.origin) && !r.url().startsWith('data:')) external.push(r.url());
  });
  const cdp = await context.newCDPSession(p);
  await cdp.send('Performance.enable');
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  sink.reset();
  await p.goto(`${sink.origin}/bench/${id}.html`);
  await p.waitForFunction(ready, null, { timeout: 30_000 }).catch((e) => {
    throw new Error(`${id} (CPU ${throttle}x) never became ready: ${e.message}; fetched ${[...sink.stats().gets.keys()].join(' ')}`);
  });
  await p.waitForTimeout(SETTLE_MS * throttle);
  const m = await cdp.send('Performance.getMetrics');
  const { gets, posts } = sink.stats();
  const js = [...gets.entries()].filter(([path]) => path.endsWith('.js'));
  await context.close();
  if (external.length) throw new Error(`${id} tried to reach beyond the sink: ${external.slice(0, 3).join(', ')}`);
  return {
    scriptMs: metric(m, 'ScriptDuration') * 1000,
    taskMs: metric(m, 'TaskDuration') * 1000,
    jsFiles: js.length,
    jsBytes: js.reduce((n, [, g]) => n + g.bytes, 0),
    requests: posts,
  };
}

/** µs per track() call over CALLS calls in one task, and the main-thread time of the deferred work after it. */
async function measureTrack(browser, sink, peer) {
  const context = await browser.newContext({ userAgent: USER_AGENT });
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${sink.origin}/bench/${peer.id}.html`);
  await p.waitForFunction(peer.ready, null, { timeout: 30_000 });
  await p.waitForTimeout(SETTLE_MS);
  const cdp = await context.newCDPSession(p);
  await cdp.send('Performance.enable');
  const before = await cdp.send('Performance.getMetrics');
  sink.reset();
  const syncMs = await p.evaluate(`(() => {
    const n = ${CALLS};
    const t0 = performance.now();
    for (let i = 0; i < n; i++) { const p = { plan: 'pro', seats: 3, i }; ${peer.track}; }
    return performance.now() - t0;
  })()`);
  // Let the deferred work (storage writes, batching, sending) run until the page has settled: the main thread
  // under 10% busy and no request reaching the sink for a whole second. Either alone proves nothing (a busy main
  // thread sends nothing; IndexedDB works off the main thread before the sends start).
  const start = Date.now();
  let prev = metric(await cdp.send('Performance.getMetrics'), 'TaskDuration');
  let prevPosts = sink.stats().posts;
  let calm = 0;
  while (Date.now() - start < DRAIN_CAP_MS && calm < 2) {
    const at = Date.now();
    await new Promise((r) => setTimeout(r, 500));
    const now = metric(await cdp.send('Performance.getMetrics'), 'TaskDuration');
    const posts = sink.stats().posts;
    const idle = ((now - prev) * 1000) / (Date.now() - at) < 0.1 && posts === prevPosts;
    calm = idle ? calm + 1 : 0;
    prev = now;
    prevPosts = posts;
  }
  const after = await cdp.send('Performance.getMetrics');
  const requests = sink.stats().posts;
  await context.close();
  return {
    usPerCall: (syncMs * 1000) / CALLS,
    syncMs,
    totalTaskMs: (metric(after, 'TaskDuration') - metric(before, 'TaskDuration')) * 1000,
    requests,
    pageErrors: errors.length,
    firstError: errors[0],
  };
}

async function main() {
  const command = ['node', 'bench/run.mjs', ...process.argv.slice(2)].join(' ');
  const plausibleFile = await buildPlausible(root);
  const all = peers(root, plausibleFile);
  const selected = ONLY ? all.filter((p) => ONLY.split(',').includes(p.id)) : all;

  // Sizes.
  const sizes = all.flatMap((p) => p.files.map((f) => ({ library: p.name, version: p.version, file: f.label, lazy: !!f.lazy, ...sizeOf(f.file) })));

  const routes = sinkRoutes(root, dirname(plausibleFile));
  const sink = await startSink(routes);
  routes.json['/segment/v1/projects/seg_bench/settings'] = segmentSettings(sink.origin);
  sink.pages.set('/bench/none.html', page(''));
  for (const p of all) sink.pages.set(`/bench/${p.id}.html`, page(p.head(sink.origin)));
  // PostHog once more with its client-side rate limit lifted, so every capture() does the full work.
  const posthog = all.find((p) => p.id === 'posthog');
  const unlimited = {
    ...posthog,
    id: 'posthog-unlimited',
    name: 'PostHog, rate limit lifted',
    note: 'rate_limiting: {events_per_second: 1e9, events_burst_limit: 1e9}',
  };
  sink.pages.set(
    '/bench/posthog-unlimited.html',
    page(posthog.head(sink.origin).replace("defaults:'2026-01-30',", "defaults:'2026-01-30',rate_limiting:{events_per_second:1e9,events_burst_limit:1e9},")),
  );
  const trackPeers = selected.flatMap((p) => (p.id === 'posthog' ? [p, unlimited] : [p]));

  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  {
    const c = await browser.newContext();
    USER_AGENT = (await (await c.newPage()).evaluate(() => navigator.userAgent)).replace('HeadlessChrome', 'Chrome');
    await c.close();
  }
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    os: `${type()} ${release()}`,
    node: process.version,
    chromium: browser.version(),
    // Other work on the machine skews every number; recorded so a reader can judge a run.
    loadAverageAtStart: loadavg().map((x) => round(x, 2)),
  };

  // Init: baseline page, then each library, alternating so drift hits all alike.
  const init = {};
  for (const throttle of THROTTLES) {
    progress(`init at ${throttle}x CPU: ${INIT_RUNS} rounds (+1 warm-up) of ${selected.length + 1} pages`);
    const runs = { none: [] };
    for (const p of selected) runs[p.id] = [];
    // One discarded round first: the browser's first pages pay for its own warm-up.
    for (let r = -1; r < INIT_RUNS; r++) {
      if (r < 0) {
        await measureInit(browser, sink, 'none', 'true', throttle);
        for (const p of selected) await measureInit(browser, sink, p.id, p.ready, throttle);
        continue;
      }
      runs.none.push(await measureInit(browser, sink, 'none', 'true', throttle));
      for (const p of selected) runs[p.id].push(await measureInit(browser, sink, p.id, p.ready, throttle));
    }
    const base = { script: median(runs.none.map((x) => x.scriptMs)), task: median(runs.none.map((x) => x.taskMs)) };
    for (const p of selected) {
      const rs = runs[p.id];
      init[p.id] ??= { name: p.name, jsFiles: rs[0].jsFiles, jsBytes: rs[0].jsBytes };
      init[p.id][`x${throttle}`] = {
        scriptMs: round(median(rs.map((x) => x.scriptMs)) - base.script),
        taskMs: round(median(rs.map((x) => x.taskMs)) - base.task),
        runs: rs.map((x) => ({ scriptMs: round(x.scriptMs - base.script), taskMs: round(x.taskMs - base.task) })),
      };
    }
  }

  // track(): CALLS calls per run.
  const track = {};
  for (let r = 0; r < TRACK_RUNS; r++) {
    for (const p of trackPeers) {
      progress(`track() round ${r + 1}/${TRACK_RUNS}: ${p.name}, ${CALLS} calls`);
      (track[p.id] ??= { name: p.name, note: p.note, runs: [] }).runs.push(await measureTrack(browser, sink, p));
    }
  }
  await browser.close();
  await sink.close();
  for (const t of Object.values(track)) {
    t.usPerCall = round(median(t.runs.map((x) => x.usPerCall)), 2);
    t.totalTaskMs = round(median(t.runs.map((x) => x.totalTaskMs)));
    t.requests = median(t.runs.map((x) => x.requests));
    t.pageErrors = Math.max(...t.runs.map((x) => x.pageErrors));
  }
  const kz = track.kizuna;

  // Output.
  console.log(`\nKizuna SDK benchmark — ${new Date().toISOString()}`);
  console.log(`command: ${command}`);
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, Chromium ${machine.chromium}`);
  console.log(`load average at start / end: ${machine.loadAverageAtStart.join(' ')} / ${loadavg().map((x) => round(x, 2)).join(' ')}\n`);

  console.log('Shipped size (bytes; gzip -9, brotli -q 11)');
  table(
    ['library', 'version', 'file', 'raw', 'gzip', 'brotli'],
    sizes.map((s) => [s.library, s.version, s.file, s.raw, s.gzip, s.brotli]),
  );

  console.log(`Init main-thread time, ms over a blank page (median of ${INIT_RUNS}; load, evaluate, initialise, ${SETTLE_MS} ms settle)`);
  table(
    ['library', 'script 1x', 'all tasks 1x', 'script 4x CPU', 'all tasks 4x CPU', 'JS files', 'JS KiB fetched'],
    selected.map((p) => {
      const i = init[p.id];
      return [p.name, i.x1.scriptMs, i.x1.taskMs, i.x4.scriptMs, i.x4.taskMs, i.jsFiles, kib(i.jsBytes)];
    }),
  );

  console.log(`track() cost over ${CALLS.toLocaleString('en-US')} calls in one task (median of ${TRACK_RUNS})`);
  table(
    ['library', 'µs/call', 'vs Kizuna', `main-thread ms incl. deferred (≤${DRAIN_CAP_MS / 1000}s)`, 'requests', 'page errors', 'note'],
    trackPeers.map((p) => {
      const t = track[p.id];
      return [p.name, t.usPerCall, kz ? `${round(t.usPerCall / kz.usPerCall, 2)}×` : '', t.totalTaskMs, t.requests, t.pageErrors, t.note ?? ''];
    }),
  );

  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const out = { command, date: new Date().toISOString(), machine, calls: CALLS, initRuns: INIT_RUNS, trackRuns: TRACK_RUNS, event: EVENT, sizes, init, track };
  writeFileSync(join(root, 'bench/results/sdk.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('wrote bench/results/sdk.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
