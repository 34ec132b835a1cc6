import { DomainError, type DomainErrorKind, exhaustive } from '../../common/errors.ts';

/**
 * What a task sees of the thread that asked for it: a cancel signal, a progress callback and a turn
 * of the event loop (`yield`), which is where a cancel is noticed. The same shape as the planners'
 * hooks (`planAudit`), so domain code runs unchanged in a worker or on the main thread.
 */
export type TaskHooks = {
  signal: AbortSignal;
  progress(fraction: number, stage: string): void;
  /** Lets the thread read its messages; throws `TaskCancelledError` once the task is cancelled. */
  yield(): Promise<void>;
};

/** A task takes plain data (structured-clonable) and gives plain data back. */
export type Task<In, Out> = (input: In, hooks: TaskHooks) => Promise<Out>;

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tasks of every input and output type.
export type TaskRegistry = Record<string, Task<any, any>>;
export type TaskInput<R extends TaskRegistry, K extends keyof R> = Parameters<R[K]>[0];
export type TaskOutput<R extends TaskRegistry, K extends keyof R> = Awaited<ReturnType<R[K]>>;

export type ToWorker =
  | { type: 'run'; id: number; task: string; input: unknown }
  | { type: 'cancel'; id: number };

export type SerializedError =
  | {
      kind: 'domain';
      domainKind: DomainErrorKind;
      message: string;
      details: Record<string, unknown> | undefined;
    }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string; stack: string | undefined };

export type FromWorker =
  | { type: 'progress'; id: number; fraction: number; stage: string }
  | { type: 'done'; id: number; output: unknown }
  | { type: 'failed'; id: number; error: SerializedError };

/** The task was cancelled (or the pool closed) before it finished. */
export class TaskCancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'TaskCancelledError';
  }
}

/**
 * A task failed for a reason nobody meant to tell a user about (a bug, a thread that died). The
 * message is for the log; callers show people something of their own.
 */
export class WorkerTaskError extends Error {
  readonly task: string;
  /** The worker thread itself stopped (an uncaught error, out of memory), not just the task. */
  readonly crashed: boolean;
  constructor(task: string, message: string, options: { crashed: boolean; stack?: string | undefined }) {
    super(`${options.crashed ? 'worker thread crashed' : 'task failed'} in ${task}: ${message}`);
    this.name = 'WorkerTaskError';
    this.task = task;
    this.crashed = options.crashed;
    if (options.stack !== undefined) this.stack = options.stack;
  }
}

export function serializeError(error: unknown, cancelled: boolean): SerializedError {
  if (cancelled || error instanceof TaskCancelledError) return { kind: 'cancelled' };
  if (error instanceof DomainError)
    return { kind: 'domain', domainKind: error.kind, message: error.message, details: error.details };
  if (error instanceof Error) return { kind: 'error', message: error.message, stack: error.stack };
  return { kind: 'error', message: String(error), stack: undefined };
}

/** The error a task's caller sees: domain errors keep their kind and message across the thread. */
export function deserializeError(task: string, error: SerializedError): Error {
  switch (error.kind) {
    case 'domain':
      return new DomainError(error.domainKind, error.message, error.details);
    case 'cancelled':
      return new TaskCancelledError();
    case 'error':
      return new WorkerTaskError(task, error.message, { crashed: false, stack: error.stack });
    default:
      return exhaustive(error);
  }
}
