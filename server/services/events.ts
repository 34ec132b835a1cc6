import { EventEmitter, on } from 'node:events';

/** What other users' screens need to hear about without reloading. */
export type LiveEvent =
  | {
      type: 'stock';
      itemId: number;
      locations: { locationId: number; code: string; lot: string; onHand: number; reserved: number }[];
    }
  | { type: 'work_order'; workOrderId: number; status: string }
  | { type: 'purchase_order'; purchaseOrderId: number; status: string }
  | { type: 'catalog'; itemId: number }
  /** A CSV import changed many items or locations at once. */
  | { type: 'import'; kind: 'items' | 'locations' }
  | { type: 'twin'; revisionId: number };

export class EventBus {
  readonly #emitter = new EventEmitter();

  constructor() {
    // Every open browser tab holds one listener.
    this.#emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
    this.#emitter.emit('event', event);
  }

  async *subscribe(signal?: AbortSignal): AsyncGenerator<LiveEvent> {
    for await (const [event] of on(this.#emitter, 'event', signal ? { signal } : {})) {
      yield event as LiveEvent;
    }
  }
}
