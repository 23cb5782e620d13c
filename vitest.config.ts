import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    globalSetup: ['test/setup/example-site.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core machine, where
    // the suite ran file after file. Many files wait (on child processes, servers, git) more than
    // they compute: on 2 cores, four workers kept both busy (107 s) where three did not (129 s).
    // Larger machines keep Vitest's default.
    maxWorkers: Math.max(4, availableParallelism() - 1),
    // A fresh module graph per file cost about a fifth of the suite's CPU time. Test files here
    // keep their state in their own temporary folders and servers, and restore the environment
    // variables they set, so a worker's modules can serve file after file.
    isolate: false,
  },
});
