import { defineConfig } from 'vitest/config';

/**
 * Two projects in one run: `node` (unit, API, store contract and end-to-end tests, in parallel) and
 * `browser` (Playwright driving Debian's Chromium against a real Baton process; one file at a time,
 * since each starts a server and a browser on a 2-core machine).
 */
export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    globalSetup: ['./tests/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: [
            'server/**/*.test.ts',
            'plugins/**/*.test.ts',
            'schemas/**/*.test.ts',
            'tests/e2e/**/*.test.ts',
            'studio/src/**/*.test.ts',
            'tests/adversarial/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
