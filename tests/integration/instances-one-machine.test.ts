// `INSTANCES=2 npm start`: two server processes share the port on one file database. Under load one
// is killed with SIGKILL: the other keeps serving, the supervisor starts it again, nothing
// acknowledged is lost or applied twice, and a SIGTERM stop leaves a self-contained `.db`.
import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServerProcess, stopProcess } from '../../scripts/bench/load.ts';
import { openServices } from '../../server/app.ts';
import { loadAuditKey } from '../../server/audit-signing.ts';
import { closeServices } from '../../server/shutdown.ts';
import {
  loggedIn,
  missingFrom,
  newRecord,
  runPickers,
  seedLedgerDatabase,
  send,
} from '../support/ledger-load.ts';
import type { Api } from '../support/test-app.ts';

const PICKERS = 6;

/** The processes whose parent is `pid` (the supervisor's instances). */
async function childrenOf(pid: number): Promise<number[]> {
  const out: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis. A
    // killed instance the supervisor has not reaped yet is a zombie, not a running instance.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(ppid) === pid && state !== 'Z') out.push(Number(name));
  }
  return out;
}

/** Which instance answers a request on a new connection (the cluster hands connections out in turn). */
function instanceIdAt(base: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(`${base}/healthz`, { agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => {
        try {
          resolve((JSON.parse(body) as { scheduler: { instance: string } }).scheduler.instance);
        } catch (error) {
          reject(error);
        }
      });
    }).on('error', reject);
  });
}

describe('two instances on one machine (INSTANCES=2)', () => {
  let dir = '';
  let url = '';
  let env: Record<string, string> = {};
  let server: ChildProcess | undefined;
  let base = '';
  let stock: { itemId: number; locationId: number }[] = [];
  let seedMovements = 0;
  let apis: Api[] = [];
  const record = newRecord();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'twinventory-instances-'));
    url = `file:${join(dir, 'twinventory.db')}`;
    env = {
      DB_SYNCHRONOUS: 'FULL',
      DEMO: '0',
      AUDIT_KEY_FILE: join(dir, 'audit-key.pem'),
      AUDIT_CHECKPOINT_MINUTES: '0',
      INSTANCES: '2',
    };
    const seed = await seedLedgerDatabase({ DATABASE_URL: url, ...env });
    stock = seed.stock;
    seedMovements = seed.movements;
    const started = await startServerProcess(url, env);
    server = started.child;
    base = `http://127.0.0.1:${started.port}`;
    apis = await Promise.all(Array.from({ length: PICKERS }, () => loggedIn(base, seed.username)));
  }, 120_000);

  afterAll(async () => {
    if (server) await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  });

  test('both serve; one killed mid-load is started again; nothing acknowledged is lost or doubled', async () => {
    const pid = server?.pid ?? 0;
    const instances = await childrenOf(pid);
    expect(instances).toHaveLength(2);
    // A handful of new connections meets both instances.
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) seen.add(await instanceIdAt(base));
    expect(seen.size).toBe(2);

    let stopped = false;
    const load = runPickers({ apis, record, stock, keyPrefix: 'instances', stop: () => stopped });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(instances[0] ?? 0, 'SIGKILL');
    // The other instance goes on answering while the supervisor starts a new one (after 1 s).
    // (A pooled connection to the killed one fails once, as it would for any client.)
    let during = 0;
    for (let attempt = 0; attempt < 3 && during !== 200; attempt++) {
      during = await fetch(`${base}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
    }
    expect(during).toBe(200);
    expect(await childrenOf(pid)).toHaveLength(1);
    const deadline = Date.now() + 60_000;
    let restarted: number[] = [];
    while (Date.now() < deadline) {
      restarted = await childrenOf(pid);
      if (restarted.length === 2 && !restarted.includes(instances[0] ?? 0)) {
        const ids = new Set<string>();
        for (let i = 0; i < 8; i++) ids.add(await instanceIdAt(base).catch(() => ''));
        if (ids.size === 2 && !ids.has('')) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(restarted).toHaveLength(2);
    expect(restarted).not.toContain(instances[0]);
    stopped = true;
    await load;
    // Whatever the kill cut off is sent again with its key: applied now, or answered as a replay.
    const [first] = apis;
    if (first === undefined) throw new Error('no client');
    for (const request of [...record.unanswered.values()]) {
      expect(await send(first, record, request)).toBe('acked');
    }
    expect(record.acked.size).toBeGreaterThan(PICKERS);

    if (server) await stopProcess(server);
    expect(server?.exitCode).toBe(0);
    expect(await childrenOf(pid)).toEqual([]);

    // The supervisor merged the WAL once both had stopped: the .db alone holds everything.
    const copyDir = await mkdtemp(join(tmpdir(), 'twinventory-instances-copy-'));
    try {
      await copyFile(join(dir, 'twinventory.db'), join(copyDir, 'twinventory.db'));
      const services = await openServices({
        databaseUrl: `file:${join(copyDir, 'twinventory.db')}`,
        auditKey: loadAuditKey({ file: env.AUDIT_KEY_FILE ?? '' }),
        workerThreads: 0,
      });
      try {
        expect(await missingFrom(services.db, record.acked.values())).toEqual([]);
        const rs = await services.db.reader.execute('SELECT count(*) AS n FROM movements');
        expect(Number(rs.rows[0]?.n)).toBe(seedMovements + record.acked.size);
        expect(await services.inventory.verifyLedger()).toMatchObject({ ok: true, count: 0 });
        expect(await services.audit.verify()).toMatchObject({ ok: true });
      } finally {
        await closeServices(services, () => {});
      }
    } finally {
      await rm(copyDir, { recursive: true, force: true });
    }
  }, 180_000);
});
