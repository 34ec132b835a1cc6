// The ledger survives kill -9 mid-load, and a SIGTERM stop leaves a `.db` that holds everything on its
// own. The server runs as a child process with DB_SYNCHRONOUS=FULL, as `npm start` runs it.
import type { ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServerProcess, stopProcess } from '../../scripts/bench/load.ts';
import { openServices } from '../../server/app.ts';
import { loadAuditKey } from '../../server/audit-signing.ts';
import {
  loggedIn,
  missingFrom,
  newRecord,
  runPickers,
  seedLedgerDatabase,
  send,
} from '../support/ledger-load.ts';
import type { Api } from '../support/test-app.ts';

const KILL_CYCLES = 3;
const WORKERS = 6;

describe('durability: kill -9 under load, then a SIGTERM stop', () => {
  let dir = '';
  let url = '';
  let env: Record<string, string> = {};
  let stock: { itemId: number; locationId: number }[] = [];
  let seedMovements = 0;
  let username = '';
  let server: ChildProcess | undefined;
  let apis: Api[] = [];
  const record = newRecord();

  async function start(): Promise<void> {
    server = (await startServerProcess(url, env)).child;
  }

  function exited(child: ChildProcess | undefined): Promise<void> {
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Every operation cut off by the last stop, sent again with its key: applied now, or answered as a replay. */
  async function retryUnanswered(api: Api): Promise<void> {
    for (const request of [...record.unanswered.values()]) {
      expect(await send(api, record, request)).toBe('acked');
    }
    expect(record.unanswered.size).toBe(0);
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'twinventory-durability-'));
    url = `file:${join(dir, 'twinventory.db')}`;
    env = {
      DB_SYNCHRONOUS: 'FULL',
      DEMO: '0',
      AUDIT_KEY_FILE: join(dir, 'audit-key.pem'),
      AUDIT_CHECKPOINT_MINUTES: '0',
    };
    const seed = await seedLedgerDatabase({ DATABASE_URL: url, ...env });
    stock = seed.stock;
    seedMovements = seed.movements;
    username = seed.username;

    const first = await startServerProcess(url, env);
    // A fixed port from now on, so the clients (and their session cookies) carry over each restart.
    env = { ...env, PORT: String(first.port) };
    server = first.child;
    const base = `http://127.0.0.1:${first.port}`;
    apis = await Promise.all(Array.from({ length: WORKERS }, () => loggedIn(base, username)));
  }, 120_000);

  afterAll(async () => {
    if (server) await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  });

  test('no acknowledged operation is lost or applied twice, and a SIGTERM stop leaves a self-contained .db', async () => {
    for (let cycle = 0; cycle < KILL_CYCLES; cycle++) {
      if (cycle > 0) await start();
      const [first] = apis;
      if (first === undefined) throw new Error('no client');
      await retryUnanswered(first);
      let killed = false;
      const load = runPickers({ apis, record, stock, keyPrefix: `durability-${cycle}`, stop: () => killed });
      // Mid-load, at a different moment each cycle.
      await new Promise((resolve) => setTimeout(resolve, 1200 + cycle * 500));
      server?.kill('SIGKILL');
      killed = true;
      await load;
      await exited(server);
    }
    // The last cycle ends with a stop the way an operator stops it.
    await start();
    const [first] = apis;
    if (first === undefined) throw new Error('no client');
    await retryUnanswered(first);
    let done = false;
    const load = runPickers({ apis, record, stock, keyPrefix: 'durability-final', stop: () => done });
    await new Promise((resolve) => setTimeout(resolve, 800));
    done = true;
    await load;
    // A replay of acknowledged keys is answered from the ledger, not applied again.
    for (const ack of [...record.acked.values()].filter((_, i) => i % 50 === 0)) {
      const { at: _, replayed: __, operationId: ___, movementIds: ____, ...request } = ack;
      expect(await send(first, record, request)).toBe('acked');
      const again = record.acked.get(ack.idempotencyKey);
      expect(again).toMatchObject({ replayed: true, operationId: ack.operationId });
    }
    if (server) await stopProcess(server);
    expect(server?.exitCode).toBe(0);

    // Only the .db, as someone copying "the database file" would: no -wal beside it.
    const copyDir = await mkdtemp(join(tmpdir(), 'twinventory-copy-'));
    try {
      await copyFile(join(dir, 'twinventory.db'), join(copyDir, 'twinventory.db'));
      const auditKey = loadAuditKey({ file: env.AUDIT_KEY_FILE ?? '' });
      expect(auditKey).not.toBeNull();
      const services = await openServices({
        databaseUrl: `file:${join(copyDir, 'twinventory.db')}`,
        auditKey,
      });
      try {
        const acked = [...record.acked.values()];
        expect(acked.length).toBeGreaterThan(KILL_CYCLES * WORKERS);
        expect(await missingFrom(services.db, acked)).toEqual([]);
        // Nothing beyond the acknowledged operations: no retry was applied twice.
        const rs = await services.db.reader.execute('SELECT count(*) AS n FROM movements');
        expect(Number(rs.rows[0]?.n)).toBe(seedMovements + record.acked.size);
        expect(await services.inventory.verifyLedger()).toMatchObject({ ok: true, count: 0 });
        const audit = await services.audit.verify();
        expect(audit).toMatchObject({ ok: true });
        // The SIGTERM stop signed the head: the checkpoint vouches for every entry.
        expect(audit.checkpoints.matching).toBeGreaterThan(0);
        expect(audit.checkpoints.latest?.auditId).toBe(audit.checked);
      } finally {
        services.voice.close();
        await services.writer.close();
        services.db.close();
      }
    } finally {
      await rm(copyDir, { recursive: true, force: true });
    }
  }, 180_000);
});
