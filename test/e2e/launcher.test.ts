import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './support/chromium.js';
import { setupE2E } from './support/setup-e2e.js';

const STRICT = { 'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self'; connect-src *" };

/** WCAG contrast ratio between the launcher's text and background, as the browser computed them. */
const launcherContrast = (page: Page) =>
  page.evaluate(() => {
    const b = document.querySelector('kizuna-launcher')!.shadowRoot!.querySelector('button')!;
    const canvas = document.createElement('canvas').getContext('2d')!;
    // Let the canvas resolve any CSS colour syntax (lch(), rgb()) into sRGB bytes.
    const rgb = (css: string) => {
      canvas.clearRect(0, 0, 1, 1);
      canvas.fillStyle = css;
      canvas.fillRect(0, 0, 1, 1);
      return [...canvas.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const lum = (c: number[]) =>
      c
        .map((v) => v / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    const cs = getComputedStyle(b);
    const [a, z] = [lum(rgb(cs.color)), lum(rgb(cs.backgroundColor))].sort((x, y) => y - x);
    return (a! + 0.05) / (z! + 0.05);
  });

describe.skipIf(skipWithoutChromium)('the chat launcher, in Chromium', () => {
  const e2e = setupE2E();

  it('draws under a strict CSP (no style-src unsafe-inline), is a named button, and loads the widget only on intent', async () => {
    const ctx = await e2e.open();
    const page = await ctx.newPage();
    await page.goto(e2e.servePage('/launcher', {}, STRICT));
    const button = page.locator('kizuna-launcher').locator('button');
    await expect.poll(() => button.textContent()).toBe('Chat');
    const box = (await button.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(box.x + box.width).toBeGreaterThan(viewport.width - 60); // bottom right corner
    expect(box.y + box.height).toBeGreaterThan(viewport.height - 60);
    await page.waitForTimeout(300);
    expect(e2e.collector.gets.filter((g) => g.includes('kizuna-widget'))).toEqual([]);
    await button.hover();
    await expect.poll(() => e2e.collector.gets.some((g) => g.includes('kizuna-widget.js'))).toBe(true);
    ctx.errors.expectNone();
  });

  it('picks black or white text for AA contrast on any primary colour, and honours position and data-launcher', async () => {
    const ctx = await e2e.open();
    const page = await ctx.newPage();
    for (const color of ['#4f46e5', '#ffeb3b', '#767676', '#00aa77', '#ffffff', '#101010']) {
      await page.goto(e2e.servePage(`/c${color.slice(1)}`, { options: { color, position: 'left' } }));
      const button = page.locator('kizuna-launcher').locator('button');
      await button.waitFor();
      expect(await launcherContrast(page), color).toBeGreaterThanOrEqual(4.5);
      expect((await button.boundingBox())!.x).toBeLessThan(60);
    }
    await page.goto(e2e.servePage('/hidden', { options: { launcher: 'false' } }));
    await page.waitForFunction(() => typeof window.kizuna?.version === 'string');
    expect(await page.locator('kizuna-launcher').count()).toBe(0);
    ctx.errors.expectNone();
  });

  it('speaks the page language: a Japanese page gets a Japanese launcher', async () => {
    const ctx = await e2e.open({ locale: 'en-US' });
    const page = await ctx.newPage();
    const url = e2e.servePage('/ja-page');
    await page.route(url, async (route) => {
      const res = await route.fetch();
      await route.fulfill({ response: res, body: (await res.text()).replace('<html lang="en">', '<html lang="ja">') });
    });
    await page.goto(url);
    await expect.poll(() => page.locator('kizuna-launcher').locator('button').textContent()).toBe('チャット');
  });
});
