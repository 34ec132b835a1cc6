import { spawn } from 'node:child_process';
import { Agent, type RequestOptions, request } from 'node:http';
import { pathToFileURL } from 'node:url';

export type FloodResult = {
  attempts: number;
  byStatus: Record<string, number>;
  retryAfter: Record<string, number>;
};

/** Waiting this long for any one fetch means the server is stalled: the fetch counts as taking it. */
export const FETCH_LIMIT_MS = 60_000;

/**
 * `flooders` clients, each sending wrong passwords back to back from its own loopback address
 * (127.0.N.M: one machine, many "addresses") and with a new username every time, so neither the
 * per-account nor, for its first attempts, the per-address throttle holds them back: what keeps the
 * server answering everyone else is the cap on concurrent password hashing.
 */
export function floodLogins(baseUrl: string, flooders: number): { stop(): Promise<FloodResult> } {
  const url = new URL(baseUrl);
  let running = true;
  const result: FloodResult = { attempts: 0, byStatus: {}, retryAfter: {} };
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
        result.attempts += 1;
        result.byStatus[res.status] = (result.byStatus[res.status] ?? 0) + 1;
        if (res.retryAfter !== undefined) {
          result.retryAfter[res.retryAfter] = (result.retryAfter[res.retryAfter] ?? 0) + 1;
        }
      }
    } finally {
      agent.destroy();
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return result;
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

/**
 * The flood from a process of its own, as attackers are other machines: its clients then do not
 * share the event loop of the server (or the sampler) under test.
 */
export async function startFloodProcess(
  baseUrl: string,
  flooders: number,
): Promise<{ stop(): Promise<FloodResult> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, baseUrl, String(flooders)],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    output += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('flooding\n')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the flood did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    async stop() {
      child.stdin.end();
      await exited;
      const last = output.trim().split('\n').at(-1) ?? '';
      return JSON.parse(last) as FloodResult;
    },
  };
}

/** Milliseconds to fetch `url` in full on a new connection; `limitMs` if it takes longer. */
export async function timeFetch(url: string, limitMs = FETCH_LIMIT_MS): Promise<number> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      headers: { connection: 'close' },
      signal: AbortSignal.timeout(Math.max(1, Math.round(limitMs))),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  } catch (error) {
    if (!(error instanceof DOMException && error.name === 'TimeoutError')) throw error;
    return limitMs;
  }
  return performance.now() - started;
}

// Run as a process (startFloodProcess): flood until standard input closes, then print the tally.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [baseUrl, flooders] = process.argv.slice(2);
  if (baseUrl === undefined) throw new Error('usage: login-flood-client.ts <base url> [flooders]');
  const flood = floodLogins(baseUrl, Number(flooders ?? 40));
  process.stdout.write('flooding\n');
  process.stdin.resume();
  process.stdin.on('end', () => {
    void flood.stop().then((result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    });
  });
}
