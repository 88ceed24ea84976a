import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error plain ESM helper shared with the build script
import { fileSizes } from '../../scripts/file-sizes.mjs';

/**
 * Size budgets, in gzip bytes (level 9) of each shipped file. `npm test` builds first, so these read what
 * would ship. Raise a budget only with a reason in the commit message.
 */
const BUDGETS: Record<string, number> = {
  // Issue 2: the core with tracking, outbox, delivery and consent. Later features share 6 KiB in all.
  'dist/kizuna.js': 4.5 * 1024,
};

describe('shipped file sizes', () => {
  for (const [file, budget] of Object.entries(BUDGETS)) {
    it(`${file} stays within ${budget} gzip bytes`, () => {
      const { gzip } = fileSizes(readFileSync(file));
      expect(gzip).toBeLessThanOrEqual(budget);
    });
  }

  it('the core bundle contains no Preact and no web-vitals (they load lazily)', () => {
    const core = readFileSync('dist/kizuna.js', 'utf8');
    expect(core).not.toMatch(/preact|__PREACT|onINP|largest-contentful-paint/i);
  });
});
