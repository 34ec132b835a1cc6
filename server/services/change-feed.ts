import type { LiveEvent } from '../../common/live-events.ts';
import type { Database } from '../db/database.ts';
import { outboxHead, outboxKeepFrom, readOutbox, trimOutbox } from '../db/outbox.repository.ts';
import type { CommittedEvents, Writer } from '../db/writer.ts';
import type { Clock } from './clock.ts';
import type { EventBus, FeedEntry } from './event-bus.ts';

export type FeedOptions = {
  /** How often the feed looks for other instances' commits (its own are read as they commit). */
  pollMs?: number;
  /** Rows are kept this long, and the newest `keepRows` whatever their age. */
  keepMs?: number;
  keepRows?: number;
  /** How often old rows are trimmed. */
  trimEveryMs?: number;
};

/** What `/metrics` (or a log line) can show about the feed. */
export type FeedStats = {
  /** The last outbox id this instance has published. */
  position: number;
  published: number;
  polls: number;
  /** Reads made because a caller had to be up to date (`sync`: a cached session about to be trusted). */
  syncReads: number;
  /** Times events were found trimmed before this instance read them (caches started over). */
  resyncs: number;
  /** Failed reads or trims; the next poll tries again. */
  errors: number;
  /** Commit-to-publish delay of the newest event read back from the outbox (another instance's, mostly), by its time stamp. */
  lastLagMs: number | null;
  trimmed: number;
};

/** Rows read per statement while catching up. */
const PAGE = 1_000;
/** Rows deleted per writer task while trimming, so picks are never held up long. */
const TRIM_CHUNK = 5_000;

const RESYNC: LiveEvent = { type: 'resync' };
const RESYNC_JSON = JSON.stringify(RESYNC);

/**
 * The durable change feed that replaces in-process events. The writer appends every event it commits
 * to the `outbox` table in the same transaction; every instance on the database reads the table from
 * the last id it has published and publishes what it finds on its own EventBus, in id order. So
 * screens, search indexes, the voice vocabulary, the navmesh and session caches follow every
 * instance's commits, not only their own, and nothing is a broker of our own making: SQLite
 * (or sqld) orders the commits and keeps them.
 *
 * Own commits are published as the writer reports them, before it answers the callers, without
 * reading them back; other instances' commits are found by polling every `pollMs`, or at once by
 * `sync()` when a caller must not act on older state (a session another instance ended).
 *
 * Ids are consecutive (AUTOINCREMENT under the one write lock); a gap means rows were trimmed before
 * this instance read them, and the feed publishes `resync` so everything that follows the data
 * starts over instead of silently missing a change.
 */
export class ChangeFeed {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #bus: EventBus;
  readonly #clock: Clock;
  readonly #pollMs: number;
  readonly #keepMs: number;
  readonly #keepRows: number;
  readonly #trimEveryMs: number;
  #position = 0;
  /** Reads and publications run one at a time, in this chain, so ids go out in order. */
  #chain: Promise<unknown> = Promise.resolve();
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #trimTimer: ReturnType<typeof setInterval> | undefined;
  /** A catch-up requested by `sync` that has not started yet; later callers share it. */
  #nextSync: Promise<void> | null = null;
  #closed = false;
  readonly #stats: Omit<FeedStats, 'position'> = {
    published: 0,
    polls: 0,
    syncReads: 0,
    resyncs: 0,
    errors: 0,
    lastLagMs: null,
    trimmed: 0,
  };

  constructor(deps: { db: Database; writer: Writer; bus: EventBus; clock: Clock; options?: FeedOptions }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#bus = deps.bus;
    this.#clock = deps.clock;
    this.#pollMs = deps.options?.pollMs ?? 100;
    this.#keepMs = deps.options?.keepMs ?? 3_600_000;
    this.#keepRows = deps.options?.keepRows ?? 100_000;
    this.#trimEveryMs = deps.options?.trimEveryMs ?? 60_000;
  }

  /**
   * Starts from the newest row: whatever this instance builds from the database after this point
   * (search index, vocabulary) already includes everything older. Then polls, and trims now and then.
   */
  async start(): Promise<void> {
    this.#position = await outboxHead(this.#db.reader);
    this.#schedulePoll();
    this.#trimTimer = setInterval(() => {
      if (this.#db.reader.closed) {
        this.close();
        return;
      }
      this.trim().catch(() => {
        this.#stats.errors += 1;
      });
    }, this.#trimEveryMs);
    this.#trimTimer.unref?.();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#pollTimer);
    clearInterval(this.#trimTimer);
  }

  /** The last outbox id published here. */
  get position(): number {
    return this.#position;
  }

  stats(): FeedStats {
    return { position: this.#position, ...this.#stats };
  }

  /** The writer's hook: a group this instance committed, published before its callers hear back. */
  committed(batch: CommittedEvents): Promise<void> {
    return this.#serially(async () => {
      const firstId = batch.lastId - batch.events.length + 1;
      if (batch.lastId <= this.#position) return; // a poll read it first
      if (firstId !== this.#position + 1) {
        // Another instance committed in between: read it all, this group with it, in order.
        await this.#catchUp();
        return;
      }
      batch.events.forEach((event, i) => {
        this.#publish({ id: firstId + i, event, json: batch.json[i] ?? JSON.stringify(event) });
      });
    });
  }

  /**
   * Resolves once everything committed before the call, by any instance, has been published here.
   * Callers in the same turn of the event loop share one read.
   */
  sync(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#nextSync ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.#nextSync = null;
        this.#stats.syncReads += 1;
        this.#serially(() => this.#catchUp()).then(resolve, reject);
      });
    });
    return this.#nextSync;
  }

  /**
   * The entries after `afterId` up to `uptoId` (a screen resuming from its last id), or 'gone' when
   * some were trimmed already or there are more than `limit` (refetching everything is then cheaper).
   */
  async since(afterId: number, uptoId: number, limit: number): Promise<FeedEntry[] | 'gone'> {
    if (afterId >= uptoId) return [];
    if (uptoId - afterId > limit) return 'gone';
    const rows = await readOutbox(this.#db.reader, afterId, limit, uptoId);
    if (rows[0]?.id !== afterId + 1 || rows.at(-1)?.id !== uptoId) return 'gone';
    const entries: FeedEntry[] = [];
    for (const row of rows) {
      const event = parseEvent(row.json);
      if (event !== null) entries.push({ id: row.id, event, json: row.json });
    }
    return entries;
  }

  /** Deletes rows past the retention window (cheap; every instance may run it). */
  async trim(): Promise<number> {
    const keepFrom = await outboxKeepFrom(this.#db.reader, this.#clock.now() - this.#keepMs, this.#keepRows);
    let total = 0;
    for (;;) {
      // No audit entry: the feed is transport, not a record of the site; the changes it carried
      // have theirs.
      const n = await this.#writer.run((tx) => trimOutbox(tx, keepFrom, TRIM_CHUNK));
      total += n;
      if (n < TRIM_CHUNK) break;
    }
    this.#stats.trimmed += total;
    return total;
  }

  #schedulePoll(): void {
    // Scripts close the database without closing the feed: polling stops with it.
    if (this.#closed || this.#db.reader.closed) return;
    this.#pollTimer = setTimeout(() => {
      this.#stats.polls += 1;
      this.#serially(() => this.#catchUp())
        .catch(() => {
          this.#stats.errors += 1;
        })
        .finally(() => this.#schedulePoll());
    }, this.#pollMs);
    this.#pollTimer.unref?.();
  }

  #serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(work);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /** Publishes every row after the position, page by page. */
  async #catchUp(): Promise<void> {
    for (;;) {
      const rows = await readOutbox(this.#db.reader, this.#position, PAGE);
      const first = rows[0];
      if (first === undefined) return;
      if (first.id !== this.#position + 1) {
        this.#stats.resyncs += 1;
        this.#publish({ id: first.id - 1, event: RESYNC, json: RESYNC_JSON });
      }
      for (const row of rows) {
        const event = parseEvent(row.json);
        // A row this version cannot read is skipped rather than stopping the feed for everyone.
        if (event === null) this.#position = row.id;
        else this.#publish({ id: row.id, event, json: row.json });
      }
      const newest = rows.at(-1);
      if (newest !== undefined) this.#stats.lastLagMs = Math.max(0, this.#clock.now() - newest.createdAt);
      if (rows.length < PAGE) return;
    }
  }

  #publish(entry: FeedEntry): void {
    this.#position = entry.id;
    this.#stats.published += 1;
    try {
      this.#bus.publish(entry);
    } catch {
      // One listener's failure must not stop the feed for the others.
      this.#stats.errors += 1;
    }
  }
}

function parseEvent(json: string): LiveEvent | null {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && 'type' in value ? (value as LiveEvent) : null;
  } catch {
    return null;
  }
}
