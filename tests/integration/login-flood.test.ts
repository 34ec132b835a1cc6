import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFloodProcess, timeFetch } from '../../scripts/bench/login-flood-client.ts';
import { type Fixture, startFixture } from '../support/test-app.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

let fx: Fixture | undefined;
let db: Awaited<ReturnType<typeof tempDatabaseUrl>> | undefined;
let clientDir = '';

beforeAll(async () => {
  // A stand-in for the built client: a page and a script the size of the real entry bundle.
  clientDir = await mkdtemp(join(tmpdir(), 'twinventory-client-'));
  await mkdir(join(clientDir, 'assets'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Twinventory</title>');
  await writeFile(join(clientDir, 'assets', 'app.js'), `// ${'x'.repeat(600_000)}\n`);
  db = await tempDatabaseUrl();
  fx = await startFixture(db.url, undefined, { clientDir });
});

afterAll(async () => {
  await fx?.app.close();
  await db?.cleanup();
  await rm(clientDir, { recursive: true, force: true });
});

test('40 concurrent bad logins do not hold up the static files (they took 28-38 s before the cap)', async () => {
  if (fx === undefined) throw new Error('the server did not start');
  const file = `${fx.app.url}/assets/app.js`;
  await timeFetch(file);
  const flood = await startFloodProcess(fx.app.url, 40);
  // Let the flood fill the server's queues first.
  await new Promise((r) => setTimeout(r, 500));
  const times: number[] = [];
  for (let i = 0; i < 4; i++) times.push(await timeFetch(file, 5000));
  const logins = await flood.stop();
  expect(Math.max(...times)).toBeLessThan(2000);
  // The flood was answered, mostly by refusing at once with a second to wait.
  expect(logins.byStatus['429'] ?? 0).toBeGreaterThan(0);
  expect(logins.retryAfter['1'] ?? 0).toBeGreaterThan(0);
  expect(logins.byStatus['0'] ?? 0).toBe(0);
}, 60_000);
