import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import type { Database } from '../db/database.ts';
import { readVocabulary } from '../db/voice.repository.ts';
import { detectPocketSphinx } from '../speech/pocketsphinx.ts';
import type { EventBus } from './events.ts';

export type RecogniserStatus = { status: 'available' } | { status: 'unavailable'; reason: string };

/** Which speech recognisers this server offers (the browser's own is the client's business). */
export type VoiceStatus = { offline: RecogniserStatus };

/** A burst of catalogue changes rebuilds the vocabulary once, this long after the last. */
const REBUILD_DELAY_MS = 300;

/**
 * The live voice vocabulary: item names, aliases and SKUs, active bin codes, aisles and asset
 * names, aliases and tags, read from the database. Cached, and rebuilt after catalogue or layout
 * changes; listeners (the offline recogniser's grammar) hear about each rebuilt vocabulary.
 */
export class VoiceService {
  readonly #db: Database;
  #cached: Promise<Vocabulary> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #listeners = new Set<(vocabulary: Vocabulary) => void>();
  readonly #stop = new AbortController();

  constructor(deps: { db: Database; events: EventBus }) {
    this.#db = deps.db;
    void this.#watch(deps.events);
  }

  vocabulary(): Promise<Vocabulary> {
    // Every runtime change to names or bins publishes an event (item edits, CSV imports, layouts);
    // assets change only through the seed, which refreshes explicitly.
    if (!this.#cached) {
      const loading = readVocabulary(this.#db.reader);
      this.#cached = loading;
      // A failed read is not cached: the next caller tries again.
      loading.catch(() => {
        if (this.#cached === loading) this.#cached = null;
      });
    }
    return this.#cached;
  }

  /** Calls `listener` with every rebuilt vocabulary; returns the unsubscribe. */
  onVocabulary(listener: (vocabulary: Vocabulary) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  status(): VoiceStatus {
    const offline = detectPocketSphinx();
    return {
      offline: offline.available
        ? { status: 'available' }
        : { status: 'unavailable', reason: offline.reason },
    };
  }

  /** Rebuilds now (after changes made without a live event, such as a seed or an asset edit). */
  async refresh(): Promise<Vocabulary> {
    clearTimeout(this.#timer);
    this.#cached = null;
    const vocabulary = await this.vocabulary();
    for (const listener of this.#listeners) listener(vocabulary);
    return vocabulary;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#stop.abort();
  }

  async #watch(events: EventBus): Promise<void> {
    try {
      for await (const event of events.subscribe(this.#stop.signal)) {
        if (event.type !== 'catalog' && event.type !== 'twin' && event.type !== 'import') continue;
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => {
          this.refresh().catch(() => undefined);
        }, REBUILD_DELAY_MS);
        this.#timer.unref?.();
      }
    } catch {
      // Aborted on close.
    }
  }
}
