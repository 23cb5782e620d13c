import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's, driven by playwright-core) against the built example.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/setup/example-site.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
