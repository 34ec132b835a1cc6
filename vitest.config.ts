import { defineConfig } from 'vitest/config';
import { jsonReporters } from './tests/support/reporters.ts';

/** Unit tests beside the code, and integration tests against the real server and libSQL. */
export default defineConfig({
  test: {
    include: [
      'server/**/*.test.ts',
      'common/**/*.test.ts',
      'client/**/*.test.ts',
      'twin-models/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/integration/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: jsonReporters('unit'),
  },
});
