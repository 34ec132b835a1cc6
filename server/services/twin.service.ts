import { conflict, invalid } from '../../common/errors.ts';
import { loadFacility } from '../../twin-models/load.ts';
import type { Facility } from '../../twin-models/schema.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { upsertLocations } from '../db/catalog.repository.ts';
import type { Database } from '../db/database.ts';
import {
  binStateRows,
  manualLocationCodes,
  retireTwinLocations,
  stockHeldByTwinLocation,
} from '../db/locations.repository.ts';
import { insertRevision, makeRevisionCurrent } from '../db/twin-revisions.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import {
  codesTakenByManual,
  strandedLocations,
  type TwinLocation,
  twinLocations,
} from '../domain/twin-locations.ts';
import type { Clock } from './clock.ts';
import type { TwinDocuments, TwinRevision } from './twin-documents.ts';

export type { TwinRevision } from './twin-documents.ts';

/**
 * The facility twin's revisions. Publishing validates the document, refuses to strand stock, and in
 * one transaction stores the revision, makes it current and brings the ledger's locations in line
 * (`writeRevision`, which a scenario's apply uses too).
 */
export class TwinService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #documents: TwinDocuments;

  constructor(deps: { db: Database; writer: Writer; clock: Clock; documents: TwinDocuments }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#documents = deps.documents;
  }

  current(): Promise<TwinRevision | null> {
    return this.#documents.current();
  }

  async publish(
    document: unknown,
    note: string,
    actorId: number | null,
  ): Promise<{ revisionId: number; migratedFrom?: number }> {
    const loaded = loadFacility(document);
    if (!loaded.ok) {
      const shown = loaded.errors.slice(0, 10).join('; ');
      const more = loaded.errors.length > 10 ? `; and ${loaded.errors.length - 10} more` : '';
      throw invalid(`The facility document is not valid: ${shown}${more}`, { errors: loaded.errors });
    }
    const facility = loaded.facility;
    const next = twinLocations(facility);
    const now = this.#clock.now();
    const revisionId = await this.#writer.run(async (tx) => {
      const stranded = strandedLocations(await stockHeldByTwinLocation(tx), next);
      if (stranded.length > 0) {
        const shown = stranded.slice(0, 20).join(', ');
        throw conflict(
          `This layout removes ${stranded.length} bin(s) that still hold or reserve stock: ${shown}${stranded.length > 20 ? ', …' : ''}. Move that stock first.`,
          { bins: stranded },
        );
      }
      return writeRevision(tx, { facility, locations: next, note, actorId, now });
    });
    return loaded.migratedFrom === undefined
      ? { revisionId }
      : { revisionId, migratedFrom: loaded.migratedFrom };
  }

  /** Per bin of the current layout: what it holds, when it was counted and how fast it moves. */
  async binStates(now = this.#clock.now()) {
    const rows = await binStateRows(this.#db.reader, now - 30 * 86_400_000);
    return rows.map((r) => {
      const perDay = r.picked / 30;
      return {
        code: r.code,
        onHand: r.onHand,
        capacity: r.capacity,
        items: r.items,
        lastCountedAt: r.lastCountedAt,
        daysOfCover: perDay > 0 ? Math.round((r.onHand / perDay) * 10) / 10 : null,
      };
    });
  }
}

/**
 * The one way a layout becomes live, inside the caller's transaction: stores the revision, makes it
 * current and syncs `locations` (new bins are added, kept bins keep their id, and so their stock and
 * history, and take their new pose, dropped bins are retired), records `twin.publish` in the audit
 * log and announces the new revision. Hand-kept locations (cabinets, rooms, vans) are never touched:
 * a layout whose bin or dock would take one's code is refused. Callers check first that nothing is stranded (their checks
 * differ: a scenario counts its planned transfers); a refusal after this rolls all of it back.
 * `locations` are `twinLocations(facility)`, which the caller has already derived for that check.
 */
export async function writeRevision(
  tx: WriteTx,
  r: {
    facility: Facility;
    locations: readonly TwinLocation[];
    note: string;
    actorId: number | null;
    now: number;
  },
): Promise<number> {
  const taken = codesTakenByManual(r.locations, await manualLocationCodes(tx));
  if (taken.length > 0) {
    throw conflict(
      `This layout's bins or docks use ${taken.length} code(s) of hand-kept locations: ${taken.slice(0, 20).join(', ')}${taken.length > 20 ? ', …' : ''}. Rename those locations under Setup → Locations first.`,
      { codes: taken },
    );
  }
  const id = await insertRevision(tx, {
    facilityId: r.facility.id,
    document: JSON.stringify(r.facility),
    note: r.note,
    createdBy: r.actorId,
    createdAt: r.now,
  });
  await makeRevisionCurrent(tx, id);
  // Retire every twin-managed location, then bring back (and re-pose) those in the new layout.
  await retireTwinLocations(tx);
  await upsertLocations(
    tx,
    r.locations.map((l) => ({ ...l, active: true })),
  );
  await appendAudit(tx, [
    {
      actorId: r.actorId,
      action: 'twin.publish',
      entity: 'twin_revision',
      entityId: String(id),
      data: JSON.stringify({ facilityId: r.facility.id, note: r.note, locations: r.locations.length }),
      createdAt: r.now,
    },
  ]);
  tx.emit({ type: 'twin', revisionId: id });
  return id;
}
