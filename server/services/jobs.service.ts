import { randomUUID } from 'node:crypto';
import { conflict, DomainError, forbidden, notFound } from '../../common/errors.ts';
import type { Database } from '../db/database.ts';
import {
  countRunningJobs,
  deleteFinishedJobs,
  failAbandonedJobs,
  finishJob,
  insertJob,
  type JobRow,
  type JobStatus,
  jobById,
  renewJob,
  requestCancel,
} from '../db/jobs.repository.ts';
import type { Writer } from '../db/writer.ts';
import { WorkerTaskError } from '../workers/worker-protocol.ts';
import { type Clock, systemClock } from './clock.ts';

export type { JobStatus };

export type JobView<T = unknown> = {
  id: string;
  kind: string;
  ownerId: number;
  status: JobStatus;
  /** 0..1 */
  progress: number;
  /** What it is doing now, for the progress bar ("Optimising sortie 3 of 7"). */
  stage: string;
  startedAt: number;
  finishedAt: number | null;
  result: T | null;
  error: string | null;
};

export type JobContext = {
  signal: AbortSignal;
  progress(fraction: number, stage?: string): void;
  /** Lets other requests run; throws if the job was cancelled. */
  yield(): Promise<void>;
};

/** A job this instance runs: its freshest view (progress is written to the database on renewal). */
type Local = { view: JobView; controller: AbortController; stopping: boolean; done: Promise<void> };

const KEEP_FINISHED_MS = 30 * 60_000;
const MAX_RUNNING_PER_USER = 2;
const ABANDONED = 'The server running this job stopped before it finished; start it again.';
const WORKER_FAILED =
  'The job failed unexpectedly in its worker thread (the server log has the details); start it again.';

export class JobCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelledError';
  }
}

export type JobServiceOptions = {
  db: Database;
  writer: Writer;
  /** Start and finish times, as people read them. */
  clock: Clock;
  /** This instance, as the `lease_owner` of the jobs it runs. */
  instanceId: string;
  /** Lease expiry is wall-clock time whatever `clock` says (tests move `clock` by days). */
  leaseClock?: Clock;
  /** How long a job's lease lasts unrenewed. */
  leaseMs?: number;
  /** How often the running instance writes progress and renews its jobs' leases. */
  renewMs?: number;
};

/**
 * Long work a person started and watches: drone-audit planning, layout simulations, slotting. Each
 * job reports progress, can be cancelled, and keeps its result (or a user-facing error) for a while
 * so the page can pick it up after a reload. Jobs only compute (their CPU-heavy part in a worker
 * thread); anything they decide is written by the caller through the writer.
 *
 * A job runs on the instance it was started on, but its state lives in the database (`jobs`), so
 * `get` and `cancel` work from any instance on the same database. The running instance holds the
 * job's lease and renews it every `renewMs` with the latest progress, and reads back whether another
 * instance asked to cancel. A running job whose lease ran out lost its instance (a crash, kill -9)
 * and is shown as failed.
 */
export class JobService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #leaseClock: Clock;
  readonly #instanceId: string;
  readonly #leaseMs: number;
  readonly #renewMs: number;
  readonly #local = new Map<string, Local>();
  #timer: NodeJS.Timeout | null = null;
  #renewing = false;
  #closing = false;

  constructor(options: JobServiceOptions) {
    this.#db = options.db;
    this.#writer = options.writer;
    this.#clock = options.clock;
    this.#leaseClock = options.leaseClock ?? systemClock;
    this.#instanceId = options.instanceId;
    this.#leaseMs = options.leaseMs ?? 15_000;
    this.#renewMs = options.renewMs ?? 1_000;
  }

  /** Jobs running on this instance. */
  get running(): number {
    return this.#local.size;
  }

  async start<T>(kind: string, ownerId: number, work: (ctx: JobContext) => Promise<T>): Promise<JobView<T>> {
    if (this.#closing) throw conflict('The server is stopping; start the job again in a moment.');
    const id = randomUUID();
    const startedAt = this.#clock.now();
    await this.#writer.run(async (tx) => {
      await failAbandonedJobs(tx, {
        leaseNow: this.#leaseClock.now(),
        finishedAt: startedAt,
        error: ABANDONED,
      });
      await deleteFinishedJobs(tx, startedAt - KEEP_FINISHED_MS);
      const running = await countRunningJobs(tx, ownerId);
      if (running >= MAX_RUNNING_PER_USER) {
        throw conflict(`You already have ${running} jobs running; wait for one or cancel it.`);
      }
      await insertJob(tx, {
        id,
        kind,
        ownerId,
        stage: 'Starting',
        startedAt,
        leaseOwner: this.#instanceId,
        leaseExpiresAt: this.#leaseClock.now() + this.#leaseMs,
      });
    });
    const view: JobView = {
      id,
      kind,
      ownerId,
      status: 'running',
      progress: 0,
      stage: 'Starting',
      startedAt,
      finishedAt: null,
      result: null,
      error: null,
    };
    const local: Local = {
      view,
      controller: new AbortController(),
      stopping: false,
      done: Promise.resolve(),
    };
    this.#local.set(id, local);
    local.done = this.#run(local, work);
    if (this.#timer === null) {
      this.#timer = setInterval(() => void this.#renew(), this.#renewMs);
      this.#timer.unref();
    }
    return { ...view } as JobView<T>;
  }

  async get(id: string, userId: number, isAdmin = false): Promise<JobView> {
    const view = await this.#find(id);
    if (view.ownerId !== userId && !isAdmin) throw forbidden('That job belongs to someone else.');
    return view;
  }

  /**
   * Stops a job: at once on this instance; through the database on another, whose instance notices
   * at its next renewal. The answer may still say running; the job ends as cancelled shortly.
   */
  async cancel(id: string, userId: number, isAdmin = false): Promise<JobView> {
    const view = await this.#find(id);
    if (view.ownerId !== userId && !isAdmin) throw forbidden('That job belongs to someone else.');
    if (view.status !== 'running') return view;
    const local = this.#local.get(id);
    if (local) local.controller.abort();
    else await this.#writer.run((tx) => requestCancel(tx, id));
    return view;
  }

  /** Waits for a job to finish (tests, scripts). */
  async settled(id: string): Promise<JobView> {
    for (;;) {
      const view = await this.#find(id);
      if (view.status !== 'running') return view;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /**
   * Stops the jobs this instance runs (the server is stopping): each ends as failed, saying so, and
   * is written before the writer closes.
   */
  async close(): Promise<void> {
    this.#closing = true;
    for (const local of this.#local.values()) {
      local.stopping = true;
      local.controller.abort();
    }
    await Promise.all([...this.#local.values()].map((l) => l.done));
    this.#stopTimer();
  }

  async #find(id: string): Promise<JobView> {
    const local = this.#local.get(id);
    if (local) return { ...local.view };
    let row = await jobById(this.#db.reader, id);
    if (row === null)
      throw notFound('That job is not known (it may have finished more than 30 minutes ago).');
    if (row.status === 'running' && row.leaseExpiresAt <= this.#leaseClock.now()) {
      const leaseNow = this.#leaseClock.now();
      const finishedAt = this.#clock.now();
      row = await this.#writer.run(async (tx) => {
        await failAbandonedJobs(tx, { leaseNow, finishedAt, error: ABANDONED, id });
        return jobById(tx, id);
      });
      if (row === null) throw notFound('That job is not known.');
    }
    return toView(row);
  }

  async #run(local: Local, work: (ctx: JobContext) => Promise<unknown>): Promise<void> {
    const { view, controller } = local;
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (fraction, stage) => {
        view.progress = Math.min(1, Math.max(0, fraction));
        if (stage !== undefined) view.stage = stage;
      },
      yield: async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (controller.signal.aborted) throw new JobCancelledError();
      },
    };
    let end: Pick<JobView, 'status' | 'progress' | 'stage' | 'result' | 'error'>;
    try {
      const result = await work(ctx);
      if (controller.signal.aborted) throw new JobCancelledError();
      end = { status: 'done', progress: 1, stage: 'Done', result, error: null };
    } catch (error) {
      end = { status: 'failed', progress: view.progress, stage: 'Failed', result: null, error: null };
      if (local.stopping) {
        end.error = ABANDONED;
      } else if (controller.signal.aborted) {
        end = { ...end, status: 'cancelled', stage: 'Cancelled' };
      } else if (error instanceof DomainError) {
        // Domain errors carry a message meant for people; anything else is logged, not shown.
        end.error = error.message;
      } else {
        end.error = error instanceof WorkerTaskError ? WORKER_FAILED : 'The job failed unexpectedly.';
        console.error(`job ${view.kind} failed`, error);
      }
    }
    const finishedAt = this.#clock.now();
    try {
      await this.#writer.run((tx) =>
        finishJob(tx, {
          id: view.id,
          owner: this.#instanceId,
          ...end,
          result: end.result === null ? null : JSON.stringify(end.result),
          finishedAt,
        }),
      );
    } catch (error) {
      console.error(`job ${view.kind}: its end could not be recorded`, error);
    }
    Object.assign(view, end, { finishedAt });
    this.#local.delete(view.id);
    if (this.#local.size === 0) this.#stopTimer();
  }

  /** Writes progress and extends the lease of every job running here; stops those cancelled elsewhere. */
  async #renew(): Promise<void> {
    if (this.#renewing) return;
    const jobs = [...this.#local.values()];
    if (jobs.length === 0) return;
    this.#renewing = true;
    try {
      const expiresAt = this.#leaseClock.now() + this.#leaseMs;
      const answers = await this.#writer.run(async (tx) => {
        const out: ({ cancelRequested: boolean } | null)[] = [];
        for (const { view } of jobs) {
          out.push(
            await renewJob(tx, {
              id: view.id,
              owner: this.#instanceId,
              progress: view.progress,
              stage: view.stage,
              expiresAt,
            }),
          );
        }
        return out;
      });
      // No answer: another instance failed the job after its lease ran out; stop computing it.
      answers.forEach((answer, i) => {
        if (answer === null || answer.cancelRequested) jobs[i]?.controller.abort();
      });
    } catch (error) {
      console.error('could not renew the leases of running jobs', error);
    } finally {
      this.#renewing = false;
    }
  }

  #stopTimer(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}

function toView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    ownerId: row.ownerId,
    status: row.status,
    progress: row.progress,
    stage: row.stage,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    result: row.result === null ? null : (JSON.parse(row.result) as unknown),
    error: row.error,
  };
}
