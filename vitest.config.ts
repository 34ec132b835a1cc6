import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { include: ['server/**/*.test.ts', 'tests/integration/**/*.test.ts', 'scripts/**/*.test.ts', 'twin-models/**/*.test.ts', 'client/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' } });
