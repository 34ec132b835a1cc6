import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServices } from '../../server/app.ts';
import { locationByCode } from '../../server/db/catalog.repository.ts';
import type { Services } from '../../server/services/services.ts';
import { type LedgerRequest, postStockOperations } from '../../server/services/stock-ledger.service.ts';
import { generateDistributionCentre } from '../../twin-models/generate/distribution-centre.ts';
import { deriveBins } from '../../twin-models/geometry.ts';
import { createRng } from '../seed/random.ts';
import { httpCaller, percentiles, startServerProcess, stopProcess } from './load.ts';

const ITEMS = 400;
const HISTORY_PICKS = Number(process.env.BENCH_PICKS ?? 30_000);
const HISTORY_DAYS = 30;
const IDLE_SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const PICKERS = 2;
const PASSWORD = 'a long bench password nobody guesses';
const DAY_MS = 86_400_000;
const log = (m: string) => process.stderr.write(`${m}\n`);

type Fixture = { slots: { itemId: number; locationId: number }[]; scenarioId: number };

/**
 * The 50,400-bin distribution centre as the live twin, 400 items stocked across it, 30 days of
 * picks in the ledger (what a layout simulation replays), a planner and a scenario.
 */
async function seedBench(services: Services): Promise<Fixture> {
  const rng = createRng(7);
  const planner = await services.auth.createUser({
    username: 'bench-planner',
    displayName: 'Bench Planner',
    role: 'planner',
    password: PASSWORD,
  });
  const dc = generateDistributionCentre({}, 1);
  log('Publishing the distribution centre (50,400 bins)...');
  await services.twin.publish(dc, 'bench', planner);
  const bins = deriveBins(dc);
  const rows = Array.from({ length: ITEMS }, (_, i) => ({
    sku: `BENCH-${String(i).padStart(4, '0')}`,
    bin: bins[Math.floor((i * bins.length) / ITEMS)]?.code ?? '',
  }));
  const cli = { update: false, actor: null, source: 'cli' as const };
  await services.io.import(
    'items',
    [
      'sku,name,unit,category,unit_cost,reorder_point,reorder_qty',
      ...rows.map((r) => `${r.sku},Bench part ${r.sku},ea,Bench,1.00,0,0`),
    ].join('\n'),
    cli,
  );
  await services.io.import(
    'stock',
    ['sku,location,lot,on_hand', ...rows.map((r) => `${r.sku},${r.bin},,1000000`)].join('\n'),
    cli,
  );
  const slots: Fixture['slots'] = [];
  for (const [i, r] of rows.entries()) {
    const location = await locationByCode(services.db.reader, r.bin);
    if (location === null) throw new Error(`no location ${r.bin}`);
    slots.push({ itemId: i + 1, locationId: location.id });
  }
  log(`Writing ${HISTORY_PICKS} picks of history over ${HISTORY_DAYS} days...`);
  const now = services.clock.now();
  const start = now - HISTORY_DAYS * DAY_MS;
  for (let done = 0; done < HISTORY_PICKS; done += 2000) {
    const requests: LedgerRequest[] = [];
    for (let k = done; k < Math.min(HISTORY_PICKS, done + 2000); k++) {
      const slot = rng.pick(slots);
      requests.push({
        op: { kind: 'pick', ...slot, qty: 1 },
        actorId: planner,
        at: start + Math.floor((k * HISTORY_DAYS * DAY_MS) / HISTORY_PICKS),
      });
    }
    await services.writer.run((tx) => postStockOperations(tx, requests, now, { announce: false }));
  }
  const scenarioId = await services.scenarios.create({ name: 'Bench', notes: '' }, planner);
  return { slots, scenarioId };
}

type Caller = ReturnType<typeof httpCaller>;

/** Logs the bench planner in over HTTP and returns its session cookie. */
async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench-planner', password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0];
  if (!res.ok || cookie === undefined) throw new Error(`login failed: ${res.status}`);
  return cookie;
}

const query = (path: string, input: unknown) =>
  `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

function resultOf<T>(body: string): T {
  return (JSON.parse(body) as { result: { data: T } }).result.data;
}

/**
 * Samples the server until `finished` says so: `/healthz` one request after another (20 ms apart)
 * and PICKERS closed-loop pickers, each latency kept.
 */
async function sample(call: Caller, fixture: Fixture, label: string, finished: () => boolean) {
  const healthz: number[] = [];
  const picks: number[] = [];
  let failedPicks = 0;
  const started = performance.now();
  const health = (async () => {
    while (!finished()) {
      const t0 = performance.now();
      const res = await call('GET', '/healthz');
      if (res.status === 200) healthz.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  const pickers = Array.from({ length: PICKERS }, async (_, w) => {
    for (let n = 0; !finished(); n++) {
      const slot = fixture.slots[(w * 7919 + n * 31) % fixture.slots.length];
      const body = JSON.stringify({ ...slot, qty: 1, idempotencyKey: `bench-jobs-${label}-${w}-${n}` });
      const t0 = performance.now();
      const res = await call('POST', '/trpc/stock.pick', body);
      picks.push(performance.now() - t0);
      if (res.status !== 200) failedPicks++;
    }
  });
  await Promise.all([health, ...pickers]);
  const seconds = (performance.now() - started) / 1000;
  return {
    seconds: Math.round(seconds * 10) / 10,
    healthz: percentiles(healthz),
    pick: { ...percentiles(picks), perSecond: Math.round(picks.length / seconds), failed: failedPicks },
  };
}

/** One server process with `threads` worker threads: idle, then while the work runs. */
async function measureMode(databaseUrl: string, fixture: Fixture, threads: number) {
  const label = `threads-${threads}`;
  const { child, port } = await startServerProcess(databaseUrl, {
    WORKER_THREADS: String(threads),
    SCHEDULER_INTERVAL_SECONDS: '0',
    DB_SYNCHRONOUS: 'FULL',
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const once = httpCaller(base, await login(base), PICKERS + 4);
    // A keep-alive socket the server closed as idle resets the next request on it; every call here is
    // safe to repeat (reads, and picks carry idempotency keys), so it is retried once.
    const call: Caller = (method, path, body) =>
      once(method, path, body).catch(() => once(method, path, body));
    const route = () =>
      call(
        'GET',
        query('navigation.route', {
          from: { kind: 'bin', code: 'A-02-1' },
          to: { kind: 'dock', code: 'D1' },
        }),
      );
    // The navmesh built at start must be ready before the idle phase.
    if ((await route()).status !== 200) throw new Error('no route at start');
    log(`${label}: idle for ${IDLE_SECONDS} s...`);
    const idleUntil = performance.now() + IDLE_SECONDS * 1000;
    const idle = await sample(call, fixture, `${label}-idle`, () => performance.now() > idleUntil);

    log(`${label}: publishing the distribution centre again (a new revision: a new navmesh)...`);
    const document = generateDistributionCentre({}, 1);
    const t0 = performance.now();
    const published = await call('POST', '/trpc/twin.publish', JSON.stringify({ document, note: label }));
    if (published.status !== 200) throw new Error(`publish failed: ${published.body}`);
    const publishMs = performance.now() - t0;
    log(`${label}: simulating ${HISTORY_DAYS} days on the scenario while the navmesh builds...`);
    const loadStarted = performance.now();
    const simulate = await call(
      'POST',
      '/trpc/scenarios.simulate',
      JSON.stringify({ id: fixture.scenarioId, days: HISTORY_DAYS, seed: 1 }),
    );
    if (simulate.status !== 200) throw new Error(`simulate failed: ${simulate.body}`);
    const jobId = resultOf<{ id: string }>(simulate.body).id;
    let navmeshMs: number | null = null;
    let simulationMs: number | null = null;
    // The first route on the new revision waits for its navmesh.
    const navmesh = route().then((res) => {
      if (res.status !== 200) throw new Error(`route failed: ${res.body}`);
      navmeshMs = performance.now() - loadStarted;
    });
    const job = (async () => {
      for (;;) {
        const view = resultOf<{ status: string; error: string | null }>(
          (await call('GET', query('jobs.get', { id: jobId }))).body,
        );
        if (view.status !== 'running') {
          if (view.status !== 'done') throw new Error(`simulation ${view.status}: ${view.error}`);
          simulationMs = performance.now() - loadStarted;
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const loaded = await sample(
      call,
      fixture,
      `${label}-loaded`,
      () => navmeshMs !== null && simulationMs !== null,
    );
    await Promise.all([navmesh, job]);
    const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);
    return {
      workerThreads: threads,
      idle,
      whileWorking: loaded,
      navmeshReadySeconds: seconds(navmeshMs),
      simulationSeconds: seconds(simulationMs),
      publishSeconds: seconds(publishMs),
      ratio: {
        healthzP95: Math.round((loaded.healthz.p95Ms / Math.max(idle.healthz.p95Ms, 0.1)) * 10) / 10,
        pickP95: Math.round((loaded.pick.p95Ms / Math.max(idle.pick.p95Ms, 0.1)) * 10) / 10,
      },
    };
  } finally {
    await stopProcess(child);
  }
}

/**
 * `npm run -s bench -- jobs`: the server in its own process on the distribution centre, sampled
 * idle and then while a layout simulation (30 days, 30,000 picks) and the 50,400-bin navmesh build
 * run: `/healthz` and pick latency (two closed-loop pickers), with one worker thread (the default)
 * and, as the baseline in the same run, with none (the work on the main thread, as before).
 * Publishing the layout that triggers the build is timed on its own: its transaction is the
 * writer's, not a worker's.
 */
export async function runJobsBench() {
  const dir = await mkdtemp(join(tmpdir(), 'twinventory-bench-jobs-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  try {
    const services = await openServices({ databaseUrl, synchronous: 'NORMAL', workerThreads: 0 });
    const fixture = await seedBench(services);
    await services.workers.close();
    await services.writer.close();
    services.db.close();
    const withWorkers = await measureMode(databaseUrl, fixture, 1);
    const mainThread = await measureMode(databaseUrl, fixture, 0);
    return {
      bench: 'jobs',
      machine: { cores: cpus().length, node: process.version },
      work: { bins: 50_400, historyPicks: HISTORY_PICKS, historyDays: HISTORY_DAYS, pickers: PICKERS },
      withWorkers,
      mainThread,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
