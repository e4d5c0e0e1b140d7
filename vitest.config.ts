// Test runner settings: child processes and real databases need more than the default 5 s per test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Most test time is waiting on child processes, servers and databases, not CPU: three files at once
    // keep 2 cores busy where vitest's default (cores - 1) runs them one by one.
    maxWorkers: 3,
    minWorkers: 1,
    // Expected failures (bad signatures, 429s, dead channels) log warnings; keep the run's output readable.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});
