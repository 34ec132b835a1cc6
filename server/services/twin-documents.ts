import { DomainError, notFound } from '../../common/errors.ts';
import { loadFacility } from '../../twin-models/load.ts';
import type { Facility } from '../../twin-models/schema.ts';
import type { Executor } from '../db/database.ts';
import { currentRevisionInfo, revisionDocument } from '../db/twin-revisions.repository.ts';

export type TwinRevision = { revisionId: number; createdAt: number; note: string; facility: Facility };

/**
 * The one cache of stored layout revisions as validated Facility documents, shared by the twin,
 * scenario and drone-audit services. Parsing and validating a large document costs tens of
 * milliseconds; a revision never changes once stored, so each is loaded once while it is in use.
 * Only a few are: the live one, the bases planners work from and the revisions audits were planned
 * on, so the least recently used is dropped beyond `entries`.
 */
export class TwinDocuments {
  readonly #reader: Executor;
  readonly #entries: number;
  /** Promises, so callers asking for the same revision at once share one load. Oldest use first. */
  readonly #loaded = new Map<number, Promise<Facility>>();

  constructor(reader: Executor, options: { entries?: number } = {}) {
    this.#reader = reader;
    this.#entries = Math.max(1, options.entries ?? 6);
  }

  /** The document of a stored revision; not found if there is no such revision. */
  revision(revisionId: number): Promise<Facility> {
    const cached = this.#loaded.get(revisionId);
    if (cached) {
      this.#loaded.delete(revisionId);
      this.#loaded.set(revisionId, cached);
      return cached;
    }
    const loading = this.#load(revisionId);
    this.#loaded.set(revisionId, loading);
    // A failed load is not remembered: the next call reads again.
    loading.catch(() => {
      if (this.#loaded.get(revisionId) === loading) this.#loaded.delete(revisionId);
    });
    for (const oldest of this.#loaded.keys()) {
      if (this.#loaded.size <= this.#entries) break;
      this.#loaded.delete(oldest);
    }
    return loading;
  }

  /** The live revision, or null before any layout has been published. */
  async current(): Promise<TwinRevision | null> {
    const info = await currentRevisionInfo(this.#reader);
    if (info === null) return null;
    return { ...info, facility: await this.revision(info.revisionId) };
  }

  /**
   * The live revision as a write transaction sees it, for a change that publishes a revision made
   * from it (an asset put on a spot). An earlier task of the same uncommitted group may have made
   * another revision current; the reader cannot see that one yet, so it is read through `tx` and
   * not cached (a rolled-back revision's id can be used again by a different document).
   */
  async currentIn(tx: Executor): Promise<TwinRevision | null> {
    const info = await currentRevisionInfo(tx);
    if (info === null) return null;
    try {
      return { ...info, facility: await this.revision(info.revisionId) };
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'not_found') throw error;
      return { ...info, facility: await load(tx, info.revisionId) };
    }
  }

  #load(revisionId: number): Promise<Facility> {
    return load(this.#reader, revisionId);
  }
}

async function load(ex: Executor, revisionId: number): Promise<Facility> {
  const text = await revisionDocument(ex, revisionId);
  if (text === null) throw notFound(`Layout revision ${revisionId} does not exist`);
  const loaded = loadFacility(JSON.parse(text));
  if (!loaded.ok)
    throw new Error(`Stored twin revision ${revisionId} is invalid: ${loaded.errors.join('; ')}`);
  return loaded.facility;
}
