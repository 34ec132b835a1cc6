import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * Every SQL statement lives in a repository (server/db/*.repository.ts). Services, routers and the
 * composition root call repository functions, so a statement has one home and one place to review.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['server/services', 'server/services/csv', 'server/api', 'server/api/routers', 'server'];

/** A statement run directly, or a string literal that opens like SQL (also across a line break). */
const PATTERNS: { what: string; re: RegExp }[] = [
  { what: 'runs a statement (.execute)', re: /\.execute\(/g },
  { what: 'runs statements (.batch)', re: /\.batch\(/g },
  { what: 'holds a SQL string', re: /[`'"]\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH)\b/g },
];

/** `path:line what: match` for each statement found, by file and line. */
function sqlOutsideRepositories(files: { path: string; text: string }[]): string[] {
  const found: { path: string; line: number; message: string }[] = [];
  for (const { path, text } of files) {
    for (const { what, re } of PATTERNS) {
      for (const match of text.matchAll(re)) {
        const line = text.slice(0, match.index).split('\n').length;
        found.push({ path, line, message: `${path}:${line} ${what}: ${match[0].trim()}` });
      }
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line).map((f) => f.message);
}

function sourceFiles(): { path: string; text: string }[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      .map((e) => {
        const path = join(ROOT, folder, e.name);
        return { path: relative(ROOT, path), text: readFileSync(path, 'utf8') };
      }),
  );
}

describe('SQL lives only in repositories', () => {
  test('services, routers and the server root hold no SQL statement', () => {
    const files = sourceFiles();
    expect(files.some((f) => f.path === join('server', 'services', 'work-orders.service.ts'))).toBe(true);
    expect(sqlOutsideRepositories(files)).toEqual([]);
  });

  test('the check names the file and line of a statement, even one opened on the next line', () => {
    const text = [
      'const a = 1;',
      "await tx.execute({ sql: 'SELECT 1', args: [] });",
      'const q = `',
      '  UPDATE items SET name = ?`;',
      "const message = 'Select a bin';",
    ].join('\n');
    expect(sqlOutsideRepositories([{ path: 'x.service.ts', text }])).toEqual([
      'x.service.ts:2 runs a statement (.execute): .execute(',
      "x.service.ts:2 holds a SQL string: 'SELECT",
      'x.service.ts:3 holds a SQL string: `\n  UPDATE',
    ]);
  });
});
