import type { Transaction } from '@libsql/client';
import type { LiveEvent } from '../../common/live-events.ts';
import type { Database } from './database.ts';
import { appendOutbox } from './outbox.repository.ts';

/**
 * What a unit of work writes through: the writer's open transaction, plus `emit` to announce what it
 * changed. Emitted events are written to the change feed (the `outbox` table) in the same
 * transaction and published once it commits, and dropped with the work if it is rolled back, so
 * nobody hears of a change that did not happen and no caller has to remember to tell anyone after
 * the fact.
 */
export type WriteTx = Pick<Transaction, 'execute' | 'batch'> & { emit(event: LiveEvent): void };

/** A unit of work run inside the writer's transaction. It must only touch the database through `tx`. */
export type WriteTask<T> = (tx: WriteTx) => Promise<T>;

/** A WriteTx over a transaction the caller owns (benchmarks that compare against the writer). */
export function writeTxOver(tx: Transaction, emit: (event: LiveEvent) => void = () => {}): WriteTx {
  return { execute: tx.execute.bind(tx), batch: tx.batch.bind(tx), emit };
}

/**
 * Tasks marked `batchable` share a key and are handed to one function together, so the ledger can
 * check and write many picks with a handful of multi-row statements instead of several statements each.
 */
export type BatchHandler<Req, Res> = (tx: WriteTx, requests: Req[]) => Promise<Res[]>;

type Pending =
  | { kind: 'task'; run: WriteTask<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  | {
      kind: 'batch';
      handler: BatchHandler<unknown, unknown>;
      request: unknown;
      resolve: (v: unknown) => void;
      reject: (e: unknown) => void;
    };

export type WriterStats = { groups: number; operations: number; largestGroup: number };

/**
 * What one committed group announced: its events in order, each serialised once (the same text is
 * in the outbox and goes to every screen), and the outbox id of the last one; ids are consecutive.
 */
export type CommittedEvents = { lastId: number; events: readonly LiveEvent[]; json: readonly string[] };

export type WriterOptions = {
  /** The time stamped on the outbox rows (retention). */
  now: () => number;
  maxGroup?: number;
  /**
   * Called after each group that announced something has committed, before its callers are
   * answered (the change feed publishes it here, so a caller that refetches on its answer never
   * sees older data than a screen that listens).
   */
  onCommit?: (committed: CommittedEvents) => Promise<void>;
  /** Told the size and BEGIN-to-COMMIT time of each committed group (metrics). */
  observe?: (groupSize: number, seconds: number) => void;
  /** Taken around each transaction: several instances on one file take turns (server/instances.ts). */
  lock?: WriteLock;
};

/**
 * Turns at the database's write lock between processes. SQLite would serialise them anyway, but a
 * writer that finds the lock taken sleeps in steps of milliseconds (busy_timeout), so two instances
 * contending for it commit far fewer groups than one; waiting for a turn instead keeps the lock busy
 * and lets each instance's group grow while it waits.
 */
export type WriteLock = { acquire(): Promise<() => void> };

/**
 * The one owner of every write. SQLite has a single writer: rather than let transactions collide
 * (SQLITE_BUSY) we queue them here and commit whatever is waiting as one group, so one fsync serves
 * many callers (group commit). Each caller is answered only after its group has committed.
 *
 * A task that throws is rolled back to its own savepoint and only that caller sees the error. If the
 * commit itself fails, every member of the group is re-run alone so one bad operation cannot take
 * the others down with it.
 */
export class Writer {
  readonly #db: Database;
  readonly #maxGroup: number;
  readonly #now: () => number;
  readonly #onCommit: (committed: CommittedEvents) => Promise<void>;
  readonly #observe: (groupSize: number, seconds: number) => void;
  readonly #lock: WriteLock | null;
  #queue: Pending[] = [];
  #running = false;
  #closed = false;
  #idle: (() => void)[] = [];
  readonly stats: WriterStats = { groups: 0, operations: 0, largestGroup: 0 };

  constructor(db: Database, options: WriterOptions) {
    this.#db = db;
    this.#maxGroup = options.maxGroup ?? 512;
    this.#now = options.now;
    this.#onCommit = options.onCommit ?? (async () => {});
    this.#observe = options.observe ?? (() => {});
    this.#lock = options.lock ?? null;
  }

  /** Writes waiting for the next group. */
  get pending(): number {
    return this.#queue.length;
  }

  run<T>(task: WriteTask<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#enqueue({ kind: 'task', run: task, resolve: resolve as (v: unknown) => void, reject });
    });
  }

  submit<Req, Res>(handler: BatchHandler<Req, Res>, request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.#enqueue({
        kind: 'batch',
        handler: handler as BatchHandler<unknown, unknown>,
        request,
        resolve: resolve as (v: unknown) => void,
        reject,
      });
    });
  }

  /** Resolves once everything queued so far has been committed or refused. */
  async drain(): Promise<void> {
    if (!this.#running && this.#queue.length === 0) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  async close(): Promise<void> {
    await this.drain();
    this.#closed = true;
  }

  #enqueue(p: Pending): void {
    if (this.#closed) {
      p.reject(new Error('The database writer is closed'));
      return;
    }
    this.#queue.push(p);
    if (!this.#running) {
      this.#running = true;
      // Let callers that arrive in the same tick join this group.
      setImmediate(() => void this.#loop());
    }
  }

  async #loop(): Promise<void> {
    while (this.#queue.length > 0) {
      const group = this.#queue.splice(0, this.#maxGroup);
      await this.#commitGroup(group);
    }
    this.#running = false;
    for (const resolve of this.#idle.splice(0)) resolve();
  }

  async #commitGroup(group: Pending[]): Promise<void> {
    let outcomes: Outcome[];
    let announced: CommittedEvents | null;
    const started = performance.now();
    try {
      [outcomes, announced] = await this.#inTransaction(async (tx) => {
        const done = await runMembers(tx, group);
        const events = done.flatMap((o) => (o?.ok ? o.events : []));
        if (events.length === 0) return [done, null] as const;
        // In the group's transaction: the feed holds exactly what committed, in commit order.
        const json = events.map((e) => JSON.stringify(e));
        const lastId = await appendOutbox(tx, this.#now(), json);
        return [done, { lastId, events, json }] as const;
      });
    } catch (error) {
      if (group.length === 1) {
        const only = group[0];
        only?.reject(error);
        return;
      }
      for (const member of group) await this.#commitGroup([member]);
      return;
    }
    this.stats.groups += 1;
    this.stats.operations += group.length;
    this.stats.largestGroup = Math.max(this.stats.largestGroup, group.length);
    this.#observe(group.length, (performance.now() - started) / 1000);
    // Committed: announce what it changed before answering, so a caller that refetches on its
    // answer never sees older data than a screen that listens. The write stands whatever a
    // listener does, so its failure is not the callers'.
    if (announced !== null) await this.#onCommit(announced).catch(() => undefined);
    group.forEach((member, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) member.reject(new Error('writer lost an outcome'));
      else if (outcome.ok) member.resolve(outcome.value);
      else member.reject(outcome.error);
    });
  }

  async #inTransaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const release = this.#lock ? await this.#lock.acquire() : null;
    try {
      for (const pragma of this.#db.connectionPragmas) await this.#db.writer.execute(pragma);
      const tx = await this.#db.writer.transaction('write');
      try {
        const result = await work(tx);
        await tx.commit();
        return result;
      } finally {
        // Rolls back when the commit was not reached, so the write lock is never left held.
        tx.close();
      }
    } finally {
      release?.();
    }
  }
}

type Outcome = { ok: true; value: unknown; events: LiveEvent[] } | { ok: false; error: unknown };

/** One task's view of the shared transaction, collecting the events it emits. */
function taskTx(tx: Transaction, events: LiveEvent[]): WriteTx {
  return writeTxOver(tx, (event) => events.push(event));
}

async function runMembers(tx: Transaction, group: Pending[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(group.length);
  let i = 0;
  while (i < group.length) {
    const member = group[i];
    if (member === undefined) break;
    if (member.kind === 'task') {
      outcomes[i] = await runTask(tx, member.run);
      i += 1;
      continue;
    }
    // Consecutive requests for the same handler go in together, in arrival order.
    const handler = member.handler;
    const start = i;
    while (i < group.length) {
      const next = group[i];
      if (next?.kind !== 'batch' || next.handler !== handler) break;
      i += 1;
    }
    const slice = group.slice(start, i) as Extract<Pending, { kind: 'batch' }>[];
    const batchOutcomes = await runBatch(tx, handler, slice);
    batchOutcomes.forEach((o, k) => {
      outcomes[start + k] = o;
    });
  }
  return outcomes;
}

async function runTask(tx: Transaction, task: WriteTask<unknown>): Promise<Outcome> {
  await tx.execute('SAVEPOINT task');
  const events: LiveEvent[] = [];
  try {
    const value = await task(taskTx(tx, events));
    await tx.execute('RELEASE task');
    return { ok: true, value, events };
  } catch (error) {
    await tx.execute('ROLLBACK TO task');
    await tx.execute('RELEASE task');
    return { ok: false, error };
  }
}

async function runBatch(
  tx: Transaction,
  handler: BatchHandler<unknown, unknown>,
  members: Extract<Pending, { kind: 'batch' }>[],
): Promise<Outcome[]> {
  // The handler reports refusals per request in its results; a throw means the whole batch is
  // unusable, so undo it and fall back to running each request alone.
  await tx.execute('SAVEPOINT batch');
  const events: LiveEvent[] = [];
  try {
    const results = await handler(
      taskTx(tx, events),
      members.map((m) => m.request),
    );
    await tx.execute('RELEASE batch');
    // The batch's events go out with its first member; all are published together on commit.
    return results.map((value, k) => ({ ok: true, value, events: k === 0 ? events : [] }));
  } catch (error) {
    await tx.execute('ROLLBACK TO batch');
    await tx.execute('RELEASE batch');
    if (members.length === 1) return [{ ok: false, error }];
    const outcomes: Outcome[] = [];
    for (const m of members) {
      outcomes.push(await runTask(tx, (t) => handler(t, [m.request]).then((r) => r[0])));
    }
    return outcomes;
  }
}
