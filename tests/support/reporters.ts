import { join } from 'node:path';

/**
 * Vitest reporters: the default one, plus a JSON file when CI asks for it (VITEST_JSON_DIR), so
 * `.ci/run` can count passed and failed tests across the unit and end-to-end runs.
 */
export function jsonReporters(name: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.VITEST_JSON_DIR;
  return dir ? ['default', ['json', { outputFile: join(dir, `${name}.json`) }]] : ['default'];
}
