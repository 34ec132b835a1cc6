import type { LiveEvent } from '../../common/live-events.ts';

export type { LiveEvent };

/** One event of the change feed: its outbox id, the event, and its JSON as the writer serialised it. */
export type FeedEntry = { id: number; event: LiveEvent; json: string };

/**
 * Committed changes, fanned out in this process: to the caches that follow the data (`listen`: the
 * search indexes, the voice vocabulary, the navmesh, the session cache) and to the live event
 * streams (`listenEntries`). Only the change feed publishes, in outbox order, what it reads of every
 * instance's commits, so nobody hears of a change that was rolled back.
 */
export class EventBus {
  readonly #events = new Set<(event: LiveEvent) => void>();
  readonly #entries = new Set<(entry: FeedEntry) => void>();

  /** Every listener hears the entry even if one throws; the first error is thrown afterwards. */
  publish(entry: FeedEntry): void {
    const errors: unknown[] = [];
    for (const listener of this.#events) {
      try {
        listener(entry.event);
      } catch (error) {
        errors.push(error);
      }
    }
    for (const listener of this.#entries) {
      try {
        listener(entry);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }

  /** Calls `listener` for every event from now on; returns the function that stops it. */
  listen(listener: (event: LiveEvent) => void): () => void {
    this.#events.add(listener);
    return () => this.#events.delete(listener);
  }

  /** Like `listen`, with the outbox id and the serialised event (the live streams resume by id). */
  listenEntries(listener: (entry: FeedEntry) => void): () => void {
    this.#entries.add(listener);
    return () => this.#entries.delete(listener);
  }
}
