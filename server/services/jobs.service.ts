import { randomUUID } from 'node:crypto';
import { conflict, DomainError, forbidden, notFound } from '../../common/errors.ts';
import type { Clock } from './clock.ts';

/**
 * Long work a person started and watches: drone-audit planning, layout simulations. Each job reports
 * progress, can be cancelled, and keeps its result (or a user-facing error) for a while so the page
 * can pick it up after a reload. Jobs live in memory: a restart loses them, and that is fine because
 * they only compute; anything they decide is written by the caller through the writer.
 *
 * The work function must give the event loop a turn now and then (`await ctx.yield()`), or the
 * server could not answer progress polls, cancellations or anyone else while it runs.
 */
export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

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

type Entry = JobView & { controller: AbortController };

const KEEP_FINISHED_MS = 30 * 60_000;
const MAX_RUNNING_PER_USER = 2;

export class JobCancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelledError';
  }
}

export class JobService {
  readonly #jobs = new Map<string, Entry>();
  readonly #clock: Clock;

  constructor(deps: { clock: Clock }) {
    this.#clock = deps.clock;
  }

  start<T>(kind: string, ownerId: number, work: (ctx: JobContext) => Promise<T>): JobView<T> {
    this.#forget();
    const running = [...this.#jobs.values()].filter((j) => j.ownerId === ownerId && j.status === 'running');
    if (running.length >= MAX_RUNNING_PER_USER) {
      throw conflict(`You already have ${running.length} jobs running; wait for one or cancel it.`);
    }
    const controller = new AbortController();
    const entry: Entry = {
      id: randomUUID(),
      kind,
      ownerId,
      status: 'running',
      progress: 0,
      stage: 'Starting',
      startedAt: this.#clock.now(),
      finishedAt: null,
      result: null,
      error: null,
      controller,
    };
    this.#jobs.set(entry.id, entry);
    const ctx: JobContext = {
      signal: controller.signal,
      progress: (fraction, stage) => {
        entry.progress = Math.min(1, Math.max(0, fraction));
        if (stage !== undefined) entry.stage = stage;
      },
      yield: async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (controller.signal.aborted) throw new JobCancelledError();
      },
    };
    void (async () => {
      try {
        const result = await work(ctx);
        if (controller.signal.aborted) throw new JobCancelledError();
        entry.result = result;
        entry.progress = 1;
        entry.status = 'done';
        entry.stage = 'Done';
      } catch (error) {
        if (error instanceof JobCancelledError || controller.signal.aborted) {
          entry.status = 'cancelled';
          entry.stage = 'Cancelled';
        } else {
          entry.status = 'failed';
          // Domain errors carry a message meant for people; anything else is logged, not shown.
          if (error instanceof DomainError) {
            entry.error = error.message;
          } else {
            entry.error = 'The job failed unexpectedly.';
            console.error(`job ${kind} failed`, error);
          }
        }
      } finally {
        entry.finishedAt = this.#clock.now();
      }
    })();
    return this.#view(entry) as JobView<T>;
  }

  get(id: string, userId: number, isAdmin = false): JobView {
    const entry = this.#jobs.get(id);
    if (!entry) throw notFound('That job is not known (it may have finished more than 30 minutes ago).');
    if (entry.ownerId !== userId && !isAdmin) throw forbidden('That job belongs to someone else.');
    return this.#view(entry);
  }

  cancel(id: string, userId: number, isAdmin = false): JobView {
    const entry = this.#jobs.get(id);
    if (!entry) throw notFound('That job is not known.');
    if (entry.ownerId !== userId && !isAdmin) throw forbidden('That job belongs to someone else.');
    if (entry.status === 'running') entry.controller.abort();
    return this.#view(entry);
  }

  /** How many jobs run now and how many finished ones are kept for their pages (metrics). */
  counts(): { running: number; finished: number } {
    let running = 0;
    for (const job of this.#jobs.values()) if (job.status === 'running') running += 1;
    return { running, finished: this.#jobs.size - running };
  }

  /** Waits for a job to finish (tests, scripts). */
  async settled(id: string): Promise<JobView> {
    for (;;) {
      const entry = this.#jobs.get(id);
      if (!entry) throw notFound('That job is not known.');
      if (entry.status !== 'running') return this.#view(entry);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  #view(entry: Entry): JobView {
    const { controller: _controller, ...view } = entry;
    return { ...view };
  }

  #forget(): void {
    const cutoff = this.#clock.now() - KEEP_FINISHED_MS;
    for (const [id, job] of this.#jobs) {
      if (job.finishedAt !== null && job.finishedAt < cutoff) this.#jobs.delete(id);
    }
  }
}
