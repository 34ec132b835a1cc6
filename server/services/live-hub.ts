import {
  LIVE_TOPICS,
  type LiveEvent,
  type LiveTopic,
  liveAudienceOf,
  liveTopicOf,
  type SignOutReason,
} from '../../common/live-events.ts';
import { ROLES, type Role } from '../../common/roles.ts';
import { type Coalescable, coalesce } from '../domain/live-coalesce.ts';
import { sessionEnd } from '../domain/session-end.ts';
import type { EventBus, FeedEntry } from './event-bus.ts';

/** Where a stream's bytes go: an HTTP response (or a test's stand-in). */
export type LiveSink = {
  write(chunk: Buffer): unknown;
  /** Bytes accepted but not yet handed to the network: how far behind this client is. */
  readonly writableLength: number;
  end(chunk?: Buffer): unknown;
  destroy(): unknown;
};

/** The change feed, as the streams see it: where it stands, and what a resuming screen missed. */
export type LiveHistory = {
  /** The newest id published on the bus. */
  readonly position: number;
  since(afterId: number, uptoId: number, limit: number): Promise<FeedEntry[] | 'gone'>;
};

export type LiveHubOptions = {
  /**
   * Events arriving within this long of the last delivery wait and go out together, coalesced. The
   * first event after a quiet spell goes out at once; under a stream of picks every open screen gets
   * at most five writes a second (at 50 ms, 1,000 screens cost the server and the clients 20,000
   * socket writes a second).
   */
  windowMs?: number;
  /** A comment line this often keeps proxies from closing a quiet stream and finds dead clients. */
  heartbeatMs?: number;
  /** A client this far behind is dropped; it reconnects and resumes from its last event id. */
  maxBufferedBytes?: number;
  /** A screen further behind than this many events is told to refetch everything instead. */
  replayLimit?: number;
  /** Monotonic milliseconds, for the delivery figures. */
  now?: () => number;
};

export type LiveStream = {
  sink: LiveSink;
  userId: number;
  role: Role;
  /** The session this stream was opened with (its token's hash): a logout ends that session's streams. */
  sessionHash: string | null;
  /** Empty: every topic. */
  topics: readonly LiveTopic[];
  /** The last event id the screen has (`Last-Event-ID`); null for a fresh start. */
  after: number | null;
};

/** What `/metrics` can show about the live streams. */
export type LiveStats = {
  subscribers: number;
  /** Deliveries (one write of one or more events to one stream). */
  deliveries: number;
  flushes: number;
  /** Streams dropped for being too far behind. */
  dropped: number;
  /** Streams ended by a logout, a disabled account or a changed account. */
  ended: number;
  /** Time from an event reaching this instance to its last write, for the newest burst. */
  lastDeliveryMs: number | null;
  maxDeliveryMs: number;
  /** Time spent writing the newest burst to every stream. */
  lastFanoutMs: number | null;
};

type Subscriber = {
  sink: LiveSink;
  userId: number;
  sessionHash: string | null;
  group: Group;
  /** Events up to this id reach it by its replay, or reached it already elsewhere. */
  skipUpTo: number;
  /** While its replay is read, live output waits here (bounded like the socket). */
  waiting: { chunks: Buffer[]; bytes: number } | null;
  closed: boolean;
};

/** Streams with the same role and topics get exactly the same bytes. */
type Group = { roleBit: number; topicMask: number; members: Set<Subscriber> };

type Frame = { id: number; topicMask: number; roleMask: number; bytes: Buffer };

const ALL_TOPICS = (1 << LIVE_TOPICS.length) - 1;
const HEARTBEAT = Buffer.from(':\n\n');
/** EventSource waits this long before reconnecting. */
const RETRY = 'retry: 3000\n';
const RESUMED = Buffer.from(`${RETRY}\n`);

const topicBit = (topic: LiveTopic) => 1 << LIVE_TOPICS.indexOf(topic);
const roleBit = (role: Role) => 1 << ROLES.indexOf(role);

/**
 * The live event streams of this instance (`GET /events`). Built for thousands of open screens:
 *
 * - each event is framed once (`id: N` + the JSON the writer made) and the same bytes are written
 *   to every stream that hears it; streams with the same role and topics form a group and share one
 *   buffer per burst, so there is no per-stream JSON or filtering work;
 * - a burst (a committed group of picks) is coalesced: one event per record per burst, and bursts
 *   within `windowMs` of the last delivery wait for the next one;
 * - a stream whose client falls `maxBufferedBytes` behind is dropped; EventSource reconnects with
 *   `Last-Event-ID` and the stream replays what it missed from the change feed (or says `resync`
 *   when that is gone), so a slow phone costs the server a bounded buffer, not unbounded memory;
 * - heartbeats; and a logout, a disabled account or a changed account ends that user's streams,
 *   with a last `signed_out` message when the session is over.
 */
export class LiveHub {
  readonly #history: LiveHistory;
  readonly #windowMs: number;
  readonly #heartbeatMs: number;
  readonly #maxBuffered: number;
  readonly #replayLimit: number;
  readonly #now: () => number;
  readonly #onDelivered: (ms: number) => void;
  readonly #groups = new Map<number, Group>();
  readonly #byUser = new Map<number, Set<Subscriber>>();
  #count = 0;
  /** Events heard and not yet delivered, with when the first of them arrived. */
  #batch: FeedEntry[] = [];
  #batchSince = 0;
  #lastFlushAt = Number.NEGATIVE_INFINITY;
  #flushTimer: ReturnType<typeof setTimeout> | undefined;
  #flushScheduled = false;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  readonly #stats: Omit<LiveStats, 'subscribers'> = {
    deliveries: 0,
    flushes: 0,
    dropped: 0,
    ended: 0,
    lastDeliveryMs: null,
    maxDeliveryMs: 0,
    lastFanoutMs: null,
  };

  constructor(deps: {
    bus: EventBus;
    history: LiveHistory;
    options?: LiveHubOptions;
    /** Told, after each burst, how long its oldest event waited to reach every stream (metrics). */
    onDelivered?: (ms: number) => void;
  }) {
    this.#history = deps.history;
    this.#onDelivered = deps.onDelivered ?? (() => {});
    this.#windowMs = deps.options?.windowMs ?? 200;
    this.#heartbeatMs = deps.options?.heartbeatMs ?? 20_000;
    this.#maxBuffered = deps.options?.maxBufferedBytes ?? 256 * 1024;
    this.#replayLimit = deps.options?.replayLimit ?? 10_000;
    this.#now = deps.options?.now ?? (() => performance.now());
    deps.bus.listenEntries((entry) => this.#hear(entry));
  }

  stats(): LiveStats {
    return { subscribers: this.#count, ...this.#stats };
  }

  /**
   * Opens a stream: replays what it missed since `after` (or `resync` when that is no longer in the
   * feed), then every event as it commits. Returns the function that closes it (the client left).
   */
  open(stream: LiveStream): () => void {
    // Everything heard so far goes out to the open streams first, so the new one's replay can end
    // exactly where its live delivery starts.
    this.#flush();
    const position = this.#history.position;
    const group = this.#group(stream.role, stream.topics);
    const sub: Subscriber = {
      sink: stream.sink,
      userId: stream.userId,
      sessionHash: stream.sessionHash,
      group,
      skipUpTo: Math.max(stream.after ?? position, position),
      waiting: stream.after !== null && stream.after < position ? { chunks: [], bytes: 0 } : null,
      closed: false,
    };
    group.members.add(sub);
    let mine = this.#byUser.get(sub.userId);
    if (mine === undefined) {
      mine = new Set();
      this.#byUser.set(sub.userId, mine);
    }
    mine.add(sub);
    this.#count += 1;
    this.#startHeartbeat();
    // A fresh stream is told where it starts, so even a reconnect before its first event resumes.
    stream.sink.write(
      stream.after === null
        ? Buffer.from(`${RETRY}id: ${position}\nevent: position\ndata: ${position}\n\n`)
        : RESUMED,
    );
    if (sub.waiting !== null && stream.after !== null) void this.#replay(sub, stream.after, position);
    return () => this.#remove(sub);
  }

  /** Ends every stream (the server is stopping). */
  close(): void {
    clearTimeout(this.#flushTimer);
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
    for (const group of this.#groups.values()) for (const sub of group.members) this.#end(sub, null);
  }

  #hear(entry: FeedEntry): void {
    if (this.#count === 0) return;
    if (this.#batch.length === 0) this.#batchSince = this.#now();
    this.#batch.push(entry);
    const type = entry.event.type;
    // An ended session must stop hearing at once, not after the window.
    if (type === 'account' || type === 'logout') {
      this.#flush();
      return;
    }
    this.#scheduleFlush();
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    const wait = this.#lastFlushAt + this.#windowMs - this.#now();
    // The first burst after a quiet spell goes out in this turn's end (what one commit announced
    // arrives together); later ones wait out the window.
    if (wait <= 0) setImmediate(() => this.#flush());
    else {
      this.#flushTimer = setTimeout(() => this.#flush(), wait);
      this.#flushTimer.unref?.();
    }
  }

  #flush(): void {
    this.#flushScheduled = false;
    clearTimeout(this.#flushTimer);
    const batch = this.#batch;
    if (batch.length === 0) return;
    this.#batch = [];
    const started = this.#now();
    this.#lastFlushAt = started;
    let run: FeedEntry[] = [];
    for (const entry of batch) {
      const event = entry.event;
      if (event.type === 'account' || event.type === 'logout') {
        this.#deliver(run);
        run = [];
        this.#signOut(event);
      } else run.push(entry);
    }
    this.#deliver(run);
    const done = this.#now();
    this.#stats.flushes += 1;
    this.#stats.lastFanoutMs = done - started;
    this.#stats.lastDeliveryMs = done - this.#batchSince;
    this.#stats.maxDeliveryMs = Math.max(this.#stats.maxDeliveryMs, done - this.#batchSince);
    this.#onDelivered(done - this.#batchSince);
  }

  /** Writes one run of events: framed once, one shared buffer per group. */
  #deliver(entries: FeedEntry[]): void {
    const first = entries[0];
    if (first === undefined) return;
    const frames = framesOf(coalesce(entries));
    if (frames.length === 0) return;
    for (const group of this.#groups.values()) {
      if (group.members.size === 0) continue;
      const heard = frames.filter((f) => f.topicMask & group.topicMask && f.roleMask & group.roleBit);
      if (heard.length === 0) continue;
      const bytes = concat(heard);
      for (const sub of group.members) {
        if (sub.skipUpTo < first.id) this.#send(sub, bytes);
        else {
          // Rare: a stream that resumed ahead of this instance (its client was on another one)
          // skips what it has already seen.
          const unseen = heard.filter((f) => f.id > sub.skipUpTo);
          if (unseen.length > 0) this.#send(sub, concat(unseen));
        }
      }
    }
  }

  #send(sub: Subscriber, bytes: Buffer): void {
    if (sub.closed) return;
    if (sub.waiting !== null) {
      sub.waiting.chunks.push(bytes);
      sub.waiting.bytes += bytes.length;
      if (sub.waiting.bytes > this.#maxBuffered) this.#drop(sub);
      return;
    }
    sub.sink.write(bytes);
    this.#stats.deliveries += 1;
    if (sub.sink.writableLength > this.#maxBuffered) this.#drop(sub);
  }

  async #replay(sub: Subscriber, after: number, upto: number): Promise<void> {
    let bytes: Buffer;
    try {
      const found = await this.#history.since(after, upto, this.#replayLimit);
      if (found === 'gone') bytes = frame(upto, RESYNC_JSON);
      else {
        const heard = framesOf(coalesce(found)).filter(
          (f) => f.topicMask & sub.group.topicMask && f.roleMask & sub.group.roleBit,
        );
        bytes = concat(heard);
      }
    } catch {
      // The feed could not be read: the client reconnects and tries again.
      this.#drop(sub);
      return;
    }
    const waiting = sub.waiting;
    if (sub.closed || waiting === null) return;
    sub.waiting = null;
    if (bytes.length > 0) this.#send(sub, bytes);
    for (const chunk of waiting.chunks) this.#send(sub, chunk);
  }

  #signOut(event: Extract<LiveEvent, { type: 'account' } | { type: 'logout' }>): void {
    const subs = this.#byUser.get(event.userId);
    if (subs === undefined) return;
    for (const sub of [...subs]) {
      // A role or name change ends the stream without a message: EventSource reconnects at once
      // under the new role, resuming from its last id.
      const end = sessionEnd(event, sub.userId, sub.sessionHash);
      if (end !== null) this.#end(sub, end.reason);
    }
  }

  #end(sub: Subscriber, reason: SignOutReason | null): void {
    if (sub.closed) return;
    this.#stats.ended += 1;
    this.#remove(sub);
    if (reason === null) sub.sink.end();
    else sub.sink.end(Buffer.from(`data: ${JSON.stringify({ type: 'signed_out', reason })}\n\n`));
  }

  #drop(sub: Subscriber): void {
    if (sub.closed) return;
    this.#stats.dropped += 1;
    this.#remove(sub);
    sub.sink.destroy();
  }

  #remove(sub: Subscriber): void {
    if (sub.closed) return;
    sub.closed = true;
    sub.group.members.delete(sub);
    const mine = this.#byUser.get(sub.userId);
    mine?.delete(sub);
    if (mine?.size === 0) this.#byUser.delete(sub.userId);
    this.#count -= 1;
    if (this.#count === 0) {
      clearInterval(this.#heartbeat);
      this.#heartbeat = undefined;
    }
  }

  #group(role: Role, topics: readonly LiveTopic[]): Group {
    const topicMask = topics.length === 0 ? ALL_TOPICS : topics.reduce((m, t) => m | topicBit(t), 0);
    const bit = roleBit(role);
    const key = bit * (ALL_TOPICS + 1) + topicMask;
    let group = this.#groups.get(key);
    if (group === undefined) {
      group = { roleBit: bit, topicMask, members: new Set() };
      this.#groups.set(key, group);
    }
    return group;
  }

  #startHeartbeat(): void {
    if (this.#heartbeat !== undefined) return;
    this.#heartbeat = setInterval(() => {
      for (const group of this.#groups.values()) for (const sub of group.members) this.#send(sub, HEARTBEAT);
    }, this.#heartbeatMs);
    this.#heartbeat.unref?.();
  }
}

const RESYNC_JSON = JSON.stringify({ type: 'resync' } satisfies LiveEvent);

const frame = (id: number, json: string) => Buffer.from(`id: ${id}\ndata: ${json}\n\n`);

/** Each screen-bound event framed once, with who may hear it as bit masks. */
function framesOf(entries: readonly Coalescable[]): Frame[] {
  const frames: Frame[] = [];
  for (const e of entries) {
    const topic = liveTopicOf(e.event);
    if (topic === null) continue;
    const roleMask = liveAudienceOf(e.event).reduce((m, r) => m | roleBit(r), 0);
    frames.push({
      id: e.id,
      topicMask: topic === 'all' ? ALL_TOPICS : topicBit(topic),
      roleMask,
      bytes: frame(e.id, e.json),
    });
  }
  return frames;
}

function concat(frames: readonly Frame[]): Buffer {
  const only = frames[0];
  if (frames.length === 1 && only !== undefined) return only.bytes;
  return Buffer.concat(frames.map((f) => f.bytes));
}
