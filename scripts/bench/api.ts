import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServices } from '../../server/app.ts';
import { allItems, stockForItem, untrackedStockSlots } from '../../server/db/catalog.repository.ts';
import { writeTxOver } from '../../server/db/writer.ts';
import type { Services } from '../../server/services/services.ts';
import { postStockOperations } from '../../server/services/stock-ledger.service.ts';
import { closeServices } from '../../server/shutdown.ts';
import { DEMO_PASSWORD, seedSampleFacility } from '../seed/seed-database.ts';
import { closedLoop, httpCaller, type LoadResult, startServerProcess, stopProcess } from './load.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = [1, 32];
/** Server processes sharing the port: one, and one per core of this 2-core machine. */
const INSTANCES = [1, 2];
const log = (m: string) => process.stderr.write(`${m}\n`);

/**
 * The API under load on the seeded database, over real HTTP to a server in its own process, next to
 * the same operation done in-process on libSQL in the same run (`ratio` = HTTP / direct throughput).
 */
export async function runApiBench() {
  const dir = await mkdtemp(join(tmpdir(), 'twinventory-bench-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  try {
    log('Seeding the sample facility...');
    const seeded = await openServices({ databaseUrl, synchronous: 'FULL' });
    const seed = await seedSampleFacility(seeded, { seed: 42 });
    const fixture = await benchFixture(seeded);
    await closeServices(seeded, log);

    // One server process, then one per core (INSTANCES=2 on this machine), on the same file.
    const http: Record<number, Table> = {};
    for (const instances of INSTANCES) http[instances] = await httpRun(databaseUrl, fixture, instances);

    // The same operations without HTTP and tRPC, on the same file, after the server has gone.
    const direct: Table = {};
    const services = await openServices({ databaseUrl, synchronous: 'FULL' });
    try {
      await services.inventory.load();
      for (const clients of CLIENTS) {
        log(`Direct libSQL, ${clients} client(s)...`);
        put(
          direct,
          'stockLevel',
          clients,
          await closedLoop(clients, SECONDS, async (w, n) => {
            await stockForItem(services.db.reader, pickOf(fixture.itemIds, w * 7919 + n));
            return true;
          }),
        );
        put(
          direct,
          'itemSearch',
          clients,
          await closedLoop(clients, SECONDS, async (w, n) => {
            await services.inventory.search(pickOf(fixture.queries, w * 104_729 + n), 20);
            return true;
          }),
        );
        // One interactive transaction per pick, queued one after another (SQLite has one writer):
        // the design the group-committing writer replaces, measured for comparison.
        let queue: Promise<unknown> = Promise.resolve();
        put(
          direct,
          'pickOwnTransaction',
          clients,
          await closedLoop(clients, SECONDS, (w, n) => {
            const slot = pickOf(fixture.slots, w * 31 + n);
            const next = queue.then(() =>
              onePickTransaction(services, slot, `bench-tx-${clients}-${w}-${n}`),
            );
            queue = next.catch(() => undefined);
            return next;
          }),
        );
        put(
          direct,
          'pick',
          clients,
          await closedLoop(clients, SECONDS, async (w, n) => {
            const slot = pickOf(fixture.slots, w * 31 + n);
            const key = `bench-direct-${clients}-${w}-${n}`;
            await services.ledger.post({
              op: { kind: 'pick', ...slot, qty: 1 },
              actorId: 1,
              idempotencyKey: key,
            });
            return true;
          }),
        );
      }
      const ledger = await services.inventory.verifyLedger();
      const audit = await services.audit.verify();
      return report({ seed, http, direct, ledgerHolds: ledger.ok, auditChainOk: audit.ok });
    } finally {
      await closeServices(services, log);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The three operations over HTTP against `npm start`'s server with `instances` processes. */
async function httpRun(
  databaseUrl: string,
  fixture: Awaited<ReturnType<typeof benchFixture>>,
  instances: number,
): Promise<Table> {
  // Raw capacity: 32 clients of one user would otherwise meet the per-user search limit at once.
  const { child: server, port } = await startServerProcess(databaseUrl, {
    DB_SYNCHRONOUS: 'FULL',
    RATE_LIMITS: '0',
    INSTANCES: String(instances),
  });
  const http: Table = {};
  try {
    const base = `http://127.0.0.1:${port}`;
    const cookie = await login(base);
    for (const clients of CLIENTS) {
      const call = httpCaller(base, cookie, clients);
      log(`HTTP, ${instances} instance(s), ${clients} client(s)...`);
      const q = (path: string, input: unknown) =>
        `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
      put(
        http,
        'stockLevel',
        clients,
        await closedLoop(clients, SECONDS, async (w, n) => {
          const itemId = pickOf(fixture.itemIds, w * 7919 + n);
          return (await call('GET', q('stock.level', { itemId }))).status === 200;
        }),
      );
      put(
        http,
        'itemSearch',
        clients,
        await closedLoop(clients, SECONDS, async (w, n) => {
          const query = pickOf(fixture.queries, w * 104_729 + n);
          return (await call('GET', q('items.search', { q: query, limit: 20 }))).status === 200;
        }),
      );
      put(
        http,
        'pick',
        clients,
        await closedLoop(clients, SECONDS, async (w, n) => {
          const slot = pickOf(fixture.slots, w * 31 + n);
          const body = JSON.stringify({
            ...slot,
            qty: 1,
            idempotencyKey: `bench-http-${instances}-${clients}-${w}-${n}`,
          });
          return (await call('POST', '/trpc/stock.pick', body)).status === 200;
        }),
      );
    }
    return http;
  } finally {
    await stopProcess(server);
  }
}

function report(r: {
  seed: unknown;
  http: Record<number, Table>;
  direct: Table;
  ledgerHolds: boolean;
  auditChainOk: boolean;
}) {
  const ops = ['stockLevel', 'itemSearch', 'pick'] as const;
  const rows = ops.flatMap((op) =>
    CLIENTS.map((clients) => {
      const one = r.http[1]?.[op]?.[clients];
      const two = r.http[2]?.[op]?.[clients];
      const d = r.direct[op]?.[clients];
      return {
        op,
        clients,
        http: one,
        httpTwoInstances: two,
        direct: d,
        httpToDirectRatio: one && d ? round(one.perSecond / d.perSecond) : null,
        twoInstancesToOneRatio: one && two ? round(two.perSecond / one.perSecond) : null,
      };
    }),
  );
  // Each target against each configuration: a site runs one of them, so neither borrows the other's figure.
  const check = (op: string, clients: number, field: 'perSecond' | 'p99Ms', target: string) => {
    const [sign, bound] = [target.slice(0, 2), Number(target.slice(3))];
    const at = (instances: number) => {
      const measured = r.http[instances]?.[op]?.[clients]?.[field];
      const met = measured !== undefined && (sign === '>=' ? measured >= bound : measured <= bound);
      return { measured, met };
    };
    return { target, oneInstance: at(1), twoInstances: at(2) };
  };
  const targets = {
    picksPerSecond32: check('pick', 32, 'perSecond', '>= 2000'),
    pickP99Ms1: check('pick', 1, 'p99Ms', '<= 10'),
    pickP99Ms32: check('pick', 32, 'p99Ms', '<= 50'),
    stockLookupsPerSecond32: check('stockLevel', 32, 'perSecond', '>= 3000'),
  };
  return {
    bench: 'api',
    machine: { cores: cpus().length, node: process.version },
    synchronous: 'FULL',
    secondsPerRun: SECONDS,
    seed: r.seed,
    results: rows,
    pickOneTransactionEach: r.direct.pickOwnTransaction,
    targets,
    ledgerHoldsAfterLoad: r.ledgerHolds,
    auditChainVerifies: r.auditChainOk,
  };
}

const round = (v: number) => Math.round(v * 100) / 100;

type Table = Record<string, Record<number, LoadResult>>;
function put(table: Table, op: string, clients: number, result: LoadResult): void {
  table[op] = { ...table[op], [clients]: result };
}
const pickOf = <T>(arr: readonly T[], n: number): T => arr[Math.abs(n) % arr.length] as T;

/** What the API benchmarks pick from: every item, typed queries, and untracked slots topped up. */
export async function benchFixture(services: Services) {
  const items = await allItems(services.db.reader);
  const itemIds = items.map((i) => i.id);
  // Queries people type: a word or two of a name, sometimes with a typo.
  const queries = items.slice(0, 400).map((item, i) => {
    const words = item.name
      .split(/[\s,]+/)
      .slice(0, 2)
      .join(' ');
    return i % 5 === 0 ? words.replace(/[aeiou]/, '') : words;
  });
  // Picks come from untracked stock topped up so a long run never empties a bin.
  const slots = await untrackedStockSlots(services.db.reader, 500);
  for (const s of slots) {
    await services.ledger.post({
      op: { kind: 'receive', ...s, qty: 100_000, reason: 'bench top-up' },
      actorId: 1,
    });
  }
  return { itemIds, queries, slots };
}

async function onePickTransaction(
  services: Services,
  slot: { itemId: number; locationId: number },
  key: string,
): Promise<boolean> {
  for (const pragma of services.db.connectionPragmas) await services.db.writer.execute(pragma);
  const tx = await services.db.writer.transaction('write');
  try {
    const [o] = await postStockOperations(
      writeTxOver(tx),
      [{ op: { kind: 'pick', ...slot, qty: 1 }, actorId: 1, idempotencyKey: key }],
      Date.now(),
    );
    await tx.commit();
    return o?.ok === true;
  } finally {
    tx.close();
  }
}

/** The demo technician's session cookie. */
export async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'technician', password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
}
