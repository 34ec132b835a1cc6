// `npm run backup` while pickers keep writing through the API, then `npm run restore` once the server
// is stopped: everything acknowledged before the backup started is in the restored database.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServerProcess, stopProcess } from '../../scripts/bench/load.ts';
import { openServices } from '../../server/app.ts';
import { loadAuditKey } from '../../server/audit-signing.ts';
import { backupDatabase, restoreDatabase } from '../../server/backup.ts';
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

  test('every movement acknowledged before the backup started is restored; the ledger, audit and exported checkpoints verify', async () => {
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

    // A copy of the checkpoints kept elsewhere, and the check against it, from the command line.
    const exportFile = join(dir, 'checkpoints.jsonl');
    const exported = await runTsx('scripts/audit-export.ts', ['--to', exportFile], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject({ to: exportFile, checkpoints: 1 });
    const verified = await runTsx('scripts/audit-verify.ts', ['--checkpoints', exportFile], env);
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, checkpoints: { checked: 1, matching: 1 } });
  }, 120_000);

  test('a backup never overwrites a file', async () => {
    const databaseUrl = env.DATABASE_URL ?? '';
    const existing = join(dir, 'existing.db');
    await writeFile(existing, 'an earlier backup');
    await expect(backupDatabase({ databaseUrl, to: existing, now: () => 0 })).rejects.toThrow(
      `${existing} already exists: a backup never overwrites a file`,
    );
  });

  test('a libSQL server is backed up and restored with its own tools', async () => {
    const databaseUrl = 'http://127.0.0.1:8080?x=1';
    const refusal =
      'DATABASE_URL (http://127.0.0.1:8080) is not a database file: back a libSQL server up with its own tools (docs/operations.md, "Backups")';
    await expect(backupDatabase({ databaseUrl, to: join(dir, 'x.db'), now: () => 0 })).rejects.toThrow(
      refusal,
    );
    await expect(
      restoreDatabase({ databaseUrl, from: join(dir, 'x.db'), auditKey: null, now: new Date() }),
    ).rejects.toThrow(refusal);
  });

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

  test('a damaged database is replaced by a sound backup and kept aside', async () => {
    const sound = join(dir, 'sound.db');
    const made = await openServices({ databaseUrl: `file:${sound}` });
    const f = createFactories(made);
    await f.receive((await f.newItem()).id, (await f.newBin()).id, 5);
    await closeServices(made, () => {});
    const target = join(dir, 'damaged.db');
    await writeFile(target, 'what is left after a disk failure'.repeat(300));
    const result = await restoreDatabase({
      databaseUrl: `file:${target}`,
      from: sound,
      auditKey: null,
      now: new Date('2026-12-07T10:00:00Z'),
    });
    expect(result).toMatchObject({
      restored: target,
      movedAside: [`${target}.before-restore-2026-12-07T10-00-00-000Z`],
      lastMovementId: 1,
    });
    expect(await readFile(`${target}.before-restore-2026-12-07T10-00-00-000Z`, 'utf8')).toContain(
      'disk failure',
    );
    const restored = openDatabase({ url: `file:${target}` });
    const rs = await restored.reader.execute('SELECT count(*) AS n FROM movements');
    restored.close();
    expect(Number(rs.rows[0]?.n)).toBe(1);
  });
});
