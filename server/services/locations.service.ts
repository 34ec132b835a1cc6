import { conflict, invalid, notFound } from '../../common/errors.ts';
import { isManualKind, kindLabel, type ManualLocationInput } from '../../common/masters/location.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { type Location, locationById } from '../db/catalog.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import {
  holdingsAt,
  insertManualLocation,
  locationWithCode,
  type ManualLocationRow,
  manualLocations,
  setLocationActive,
  updateManualLocation,
} from '../db/locations.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { placeOnFloor } from '../domain/twin-locations.ts';
import type { Clock } from './clock.ts';
import type { TwinDocuments } from './twin-documents.ts';

/**
 * Hand-kept locations: cabinets, rooms, vans and other areas. They are ledger locations like bins
 * (stock, movements, reservations), may stand at a point on a floor of the twin (a van never does),
 * and a layout publish never retires or moves them. Bins and docks stay the layout's business.
 */
export class LocationService {
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

  listManual() {
    return manualLocations(this.#db.reader);
  }

  create(input: ManualLocationInput, actorId: number): Promise<number> {
    return this.#writer.run((tx) => this.createIn(tx, input, actorId));
  }

  /** `create` inside the caller's write transaction (a CSV import applies every row in one). */
  async createIn(tx: WriteTx, input: ManualLocationInput, actorId: number): Promise<number> {
    const row = await this.#row(input);
    await refuseTakenCode(tx, row.code, 0);
    const id = await insertManualLocation(tx, row);
    await this.#audit(tx, actorId, 'location.create', id, row);
    tx.emit({ type: 'location', locationId: id });
    return id;
  }

  update(id: number, input: ManualLocationInput, actorId: number): Promise<void> {
    return this.#writer.run((tx) => this.updateIn(tx, id, input, actorId));
  }

  /** `update` inside the caller's write transaction. */
  async updateIn(tx: WriteTx, id: number, input: ManualLocationInput, actorId: number): Promise<void> {
    const row = await this.#row(input);
    await manualLocation(tx, id);
    await refuseTakenCode(tx, row.code, id);
    await updateManualLocation(tx, id, row);
    await this.#audit(tx, actorId, 'location.update', id, row);
    tx.emit({ type: 'location', locationId: id });
  }

  /** Takes no more stock; refused while it holds or reserves any, naming what. */
  archive(id: number, actorId: number): Promise<void> {
    return this.#writer.run(async (tx) => {
      const location = await manualLocation(tx, id);
      if (!location.active) return;
      const held = await holdingsAt(tx, id);
      if (held.length > 0) {
        const [first] = held;
        const what = first
          ? `${first.onHand} ${first.unit} of ${first.name}${first.reserved > 0 ? ` (${first.reserved} reserved)` : ''}`
          : '';
        const more = held.length > 1 ? ` and ${held.length - 1} more item(s)` : '';
        throw conflict(
          `${describe(location)} still holds ${what}${more}; move the stock out before archiving it`,
          {
            holdings: held,
          },
        );
      }
      await setLocationActive(tx, id, false);
      await this.#audit(tx, actorId, 'location.archive', id, {});
      tx.emit({ type: 'location', locationId: id });
    });
  }

  restore(id: number, actorId: number): Promise<void> {
    return this.#writer.run(async (tx) => {
      const location = await manualLocation(tx, id);
      if (location.active) return;
      await setLocationActive(tx, id, true);
      await this.#audit(tx, actorId, 'location.restore', id, {});
      tx.emit({ type: 'location', locationId: id });
    });
  }

  /** The row to store: a place is checked against the live layout's floors and takes its elevation. */
  async #row(input: ManualLocationInput): Promise<ManualLocationRow> {
    const base = {
      code: input.code,
      kind: input.kind,
      name: input.name,
      description: input.description,
      capacity: input.capacity,
    };
    if (input.position === null) return { ...base, floorId: null, x: null, y: null, z: null };
    const current = await this.#documents.current();
    if (current === null)
      throw invalid(
        'No facility layout is published yet, so there is no floor to place it on; leave the place empty',
      );
    const placed = placeOnFloor(current.facility, input.position);
    if (!placed.ok) throw invalid(placed.reason);
    return {
      ...base,
      floorId: input.position.floorId,
      x: input.position.x,
      y: placed.y,
      z: input.position.z,
    };
  }

  #audit(tx: WriteTx, actorId: number, action: string, id: number, data: unknown) {
    return appendAudit(tx, [
      {
        actorId,
        action,
        entity: 'location',
        entityId: String(id),
        data: JSON.stringify(data),
        createdAt: this.#clock.now(),
      },
    ]);
  }
}

const describe = (l: { kind: string; code: string }) => `${kindLabel(l.kind)} ${l.code}`;

async function manualLocation(ex: Executor, id: number): Promise<Location> {
  const location = await locationById(ex, id);
  if (!location) throw notFound(`Location ${id} does not exist`);
  if (!isManualKind(location.kind))
    throw conflict(`${describe(location)} comes from the facility layout; change it there, not here`);
  return location;
}

async function refuseTakenCode(ex: Executor, code: string, exceptId: number): Promise<void> {
  const other = await locationWithCode(ex, code, exceptId);
  if (other)
    throw conflict(
      `The code ${other.code} is already used by ${kindLabel(other.kind).toLowerCase()} ${other.code}`,
    );
}
