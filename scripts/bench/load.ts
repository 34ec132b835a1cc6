import { type ChildProcess, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';

export type LoadResult = {
  ops: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
};

/** Runs `clients` loops, each calling `op` back to back until `seconds` pass; latencies per call. */
export async function closedLoop(
  clients: number,
  seconds: number,
  op: (worker: number, n: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const t0 = performance.now();
        const ok = await op(worker, n).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return {
    ops: latencies.length,
    errors,
    seconds: round(elapsed),
    perSecond: Math.round(latencies.length / elapsed),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Median, 95th percentile and worst of latencies sampled one after another (ms, to 0.1 ms). */
export function percentiles(times: readonly number[]) {
  const tenth = (v: number) => Math.round(v * 10) / 10;
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => tenth(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { samples: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), maxMs: tenth(sorted.at(-1) ?? 0) };
}

/** A minimal keep-alive HTTP client: the load generator should cost the machine as little as possible. */
export function httpCaller(baseUrl: string, cookie: string, sockets: number) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return (method: 'GET' | 'POST', path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          agent,
          headers: {
            cookie,
            'content-type': 'application/json',
            ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      if (body) req.write(body);
      req.end();
    });
}

/** `npm start`'s server in a process of its own, so the load generator does not share its event loop. */
export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Only the start-up lines are kept: the request log that follows would cost the load generator
  // a string the size of the whole run.
  let output = '';
  let started = false;
  const collect = (d: Buffer) => {
    if (!started) output += d.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    const port = Number(/running at http:\/\/localhost:(\d+)/.exec(output)?.[1] ?? 0);
    if (port > 0) {
      started = true;
      return { child, port };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${output}`);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
