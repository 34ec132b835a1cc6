import cluster, { type Worker } from 'node:cluster';
import type { WriteLock } from './db/writer.ts';

/** Which of this machine's instances a process is (1-based), set by the supervisor for each. */
export const INSTANCE_ENV = 'TWINVENTORY_INSTANCE';

export function instanceIndex(): number | null {
  const value = Number(process.env[INSTANCE_ENV] ?? '');
  return Number.isInteger(value) && value > 0 ? value : null;
}

const REQUEST = 'twinventory:write-request';
const GRANTED = 'twinventory:write-granted';
const RELEASE = 'twinventory:write-release';
type LockMessage = { type: typeof REQUEST | typeof GRANTED | typeof RELEASE; id: number };

const isLockMessage = (m: unknown): m is LockMessage =>
  typeof m === 'object' &&
  m !== null &&
  typeof (m as LockMessage).id === 'number' &&
  [REQUEST, GRANTED, RELEASE].includes((m as LockMessage).type);

/**
 * An instance's turns at the database file's write lock, handed out by its supervisor in order of
 * asking. Null outside a supervised instance. If the supervisor is gone, turns are free (SQLite's
 * own lock still serialises the writes; only the waiting is less efficient).
 */
export function supervisedWriteLock(): WriteLock | null {
  if (!cluster.isWorker || process.send === undefined) return null;
  const send = (message: LockMessage) => {
    if (process.connected) process.send?.(message);
  };
  const waiting = new Map<number, () => void>();
  let next = 0;
  process.on('message', (message: unknown) => {
    if (!isLockMessage(message) || message.type !== GRANTED) return;
    waiting.get(message.id)?.();
    waiting.delete(message.id);
  });
  process.on('disconnect', () => {
    for (const grant of waiting.values()) grant();
    waiting.clear();
  });
  return {
    acquire() {
      if (!process.connected) return Promise.resolve(() => {});
      const id = ++next;
      return new Promise((resolve) => {
        waiting.set(id, () => resolve(() => send({ type: RELEASE, id })));
        send({ type: REQUEST, id });
      });
    },
  };
}

/** The supervisor's side: one turn at a time, in order; a turn held by an instance that died ends. */
function lockArbiter() {
  const queue: { worker: Worker; id: number }[] = [];
  let holder: { worker: Worker; id: number } | null = null;
  const grantNext = () => {
    while (holder === null && queue.length > 0) {
      const next = queue.shift();
      if (next === undefined || next.worker.isDead() || !next.worker.isConnected()) continue;
      holder = next;
      next.worker.send({ type: GRANTED, id: next.id } satisfies LockMessage);
    }
  };
  return {
    message(worker: Worker, message: unknown) {
      if (!isLockMessage(message)) return;
      if (message.type === REQUEST) queue.push({ worker, id: message.id });
      else if (message.type === RELEASE && holder?.worker === worker && holder.id === message.id)
        holder = null;
      grantNext();
    },
    gone(worker: Worker) {
      if (holder?.worker === worker) holder = null;
      for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.worker === worker) queue.splice(i, 1);
      grantNext();
    },
  };
}

export type SupervisorOptions = {
  count: number;
  log: (message: string) => void;
  /** Runs once every instance has stopped (merging the WAL into the database file). */
  afterStop: () => Promise<void>;
  /** More crashes than this within `crashWindowMs` stop everything (a port in use, a bad database). */
  maxCrashes?: number;
  crashWindowMs?: number;
};

/**
 * Several instances of the server on this machine, one process each, sharing one port: node:cluster
 * hands the connections to them in turn, so the API uses every core. Each is a whole instance on the
 * same database, kept consistent exactly as instances on several machines are (the change feed, the
 * leases, the tables: docs/operations.md, "Several instances"). This process serves nothing: it
 * starts them, starts a crashed one again, and on SIGTERM or SIGINT stops them all and then runs
 * `afterStop`. Resolves with the exit code once they are gone.
 */
export function superviseInstances(options: SupervisorOptions): Promise<number> {
  const maxCrashes = options.maxCrashes ?? 5;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const running = new Map<Worker, number>();
  const crashes: number[] = [];
  let stopping = false;
  let exitCode = 0;
  const lock = lockArbiter();
  cluster.on('message', (worker, message) => lock.message(worker, message));

  return new Promise((resolve) => {
    const start = (index: number) => {
      const worker = cluster.fork({ [INSTANCE_ENV]: String(index) });
      running.set(worker, index);
    };
    const finish = () => {
      void options.afterStop().then(
        () => resolve(exitCode),
        (error: unknown) => {
          options.log(`After the instances stopped: ${String(error)}`);
          resolve(1);
        },
      );
    };
    const stop = (code: number) => {
      if (stopping) return;
      stopping = true;
      exitCode = code;
      // Each instance drains its writer, signs the audit head and closes on SIGTERM (main.ts).
      for (const worker of running.keys()) worker.process.kill('SIGTERM');
      if (running.size === 0) finish();
    };

    cluster.on('exit', (worker, code, signal) => {
      const index = running.get(worker);
      running.delete(worker);
      lock.gone(worker);
      if (stopping) {
        if (running.size === 0) finish();
        return;
      }
      if (index === undefined) return;
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && (crashes[0] ?? now) < now - crashWindowMs) crashes.shift();
      options.log(`Instance ${index} stopped (${signal ?? `exit code ${code}`}); starting it again`);
      if (crashes.length > maxCrashes) {
        options.log(`Instances stopped ${crashes.length} times within a minute: giving up`);
        stop(1);
        return;
      }
      setTimeout(() => {
        if (!stopping) start(index);
      }, 1000);
    });
    // A terminal's Ctrl-C reaches the instances too; they stop on their own and we wait for them.
    process.once('SIGINT', () => stop(0));
    process.once('SIGTERM', () => stop(0));
    for (let i = 1; i <= options.count; i++) start(i);
  });
}
