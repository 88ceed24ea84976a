// Builds the SDK (rollup), emits .d.ts with a separate tsc step (as web-vitals does: the rollup plugin's
// declaration output has broken across minor versions), then prints each shipped file's raw, gzip and brotli
// size and its SRI hash, and writes them to dist/sizes.json.
import { rollup } from 'rollup';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileSizes } from './file-sizes.mjs';

rmSync('dist', { recursive: true, force: true });
const configs = (await import('../rollup.config.mjs')).default;
for (const config of configs) {
  const bundle = await rollup({ ...config, onwarn: (w) => { throw new Error(`rollup: ${w.message}`); } });
  await bundle.write(config.output);
  await bundle.close();
}
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json'], { stdio: 'inherit' });

const shipped = ['dist/kizuna.js', 'dist/kizuna-vitals.js', 'dist/kizuna-widget.js', 'dist/kizuna-campaigns.js'];
const rows = shipped.map((file) => ({ file, ...fileSizes(readFileSync(file)) }));
writeFileSync('dist/sizes.json', JSON.stringify(rows, null, 2) + '\n');
console.log('\nfile                        raw     gzip   brotli  integrity');
for (const r of rows)
  console.log(`${r.file.padEnd(26)} ${String(r.raw).padStart(6)} ${String(r.gzip).padStart(7)} ${String(r.brotli).padStart(7)}  ${r.integrity}`);
