import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium (Debian's, driven by playwright-core) against the built example,
// served over HTTP by test/support/static-server.ts (started in test/setup/e2e.ts).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/setup/e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
