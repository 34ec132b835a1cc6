import type { Executor } from './database.ts';
import { num, numOrNull, str, strOrNull } from './sql.ts';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export type JobRow = {
  id: string;
  kind: string;
  ownerId: number;
  status: JobStatus;
  progress: number;
  stage: string;
  startedAt: number;
  finishedAt: number | null;
  /** JSON */
  result: string | null;
  error: string | null;
  cancelRequested: boolean;
  leaseOwner: string;
  leaseExpiresAt: number;
};

const COLUMNS = `id, kind, owner_id, status, progress, stage, started_at, finished_at, result, error,
  cancel_requested, lease_owner, lease_expires_at`;

function toJob(r: Record<string, unknown>): JobRow {
  return {
    id: str(r.id),
    kind: str(r.kind),
    ownerId: num(r.owner_id),
    status: str(r.status) as JobStatus,
    progress: num(r.progress),
    stage: str(r.stage),
    startedAt: num(r.started_at),
    finishedAt: numOrNull(r.finished_at),
    result: strOrNull(r.result),
    error: strOrNull(r.error),
    cancelRequested: num(r.cancel_requested) === 1,
    leaseOwner: str(r.lease_owner),
    leaseExpiresAt: num(r.lease_expires_at),
  };
}

export async function insertJob(
  ex: Executor,
  job: Pick<JobRow, 'id' | 'kind' | 'ownerId' | 'stage' | 'startedAt' | 'leaseOwner' | 'leaseExpiresAt'>,
): Promise<void> {
  await ex.execute({
    sql: `INSERT INTO jobs (id, kind, owner_id, status, progress, stage, started_at, lease_owner, lease_expires_at)
          VALUES (?, ?, ?, 'running', 0, ?, ?, ?, ?)`,
    args: [job.id, job.kind, job.ownerId, job.stage, job.startedAt, job.leaseOwner, job.leaseExpiresAt],
  });
}

export async function jobById(ex: Executor, id: string): Promise<JobRow | null> {
  const rs = await ex.execute({ sql: `SELECT ${COLUMNS} FROM jobs WHERE id = ?`, args: [id] });
  const row = rs.rows[0];
  return row === undefined ? null : toJob(row);
}

export async function countRunningJobs(ex: Executor, ownerId: number): Promise<number> {
  const rs = await ex.execute({
    sql: "SELECT count(*) AS n FROM jobs WHERE owner_id = ? AND status = 'running'",
    args: [ownerId],
  });
  return num(rs.rows[0]?.n ?? 0);
}

/**
 * The running instance's renewal: progress and stage written, lease extended. Null when the job is
 * no longer this instance's running job (another instance failed it after its lease ran out).
 */
export async function renewJob(
  ex: Executor,
  job: { id: string; owner: string; progress: number; stage: string; expiresAt: number },
): Promise<{ cancelRequested: boolean } | null> {
  const rs = await ex.execute({
    sql: `UPDATE jobs SET progress = ?, stage = ?, lease_expires_at = ?
          WHERE id = ? AND lease_owner = ? AND status = 'running' RETURNING cancel_requested`,
    args: [job.progress, job.stage, job.expiresAt, job.id, job.owner],
  });
  const row = rs.rows[0];
  return row === undefined ? null : { cancelRequested: num(row.cancel_requested) === 1 };
}

/** The job's final state, written by the instance that ran it while it still holds the job. */
export async function finishJob(
  ex: Executor,
  job: Pick<JobRow, 'id' | 'status' | 'progress' | 'stage' | 'result' | 'error'> & {
    owner: string;
    finishedAt: number;
  },
): Promise<void> {
  await ex.execute({
    sql: `UPDATE jobs SET status = ?, progress = ?, stage = ?, result = ?, error = ?, finished_at = ?
          WHERE id = ? AND lease_owner = ? AND status = 'running'`,
    args: [job.status, job.progress, job.stage, job.result, job.error, job.finishedAt, job.id, job.owner],
  });
}

export async function requestCancel(ex: Executor, id: string): Promise<void> {
  await ex.execute({
    sql: "UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running'",
    args: [id],
  });
}

/** Fails running jobs whose lease ran out by `leaseNow` (their instance stopped); all, or one `id`. */
export async function failAbandonedJobs(
  ex: Executor,
  p: { leaseNow: number; finishedAt: number; error: string; id?: string },
): Promise<void> {
  await ex.execute({
    sql: `UPDATE jobs SET status = 'failed', stage = 'Stopped', error = ?, finished_at = ?
          WHERE status = 'running' AND lease_expires_at <= ?${p.id === undefined ? '' : ' AND id = ?'}`,
    args: [p.error, p.finishedAt, p.leaseNow, ...(p.id === undefined ? [] : [p.id])],
  });
}

export async function deleteFinishedJobs(ex: Executor, before: number): Promise<void> {
  await ex.execute({ sql: 'DELETE FROM jobs WHERE finished_at < ?', args: [before] });
}
