// Delivery under faults: every library sends to one local recording collector (bench/sink-server.mjs with
// faults on) that answers a seeded 30 % of its POSTs with 503 and, for a spell, refuses connections altogether.
// Each library, in its own browser context (its own visitor), goes through the same fixed script:
//
//   page A  events 1–10, then the visitor reads for 4 s    collector up (30 % 503)
//   ── collector goes OFFLINE (port closed, open connections cut) once every library got here
//   page A  events 11–15, navigate to page B
//   page B  events 16–25, reads for 2 s, navigate to page C
//   page C  events 26–30, then 1 s
//   ── collector back ONLINE once every library got here
//   page C  events 31–40, then the tab closes at once (beforeunload, pagehide, unload run)
//   ── once every tab is closed: 5 s, then the visitor comes back: a new tab on page D (same origin, no new
//      events), kept open until no sequence event has arrived for a while (what a library kept in storage is
//      only sent from a page of the site; none of them can send from a closed tab)
//
// Events are `Step` with the property seq = 1..40. A received event is one the collector answered 200 for;
// unique by seq, lost = 40 − unique, and repeats split into those with the same message id as a copy already
// received (a collector that deduplicates, as Kizuna's does, drops them) and those with a new id or none
// (counted twice). The libraries run side by side so the offline spell is the same spell for all.
import { segmentSettings } from './peers.mjs';
import { median } from './stats.mjs';
import { testPage } from './test-page.mjs';

export const EVENTS = 40;

/** A point every contender must reach before `action` runs once and all go on. */
const barrier = (n) => {
  let count = 0;
  let release;
  const done = new Promise((r) => (release = r));
  return async (action) => {
    if (++count === n) {
      await action();
      release();
    }
    return done;
  };
};

const stream = (peer) => ({ kizuna: '/kizuna/', posthog: '/posthog/', segment: '/segment-api/', plausible: '/plausible/' })[peer.id];

/** The collector's records for one library, decoded: every answered POST with its events. */
function recordsOf(collector, peer) {
  const out = [];
  for (const post of collector.received()) {
    if (!post.path.startsWith(stream(peer))) continue;
    let events = [];
    let undecodable = false;
    try {
      events = peer.decode(post);
    } catch {
      undecodable = true;
    }
    out.push({ status: post.status, at: post.at, events, undecodable });
  }
  return out;
}

/** Counts one run of one library from the collector's records. */
function count(records, revisitAt) {
  const seen = new Map(); // seq -> Set of ids
  let sameId = 0;
  let newId = 0;
  let afterRevisit = 0;
  for (const r of records) {
    if (r.status !== 200) continue;
    for (const e of r.events) {
      if (e.seq == null || !(e.seq >= 1 && e.seq <= EVENTS)) continue;
      const ids = seen.get(e.seq);
      if (!ids) {
        seen.set(e.seq, new Set([e.id]));
        if (r.at >= revisitAt) afterRevisit++;
      } else if (e.id != null && ids.has(e.id)) sameId++;
      else {
        newId++;
        ids.add(e.id);
      }
    }
  }
  return {
    generated: EVENTS,
    received: seen.size,
    lost: EVENTS - seen.size,
    lostSeqs: Array.from({ length: EVENTS }, (_, i) => i + 1).filter((s) => !seen.has(s)),
    duplicatesSameId: sameId,
    duplicatesNewId: newId,
    deliveredAfterRevisit: afterRevisit,
    posts: records.length,
    answered503: records.filter((r) => r.status === 503).length,
    undecodable: records.filter((r) => r.undecodable).length,
  };
}

/**
 * One run: every library through the script above, side by side, against `collector` (faults on, seeded with
 * `seed`). Pages come from `site`, which never fails (it stands for the site and the libraries' CDNs).
 */
async function runOnce({ browser, userAgent, site, collector, peers, seed, timing, progress }) {
  collector.reset(seed);
  await collector.setOffline(false);
  const goOffline = barrier(peers.length);
  const goOnline = barrier(peers.length);
  const allClosed = barrier(peers.length);
  const log = { start: Date.now() };
  const refused = Object.fromEntries(peers.map((p) => [p.id, 0]));
  const notReady = Object.fromEntries(peers.map((p) => [p.id, 0]));
  const pageErrors = Object.fromEntries(peers.map((p) => [p.id, 0]));
  const contexts = [];
  let revisitAt = 0;

  const emit = (page, peer, from, to) =>
    page.evaluate(`(async () => {
      for (let n = ${from}; n <= ${to}; n++) {
        ${peer.trackSeq};
        if (n < ${to}) await new Promise((r) => setTimeout(r, ${timing.gapMs}));
      }
    })()`);

  const scenario = async (peer) => {
    const context = await browser.newContext({ userAgent });
    contexts.push(context);
    context.on('requestfailed', (r) => {
      if (r.url().startsWith(collector.origin)) refused[peer.id]++;
    });
    context.on('weberror', () => pageErrors[peer.id]++);
    const open = async (page, letter) => {
      await page.goto(`${site.origin}/d/${peer.id}/${letter}.html`);
      // A library that cannot finish starting while its backend is down still gets its events (its snippet
      // queues them); the run goes on and the table says so.
      await page.waitForFunction(peer.ready, null, { timeout: timing.readyTimeoutMs }).catch(() => notReady[peer.id]++);
    };
    let page = await context.newPage();
    await open(page, 'a');
    await emit(page, peer, 1, 10);
    await page.waitForTimeout(timing.readAMs);
    await goOffline(async () => {
      log.offline = Date.now();
      await collector.setOffline(true);
    });
    await emit(page, peer, 11, 15);
    await open(page, 'b');
    await emit(page, peer, 16, 25);
    await page.waitForTimeout(timing.readBMs);
    await open(page, 'c');
    await emit(page, peer, 26, 30);
    await page.waitForTimeout(timing.readCMs);
    await goOnline(async () => {
      log.online = Date.now();
      await collector.setOffline(false);
    });
    await emit(page, peer, 31, 40);
    // runBeforeUnload: close the tab as a visitor does (beforeunload, pagehide, unload all run).
    const closed = new Promise((r) => page.once('close', r));
    await page.close({ runBeforeUnload: true });
    await closed;
    await allClosed(async () => {
      log.closed = Date.now();
    });
    await new Promise((r) => setTimeout(r, timing.revisitAfterMs));
    revisitAt ||= Date.now();
    page = await context.newPage();
    await open(page, 'd');
  };

  await Promise.all(peers.map(scenario));
  // Keep the revisit open until no sequence event has been received for quietMs (at least minStayMs, at most
  // maxStayMs): the libraries' own retry timers decide when they send again.
  const seqArrivals = () => collector.received().filter((p) => p.status === 200 && peers.some((peer) => p.path.startsWith(stream(peer)))).length;
  const stayStart = Date.now();
  let last = seqArrivals();
  let lastChange = Date.now();
  while (Date.now() - stayStart < timing.maxStayMs) {
    await new Promise((r) => setTimeout(r, 500));
    const now = seqArrivals();
    if (now !== last) (last = now), (lastChange = Date.now());
    if (Date.now() - stayStart >= timing.minStayMs && Date.now() - lastChange >= timing.quietMs) break;
  }
  log.end = Date.now();
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  const results = {};
  for (const peer of peers) {
    results[peer.id] = { ...count(recordsOf(collector, peer), revisitAt), refused: refused[peer.id], notReady: notReady[peer.id], pageErrors: pageErrors[peer.id] };
  }
  progress(
    `delivery run (seed ${seed}): offline ${((log.online - log.offline) / 1000).toFixed(1)} s, revisit ${((log.end - revisitAt) / 1000).toFixed(1)} s; ` +
      peers.map((p) => `${p.id} lost ${results[p.id].lost}`).join(', '),
  );
  return { seed, offlineMs: log.online - log.offline, revisitStayMs: log.end - revisitAt, totalMs: log.end - log.start, results };
}

/**
 * Delivery under faults, `runs` times (seeds 1..runs: each run has its own pattern of 503s, the same for every
 * library within the run). `routes` are the site's routes: Segment's source settings there name the collector
 * as its API host while this runs.
 */
export async function benchDelivery({ browser, userAgent, site, routes, collector, peers, runs, timing, progress }) {
  const SETTINGS = '/segment/v1/projects/seg_bench/settings';
  const before = routes.json[SETTINGS];
  routes.json[SETTINGS] = segmentSettings(collector.origin);
  for (const peer of peers) {
    for (const letter of ['a', 'b', 'c', 'd']) {
      site.pages.set(`/d/${peer.id}/${letter}.html`, testPage(peer.head(site.origin, collector.origin), `Page ${letter.toUpperCase()}`));
    }
  }
  const all = [];
  for (let r = 0; r < runs; r++) {
    progress(`delivery under faults: run ${r + 1}/${runs}, ${peers.length} libraries side by side`);
    all.push(await runOnce({ browser, userAgent, site, collector, peers, seed: r + 1, timing, progress }));
  }
  const results = {};
  for (const peer of peers) {
    const rs = all.map((a) => a.results[peer.id]);
    const med = (k) => median(rs.map((x) => x[k]));
    results[peer.id] = {
      name: peer.name,
      generated: EVENTS,
      received: med('received'),
      lost: med('lost'),
      lostPerRun: rs.map((x) => x.lost),
      duplicatesSameId: med('duplicatesSameId'),
      duplicatesNewId: med('duplicatesNewId'),
      deliveredAfterRevisit: med('deliveredAfterRevisit'),
      posts: med('posts'),
      answered503: med('answered503'),
      refused: med('refused'),
      notReady: Math.max(...rs.map((x) => x.notReady)),
      pageErrors: Math.max(...rs.map((x) => x.pageErrors)),
      undecodable: Math.max(...rs.map((x) => x.undecodable)),
      runs: rs,
    };
  }
  routes.json[SETTINGS] = before;
  return { events: EVENTS, runs, timing, runInfo: all.map(({ results: _, ...info }) => info), results };
}
