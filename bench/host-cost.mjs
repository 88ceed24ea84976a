// Host-page cost: what loading one library costs the page it is added to, in Chromium with the CPU slowed down
// (CDP Emulation.setCPUThrottlingRate). Each library alone on the same test page, against a blank page.
import { median, round } from './stats.mjs';

/** Records long tasks from the start of the document (registered before any page script runs). */
const LONG_TASKS = `window.__benchLongTasks = [];
try {
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__benchLongTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
} catch (e) {}`;

const metric = (m, name) => m.metrics.find((x) => x.name === name)?.value ?? 0;

/**
 * Loads `/bench/<id>.html` in a fresh context, waits until `ready` and then `settleMs` (lazy files, remote
 * config, idle-time work), and reads: main-thread script and task time (CDP Performance metrics), long tasks
 * (PerformanceObserver), bytes received over the wire except the document itself (CDP Network), bytes sent
 * and requests (the sink).
 */
async function measureOnce(browser, userAgent, sink, id, ready, throttle, settleMs) {
  const context = await browser.newContext({ userAgent });
  await context.addInitScript(LONG_TASKS);
  const page = await context.newPage();
  const external = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(sink.origin) && !r.url().startsWith('data:')) external.push(r.url());
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('Network.enable');
  const documents = new Set();
  let received = 0;
  let requests = 0;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document') documents.add(e.requestId);
    else requests++;
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (!documents.has(e.requestId)) received += e.encodedDataLength;
  });
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  sink.reset();
  await page.goto(`${sink.origin}/bench/${id}.html`);
  await page.waitForFunction(ready, null, { timeout: 30_000 }).catch((e) => {
    throw new Error(`${id} (CPU ${throttle}x) never became ready: ${e.message}; fetched ${[...sink.stats().gets.keys()].join(' ')}`);
  });
  await page.waitForTimeout(settleMs);
  const m = await cdp.send('Performance.getMetrics');
  const longTasks = await page.evaluate(() => window.__benchLongTasks);
  const { gets, posts, postBytes } = sink.stats();
  await context.close();
  if (external.length) throw new Error(`${id} tried to reach beyond the sink: ${external.slice(0, 3).join(', ')}`);
  return {
    scriptMs: metric(m, 'ScriptDuration') * 1000,
    taskMs: metric(m, 'TaskDuration') * 1000,
    longTasks: longTasks.length,
    longTaskMs: longTasks.reduce((a, b) => a + b, 0),
    receivedBytes: received,
    sentBytes: postBytes,
    requests,
    posts,
    jsFiles: [...gets.keys()].filter((p) => p.endsWith('.js')).length,
  };
}

/**
 * Runs the blank page and every library `runs` times (after one discarded warm-up round), alternating so drift
 * hits all alike, at each CPU slow-down in `throttles`. Script and task times are the median over the blank
 * page's median; the rest are medians as measured.
 */
export async function benchHostCost({ browser, userAgent, sink, peers, runs, throttles, settleMs, progress }) {
  const out = { runs, settleMs, throttles, results: {} };
  for (const throttle of throttles) {
    progress(`host-page cost at ${throttle}x CPU: ${runs} rounds (+1 warm-up) of ${peers.length + 1} pages`);
    const ids = [{ id: 'none', name: 'blank page (baseline)', ready: 'true' }, ...peers];
    const all = Object.fromEntries(ids.map((p) => [p.id, []]));
    for (let r = -1; r < runs; r++) {
      for (const p of ids) {
        // The warm-up round (the browser's first pages pay for its own start) need not wait for anything to settle.
        const m = await measureOnce(browser, userAgent, sink, p.id, p.ready, throttle, r < 0 ? 0 : settleMs * throttle);
        if (r >= 0) all[p.id].push(m);
      }
    }
    const base = { scriptMs: median(all.none.map((x) => x.scriptMs)), taskMs: median(all.none.map((x) => x.taskMs)) };
    for (const p of ids) {
      const rs = all[p.id];
      const med = (k) => median(rs.map((x) => x[k]));
      const over = (k) => (p.id === 'none' ? med(k) : med(k) - base[k]);
      (out.results[p.id] ??= { name: p.name })[`x${throttle}`] = {
        scriptMs: round(over('scriptMs')),
        taskMs: round(over('taskMs')),
        longTasks: med('longTasks'),
        longTaskMs: round(med('longTaskMs')),
        receivedBytes: med('receivedBytes'),
        sentBytes: med('sentBytes'),
        requests: med('requests'),
        jsFiles: med('jsFiles'),
        runs: rs.map((x) => ({ ...x, scriptMs: round(x.scriptMs), taskMs: round(x.taskMs), longTaskMs: round(x.longTaskMs) })),
      };
    }
  }
  return out;
}
