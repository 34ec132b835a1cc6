import { defineConfig } from 'vitest/config';
import { jsonReporters } from '../support/reporters.ts';

/** End-to-end: the built client in headless Chromium against the real server; one browser at a time. */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: jsonReporters('e2e'),
  },
});
