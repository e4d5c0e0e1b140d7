// Test runner settings: child processes and real databases need more than the default 5 s per test.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Expected failures (bad signatures, 429s, dead channels) log warnings; keep the run's output readable.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
});
