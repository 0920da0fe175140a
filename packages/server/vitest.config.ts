import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file owns a database; two workers keep a 2-core machine busy without thrashing.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    // Files share a fork's loaded modules instead of importing the whole app again each: the
    // suite takes less than half the time. Each file still has its own database and app, and
    // module-level state is only registries filled at import (notice templates, routes).
    isolate: false,
  },
})
