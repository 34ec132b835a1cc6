/**
 * Picks confirmed on the device, kept until the server has them. A pick is written to storage
 * before the first attempt, keeps its idempotency key for its whole life and leaves the queue only
 * when the server has answered for it, so:
 * - never lost: a dropped network, a failed request or a reload leaves it queued, and it is sent
 *   when the network returns (or the page is opened again);
 * - never applied twice: every attempt carries the same key, and the server applies a key once
 *   (a replay returns the first result). A request whose answer was lost is simply sent again.
 *
 * The core is plain data and functions; `PickQueue` adds the single-flight sender and persistence
 * through a small storage adapter (localStorage in the browser, a Map in tests).
 */

export type PickRequest = {
  itemId: number;
  locationId: number;
  qty: number;
  lot: string;
  idempotencyKey: string;
  reason?: string;
};

/** What the user saw when they confirmed, so the queue can be shown without looking anything up. */
export type PickLabel = { item: string; bin: string; unit: string };

export type QueuedPick = {
  request: PickRequest;
  label: PickLabel;
  status: 'queued' | 'sent' | 'rejected';
  attempts: number;
  queuedAt: number;
  settledAt: number | null;
  /** Why the server refused it (status `rejected`), or the last transient failure. */
  error: string | null;
};

/** A send either landed, failed in a way worth retrying (network, server busy), or was refused. */
export type SendOutcome = { ok: true } | { ok: false; retry: boolean; message: string };

export type PickQueueStorage = {
  load(): QueuedPick[];
  save(entries: readonly QueuedPick[]): void;
};

/** Settled entries kept for the "recent picks" list. */
const KEEP_SETTLED = 20;

// ---- pure core ----------------------------------------------------------------------------------

export function enqueue(
  entries: readonly QueuedPick[],
  request: PickRequest,
  label: PickLabel,
  now: number,
): QueuedPick[] {
  // The same key twice (a double tap that reused its key) is one pick.
  if (entries.some((e) => e.request.idempotencyKey === request.idempotencyKey)) return [...entries];
  return [
    ...entries,
    { request, label, status: 'queued', attempts: 0, queuedAt: now, settledAt: null, error: null },
  ];
}

function nextToSend(entries: readonly QueuedPick[]): QueuedPick | null {
  return entries.find((e) => e.status === 'queued') ?? null;
}

export function settle(
  entries: readonly QueuedPick[],
  key: string,
  outcome: SendOutcome,
  now: number,
): QueuedPick[] {
  const next = entries.map((e): QueuedPick => {
    if (e.request.idempotencyKey !== key) return e;
    const attempts = e.attempts + 1;
    if (outcome.ok) return { ...e, status: 'sent', attempts, settledAt: now, error: null };
    if (outcome.retry) return { ...e, attempts, error: outcome.message };
    return { ...e, status: 'rejected', attempts, settledAt: now, error: outcome.message };
  });
  return prune(next);
}

function prune(entries: QueuedPick[]): QueuedPick[] {
  const settled = entries.filter((e) => e.status !== 'queued');
  if (settled.length <= KEEP_SETTLED) return entries;
  const drop = new Set(settled.slice(0, settled.length - KEEP_SETTLED));
  return entries.filter((e) => !drop.has(e));
}

export function pendingCount(entries: readonly QueuedPick[]): number {
  let n = 0;
  for (const e of entries) if (e.status === 'queued') n++;
  return n;
}

// ---- the queue with a sender --------------------------------------------------------------------

export class PickQueue {
  private entries: QueuedPick[];
  private flushing: Promise<void> | null = null;
  private readonly listeners = new Set<(entries: readonly QueuedPick[]) => void>();

  constructor(
    private readonly deps: {
      storage: PickQueueStorage;
      send: (request: PickRequest) => Promise<SendOutcome>;
      now: () => number;
    },
  ) {
    this.entries = deps.storage.load();
  }

  list(): readonly QueuedPick[] {
    return this.entries;
  }

  subscribe(listener: (entries: readonly QueuedPick[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stores the pick first, then tries to send everything queued. */
  add(request: PickRequest, label: PickLabel): Promise<void> {
    this.update(enqueue(this.entries, request, label, this.deps.now()));
    return this.flush();
  }

  /**
   * Sends queued picks one at a time, oldest first, until the queue is empty or a send fails in a
   * retryable way (then the network is probably down: stop, keep the rest, try on the next call).
   * Only one flush runs at a time, so a pick is never in flight twice from this tab.
   */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const next = nextToSend(this.entries);
      if (next === null) return;
      let outcome: SendOutcome;
      try {
        outcome = await this.deps.send(next.request);
      } catch (error) {
        outcome = { ok: false, retry: true, message: error instanceof Error ? error.message : String(error) };
      }
      this.update(settle(this.entries, next.request.idempotencyKey, outcome, this.deps.now()));
      if (!outcome.ok && outcome.retry) return;
    }
  }

  private update(entries: QueuedPick[]): void {
    this.entries = entries;
    this.deps.storage.save(entries);
    for (const l of this.listeners) l(entries);
  }
}

/** Browser persistence: one JSON array under one key; unreadable data starts an empty queue. */
export function localStorageAdapter(key: string, storage: Storage): PickQueueStorage {
  return {
    load() {
      try {
        const raw = storage.getItem(key);
        const parsed: unknown = raw === null ? [] : JSON.parse(raw);
        return Array.isArray(parsed) ? (parsed as QueuedPick[]) : [];
      } catch {
        return [];
      }
    },
    save(entries) {
      storage.setItem(key, JSON.stringify(entries));
    },
  };
}
