import { defineConfig } from 'vitest/config';

// Unit and integration tests. Integration tests share one PostgreSQL per run (see
// apps/server/test/global-setup.ts); each test file works in its own database cloned from a
// migrated template, so files run in parallel without seeing each other's data.
export default defineConfig({
  test: {
    include: ['packages/**/*.test.ts', 'apps/server/**/*.test.ts', 'apps/web/src/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
