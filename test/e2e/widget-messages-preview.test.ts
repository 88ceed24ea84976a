/**
 * The console's message preview (src/widget/preview.tsx) in real Chromium, bundled the way the SDK is built: the
 * message stays inside the element it was given (a modal's backdrop covers the element, not the console), the
 * console's styles do not reach in, it does not take focus from the editor, links do not navigate the console, and
 * unmounting leaves the element reusable. Screenshot: /tmp/kizuna-message-preview.png.
 */
import { rollup } from 'rollup';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the build's own plugin list
import { plugins } from '../../rollup.config.mjs';
import { launchChromium, skipWithoutChromium } from './support/chromium.js';
import { watchPageErrors } from './support/page-errors.js';

const CONSOLE = `<!doctype html><html lang="en"><head><title>Console</title><style>
  body { margin: 0; font: 20px serif; letter-spacing: 3px; color: rgb(255, 0, 0); }
  h2 { font-size: 40px; color: rgb(0, 0, 255); }
  .layout { display: flex; gap: 20px; padding: 20px; }
  #preview { width: 480px; height: 360px; border: 1px solid #999; }
</style></head><body><main><h1>Campaign editor</h1><div class="layout">
  <label>JSON <textarea id="editor" rows="10"></textarea></label>
  <div id="preview"></div>
</div><div style="height: 3000px"></div></main></body></html>`;

const campaign = (k: string, c: Record<string, unknown>) => ({ i: 'p-' + k, v: 1, p: 0, k, l: 'en', c, t: { c: [['x']] }, f: {} });

describe.skipIf(skipWithoutChromium)('renderPreview in Chromium (the console)', () => {
  let browser: Browser;
  let bundle = '';

  beforeAll(async () => {
    const build = await rollup({ input: 'src/widget/preview.tsx', plugins: plugins(false, true), onwarn: () => {} });
    const { output } = await build.generate({ format: 'iife', name: 'KizunaPreview' });
    await build.close();
    bundle = output[0].code;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const rect = (page: Page, selector: string) =>
    page.evaluate((s) => {
      const el = document.querySelector('#preview')!.shadowRoot!.querySelector(s) || document.querySelector(s)!;
      const r = el.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height].map(Math.round);
    }, selector);

  it('stays inside its element, unstyled by the console, without taking focus or navigating', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const errors = watchPageErrors(context);
    const page = await context.newPage();
    await page.setContent(CONSOLE);
    await page.addScriptTag({ content: bundle });
    await page.focus('#editor');
    await page.evaluate(() => window.scrollTo(0, 40));
    await page.evaluate(
      (c) => ((window as any).stop = (window as any).KizunaPreview.renderPreview(document.getElementById('preview'), c, {})),
      campaign('modal', { en: { t: 'Go Pro', b: 'See [the plans](https://example.com/plans).', n: [['See plans', 'url', 'https://example.com/plans'], ['Later', 'dismiss']] } }),
    );
    const preview = page.locator('#preview');
    await preview.locator('.w').waitFor();
    await page.evaluate(() => Promise.all(document.getElementById('preview')!.shadowRoot!.getAnimations().map((a) => a.finished)).then(() => {}));
    // The element keeps the console's size; the backdrop fills it (inside its 1 px border), not the viewport.
    const box = await rect(page, '#preview');
    expect(box.slice(2)).toEqual([482, 362]);
    expect(await rect(page, '.bd')).toEqual([box[0]! + 1, box[1]! + 1, 480, 360]);
    const dialog = await rect(page, '.w');
    expect(dialog[0]).toBeGreaterThan(box[0]!);
    expect(dialog[0]! + dialog[2]!).toBeLessThan(box[0]! + box[2]!);
    // Focus stays in the editor; the console's CSS does not reach the message.
    expect(await page.evaluate(() => document.activeElement!.id)).toBe('editor');
    const h2 = await preview.locator('h2').evaluate((h) => [getComputedStyle(h).fontSize, getComputedStyle(h).color, getComputedStyle(h).letterSpacing]);
    expect(h2).toEqual(['16px', 'rgb(31, 35, 40)', 'normal']);
    await page.screenshot({ path: '/tmp/kizuna-message-preview.png' });

    // A link in the preview does not take the console anywhere.
    const url = page.url();
    await preview.getByRole('link', { name: 'the plans' }).click();
    await preview.getByRole('link', { name: 'See plans' }).click();
    await page.waitForTimeout(200);
    expect(page.url()).toBe(url);
    expect(context.pages()).toHaveLength(1);

    // Unmount, then reuse the same element for another kind.
    await page.evaluate(() => (window as any).stop());
    expect(await preview.locator('.w').count()).toBe(0);
    await page.evaluate(
      (c) => (window as any).KizunaPreview.renderPreview(document.getElementById('preview'), c, { theme: 'dark' }),
      campaign('banner-top', { en: { b: 'Free shipping' } }),
    );
    await preview.locator('.w').waitFor();
    await page.evaluate(() => Promise.all(document.getElementById('preview')!.shadowRoot!.getAnimations().map((a) => a.finished)).then(() => {}));
    const banner = await rect(page, '.w');
    expect([banner[0], banner[1], banner[2]]).toEqual([box[0]! + 1, box[1]! + 1, 480]);
    errors.expectNone();
    await context.close();
  });
});
