import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup } from 'rollup';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Raw, gzip (level 9) and brotli (quality 11) byte sizes of bytes, as a CDN would serve them. */
export function sizeOfBytes(data) {
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Raw, gzip (level 9) and brotli (quality 11) byte sizes of a file. */
export const sizeOf = (file) => sizeOfBytes(readFileSync(file));

/**
 * Sizes of a Kizuna module built on its own the way the shipped files are (minified IIFE, the build's own
 * plugins), e.g. the launcher alone (an upper bound of what it adds to kizuna.js) or the core without chat
 * (`widget: false`). Same approach as test/build/size.test.ts.
 */
export async function sizeOfKizunaBuild(root, input, widget = true) {
  const { plugins } = await import(pathToFileURL(join(root, 'rollup.config.mjs')).href);
  const cwd = process.cwd();
  process.chdir(root); // the TypeScript plugin resolves ./tsconfig.json from here
  try {
    const bundle = await rollup({ input: join(root, input), plugins: plugins(false, true, widget), onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'iife', name: 'measure' });
    await bundle.close();
    return sizeOfBytes(Buffer.from(output[0].code));
  } finally {
    process.chdir(cwd);
  }
}

/**
 * The size section: every shipped file of every library; the sum of what a page loads for tracking (the files
 * loaded on every page); and the chat UI: Kizuna's widget chunk plus its launcher (built on its own, an upper
 * bound of what the launcher adds to kizuna.js), PostHog's conversations chunk; Segment and Plausible have none.
 */
export async function benchSizes(root, peers) {
  const files = peers.flatMap((p) => p.files.map((f) => ({ library: p.id, name: p.name, version: p.version, file: f.label, loads: f.loads, ...sizeOf(f.file) })));
  const sum = (rows) => rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const perPage = peers.map((p) => {
    const rows = files.filter((f) => f.library === p.id && f.loads === 'every page');
    return { library: p.id, name: p.name, version: p.version, files: rows.map((r) => r.file), ...sum(rows) };
  });
  const trackingOnly = await sizeOfKizunaBuild(root, 'src/global.ts', false);
  const launcher = await sizeOfKizunaBuild(root, 'src/core/launcher.ts');
  const chat = peers.map((p) => {
    const rows = p.chat.map((f) => ({ file: f.label, loads: f.loads, ...sizeOf(f.file) }));
    if (p.id === 'kizuna') rows.push({ file: 'launcher (inside kizuna.js; built alone, an upper bound)', loads: 'every page', ...launcher });
    return { library: p.id, name: p.name, version: p.version, files: rows, ...(rows.length ? sum(rows) : { raw: null, gzip: null, brotli: null }) };
  });
  return { files, perPage, chat, kizunaTrackingOnly: trackingOnly };
}
