/**
 * Static checks of the demo site (demo/, owned with the console): the tag owners paste, no inline code
 * anywhere (so every page would pass a strict CSP), working local links, the pages issue 3 asks for.
 * Real behaviour in Chromium is covered by test/e2e/console.test.ts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// vitest defines __dirname for test files (import.meta.url is not a file: URL under happy-dom).
const DEMO = join(__dirname, '../../demo');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

// Parsing a page makes happy-dom try to fetch its stylesheet; this test reads files, it does not load them.
(window as unknown as { happyDOM?: { settings: { handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM!.settings.handleDisabledFileLoadingAsSuccess = true;

const pages = htmlFiles(DEMO).map((path) => ({
  name: relative(DEMO, path),
  doc: new DOMParser().parseFromString(readFileSync(path, 'utf8'), 'text/html'),
}));

/** Where a same-origin URL path lands in demo/ (or null for what the server serves from elsewhere). */
function fileFor(path: string): string | null {
  if (path === '/kizuna.js' || path === '/console' || path.startsWith('/console/')) return null;
  if (path.startsWith('/spa/') && !/\.\w+$/.test(path)) return join(DEMO, 'spa/index.html');
  return join(DEMO, path.endsWith('/') ? `${path}index.html` : path);
}

describe('demo site', () => {
  it('has the pages the issue asks for', () => {
    const names = pages.map((p) => p.name).sort();
    expect(names).toEqual(
      expect.arrayContaining([
        'index.html',
        'pricing.html',
        'docs.html',
        'about.html',
        'strict-csp.html',
        'spa/index.html',
        'ja/index.html',
        'support.html',
        'ja/support.html',
        'messages.html',
        'ja/messages.html',
      ]),
    );
  });

  it.each(pages)('$name links to the Messages page in its language from the main nav', ({ name, doc }) => {
    const japanese = name.startsWith('ja/');
    const link = doc.querySelector(`nav.site-nav a[href="${japanese ? '/ja/messages.html' : '/messages.html'}"]`);
    expect(link?.textContent).toBe(japanese ? 'メッセージ' : 'Messages');
    expect(link?.getAttribute('aria-current') ?? null).toBe(name.endsWith('messages.html') ? 'page' : null);
  });

  it.each(pages)('$name carries exactly the README tag and no inline code', ({ doc }) => {
    const tags = Array.from(doc.querySelectorAll('script[src="/kizuna.js"]'));
    expect(tags).toHaveLength(1);
    const attrs = Array.from(tags[0]!.attributes).map((a) => `${a.name}=${a.value}`).sort();
    expect(attrs).toEqual(['async=', 'data-key=pk_demo', 'src=/kizuna.js']);
    expect(doc.querySelectorAll('script:not([src])')).toHaveLength(0);
    expect(doc.querySelectorAll('style, [style]')).toHaveLength(0);
    const handlers = Array.from(doc.querySelectorAll('*')).flatMap((el) =>
      Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
    );
    expect(handlers).toEqual([]);
    expect(doc.querySelectorAll('a[href^="javascript:"]')).toHaveLength(0);
    // Every page explains what it demonstrates and links to the console.
    expect(doc.querySelector('.demo-note')?.textContent?.length).toBeGreaterThan(50);
    expect(doc.querySelector('a[href^="/console"]')).not.toBeNull();
  });

  it.each(pages)('$name links only to files that exist', ({ doc }) => {
    const refs = Array.from(doc.querySelectorAll('[href], [src]'))
      .map((el) => el.getAttribute('href') ?? el.getAttribute('src') ?? '')
      .filter((ref) => ref.startsWith('/') && !ref.startsWith('//'));
    for (const ref of refs) {
      const file = fileFor(new URL(ref, 'http://demo.test').pathname);
      if (file) expect(existsSync(file), `${ref} → ${file}`).toBe(true);
    }
  });

  it('runs a page under a strict CSP without any unsafe source', () => {
    const doc = pages.find((p) => p.name === 'strict-csp.html')!.doc;
    const meta = doc.querySelector('meta[http-equiv="Content-Security-Policy"]');
    expect(meta?.getAttribute('content')).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:",
    );
    // The policy must come before the first script or stylesheet to cover it.
    const first = doc.head.querySelector('meta[http-equiv], script, link[rel="stylesheet"]');
    expect(first).toBe(meta);
  });

  it('has a signup button, outbound and download links for the SDK to track', () => {
    const pricing = pages.find((p) => p.name === 'pricing.html')!.doc;
    const signup = pricing.querySelector('[data-kizuna-event="Signup Clicked"][data-kizuna-prop-plan="pro"]');
    expect(signup?.tagName).toBe('BUTTON');
    const docs = pages.find((p) => p.name === 'docs.html')!.doc;
    expect(docs.querySelector('a[href="/files/guide.pdf"]')).not.toBeNull();
    expect(docs.querySelector('a[href$=".zip"]')).not.toBeNull();
    expect(docs.querySelector('a[href^="https://example.com"]')).not.toBeNull();
  });

  it('ships a real PDF and a real ZIP', () => {
    const pdf = readFileSync(join(DEMO, 'files/guide.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    const startxref = Number(/startxref\n(\d+)/.exec(pdf.toString('latin1'))![1]);
    expect(pdf.subarray(startxref, startxref + 4).toString()).toBe('xref');
    const zip = readFileSync(join(DEMO, 'files/starter-kit.zip'));
    expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  });

  it('has Japanese pages in Japanese', () => {
    const ja = pages.filter((p) => p.name.startsWith('ja/'));
    expect(ja.length).toBeGreaterThanOrEqual(2);
    for (const { doc } of ja) {
      expect(doc.documentElement.lang).toBe('ja');
      const text = doc.body.textContent ?? '';
      const japanese = (text.match(/[\u3040-\u30ff\u4e00-\u9fff]/g) ?? []).length;
      expect(japanese).toBeGreaterThan(100);
    }
  });

  describe.each(['support.html', 'ja/support.html'])('%s', (name) => {
    type Kizuna = { chat?: { open(): void }; feedback?: { open(): void } };
    /** Loads the page's body into the test document and runs demo.js on it, as the browser would. */
    function run(kizuna: Kizuna | undefined) {
      const doc = pages.find((p) => p.name === name)!.doc;
      document.documentElement.lang = doc.documentElement.lang;
      document.body.innerHTML = doc.body.innerHTML;
      (window as unknown as { kizuna?: Kizuna }).kizuna = kizuna;
      new Function(readFileSync(join(DEMO, 'demo.js'), 'utf8'))();
      const button = (action: string) => document.querySelector<HTMLButtonElement>(`button[data-demo-action="${action}"]`)!;
      return { button, status: () => document.querySelector('[data-demo-status]')!.textContent };
    }

    afterEach(() => {
      document.body.innerHTML = '';
      document.documentElement.lang = '';
      delete (window as unknown as { kizuna?: Kizuna }).kizuna;
    });

    it('opens the chat and the feedback form through the public API', () => {
      const calls: string[] = [];
      const page = run({ chat: { open: () => calls.push('chat') }, feedback: { open: () => calls.push('feedback') } });
      page.button('chat').click();
      page.button('feedback').click();
      expect(calls).toEqual(['chat', 'feedback']);
      expect(page.status()).toBe('');
    });

    it('only says so when the SDK (or its chat API) is not there, and never throws', () => {
      const page = run(undefined);
      expect(() => page.button('chat').click()).not.toThrow();
      expect(page.status()).toMatch(/not available yet|まだ利用できません/);
      // A core without the chat API yet (the launcher ships soon after).
      const older = run({});
      older.button('feedback').click();
      expect(older.status()).toMatch(/not available yet|まだ利用できません/);
      const broken = run({ chat: { open: () => { throw new Error('boom'); } } });
      expect(() => broken.button('chat').click()).not.toThrow();
      expect(broken.status()).toMatch(/Could not open|開けませんでした/);
    });

    it('links to the console inbox and says what to expect there', () => {
      const doc = pages.find((p) => p.name === name)!.doc;
      expect(doc.querySelector('.demo-note a[href="/console/inbox"]')).not.toBeNull();
      expect(doc.querySelector('.demo-note a[href="/console/feedback"]')).not.toBeNull();
      expect(doc.querySelector('.demo-note pre')?.textContent).toContain('kizuna.chat.open()');
    });
  });

  describe.each(['messages.html', 'ja/messages.html'])('%s', (name) => {
    type Listener = (message: Record<string, unknown>) => void;
    type Kizuna = { track?: (name: string) => void; campaigns?: { why(id: string): string }; on?: (name: string, cb: Listener) => () => void };
    const doc = () => pages.find((p) => p.name === name)!.doc;
    /** Loads the page's body into the test document and runs demo.js on it, as the browser would. */
    function run(kizuna: Kizuna | undefined) {
      const page = doc();
      document.documentElement.lang = page.documentElement.lang;
      document.body.innerHTML = page.body.innerHTML;
      (window as unknown as { kizuna?: Kizuna }).kizuna = kizuna;
      new Function(readFileSync(join(DEMO, 'demo.js'), 'utf8'))();
      return {
        why: (id: string) => document.querySelector(`[data-demo-why="${id}"]`)!.textContent,
        status: () => document.querySelector('[data-demo-status]')!.textContent,
      };
    }

    afterEach(() => {
      vi.clearAllTimers();
      vi.useRealTimers();
      document.body.innerHTML = '';
      document.documentElement.lang = '';
      delete (window as unknown as { kizuna?: Kizuna }).kizuna;
    });

    // The demo campaigns the collector creates (server/demo-campaigns.ts, checked in test/server/demo-campaigns.test.ts).
    const ids = ['demo-modal', 'demo-banner', 'demo-slide-up', 'demo-nps', 'demo-chat-prompt', 'demo-ab-test'];

    it('has a trigger for each demo campaign and a line for what why() says about it', () => {
      const page = doc();
      expect(Array.from(page.querySelectorAll('[data-demo-why]')).map((el) => el.getAttribute('data-demo-why'))).toEqual(ids);
      // Click triggers, the custom event of the survey, the A/B test's event with its property and its goal.
      expect(page.querySelector('button#demo-show-modal')).not.toBeNull();
      expect(page.querySelector('button#demo-show-chat-prompt')).not.toBeNull();
      expect(page.querySelector('button[data-demo-track="Demo Survey Requested"]')).not.toBeNull();
      expect(page.querySelector('button[data-kizuna-event="Demo Plans Compared"][data-kizuna-prop-plan="pro"]')).not.toBeNull();
      expect(page.querySelector('button[data-kizuna-event="Demo Trial Started"]')).not.toBeNull();
      expect(page.querySelector('.demo-note a[href="/console/campaigns?site=demo"]')).not.toBeNull();
      expect(page.querySelector('.demo-note a[href="/console/campaigns/demo-ab-test/results?site=demo"]')).not.toBeNull();
    });

    it('tracks the survey event through kizuna.track and shows why() once a second, as text', () => {
      vi.useFakeTimers();
      const tracked: string[] = [];
      const answers: Record<string, string> = { 'demo-modal': 'trigger', 'demo-banner': 'shown', 'demo-nps': 'site.gap' };
      const page = run({
        track: (event) => tracked.push(event),
        campaigns: { why: (id) => answers[id] ?? '<img src=x onerror=alert(1)>' },
      });
      document.querySelector<HTMLButtonElement>('[data-demo-track]')!.click();
      expect(tracked).toEqual(['Demo Survey Requested']);
      expect(page.status()).toBe('');
      expect(page.why('demo-modal')).toMatch(/^trigger — /);
      expect(page.why('demo-nps')).toMatch(/^site\.gap — .*5/);
      // Whatever why() returns is shown as text, never parsed as HTML.
      expect(page.why('demo-ab-test')).toBe('<img src=x onerror=alert(1)>');
      expect(document.querySelector('[data-demo-why] img')).toBeNull();
      answers['demo-modal'] = 'shown';
      vi.advanceTimersByTime(1000);
      expect(page.why('demo-modal')).toMatch(/^shown — /);
    });

    it('completes the "shown" of why() with what the widget then recorded: drawn, held back by an open message, or the holdout', () => {
      vi.useFakeTimers();
      const listeners: Listener[] = [];
      const page = run({ campaigns: { why: () => 'shown' }, on: (name, cb) => (name === 'event' && listeners.push(cb), () => {}) });
      const emit = (message: Record<string, unknown>) => listeners.forEach((cb) => cb(message));
      emit({ type: 'track', event: 'Message Shown', properties: { campaignId: 'demo-banner', version: 1 } });
      emit({ type: 'track', event: 'Message Suppressed', properties: { campaignId: 'demo-nps', reason: 'site.busy' } });
      emit({ type: 'track', event: 'Message Shown', properties: { campaignId: 'demo-ab-test', variantId: 'control', version: 1 } });
      expect(page.why('demo-banner')).toMatch(/^shown — (shown on this page|このページで表示済み)$/);
      expect(page.why('demo-nps')).toMatch(/site\.busy/);
      expect(page.why('demo-ab-test')).toMatch(/holdout|ホールドアウト/);
      expect(page.why('demo-modal')).toMatch(/^shown — (shown on this page|このページで表示済み)$/);
      // The same events are listed in the note, campaign and reason included.
      expect(Array.from(document.querySelectorAll('#kizuna-log li')).map((li) => li.textContent)).toEqual([
        'track  Message Shown demo-banner',
        'track  Message Suppressed demo-nps (site.busy)',
        'track  Message Shown demo-ab-test [control]',
      ]);
      // A new page view starts over, as why() does.
      emit({ type: 'page', context: { page: { path: '/messages.html' } } });
      expect(page.why('demo-nps')).toMatch(/^shown — (shown on this page|このページで表示済み)$/);
    });

    it('only says so when the SDK is not there, and never throws', () => {
      vi.useFakeTimers();
      const page = run(undefined);
      expect(page.why('demo-modal')).toMatch(/still loading|読み込み中/);
      expect(() => document.querySelector<HTMLButtonElement>('[data-demo-track]')!.click()).not.toThrow();
      expect(page.status()).toMatch(/still loading|読み込まれていない/);
      const broken = run({ track: () => { throw new Error('boom'); }, campaigns: { why: () => { throw new Error('boom'); } } });
      expect(() => document.querySelector<HTMLButtonElement>('[data-demo-track]')!.click()).not.toThrow();
      expect(broken.status()).toMatch(/Could not|送れませんでした/);
      expect(broken.why('demo-nps')).toMatch(/still loading|読み込み中/);
    });
  });

  it('has SPA links between /spa/, /spa/settings and /spa/billing', () => {
    const spa = pages.find((p) => p.name === 'spa/index.html')!.doc;
    const links = Array.from(spa.querySelectorAll('a[data-spa-link]')).map((a) => a.getAttribute('href'));
    expect(links).toEqual(expect.arrayContaining(['/spa/', '/spa/settings', '/spa/billing']));
    expect(spa.querySelector('script[src="/spa/spa.js"]')).not.toBeNull();
  });
});
