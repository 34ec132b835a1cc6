import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openServices } from '../../server/app.ts';
import { seedSampleFacility } from '../seed/seed-database.ts';
import { benchFixture, login } from './api.ts';
import { closedLoop, httpCaller, type LoadResult, startServerProcess, stopProcess } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CLIENTS = 32;
const SCREENS = 1_000;
const MANY_SCREENS = 10_000;
const DELIVERY_PICKS = 20;
const log = (m: string) => process.stderr.write(`${m}\n`);
const now = () => performance.timeOrigin + performance.now();

/**
 * Live events at scale, on the seeded database with the server in its own process and the open
 * screens (raw HTTP connections to `GET /events`, every topic, as the web app subscribes) in
 * another:
 * - picks/s through the API at 32 clients with no screen open, then with 1,000, alternating in
 *   rounds, medians reported (target: with >= 0.5 x without);
 * - 10,000 screens: the server's extra RSS once they are open, and how long a pick's event takes to
 *   reach every one of them, from the moment the pick request is sent (targets: <= 300 MB, p99 <= 1 s).
 */
export async function runLiveBench() {
  const dir = await mkdtemp(join(tmpdir(), 'twinventory-bench-live-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  let server: ChildProcess | null = null;
  let screens: Screens | null = null;
  try {
    log('Seeding the sample facility...');
    const seeded = await openServices({ databaseUrl, synchronous: 'FULL' });
    await seedSampleFacility(seeded, { seed: 42 });
    const fixture = await benchFixture(seeded);
    await seeded.writer.close();
    seeded.feed.close();
    seeded.db.close();

    const started = await startServerProcess(databaseUrl, { DB_SYNCHRONOUS: 'FULL' });
    server = started.child;
    const port = started.port;
    const base = `http://127.0.0.1:${port}`;
    const cookie = await login(base);
    const call = httpCaller(base, cookie, CLIENTS);
    screens = await startScreens();
    let round = 0;
    const picks = () => {
      round += 1;
      const r = round;
      return closedLoop(CLIENTS, SECONDS, async (w, n) => {
        const slot = fixture.slots[Math.abs(w * 31 + n) % fixture.slots.length];
        const body = JSON.stringify({ ...slot, qty: 1, idempotencyKey: `bench-live-${r}-${w}-${n}` });
        return (await call('POST', '/trpc/stock.pick', body)).status === 200;
      });
    };

    log('Warming up...');
    await closedLoop(CLIENTS, 1, async () => (await call('GET', '/healthz')).status === 200);
    await picks();

    // The 10,000 first, on a server that has not yet held any stream, so its RSS before is clean.
    log(`Opening ${MANY_SCREENS} screens...`);
    await sleep(1_000);
    const rssBefore = await rssMb(server);
    const opening = performance.now();
    await screens.ask({ open: MANY_SCREENS, port, cookie });
    const openSeconds = (performance.now() - opening) / 1000;
    await sleep(2_000);
    const rssAfter = await rssMb(server);

    log(`${DELIVERY_PICKS} picks, each heard by ${MANY_SCREENS} screens...`);
    await screens.ask({ record: true });
    const sentAt = new Map<number, { sent: number; acknowledged: number }>();
    const fanoutMs: number[] = [];
    const distinct = [...new Map(fixture.slots.map((s) => [s.itemId, s])).values()].slice(0, DELIVERY_PICKS);
    for (const [k, slot] of distinct.entries()) {
      const sent = now();
      const body = JSON.stringify({ ...slot, qty: 1, idempotencyKey: `bench-live-delivery-${k}` });
      const res = await call('POST', '/trpc/stock.pick', body);
      if (res.status !== 200) throw new Error(`pick failed: ${res.status} ${res.body}`);
      sentAt.set(slot.itemId, { sent, acknowledged: now() });
      // One event at a time: each is measured alone, not queued behind the last one's reading.
      await sleep(1_000);
      fanoutMs.push((await liveStats(base)).lastFanoutMs ?? Number.NaN);
    }
    await sleep(1_000);
    const report = await screens.ask<Report>({ report: true });
    await screens.ask({ record: false });
    const rssAfterDelivery = await rssMb(server);
    await screens.ask({ close: true });
    const fromSent: number[] = [];
    const fromAck: number[] = [];
    for (const [itemId, t] of sentAt) {
      for (const at of report.arrivals[itemId] ?? []) {
        fromSent.push(at - t.sent);
        fromAck.push(at - t.acknowledged);
      }
    }
    const expected = sentAt.size * MANY_SCREENS;

    const none: LoadResult[] = [];
    const withScreens: LoadResult[] = [];
    const screenBytes: number[] = [];
    let dropped = 0;
    for (let i = 0; i < ROUNDS; i++) {
      log(`Round ${i + 1}: picks with no screen open...`);
      none.push(await picks());
      await screens.ask({ open: SCREENS, port, cookie });
      const before = await screens.ask<Report>({ report: true });
      log(`Round ${i + 1}: picks with ${SCREENS} screens open...`);
      withScreens.push(await picks());
      const after = await screens.ask<Report>({ report: true });
      screenBytes.push(after.bytes - before.bytes);
      dropped += after.ended - before.ended;
      await screens.ask({ close: true });
    }

    const medianNone = median(none.map((r) => r.perSecond));
    const medianWith = median(withScreens.map((r) => r.perSecond));
    const extraRss = round2(rssAfter - rssBefore);
    const p99 = percentile(fromSent, 0.99);
    return {
      bench: 'live',
      machine: { cores: cpus().length, node: process.version, loadAverage: loadavg().map(round2) },
      synchronous: 'FULL',
      secondsPerRun: SECONDS,
      rounds: ROUNDS,
      picks: {
        clients: CLIENTS,
        screens: SCREENS,
        withoutScreens: none,
        withScreens,
        medianPerSecondWithout: medianNone,
        medianPerSecondWith: medianWith,
        ratio: round2(medianWith / medianNone),
        // Each round's pair ran back to back: on a shared machine these show how much of the gap
        // between the medians is load that came and went between rounds.
        roundRatios: withScreens.map((r, i) => round2(r.perSecond / (none[i]?.perSecond ?? Number.NaN))),
        bytesPerScreenPerSecond: Math.round(median(screenBytes) / SCREENS / SECONDS),
        screensDroppedAsTooSlow: dropped,
      },
      manyScreens: {
        screens: MANY_SCREENS,
        openedInSeconds: round2(openSeconds),
        serverRssMb: {
          before: round2(rssBefore),
          open: round2(rssAfter),
          afterDelivery: round2(rssAfterDelivery),
        },
        extraRssMb: extraRss,
        delivery: {
          events: sentAt.size,
          received: fromSent.length,
          expected,
          fromPickSentMs: { p50: percentile(fromSent, 0.5), p99, max: percentile(fromSent, 1) },
          fromPickAcknowledgedMs: {
            p50: percentile(fromAck, 0.5),
            p99: percentile(fromAck, 0.99),
            max: percentile(fromAck, 1),
          },
          serverFanoutMs: { median: round2(median(fanoutMs)), max: round2(Math.max(...fanoutMs)) },
        },
      },
      targets: {
        picksWith1000AtLeastHalf: {
          target: '>= 0.5',
          measured: round2(medianWith / medianNone),
          met: medianWith >= 0.5 * medianNone,
        },
        extraRssMb10000: { target: '<= 300', measured: extraRss, met: extraRss <= 300 },
        deliveryP99Ms10000: {
          target: '<= 1000 from the pick request, every screen',
          measured: p99,
          met: p99 <= 1000 && fromSent.length === expected,
        },
      },
    };
  } finally {
    if (screens) screens.child.kill('SIGKILL');
    if (server) await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  }
}

type Report = { streams: number; ended: number; bytes: number; arrivals: Record<number, number[]> };
type Screens = { child: ChildProcess; ask<T = unknown>(command: object): Promise<T> };

async function startScreens(): Promise<Screens> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'live-subscribers.ts')],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const replies: ((m: unknown) => void)[] = [];
  child.on('message', (m) => replies.shift()?.(m));
  const next = () => new Promise<unknown>((resolve) => replies.push(resolve));
  await next(); // ready
  return {
    child,
    async ask<T>(command: object): Promise<T> {
      const reply = next();
      child.send(command);
      const answer = (await reply) as { error?: string };
      if (answer.error) throw new Error(answer.error);
      return answer as T;
    },
  };
}

async function liveStats(base: string): Promise<{ lastFanoutMs: number | null }> {
  const health = (await (await fetch(`${base}/healthz`)).json()) as { live: { lastFanoutMs: number | null } };
  return health.live;
}

async function rssMb(child: ChildProcess): Promise<number> {
  const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
const round2 = (v: number) => Math.round(v * 100) / 100;
const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round2(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);
};
