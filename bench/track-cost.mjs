// track() cost: µs per call over many calls in one task, counting the microtasks the calls queue (they run
// before the page can do anything else), and the main thread's CPU time including the work each library defers
// (storage writes, batching, sending) until it settles, so a library that only queues in track() and works
// later is not flattered.
import { median, round } from './stats.mjs';

const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;

async function measureOnce(browser, userAgent, sink, peer, { calls, settleMs, drainCapMs, calmMs }) {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${sink.origin}/bench/${peer.id}.html`);
  await page.waitForFunction(peer.ready, null, { timeout: 30_000 });
  await page.waitForTimeout(settleMs);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const before = await cdp.send('Performance.getMetrics');
  sink.reset();
  const syncStart = Date.now();
  // The loop alone, and the loop with the microtasks it queued (they run before the page's next task, so the
  // page pays for them at once): a MessageChannel message is the next task.
  const [loopMs, syncMs] = await page.evaluate(`(async () => {
    const n = ${calls};
    const t0 = performance.now();
    for (let i = 0; i < n; i++) { const p = { plan: 'pro', seats: 3, i }; ${peer.track}; }
    const t1 = performance.now();
    await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
    return [t1 - t0, performance.now() - t0];
  })()`);
  const afterSync = await cdp.send('Performance.getMetrics');
  const syncWallMs = Date.now() - syncStart;
  // Let the deferred work run until the page has settled: the main thread under 10 % busy and no request
  // reaching the sink for calmMs. Either alone proves nothing (a busy main thread sends nothing; IndexedDB
  // works off the main thread before the sends start).
  const start = Date.now();
  let prev = metric(await cdp.send('Performance.getMetrics'), 'TaskDuration');
  let prevPosts = sink.stats().posts;
  let calmSince = Date.now();
  while (Date.now() - start < drainCapMs && Date.now() - calmSince < calmMs) {
    const at = Date.now();
    await new Promise((r) => setTimeout(r, 250));
    const now = metric(await cdp.send('Performance.getMetrics'), 'TaskDuration');
    const posts = sink.stats().posts;
    if (((now - prev) * 1000) / (Date.now() - at) >= 0.1 || posts !== prevPosts) calmSince = Date.now();
    prev = now;
    prevPosts = posts;
  }
  const capped = Date.now() - calmSince < calmMs;
  const after = await cdp.send('Performance.getMetrics');
  const { posts, postBytes } = sink.stats();
  await context.close();
  const delta = (a, b, name) => (metric(a, name) - metric(b, name)) * 1000;
  const totalTaskMs = delta(after, before, 'TaskDuration');
  // ThreadTime is the main thread's CPU time: unlike wall-clock durations it does not grow when other work on a
  // shared machine takes the CPU away (it also leaves out the waits of CPU throttling, which this section does not use).
  const syncCpuMs = delta(afterSync, before, 'ThreadTime');
  const totalCpuMs = delta(after, before, 'ThreadTime');
  return {
    usPerCall: (syncMs * 1000) / calls,
    loopUsPerCall: (loopMs * 1000) / calls,
    usPerCallWithDeferred: (totalTaskMs * 1000) / calls,
    cpuUsPerCall: (syncCpuMs * 1000) / calls,
    cpuUsPerCallWithDeferred: (totalCpuMs * 1000) / calls,
    loopMs,
    syncMs,
    syncWallMs,
    totalTaskMs,
    syncTaskMs: delta(afterSync, before, 'TaskDuration'),
    syncCpuMs,
    totalCpuMs,
    processCpuMs: delta(after, before, 'ProcessTime'),
    drainMs: Date.now() - start,
    capped,
    requests: posts,
    sentBytes: postBytes,
    pageErrors: errors.length,
    firstError: errors[0],
  };
}

/** Runs `runs` rounds of every library (interleaved), `calls` calls each; medians per library. */
export async function benchTrack({ browser, userAgent, sink, peers, runs, calls, settleMs, drainCapMs, calmMs, progress }) {
  const results = {};
  for (let r = 0; r < runs; r++) {
    for (const p of peers) {
      progress(`track() round ${r + 1}/${runs}: ${p.name}, ${calls.toLocaleString('en-US')} calls`);
      (results[p.id] ??= { name: p.name, note: p.note, runs: [] }).runs.push(await measureOnce(browser, userAgent, sink, p, { calls, settleMs, drainCapMs, calmMs }));
    }
  }
  for (const t of Object.values(results)) {
    const med = (k) => median(t.runs.map((x) => x[k]));
    t.usPerCall = round(med('usPerCall'), 2);
    t.loopUsPerCall = round(med('loopUsPerCall'), 2);
    t.cpuUsPerCallWithDeferred = round(med('cpuUsPerCallWithDeferred'), 2);
    t.usPerCallWithDeferred = round(med('usPerCallWithDeferred'), 2);
    t.totalTaskMs = round(med('totalTaskMs'));
    t.capped = t.runs.some((x) => x.capped);
    t.requests = med('requests');
    t.pageErrors = Math.max(...t.runs.map((x) => x.pageErrors));
  }
  return { calls, runs, drainCapMs, calmMs, results };
}
