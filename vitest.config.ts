import { defineConfig } from 'vitest/config';

/**
 * Three projects:
 * - unit: the browser SDK and widget under happy-dom (fake-indexeddb stands in for IndexedDB there only);
 * - node: build checks (size budgets) and the collector against real PGlite / PostgreSQL;
 * - e2e: real Chromium against real servers on 127.0.0.1, one file at a time.
 */
export default defineConfig({
  // The build's compile-time constants, for tests that import src/ directly.
  define: { __ESM__: 'true', __WIDGET__: 'true', __VERSION__: JSON.stringify(process.env.npm_package_version || '0.0.0-test') },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/server/**', 'test/e2e/**', 'test/build/**', 'node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/server/**/*.test.ts', 'test/build/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
