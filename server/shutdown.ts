import { checkpointWal } from './db/database.ts';
import type { Services } from './services/services.ts';

/**
 * Closes the services so that nothing acknowledged depends on anything but the database file: the
 * running jobs are recorded as stopped, the audit chain's head is signed, the writer finishes what it was given, and the WAL is merged into
 * the `.db` (a file copied after a SIGTERM then holds every acknowledged movement).
 */
export async function closeServices(services: Services, log: (message: string) => void): Promise<void> {
  // Jobs end (recorded as stopped) while the writer can still record them.
  await services.jobs.close();
  await services.workers.close();
  await signAuditHead(services, log);
  await services.writer.close();
  services.feed.close();
  try {
    const wal = await checkpointWal(services.db);
    if (!wal.complete) log('The WAL checkpoint at shutdown was incomplete: another process was reading');
  } catch (e) {
    log(`The WAL checkpoint at shutdown failed: ${String(e)}`);
  }
  services.db.close();
}

/** One audit checkpoint (every few minutes and at shutdown); only a refusal is worth a log line. */
export async function signAuditHead(services: Services, log: (message: string) => void): Promise<void> {
  try {
    const outcome = await services.audit.checkpoint();
    if (outcome.status === 'refused') log(`Audit checkpoint refused: ${outcome.reason}`);
  } catch (e) {
    log(`Audit checkpoint failed: ${String(e)}`);
  }
}
