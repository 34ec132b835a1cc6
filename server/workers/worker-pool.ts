import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { exhaustive } from '../../common/errors.ts';
import {
  deserializeError,
  type FromWorker,
  TaskCancelledError,
  type TaskHooks,
  type TaskInput,
  type TaskOutput,
  type TaskRegistry,
  type ToWorker,
  WorkerTaskError,
} from './worker-protocol.ts';

/** Interactive work (a navmesh technicians wait for, an export) goes ahead of queued background jobs. */
export type TaskPriority = 'interactive' | 'background';

export type RunOptions = {
  signal?: AbortSignal | undefined;
  progress?: ((fraction: number, stage: string) => void) | undefined;
  priority?: TaskPriority;
};

export type WorkerPoolOptions<R extends TaskRegistry> = {
  /** Worker threads at most; 0 runs every task on the calling thread (for debugging and baselines). */
  size: number;
  /** The module each worker imports; it calls `serveTasks` with the registry. */
  entry: URL;
  /** The same registry, loaded on the calling thread when `size` is 0. */
  inline: () => Promise<R>;
  /** An idle worker is stopped after this long, giving back its memory (a navmesh build's WASM heap). */
  idleMs?: number;
  /** A cancelled task still running after this long has its worker terminated. */
  cancelGraceMs?: number;
  log?: (message: string, error?: unknown) => void;
};

export type WorkerPoolStats = {
  size: number;
  threads: number;
  busy: number;
  queued: number;
  completed: number;
  crashed: number;
};

type Request = {
  id: number;
  task: string;
  input: unknown;
  options: RunOptions;
  cancelled: boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onAbort: (() => void) | null;
};

type Slot = {
  worker: Worker;
  running: Request | null;
  idleTimer: NodeJS.Timeout | null;
  cancelTimer: NodeJS.Timeout | null;
  gone: boolean;
};

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

/**
 * A bounded pool of worker threads for CPU-heavy work, so the main thread keeps answering (`/healthz`,
 * picks) while a navmesh builds or a simulation runs. At most `size` threads, started on demand and
 * stopped when idle; the rest waits in a queue, interactive work first. A task that throws fails
 * alone; a thread that dies fails only the task it was running and is replaced by the next task.
 */
export class WorkerPool<R extends TaskRegistry> {
  readonly #size: number;
  readonly #entry: URL;
  readonly #inline: () => Promise<R>;
  readonly #idleMs: number;
  readonly #cancelGraceMs: number;
  readonly #log: (message: string, error?: unknown) => void;
  readonly #slots: Slot[] = [];
  readonly #queue: Request[] = [];
  #nextId = 1;
  #closed = false;
  #completed = 0;
  #crashed = 0;

  constructor(options: WorkerPoolOptions<R>) {
    this.#size = options.size;
    this.#entry = options.entry;
    this.#inline = options.inline;
    this.#idleMs = options.idleMs ?? 60_000;
    this.#cancelGraceMs = options.cancelGraceMs ?? 5_000;
    this.#log = options.log ?? ((message, error) => console.error(message, error ?? ''));
  }

  get stats(): WorkerPoolStats {
    return {
      size: this.#size,
      threads: this.#slots.length,
      busy: this.#slots.filter((s) => s.running !== null).length,
      queued: this.#queue.length,
      completed: this.#completed,
      crashed: this.#crashed,
    };
  }

  run<K extends keyof R & string>(
    task: K,
    input: TaskInput<R, K>,
    options: RunOptions = {},
  ): Promise<TaskOutput<R, K>> {
    if (this.#closed) return Promise.reject(new TaskCancelledError('The server is stopping'));
    if (options.signal?.aborted) return Promise.reject(new TaskCancelledError());
    if (this.#size === 0) return this.#runInline(task, input, options);
    return new Promise<TaskOutput<R, K>>((resolve, reject) => {
      const request: Request = {
        id: this.#nextId++,
        task,
        input,
        options,
        cancelled: false,
        resolve: resolve as (value: unknown) => void,
        reject,
        onAbort: null,
      };
      if (options.signal) {
        const onAbort = () => this.#cancel(request);
        request.onAbort = onAbort;
        options.signal.addEventListener('abort', onAbort, { once: true });
      }
      const ahead =
        options.priority === 'interactive'
          ? this.#queue.findIndex((q) => q.options.priority !== 'interactive')
          : -1;
      if (ahead < 0) this.#queue.push(request);
      else this.#queue.splice(ahead, 0, request);
      this.#dispatch();
    });
  }

  /** Refuses new work, fails what waits and stops every thread. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const request of this.#queue.splice(0)) {
      this.#settle(request, { error: new TaskCancelledError('The server is stopping') });
    }
    await Promise.all(
      [...this.#slots].map((slot) => {
        if (slot.running) slot.running.cancelled = true;
        return this.#lose(slot, null);
      }),
    );
  }

  async #runInline<K extends keyof R & string>(
    task: K,
    input: TaskInput<R, K>,
    options: RunOptions,
  ): Promise<TaskOutput<R, K>> {
    const registry = await this.#inline();
    const signal = options.signal ?? new AbortController().signal;
    const hooks: TaskHooks = {
      signal,
      progress: options.progress ?? (() => {}),
      yield: async () => {
        await nextTurn();
        if (signal.aborted) throw new TaskCancelledError();
      },
    };
    const fn = registry[task];
    if (fn === undefined) throw new Error(`unknown task "${task}"`);
    const output = (await fn(input, hooks)) as TaskOutput<R, K>;
    if (signal.aborted) throw new TaskCancelledError();
    return output;
  }

  #dispatch(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      let slot = this.#slots.find((s) => s.running === null);
      if (slot === undefined) {
        if (this.#slots.length >= this.#size) return;
        slot = this.#spawn();
      }
      const request = this.#queue.shift();
      if (request === undefined) return;
      this.#start(slot, request);
    }
  }

  #spawn(): Slot {
    // execArgv: [] so a worker never inherits the parent's loader flags (tsx's --import, vitest's):
    // the bootstrap registers exactly one TypeScript loader itself.
    const worker = new Worker(BOOTSTRAP, { workerData: { entry: this.#entry.href }, execArgv: [] });
    const slot: Slot = { worker, running: null, idleTimer: null, cancelTimer: null, gone: false };
    worker.on('message', (message: FromWorker) => this.#receive(slot, message));
    worker.on('error', (error) => void this.#lose(slot, error));
    worker.on(
      'exit',
      (code) => void this.#lose(slot, new Error(`the worker thread exited with code ${code}`)),
    );
    this.#slots.push(slot);
    return slot;
  }

  #start(slot: Slot, request: Request): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.running = request;
    // A busy worker keeps the process alive (a script awaiting its result); an idle one must not.
    slot.worker.ref();
    const message: ToWorker = { type: 'run', id: request.id, task: request.task, input: request.input };
    slot.worker.postMessage(message);
  }

  #receive(slot: Slot, message: FromWorker): void {
    const request = slot.running;
    if (request === null || request.id !== message.id) return;
    switch (message.type) {
      case 'progress':
        request.options.progress?.(message.fraction, message.stage);
        return;
      case 'done':
        this.#finish(slot);
        this.#settle(request, { value: message.output });
        break;
      case 'failed':
        this.#finish(slot);
        this.#settle(request, {
          error: request.cancelled ? new TaskCancelledError() : deserializeError(request.task, message.error),
        });
        break;
      default:
        exhaustive(message);
    }
    this.#dispatch();
  }

  #finish(slot: Slot): void {
    slot.running = null;
    this.#completed += 1;
    if (slot.cancelTimer) clearTimeout(slot.cancelTimer);
    slot.cancelTimer = null;
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => void this.#lose(slot, null), this.#idleMs);
    slot.idleTimer.unref();
  }

  #cancel(request: Request): void {
    request.cancelled = true;
    const queued = this.#queue.indexOf(request);
    if (queued >= 0) {
      this.#queue.splice(queued, 1);
      this.#settle(request, { error: new TaskCancelledError() });
      return;
    }
    const slot = this.#slots.find((s) => s.running === request);
    if (slot === undefined) return;
    const message: ToWorker = { type: 'cancel', id: request.id };
    slot.worker.postMessage(message);
    // Synchronous work (a navmesh build, a grid) cannot see the cancel until it yields; past the
    // grace period the thread is stopped instead, and the next task starts a fresh one.
    slot.cancelTimer = setTimeout(() => void this.#lose(slot, null), this.#cancelGraceMs);
    slot.cancelTimer.unref();
  }

  /**
   * Takes a slot out of the pool: idle (`error` null), stopped on purpose, or dead. Its task, if
   * any, fails: cancelled when someone asked for that, otherwise as a crash.
   */
  async #lose(slot: Slot, error: Error | null): Promise<void> {
    if (slot.gone) return;
    slot.gone = true;
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.cancelTimer) clearTimeout(slot.cancelTimer);
    const request = slot.running;
    slot.running = null;
    if (request !== null) {
      if (request.cancelled || error === null) {
        this.#settle(request, { error: new TaskCancelledError() });
      } else {
        this.#crashed += 1;
        this.#log(`worker thread running "${request.task}" stopped`, error);
        this.#settle(request, {
          error: new WorkerTaskError(request.task, error.message, { crashed: true, stack: error.stack }),
        });
      }
    }
    await slot.worker.terminate();
    this.#dispatch();
  }

  #settle(request: Request, outcome: { value: unknown } | { error: unknown }): void {
    if (request.onAbort) request.options.signal?.removeEventListener('abort', request.onAbort);
    if ('error' in outcome) request.reject(outcome.error);
    else request.resolve(outcome.value);
  }
}
