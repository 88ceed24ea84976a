// Chat reply latency, operator → visitor: the real collector (build/server/start.js, PGlite) serves its demo
// site; a visitor in Chromium opens the chat through the launcher and writes once; then the operator replies
// through the admin API `replies` times, one after another. Each reply is timed from just before the
// operator's POST to (a) the widget's `chat:message` event and (b) the message's bubble appearing in the
// widget's DOM (a MutationObserver on its shadow root). Node's and the page's clocks are both
// performance.timeOrigin + performance.now(), i.e. the same system clock.
import { randomBytes } from 'node:crypto';
import { percentile, round } from './stats.mjs';
import { startRealCollector } from './real-collector.mjs';

const now = () => performance.timeOrigin + performance.now();

/** Records, in the page, when each operator message arrives as an event and as a bubble in the DOM. */
const WATCH = () => {
  const w = window;
  w.__event = {};
  w.__dom = {};
  const t = () => performance.timeOrigin + performance.now();
  w.kizuna.on('chat:message', (m) => {
    if (m && m.author === 'operator') w.__event[m.text] ??= t();
  });
  const watchRoot = (root) =>
    new MutationObserver(() => {
      for (const el of root.querySelectorAll('.m.o')) {
        const text = el.textContent || '';
        const key = /\[(r\d+-[0-9a-f]+)\]/.exec(text)?.[1];
        if (key) w.__dom[key] ??= t();
      }
    }).observe(root, { childList: true, subtree: true, characterData: true });
  const find = () => {
    const root = document.querySelector('kizuna-widget')?.shadowRoot;
    if (root) watchRoot(root);
    else setTimeout(find, 20);
  };
  find();
};

/** Runs the chat benchmark; resolves with per-run latencies and their p50/p99. */
export async function benchChat({ root, browser, userAgent, replies, runs, gapMs, progress }) {
  const out = { replies, runs, gapMs, runsDetail: [] };
  for (let run = 0; run < runs; run++) {
    progress(`chat: run ${run + 1}/${runs}: real collector, a visitor in Chromium, ${replies} operator replies`);
    const collector = await startRealCollector(root);
    const context = await browser.newContext({ userAgent, viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await page.goto(`${collector.origin}/support.html`);
      await page.waitForFunction(() => typeof window.kizuna === 'object' && typeof window.kizuna.on === 'function');
      await page.locator('kizuna-launcher').getByRole('button').click();
      const dialog = page.locator('kizuna-widget').getByRole('dialog');
      await dialog.waitFor();
      await page.evaluate(WATCH);
      const box = dialog.getByRole('textbox', { name: 'Write a message' });
      const question = `Where are my invoices? ${randomBytes(3).toString('hex')}`;
      await box.fill(question);
      await box.press('Enter');
      // The conversation, as the operator's inbox lists it.
      let id;
      for (let i = 0; i < 150 && !id; i++) {
        const r = await collector.admin('/sites/demo/conversations?status=all');
        id = (await r.json()).conversations?.[0]?.id;
        if (!id) await new Promise((r) => setTimeout(r, 100));
      }
      if (!id) throw new Error('the visitor message never reached the inbox');
      const nonce = randomBytes(3).toString('hex');
      const samples = [];
      for (let i = 1; i <= replies; i++) {
        const key = `r${i}-${nonce}`;
        const text = `Reply ${i} [${key}]`;
        const t0 = now();
        const res = await collector.admin(`/sites/demo/conversations/${id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text }),
        });
        const apiMs = now() - t0;
        if (res.status >= 300) throw new Error(`operator reply ${i}: ${res.status} ${await res.text()}`);
        await page.waitForFunction(([t, k]) => window.__event[t] && window.__dom[k], [text, key], { timeout: 15_000, polling: 10 });
        const [eventAt, domAt] = await page.evaluate(([t, k]) => [window.__event[t], window.__dom[k]], [text, key]);
        samples.push({ eventMs: eventAt - t0, domMs: domAt - t0, apiMs });
        await new Promise((r) => setTimeout(r, gapMs));
      }
      out.runsDetail.push(samples);
    } finally {
      await context.close().catch(() => {});
      await collector.stop();
    }
  }
  const all = out.runsDetail.flat();
  const stat = (k) => ({ p50: round(percentile(all.map((s) => s[k]), 0.5)), p99: round(percentile(all.map((s) => s[k]), 0.99)), max: round(Math.max(...all.map((s) => s[k]))) });
  out.samples = all.length;
  out.dom = stat('domMs');
  out.event = stat('eventMs');
  out.api = stat('apiMs');
  out.perRun = out.runsDetail.map((s) => ({
    domP50: round(percentile(s.map((x) => x.domMs), 0.5)),
    domP99: round(percentile(s.map((x) => x.domMs), 0.99)),
  }));
  return out;
}
