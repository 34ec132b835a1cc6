import { conflict, invalid } from '../../common/errors.ts';
import { loadFacility } from '../../twin-models/load.ts';
import type { Facility } from '../../twin-models/schema.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { upsertLocations } from '../db/catalog.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import { num, str } from '../db/sql.ts';
import type { Writer } from '../db/writer.ts';
import { strandedLocations, twinLocations } from '../domain/twin-locations.ts';
import type { Clock } from './clock.ts';

export type TwinRevision = { revisionId: number; createdAt: number; note: string; facility: Facility };

/**
 * The facility twin's revisions. Publishing validates the document, refuses to strand stock, and in
 * one transaction stores the revision, makes it current and brings the ledger's locations in line:
 * new bins appear, moved bins take their new pose, removed (empty) bins are retired.
 */
export class TwinService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  #cache: TwinRevision | null = null;

  constructor(deps: { db: Database; writer: Writer; clock: Clock }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
  }

  async current(): Promise<TwinRevision | null> {
    const rs = await this.#db.reader.execute(
      `SELECT r.id, r.created_at, r.note, r.document FROM twin_current c JOIN twin_revisions r ON r.id = c.revision_id`,
    );
    const row = rs.rows[0];
    if (!row) return null;
    const revisionId = num(row.id);
    // Parsing and validating a large document costs tens of milliseconds; do it once per revision.
    if (this.#cache?.revisionId === revisionId) return this.#cache;
    const loaded = loadFacility(JSON.parse(str(row.document)));
    if (!loaded.ok)
      throw new Error(`Stored twin revision ${revisionId} is invalid: ${loaded.errors.join('; ')}`);
    this.#cache = {
      revisionId,
      createdAt: num(row.created_at),
      note: str(row.note),
      facility: loaded.facility,
    };
    return this.#cache;
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
      const stranded = strandedLocations(await heldLocations(tx), next);
      if (stranded.length > 0) {
        const shown = stranded.slice(0, 20).join(', ');
        throw conflict(
          `This layout removes ${stranded.length} bin(s) that still hold or reserve stock: ${shown}${stranded.length > 20 ? ', …' : ''}. Move that stock first.`,
          { bins: stranded },
        );
      }
      const rs = await tx.execute({
        sql: 'INSERT INTO twin_revisions (facility_id, document, note, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        args: [facility.id, JSON.stringify(facility), note, actorId, now],
      });
      const id = num(rs.rows[0]?.id);
      await tx.execute({
        sql: 'INSERT INTO twin_current (id, revision_id) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET revision_id = excluded.revision_id',
        args: [id],
      });
      await syncLocations(tx, next);
      await appendAudit(tx, [
        {
          actorId,
          action: 'twin.publish',
          entity: 'twin_revision',
          entityId: String(id),
          data: JSON.stringify({ facilityId: facility.id, note, locations: next.length }),
          createdAt: now,
        },
      ]);
      tx.emit({ type: 'twin', revisionId: id });
      return id;
    });
    return loaded.migratedFrom === undefined
      ? { revisionId }
      : { revisionId, migratedFrom: loaded.migratedFrom };
  }

  /** Per bin of the current layout: what it holds, when it was counted and how fast it moves. */
  async binStates(now = this.#clock.now()) {
    const rs = await this.#db.reader.execute({
      sql: `SELECT l.code, l.capacity, coalesce(s.on_hand, 0) AS on_hand, coalesce(s.items, 0) AS items,
                   s.last_counted_at, coalesce(p.picked, 0) AS picked_30d
            FROM locations l
            LEFT JOIN (SELECT location_id, sum(on_hand) AS on_hand, count(DISTINCT item_id) AS items,
                              max(last_counted_at) AS last_counted_at
                       FROM stock WHERE on_hand > 0 GROUP BY location_id) s ON s.location_id = l.id
            LEFT JOIN (SELECT location_id, -sum(qty) AS picked FROM movements
                       WHERE kind = 'pick' AND created_at >= ? GROUP BY location_id) p ON p.location_id = l.id
            WHERE l.kind = 'bin' AND l.active = 1`,
      args: [now - 30 * 86_400_000],
    });
    return rs.rows.map((r) => {
      const onHand = num(r.on_hand);
      const perDay = num(r.picked_30d) / 30;
      return {
        code: str(r.code),
        onHand,
        capacity: num(r.capacity),
        items: num(r.items),
        lastCountedAt: r.last_counted_at === null ? null : num(r.last_counted_at),
        daysOfCover: perDay > 0 ? Math.round((onHand / perDay) * 10) / 10 : null,
      };
    });
  }
}

async function heldLocations(ex: Executor): Promise<{ code: string; held: number }[]> {
  const rs = await ex.execute(`SELECT l.code, sum(s.on_hand + s.reserved) AS held
    FROM locations l JOIN stock s ON s.location_id = l.id
    WHERE l.kind IN ('bin', 'dock') AND l.active = 1 GROUP BY l.code`);
  return rs.rows.map((r) => ({ code: str(r.code), held: num(r.held) }));
}

async function syncLocations(tx: Executor, next: ReturnType<typeof twinLocations>): Promise<void> {
  // Retire every twin-managed location, then bring back (and re-pose) those in the new layout.
  await tx.execute("UPDATE locations SET active = 0 WHERE kind IN ('bin', 'dock')");
  await upsertLocations(
    tx,
    next.map((l) => ({ ...l, active: true })),
  );
}
