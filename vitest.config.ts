import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'plugins/**/*.test.ts', 'schemas/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'tests/browser/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
