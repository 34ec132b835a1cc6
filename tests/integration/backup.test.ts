// `npm run backup` while pickers keep writing through the API, then `npm run restore` once the server
// is stopped: everything acknowledged before the backup started is in the restored database.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServerProcess, stopProcess } from '../../scripts/bench/load.ts';
import { openServices } from '../../server/app.ts';
import { loadAuditKey } from '../../server/audit-signing.ts';
import { restoreDatabase } from '../../server/backup.ts';
import { openDatabase } from '../../server/db/database.ts';
import { closeServices } from '../../server/shutdown.ts';
import { createFactories } from '../support/factories.ts';
import {
  loggedIn,
  missingFrom,
  newRecord,
  runPickers,
  runTsx,
  seedLedgerDatabase,
} from '../support/ledger-load.ts';
import type { LedgerSeed } from '../support/ledger-seed.ts';

describe('backup under write load, and restore', () => {
  let dir = '';
  let dbFile = '';
  let env: Record<string, string> = {};
  let seed: LedgerSeed | undefined;
  let server: ChildProcess | undefined;
  let base = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'twinventory-backup-'));
    dbFile = join(dir, 'twinventory.db');
    env = {
      DATABASE_URL: `file:${dbFile}`,
      DEMO: '0',
      AUDIT_KEY_FILE: join(dir, 'audit-key.pem'),
      AUDIT_CHECKPOINT_MINUTES: '0',
    };
    seed = await seedLedgerDatabase(env);
    const started = await startServerProcess(env.DATABASE_URL ?? '', env);
    server = started.child;
    base = `http://127.0.0.1:${started.port}`;
  }, 60_000);

  afterAll(async () => {
    if (server) await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  });

  test('every movement acknowledged before the backup started is restored; the ledger and audit verify', async () => {
    if (seed === undefined || server === undefined) throw new Error('not started');
    const record = newRecord();
    const apis = await Promise.all(Array.from({ length: 4 }, () => loggedIn(base, seed?.username ?? '')));
    let stop = false;
    const load = runPickers({ apis, record, stock: seed.stock, keyPrefix: 'backup-load', stop: () => stop });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const backupFile = join(dir, 'backups', 'backup.db');
    const startedAt = Date.now();
    const backup = await runTsx('scripts/backup.ts', ['--to', backupFile], env);
    const doneAt = Date.now();
    stop = true;
    await load;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const made = JSON.parse(backup.stdout) as { to: string; bytes: number; lastMovementId: number };
    expect(made).toMatchObject({
      to: backupFile,
      bytes: expect.any(Number),
      lastMovementId: expect.any(Number),
    });
    // The pickers really were writing while it ran.
    const acked = [...record.acked.values()];
    const before = acked.filter((a) => a.at < startedAt);
    expect(before.length).toBeGreaterThan(0);
    expect(acked.filter((a) => a.at > startedAt && a.at < doneAt).length).toBeGreaterThan(0);

    const again = await runTsx('scripts/backup.ts', ['--to', backupFile], env);
    expect(again).toMatchObject({
      code: 1,
      stderr: `${backupFile} already exists: a backup never overwrites a file\n`,
    });
    const whileRunning = await runTsx('scripts/restore.ts', ['--from', backupFile], env);
    expect(whileRunning).toMatchObject({
      code: 1,
      stderr: `A server or another process has ${dbFile} open: stop every server on this database, then restore\n`,
    });

    await stopProcess(server);
    expect(server.exitCode).toBe(0);
    const restore = await runTsx('scripts/restore.ts', ['--from', backupFile], env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const restored = JSON.parse(restore.stdout) as { movedAside: string[]; lastMovementId: number };
    expect(restored.lastMovementId).toBe(made.lastMovementId);
    expect(restored.movedAside[0]?.startsWith(`${dbFile}.before-restore-`)).toBe(true);
    for (const file of restored.movedAside) expect(existsSync(file)).toBe(true);

    const services = await openServices({
      databaseUrl: env.DATABASE_URL ?? '',
      auditKey: loadAuditKey({ file: env.AUDIT_KEY_FILE ?? '' }),
    });
    try {
      expect(await missingFrom(services.db, before)).toEqual([]);
      expect(await services.inventory.verifyLedger()).toMatchObject({ ok: true });
      // The checkpoint signed before the backup still vouches for the restored log.
      expect(await services.audit.verify()).toMatchObject({
        ok: true,
        checkpoints: { checked: 1, matching: 1, problems: [] },
      });
    } finally {
      services.voice.close();
      await services.writer.close();
      services.db.close();
    }
  }, 120_000);

  test('a backup that is not a sound Twinventory database is refused and nothing is replaced', async () => {
    const target = join(dir, 'target.db');
    const options = { databaseUrl: `file:${target}`, auditKey: null, now: new Date('2026-12-07T10:00:00Z') };
    const garbage = join(dir, 'garbage.db');
    await writeFile(garbage, 'this is not a database'.repeat(400));
    await expect(restoreDatabase({ ...options, from: garbage })).rejects.toThrow(/is not a SQLite database/);

    const foreign = join(dir, 'foreign.db');
    const other = openDatabase({ url: `file:${foreign}` });
    await other.writer.execute('CREATE TABLE t (x)');
    other.close();
    await expect(restoreDatabase({ ...options, from: foreign })).rejects.toThrow(
      `${foreign} is not a Twinventory database (it has no schema_migrations table)`,
    );

    // A backup whose on-hand no longer matches its ledger.
    const tampered = join(dir, 'tampered.db');
    const made = await openServices({ databaseUrl: `file:${tampered}` });
    const f = createFactories(made);
    await f.receive((await f.newItem()).id, (await f.newBin()).id, 5);
    await made.db.writer.execute('UPDATE stock SET on_hand = on_hand + 1');
    await closeServices(made, () => {});
    await expect(restoreDatabase({ ...options, from: tampered })).rejects.toThrow(
      `${tampered} fails the ledger check: on-hand differs from the sum of movements in 1 place`,
    );
    expect(existsSync(target)).toBe(false);
  });
});
