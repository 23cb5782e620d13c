import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/setup/example-site.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
