// Plausible ships its npm tracker as an ES module only; a site without a bundler would wrap it for a script tag.
// This builds that wrapper (IIFE, minified like every other file in the table) so it can load like the others.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/** Builds plausible.js (IIFE exposing window.__plausible = {init, track}) into a temp dir; returns its path. */
export async function buildPlausible(root) {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-bench-'));
  const entry = join(dir, 'entry.mjs');
  writeFileSync(entry, "import { init, track } from '@plausible-analytics/tracker';\nwindow.__plausible = { init, track };\n");
  const bundle = await rollup({
    input: entry,
    plugins: [resolve({ browser: true, rootDir: root, modulePaths: [join(root, 'node_modules')] }), terser({ format: { comments: false } })],
  });
  const file = join(dir, 'plausible.js');
  await bundle.write({ file, format: 'iife' });
  await bundle.close();
  return file;
}
