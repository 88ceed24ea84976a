// Builds the operator console: server/console/main.tsx → build/console/console.js, plus index.html,
// console.css and favicon.svg copied beside it. One script file, no inline code, so it runs under `default-src 'self'`.
import { readFileSync } from 'node:fs';
import resolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';

/** Copies static files into the output directory as assets; a list of sources is concatenated into one file. */
function copy(files) {
  return {
    name: 'kizuna-console-copy',
    generateBundle() {
      for (const [from, to] of files) {
        const source = Array.isArray(from) ? from.map((f) => readFileSync(f, 'utf8')).join('\n') : readFileSync(from);
        this.emitFile({ type: 'asset', fileName: to, source });
      }
    },
  };
}

export default {
  input: 'server/console/main.tsx',
  output: {
    file: 'build/console/console.js',
    format: 'iife',
    sourcemap: false,
  },
  plugins: [
    resolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }),
    typescript({
      tsconfig: 'server/console/tsconfig.json',
      // The console's own sources (its tests are type-checked separately), plus the pure code it shares with the
      // collector and the SDK: the campaign format, validation, compilation and score (src/shared/), the site-limit
      // check, and the widget's preview renderer (src/widget/), so the console validates and previews exactly as they do.
      include: [
        'server/console/**/*.ts',
        'server/console/**/*.tsx',
        'src/shared/**/*.ts',
        'server/campaigns/validate-site-limits.ts',
        'server/overview/vital-thresholds.ts',
        'src/widget/**/*.ts',
        'src/widget/**/*.tsx',
      ],
      noEmitOnError: true,
      outputToFilesystem: false,
    }),
    terser({ format: { comments: false } }),
    copy([
      ['server/console/index.html', 'index.html'],
      // uPlot's stylesheet and the Overview's ride in console.css: a file, as the CSP (style-src 'self') wants.
      [['server/console/styles.css', 'node_modules/uplot/dist/uPlot.min.css', 'server/console/overview.css'], 'console.css'],
      ['server/console/favicon.svg', 'favicon.svg'],
    ]),
  ],
  onwarn(warning, warn) {
    // A type error must fail the build, not scroll past as a warning.
    if (warning.plugin === 'typescript') throw new Error(warning.message);
    warn(warning);
  },
};
