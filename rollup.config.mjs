// Builds the browser SDK.
// - dist/kizuna.js, dist/kizuna-vitals.js, dist/kizuna-widget.js: IIFE files for the script tag (Rollup cannot code-split IIFE output,
//   so the lazy file hands its exports to the core through a global).
// - dist/esm/: the npm build; the same lazy boundary is a real import() there.
// __ESM__ (via @rollup/plugin-replace) picks the way at build time.
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** The plugins of every SDK build; `widget: false` makes the measurement build without the chat bridge. */
export const plugins = (esm, minify, widget = true) => [
  replace({
    preventAssignment: true,
    values: { __ESM__: String(esm), __VERSION__: JSON.stringify(version), __WIDGET__: String(widget) },
  }),
  resolve({ browser: true }),
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { declaration: false, noEmit: false }, outputToFilesystem: false }),
  minify &&
    terser({
      ecma: 2020,
      module: esm,
      compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
      format: { comments: false },
    }),
];

const iife = (input, file) => ({
  input,
  output: { file, format: 'iife', sourcemap: 'hidden', generatedCode: 'es2015' },
  plugins: plugins(false, true),
});

export default [
  iife('src/global.ts', 'dist/kizuna.js'),
  iife('src/vitals.ts', 'dist/kizuna-vitals.js'),
  iife('src/widget/entry.ts', 'dist/kizuna-widget.js'),
  iife('src/campaigns/entry.ts', 'dist/kizuna-campaigns.js'),
  {
    input: 'src/index.ts',
    output: { dir: 'dist/esm', format: 'es', sourcemap: true, chunkFileNames: '[name]-[hash].js' },
    plugins: plugins(true, false),
  },
];
