import type { EventBus, LiveEvent } from './event-bus.ts';

/** What a committed change means for an index: these records changed, or too much to patch. */
export type IndexChange = { ids: readonly number[] } | 'rebuild' | null;

/**
 * An in-memory index (item search, asset search) that follows committed changes, whoever made
 * them: events mark records stale, and the next reader applies them before it looks. Built on first
 * use, so a database filled before start (the seed) is read whole.
 */
export class LiveIndex<I> {
  readonly #build: () => Promise<I>;
  readonly #refresh: (index: I, ids: number[]) => Promise<void>;
  #index: I | null = null;
  /** Records changed since the index last looked; applied before the next read. */
  readonly #stale = new Set<number>();
  #rebuild = false;

  constructor(deps: {
    events: EventBus;
    /** Which changes touch this index. */
    changeOf: (event: LiveEvent) => IndexChange;
    build: () => Promise<I>;
    /** Re-reads these records into the index (a record that is gone simply is not found). */
    refresh: (index: I, ids: number[]) => Promise<void>;
  }) {
    this.#build = deps.build;
    this.#refresh = deps.refresh;
    deps.events.listen((event) => {
      // Changes were missed (trimmed from the feed before this instance read them): start over.
      const change = event.type === 'resync' ? 'rebuild' : deps.changeOf(event);
      if (change === 'rebuild') this.#rebuild = true;
      else if (change !== null) for (const id of change.ids) this.#stale.add(id);
    });
  }

  /** Builds the index now; also for changes made behind the event bus's back. */
  async reload(): Promise<I> {
    this.#rebuild = false;
    this.#stale.clear();
    const index = await this.#build();
    this.#index = index;
    return index;
  }

  /** The index with every committed change applied. */
  async current(): Promise<I> {
    const index = this.#index === null || this.#rebuild ? await this.reload() : this.#index;
    if (this.#stale.size > 0) {
      const ids = [...this.#stale];
      this.#stale.clear();
      await this.#refresh(index, ids);
    }
    return index;
  }
}
