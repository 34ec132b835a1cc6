import type { Vocabulary } from '../../common/voice/vocabulary.ts';
import type { Database } from '../db/database.ts';
import { readVocabulary } from '../db/voice.repository.ts';
import { detectPocketSphinx } from '../speech/pocketsphinx.ts';
import type { EventBus, LiveEvent } from './event-bus.ts';

export type RecogniserStatus = { status: 'available' } | { status: 'unavailable'; reason: string };

/** Which speech recognisers this server offers (the browser's own is the client's business). */
export type VoiceStatus = { offline: RecogniserStatus };

/** A burst of catalogue changes rebuilds the vocabulary once, this long after the last. */
const REBUILD_DELAY_MS = 300;

/** Changes that can add, rename or remove something a person may say. */
const NAMES_CHANGED = new Set<LiveEvent['type']>(['catalog', 'asset', 'twin', 'import', 'resync']);

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
  readonly #unlisten: () => void;

  constructor(deps: { db: Database; events: EventBus }) {
    this.#db = deps.db;
    // Every committed change to names or bins (items, assets, imports, layouts) is an event.
    this.#unlisten = deps.events.listen((event) => {
      if (!NAMES_CHANGED.has(event.type)) return;
      // Forgotten at once: a browser that heard the same event and asks now must get the new
      // names. Only the recogniser's grammar (costly) waits for a burst of changes to settle.
      this.#cached = null;
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => {
        this.refresh().catch(() => undefined);
      }, REBUILD_DELAY_MS);
      this.#timer.unref?.();
    });
  }

  vocabulary(): Promise<Vocabulary> {
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

  /** Rebuilds now, without waiting for the burst of changes to settle (after the seed). */
  async refresh(): Promise<Vocabulary> {
    clearTimeout(this.#timer);
    this.#cached = null;
    const vocabulary = await this.vocabulary();
    for (const listener of this.#listeners) listener(vocabulary);
    return vocabulary;
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#unlisten();
  }
}
