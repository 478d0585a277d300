import { defineConfig } from 'vitest/config';

/** End-to-end tier: the real built app driven in Chromium (web host) and, where installed, Electron. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
