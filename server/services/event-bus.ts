import { EventEmitter, on } from 'node:events';
import type { LiveEvent } from '../../common/live-events.ts';

export type { LiveEvent };

/**
 * Committed changes, fanned out in this process: to open screens (`subscribe`, one per live stream)
 * and to caches that follow the data (`listen`: the search index, the voice vocabulary). Only the
 * writer publishes, after its transaction commits, so nobody hears of a change that was rolled back.
 */
export class EventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every open browser tab holds one listener.
    this.#emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    this.#emitter.emit('event', event);
  }

  /** Calls `listener` for every event from now on; returns the function that stops it. */
  listen(listener: (event: LiveEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }

  async *subscribe(signal?: AbortSignal): AsyncGenerator<LiveEvent> {
    for await (const [event] of on(this.#emitter, 'event', signal ? { signal } : {})) {
      yield event as LiveEvent;
    }
  }
}
