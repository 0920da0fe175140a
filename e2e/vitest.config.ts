import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['*.e2e.ts'],
    globalSetup: ['global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // Journeys start their own server and browser; run them one at a time on a 2-core machine.
    fileParallelism: false,
  },
})
