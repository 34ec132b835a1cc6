import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, type RequestOptions, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_CLIENT_DIR, openServices } from '../../server/app.ts';
import { startServerProcess, stopProcess } from './load.ts';

const FLOODERS = 40;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 30);
/** A stalled server must not hold the run forever: sampling (and any one fetch) stops after this long. */
const SAMPLING_LIMIT_MS = 60_000;
const log = (m: string) => process.stderr.write(`${m}\n`);

export type Flood = {
  /** Stops every flooder and resolves with what the server answered, by HTTP status. */
  stop(): Promise<{ attempts: number; byStatus: Record<string, number>; retryAfter: Record<string, number> }>;
};

/**
 * `flooders` clients, each sending wrong passwords back to back from its own loopback address
 * (127.0.0.N: one machine, many "addresses") and with a new username every time, so neither the
 * per-account nor, for its first attempts, the per-address throttle holds them back: what keeps the
 * server answering everyone else is the cap on concurrent password hashing.
 */
export function floodLogins(baseUrl: string, flooders = FLOODERS): Flood {
  const url = new URL(baseUrl);
  let running = true;
  const byStatus: Record<string, number> = {};
  const retryAfter: Record<string, number> = {};
  let attempts = 0;
  const loops = Array.from({ length: flooders }, async (_, worker) => {
    const localAddress = `127.0.${Math.floor(worker / 200) + 1}.${(worker % 200) + 10}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let n = 0; running; n++) {
        const body = JSON.stringify({
          username: `flood-${worker}-${n}`,
          password: 'not the password at all',
        });
        const res = await send(
          {
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: '/trpc/auth.login',
            agent,
            localAddress,
          },
          body,
        ).catch(() => ({ status: 0, retryAfter: undefined }));
        attempts += 1;
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
        if (res.retryAfter !== undefined) retryAfter[res.retryAfter] = (retryAfter[res.retryAfter] ?? 0) + 1;
      }
    } finally {
      agent.destroy();
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return { attempts, byStatus, retryAfter };
    },
  };
}

function send(
  options: RequestOptions,
  body: string,
): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...options,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const header = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof header === 'string' ? header : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Milliseconds to fetch `url` in full on a new connection; `limitMs` if it takes longer. */
export async function timeFetch(url: string, limitMs = SAMPLING_LIMIT_MS): Promise<number> {
  const started = performance.now();
  try {
    const res = await fetch(url, { headers: { connection: 'close' }, signal: AbortSignal.timeout(limitMs) });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'TimeoutError')) throw error;
    return limitMs;
  }
  return performance.now() - started;
}

async function sample(url: string, count: number): Promise<number[]> {
  const deadline = performance.now() + SAMPLING_LIMIT_MS;
  const times: number[] = [];
  while (times.length < count && performance.now() < deadline) {
    times.push(await timeFetch(url, Math.max(1, Math.round(deadline - performance.now()))));
  }
  return times;
}

const round = (v: number) => Math.round(v * 10) / 10;

function percentiles(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { samples: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: round(sorted.at(-1) ?? 0) };
}

/**
 * Static-file latency of the real server (its own process, the built client) with no load, then
 * while 40 clients send wrong passwords back to back, in the same run.
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
      const flood = floodLogins(base);
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
