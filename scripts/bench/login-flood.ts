import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_CLIENT_DIR, openServices } from '../../server/app.ts';
import { percentiles, startServerProcess, stopProcess } from './load.ts';
import { FETCH_LIMIT_MS, startFloodProcess, timeFetch } from './login-flood-client.ts';

const FLOODERS = 40;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
const log = (m: string) => process.stderr.write(`${m}\n`);

async function sample(url: string, count: number): Promise<number[]> {
  // A stalled server must not hold the run forever.
  const deadline = performance.now() + FETCH_LIMIT_MS;
  const times: number[] = [];
  while (times.length < count && performance.now() < deadline) {
    times.push(await timeFetch(url, deadline - performance.now()));
  }
  return times;
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Static-file latency of the real server (its own process, the built client) with no load, then
 * while 40 clients (another process) send wrong passwords back to back, in the same run.
 */
export async function runLoginFloodBench() {
  if (!existsSync(join(BUILT_CLIENT_DIR, 'index.html'))) {
    throw new Error('The login-flood benchmark serves the built client: run `npm run build` first.');
  }
  const asset = entryScript();
  const dir = await mkdtemp(join(tmpdir(), 'twinventory-flood-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  try {
    // One user, so the server does not seed the sample facility (nothing here needs it).
    const services = await openServices({ databaseUrl });
    await services.auth.createUser({
      username: 'bench-admin',
      displayName: 'Bench Admin',
      role: 'admin',
      password: 'a long bench password nobody guesses',
    });
    await services.writer.close();
    services.db.close();

    const { child, port } = await startServerProcess(databaseUrl);
    try {
      const base = `http://127.0.0.1:${port}`;
      const url = `${base}/${asset.path}`;
      await timeFetch(url);
      log(`No load: ${SAMPLES} fetches of /${asset.path} (${Math.round(asset.bytes / 1024)} KiB)...`);
      const quiet = percentiles(await sample(url, SAMPLES));
      log(`During ${FLOODERS} concurrent bad logins...`);
      const flood = await startFloodProcess(base, FLOODERS);
      // Let the flood fill the server's queues before measuring.
      await new Promise((r) => setTimeout(r, 500));
      const started = performance.now();
      const loaded = percentiles(await sample(url, SAMPLES));
      const seconds = (performance.now() - started) / 1000;
      const logins = await flood.stop();
      return {
        bench: 'login-flood',
        machine: { cores: cpus().length, node: process.version },
        staticFile: { path: `/${asset.path}`, bytes: asset.bytes },
        flooders: FLOODERS,
        noLoad: quiet,
        duringFlood: loaded,
        ratio: {
          median: round(loaded.medianMs / Math.max(quiet.medianMs, 0.1)),
          p95: round(loaded.p95Ms / Math.max(quiet.p95Ms, 0.1)),
        },
        logins: {
          attempts: logins.attempts,
          perSecond: Math.round(logins.attempts / seconds),
          byStatus: logins.byStatus,
          retryAfterSeconds: logins.retryAfter,
        },
      };
    } finally {
      await stopProcess(child);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The app's entry script: the file every visitor's browser fetches first after the page. */
function entryScript(): { path: string; bytes: number } {
  const html = readFileSync(join(BUILT_CLIENT_DIR, 'index.html'), 'utf8');
  const src = /<script[^>]*type="module"[^>]*src="\/([^"]+\.js)"/.exec(html)?.[1];
  if (src === undefined) throw new Error('The built index.html has no module script');
  return { path: src, bytes: statSync(join(BUILT_CLIENT_DIR, src)).size };
}
