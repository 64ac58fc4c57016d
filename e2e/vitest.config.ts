import { defineConfig } from 'vitest/config';

// Browser tests: one Madar server (demo mode, its own embedded PostgreSQL) for the run, driven by
// Playwright in Debian's Chromium. Files run one at a time: they share the server's demo accounts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
