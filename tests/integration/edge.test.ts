import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MAX_BATCH_CALLS } from '../../common/limits.ts';
import { USER_RATES } from '../../server/edge/rate-limiter.ts';
import { createLogger } from '../../server/observability/logger.ts';
import { postProcedure } from '../support/http-raw.ts';
import { cookieOf, type Fixture, PASSWORD, startFixture } from '../support/test-app.ts';
import { tempDatabaseUrl } from '../support/tmp-db.ts';

/**
 * The edge against a real server: what one client (logged in or not) can do to everyone else, and
 * what a browser is told. Everything here used to be missing: a stray upgrade held its socket for
 * ever, bodies and batches had no limit, expensive calls no rate, responses no security headers,
 * mutations no Origin check, and the server had neither request logs nor metrics.
 */
const METRICS_TOKEN = 'metrics-token-for-the-edge-test';
const ASSET = '/assets/app-3f9a1c2b.js';

let fx: Fixture | undefined;
let db: Awaited<ReturnType<typeof tempDatabaseUrl>> | undefined;
let clientDir = '';
const logLines: string[] = [];

const started = (): Fixture => {
  if (fx === undefined) throw new Error('the server did not start');
  return fx;
};

beforeAll(async () => {
  // A stand-in for the built client: the page and one hashed asset.
  clientDir = await mkdtemp(join(tmpdir(), 'twinventory-client-'));
  await mkdir(join(clientDir, 'assets'));
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><title>Twinventory</title>');
  await writeFile(join(clientDir, ASSET.slice(1)), 'console.log("app");\n');
  db = await tempDatabaseUrl();
  fx = await startFixture(db.url, undefined, {
    clientDir,
    metricsToken: METRICS_TOKEN,
    logger: createLogger({ level: 'info', destination: { write: (line) => logLines.push(line) } }),
  });
});

afterAll(async () => {
  await fx?.app.close();
  await db?.cleanup();
  await rm(clientDir, { recursive: true, force: true });
});

const openFds = () => readdirSync('/proc/self/fd').length;

/** Sends an upgrade to a path nobody serves; resolves with the status line (or '') once the server closes. */
function strayUpgrade(port: number, sockets: Socket[]): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    sockets.push(socket);
    let answer = '';
    const timer = setTimeout(() => resolve(answer), 2_000);
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      answer += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(
      'GET /not-a-socket HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
  });
}

describe('limits', () => {
  test('2,000 stray upgrades are answered 404 and closed: the open file descriptors stay flat', async () => {
    const { app } = started();
    const before = openFds();
    const sockets: Socket[] = [];
    const answers: string[] = [];
    try {
      for (let wave = 0; wave < 10; wave++) {
        answers.push(
          ...(await Promise.all(Array.from({ length: 200 }, () => strayUpgrade(app.port, sockets)))),
        );
      }
      // Counted while our side still holds whatever the server did not close.
      expect(openFds() - before).toBeLessThan(50);
    } finally {
      for (const s of sockets) s.destroy();
    }
    expect(answers.filter((a) => a.startsWith('HTTP/1.1 404 '))).toHaveLength(2000);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 60_000);

  test('a 50 MB body is refused with 413, early, without the server buffering it', async () => {
    const { app } = started();
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let peak = process.memoryUsage().rss;
    const before = peak;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    try {
      // Declared up front (refused on its headers), then sent without a length (refused by counting).
      for (const declared of [true, false]) {
        const answer = await sendLargeBody(app.url, 50 * 1024 * 1024, chunk, declared);
        expect(answer.status).toBe(413);
        expect(answer.body.error?.message).toBe(
          'The request is larger than 1 MB, the most this server accepts for it',
        );
        expect(answer.body.error?.data?.code).toBe('PAYLOAD_TOO_LARGE');
      }
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
    // The CSV import takes a file in its body: a larger limit, still a limit.
    const csv = await sendLargeBody(app.url, 30 * 1024 * 1024, chunk, true, 'io.importCsv');
    expect(csv.status).toBe(413);
    expect(csv.body.error?.message).toMatch(/larger than 25 MB/);
  }, 60_000);

  test(`a batch of more than ${MAX_BATCH_CALLS} calls is refused at once with a clear message`, async () => {
    const { app } = started();
    const batch = (n: number) =>
      `${app.url}/trpc/${Array.from({ length: n }, () => 'site.status').join(',')}?batch=1&input=${encodeURIComponent('{}')}`;
    const t0 = performance.now();
    const refused = await fetch(batch(MAX_BATCH_CALLS + 1));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain(
      `One request may batch at most ${MAX_BATCH_CALLS} calls; send the rest in another request`,
    );
    expect(performance.now() - t0).toBeLessThan(1000);
    const answered = await fetch(batch(MAX_BATCH_CALLS));
    expect(answered.status).toBe(200);
    expect(await answered.json()).toHaveLength(MAX_BATCH_CALLS);
  });

  test('searches past the limit get 429 with Retry-After; another user is not held back', async () => {
    const { app, as } = started();
    const search = (cookie: string) =>
      fetch(`${app.url}/trpc/items.search?input=${encodeURIComponent(JSON.stringify({ q: 'bolt' }))}`, {
        headers: { cookie },
      });
    const tech = cookieOf(as.technician);
    // The burst, plus what the bucket regains meanwhile (10 a second), then a refusal well before
    // twice the burst.
    let answered = 0;
    let refused = await search(tech);
    while (refused.status === 200 && answered < USER_RATES.search.burst * 2) {
      answered += 1;
      refused = await search(tech);
    }
    expect(answered).toBeGreaterThanOrEqual(USER_RATES.search.burst);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.message).toMatch(/^Too many searches from you; try again in \d+ s$/);
    expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
    expect((await search(cookieOf(as.planner))).status).toBe(200);
  }, 30_000);
});

describe('browser-facing defaults', () => {
  test('every response carries the security headers; hashed assets are cached for good, the page is not', async () => {
    const { app } = started();
    for (const path of ['/', ASSET, '/trpc/site.status', '/healthz', '/no-such-page']) {
      const res = await fetch(`${app.url}${path}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self' blob:");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-request-id'), path).toMatch(/^[0-9a-f-]{36}$/);
      // Plain HTTP: no HSTS (server/https.test.ts checks it is sent over HTTPS).
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
    expect((await fetch(`${app.url}${ASSET}`)).headers.get('cache-control')).toBe(
      'public, max-age=31536000, immutable',
    );
    expect((await fetch(`${app.url}/`)).headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${app.url}/work-orders`)).headers.get('cache-control')).toBe('no-cache');
  });

  test("a mutation from another site's page is refused; from ours, or without Origin, it goes through", async () => {
    const { app } = started();
    const login = (origin?: string) =>
      fetch(`${app.url}/trpc/auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
        body: JSON.stringify({ username: 'tech', password: PASSWORD }),
      });
    const foreign = await login('https://evil.example');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toMatch(/another site/);
    expect((await login(app.url)).status).toBe(200);
    expect((await login()).status).toBe(200);
  });
});

describe('observability', () => {
  test('one JSON log line per request with its id; no password, session token or cookie in the log', async () => {
    const { app } = started();
    const login = await postProcedure(app.url, 'auth.login', { username: 'plan', password: PASSWORD });
    expect(login.status).toBe(200);
    const token = decodeURIComponent(login.cookie.split('=')[1] ?? '');
    expect(token.length).toBeGreaterThan(20);
    const me = await fetch(`${app.url}/trpc/auth.me`, {
      headers: { cookie: login.cookie, 'x-request-id': 'proxy-4711' },
    });
    expect(me.headers.get('x-request-id')).toBe('proxy-4711');
    await fetch(`${app.url}/reset?token=${token}`);
    // Lines are written when each response closes.
    await new Promise((r) => setTimeout(r, 100));
    const lines = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({ reqId: 'proxy-4711', method: 'GET', path: '/trpc/auth.me', status: 200 }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/trpc/auth.login',
        status: 200,
        ms: expect.any(Number),
      }),
    );
    expect(lines).toContainEqual(expect.objectContaining({ method: 'GET', path: '/reset', status: 200 }));
    const text = logLines.join('');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(token);
    expect(text).not.toContain(encodeURIComponent(token));
    expect(text.toLowerCase()).not.toContain('tv_session');
  });

  test('/metrics needs the token, then gives request, procedure and writer figures', async () => {
    const { app, as, items, bins } = started();
    await as.technician.stock.pick.mutate({
      itemId: items.bolt,
      locationId: bins.a,
      qty: 1,
      idempotencyKey: 'metrics-pick-1',
    });
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } }))
        .status,
    ).toBe(401);
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^twinventory_writer_group_size_count [1-9]/m);
    expect(text).toMatch(/^twinventory_writer_commit_seconds_bucket\{le="0.1"\} [1-9]/m);
    expect(text).toMatch(
      /^twinventory_procedure_calls_total\{procedure="stock.pick",type="mutation",outcome="ok"\} [1-9]/m,
    );
    expect(text).toMatch(/^twinventory_procedure_duration_seconds_count\{procedure="stock.pick"\} [1-9]/m);
    expect(text).toMatch(/^twinventory_http_requests_total\{route="trpc",status="200"\} [1-9]/m);
    expect(text).toMatch(/^twinventory_edge_refused_total\{reason="upgrade"\} 2000$/m);
    expect(text).toMatch(/^twinventory_live_subscribers 0$/m);
    expect(text).toMatch(/^twinventory_jobs\{state="running"\} 0$/m);
    expect(text).toMatch(/^twinventory_process_open_fds \d+/m);
  });
});

/**
 * POSTs `size` bytes of `chunk`s to a procedure, with or without a Content-Length, stopping as soon
 * as the server answers; resolves with the answer.
 */
function sendLargeBody(
  baseUrl: string,
  size: number,
  chunk: Buffer,
  declared: boolean,
  path = 'auth.login',
): Promise<{ status: number; body: { error?: { message: string; data?: { code?: string } } } }> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: `/trpc/${path}`,
        headers: { 'content-type': 'application/json', ...(declared ? { 'content-length': size } : {}) },
      },
      (res) => {
        answered = true;
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) });
          req.destroy();
        });
      },
    );
    // The server may close while we still write: that is the point, not a failure.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    let sent = 0;
    const pump = () => {
      while (!answered && sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
