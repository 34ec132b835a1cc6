/**
 * Backup and restore of the embedded database file (`npm run backup`, `npm run restore`). A libSQL
 * server (sqld) is backed up with its own tools instead (docs/operations.md).
 */
import { closeSync, constants, existsSync, fsyncSync, mkdirSync, openSync, statSync } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { openServices } from './app.ts';
import type { AuditKey } from './audit-signing.ts';
import { integrityProblems, lastIds, openElsewhere, vacuumInto } from './db/backup.repository.ts';
import { checkpointWal, type Database, localPath, openDatabase } from './db/database.ts';
import { appliedVersions, listMigrations } from './db/migrate.ts';
import type { AuditVerdict } from './services/audit.service.ts';

/** A refusal with a message an operator can act on; nothing was changed. */
export class BackupError extends Error {}

function databaseFile(databaseUrl: string): string {
  const path = localPath(databaseUrl);
  if (path === null) {
    throw new BackupError(
      `DATABASE_URL (${databaseUrl.split('?')[0]}) is not a database file: back a libSQL server up with its own tools (docs/operations.md, "Backups")`,
    );
  }
  return resolve(path);
}

export type BackupResult = {
  to: string;
  bytes: number;
  lastMovementId: number | null;
  lastAuditId: number | null;
  tookMs: number;
};

/**
 * Copies the database into a new file while the server keeps running: the copy is one read
 * transaction, so it holds every movement committed before it began and none half-written.
 */
export async function backupDatabase(options: {
  databaseUrl: string;
  to: string;
  now: () => number;
}): Promise<BackupResult> {
  const source = databaseFile(options.databaseUrl);
  const to = resolve(options.to);
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source} to back up`);
  if (existsSync(to)) throw new BackupError(`${to} already exists: a backup never overwrites a file`);
  mkdirSync(dirname(to), { recursive: true });
  const started = options.now();
  const db = openDatabase({ url: `file:${source}` });
  try {
    await vacuumInto(db.reader, to);
  } finally {
    db.close();
  }
  const tookMs = options.now() - started;
  const copy = openDatabase({ url: `file:${to}` });
  try {
    const ids = await lastIds(copy.reader);
    return { to, bytes: statSync(to).size, lastMovementId: ids.movementId, lastAuditId: ids.auditId, tookMs };
  } finally {
    copy.close();
  }
}

export type RestoreResult = {
  restored: string;
  from: string;
  /** Where the database that was there before now is (with its -wal/-shm), never deleted. */
  movedAside: string[];
  lastMovementId: number | null;
  lastAuditId: number | null;
  audit: { entries: number; checkpoints: AuditVerdict['checkpoints'] };
};

const SIDE_FILES = ['', '-wal', '-shm'];

/**
 * Replaces the database file with a backup, after checking the backup on a copy: SQLite's integrity
 * check, a schema this version knows (older ones are migrated), the ledger (on-hand equals the sum of
 * movements) and the audit log (chain and signed checkpoints). Refuses while any process has the
 * database open; the file it replaces is moved aside, not deleted.
 */
export async function restoreDatabase(options: {
  databaseUrl: string;
  from: string;
  auditKey: AuditKey | null;
  now: Date;
}): Promise<RestoreResult> {
  const target = databaseFile(options.databaseUrl);
  const from = resolve(options.from);
  if (!existsSync(from) || !statSync(from).isFile())
    throw new BackupError(`There is no backup file at ${from}`);
  if (from === target) throw new BackupError('The backup is the database itself');
  mkdirSync(dirname(target), { recursive: true });
  const stamp = options.now.toISOString().replace(/[:.]/g, '-');
  const staged = `${target}.restoring-${stamp}`;
  await copyFile(from, staged, constants.COPYFILE_EXCL);
  let checked: Omit<RestoreResult, 'restored' | 'from' | 'movedAside'>;
  try {
    checked = await checkCopy(staged, from, options.auditKey);
  } catch (error) {
    await Promise.all(SIDE_FILES.map((s) => rm(`${staged}${s}`, { force: true })));
    throw error;
  }
  const movedAside: string[] = [];
  if (existsSync(target)) {
    if (await heldOpen(target)) {
      await Promise.all(SIDE_FILES.map((s) => rm(`${staged}${s}`, { force: true })));
      throw new BackupError(
        `A server or another process has ${target} open: stop every server on this database, then restore`,
      );
    }
    for (const side of SIDE_FILES) {
      if (!existsSync(`${target}${side}`)) continue;
      const aside = `${target}.before-restore-${stamp}${side}`;
      await rename(`${target}${side}`, aside);
      movedAside.push(aside);
    }
  }
  await rename(staged, target);
  syncFolder(dirname(target));
  // The checked copy's emptied WAL and index stay behind under the staging name.
  await Promise.all(['-wal', '-shm'].map((s) => rm(`${staged}${s}`, { force: true })));
  return { restored: target, from, movedAside, ...checked };
}

/** Whether a server (or any process) has the database open. */
async function heldOpen(path: string): Promise<boolean> {
  let probe: Database | undefined;
  try {
    probe = openDatabase({ url: `file:${path}` });
    return await openElsewhere(probe.reader);
  } catch {
    // Not a database SQLite can open: no server is running on it, and replacing it is the point.
    return false;
  } finally {
    probe?.close();
  }
}

/** The checks a backup must pass before it replaces anything; leaves the copy self-contained. */
async function checkCopy(
  staged: string,
  from: string,
  auditKey: AuditKey | null,
): Promise<Omit<RestoreResult, 'restored' | 'from' | 'movedAside'>> {
  const raw = openDatabase({ url: `file:${staged}` });
  try {
    const problems = await integrityProblems(raw.reader).catch((e: unknown) => {
      throw new BackupError(`${from} is not a SQLite database (${e instanceof Error ? e.message : e})`);
    });
    if (problems.length > 0)
      throw new BackupError(`${from} fails SQLite's integrity check: ${problems.slice(0, 5).join('; ')}`);
    const versions = await appliedVersions(raw.reader).catch(() => {
      throw new BackupError(`${from} is not a Twinventory database (it has no schema_migrations table)`);
    });
    const known = new Set(listMigrations().map((m) => m.version));
    const unknown = versions.filter((v) => !known.has(v));
    if (unknown.length > 0)
      throw new BackupError(
        `${from} comes from a newer Twinventory (migration ${unknown.join(', ')} unknown here): restore it with that version`,
      );
  } finally {
    raw.close();
  }
  // The server would migrate an older backup at start; doing it on the copy checks it as it will run.
  const services = await openServices({ databaseUrl: `file:${staged}`, auditKey });
  try {
    const ledger = await services.inventory.verifyLedger();
    if (!ledger.ok)
      throw new BackupError(
        `${from} fails the ledger check: on-hand differs from the sum of movements in ${ledger.count} ${ledger.count === 1 ? 'place' : 'places'}`,
      );
    const audit = await services.audit.verify();
    if (!audit.ok) throw new BackupError(`${from} fails the audit check: ${audit.reason}`);
    const ids = await lastIds(services.db.reader);
    await services.writer.close();
    // Everything into the one file, so renaming it moves the whole database.
    const wal = await checkpointWal(services.db);
    if (!wal.complete) throw new BackupError('Could not fold the checked copy into one file; try again');
    return {
      lastMovementId: ids.movementId,
      lastAuditId: ids.auditId,
      audit: { entries: audit.checked, checkpoints: audit.checkpoints },
    };
  } finally {
    services.voice.close();
    services.db.close();
  }
}

/** Makes the renames durable: a rename is in the folder's entry, which needs its own fsync. */
function syncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
