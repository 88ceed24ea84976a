import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { rollup } from 'rollup';
// @ts-expect-error plain ESM helper shared with the build script
import { fileSizes } from '../../scripts/file-sizes.mjs';
// @ts-expect-error the build's own plugin list
import { plugins } from '../../rollup.config.mjs';

/** gzip bytes (level 9) of a minified IIFE built from `input` the way the shipped files are. */
const buildGzip = async (input: string, widget = true): Promise<number> => {
  const bundle = await rollup({ input, plugins: plugins(false, true, widget), onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'iife', name: 'measure' });
  await bundle.close();
  return fileSizes(Buffer.from(output[0].code)).gzip;
};

const KiB = 1024;

/**
 * Size budgets, in gzip bytes (level 9). `npm test` builds first, so the shipped files are what would ship.
 * Raise a budget only with a reason in the commit message.
 */
describe('size budgets', () => {
  it('dist/kizuna.js, everything every page loads, stays within 6 KiB (issues 2 and 5)', () => {
    expect(fileSizes(readFileSync('dist/kizuna.js')).gzip).toBeLessThanOrEqual(6 * KiB);
  });

  it("the tracking core (issue 2's features: tracking, outbox, delivery, consent) stays within 4.5 KiB", async () => {
    expect(await buildGzip('src/global.ts', false)).toBeLessThanOrEqual(4.5 * KiB);
  }, 30_000);

  it('the launcher, built on its own (an upper bound of what it adds), stays within 0.6 KiB (issue 4)', async () => {
    expect(await buildGzip('src/core/launcher.ts')).toBeLessThanOrEqual(0.6 * KiB);
  }, 30_000);

  it('dist/kizuna-widget.js, Preact and every message kind included, stays within 18 KiB (issues 4 and 5)', () => {
    expect(fileSizes(readFileSync('dist/kizuna-widget.js')).gzip).toBeLessThanOrEqual(18 * KiB);
  });

  it('dist/kizuna-campaigns.js, the rules engine loaded only on sites with live campaigns, stays within 3.5 KiB (issue 5)', () => {
    expect(fileSizes(readFileSync('dist/kizuna-campaigns.js')).gzip).toBeLessThanOrEqual(3.5 * KiB);
  });

  it('the core bundle contains no Preact and no web-vitals (they load lazily)', () => {
    const core = readFileSync('dist/kizuna.js', 'utf8');
    expect(core).not.toMatch(/preact|__PREACT|onINP|largest-contentful-paint/i);
  });
});
