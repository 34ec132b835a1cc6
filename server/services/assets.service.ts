import { conflict, invalid, notFound } from '../../common/errors.ts';
import type { AssetInput, PlacementInput, TwinSpot } from '../../common/masters/asset.ts';
import {
  placementOfTag,
  spotOf,
  withAssetOnSpot,
  withoutAsset,
} from '../../common/masters/asset-placement.ts';
import type { Facility } from '../../twin-models/schema.ts';
import {
  type Asset,
  type AssetRecord,
  assetById,
  assetByTag,
  insertAsset,
  kitsOfPlans,
  listAssets,
  listAssetsById,
  type PlanCandidate,
  plansOfAsset,
  plansWithoutOpenWork,
  searchableAssets,
  searchableAssetsById,
  setAssetArchived,
  setAssetMeter,
  updateAsset,
} from '../db/assets.repository.ts';
import { appendAudit } from '../db/audit.repository.ts';
import { locationById } from '../db/catalog.repository.ts';
import type { Database, Executor } from '../db/database.ts';
import { freeStockOfItems } from '../db/ledger.repository.ts';
import {
  insertWorkOrderEvents,
  insertWorkOrderPart,
  insertWorkOrderTasks,
  openWorkOrderIdsOfAsset,
  setWorkOrderDescription,
} from '../db/work-orders.repository.ts';
import type { Writer, WriteTx } from '../db/writer.ts';
import { AssetSearchIndex } from '../domain/asset-search.ts';
import { duePlans } from '../domain/maintenance-due.ts';
import { allocateKit, kitShortfalls, kitShortNote } from '../domain/maintenance-kit.ts';
import type { AssetWhereabouts } from '../domain/navigation/targets.ts';
import { twinLocations } from '../domain/twin-locations.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './event-bus.ts';
import { LiveIndex } from './live-index.ts';
import { postStockOperations } from './stock-ledger.service.ts';
import { writeRevision } from './twin.service.ts';
import type { TwinDocuments } from './twin-documents.ts';
import { insertWorkOrder } from './work-orders.service.ts';

/** Where an asset is, as its page and form show it. */
export type PlacementView =
  | { kind: 'none' }
  | ({ kind: 'twin' } & TwinSpot)
  | { kind: 'bin'; locationId: number; code: string }
  | { kind: 'zone'; zoneId: string; zoneName: string | null };

/**
 * The asset register (create, edit, archive, restore, and where each machine is), meters, and the
 * scheduler that raises the work orders of plans that fall due. Create and update take the shared
 * `AssetInput`, so the form, the API and an import go through the same rules.
 */
export class AssetService {
  readonly #db: Database;
  readonly #writer: Writer;
  readonly #clock: Clock;
  readonly #documents: TwinDocuments;
  readonly #search: LiveIndex<AssetSearchIndex>;

  constructor(deps: {
    db: Database;
    writer: Writer;
    clock: Clock;
    documents: TwinDocuments;
    events: EventBus;
  }) {
    this.#db = deps.db;
    this.#writer = deps.writer;
    this.#clock = deps.clock;
    this.#documents = deps.documents;
    const reader = deps.db.reader;
    this.#search = new LiveIndex({
      events: deps.events,
      // Every change to the register (create, edit, archive, restore, placement) says 'asset', a CSV
      // import of assets too: it applies each row through createIn/updateIn, which emit it.
      changeOf: (event) => (event.type === 'asset' ? { ids: [event.assetId] } : null),
      build: async () => new AssetSearchIndex(await searchableAssets(reader)),
      refresh: async (index, ids) => {
        for (const asset of await searchableAssetsById(reader, ids)) index.upsert(asset);
      },
    });
  }

  /**
   * The register by tag, or the assets matching `q` best first (typos forgiven, like item search);
   * archived assets only when asked for, since pickers and lists leave them out.
   */
  async list(
    filter: {
      q?: string | undefined;
      includeArchived?: boolean | undefined;
      limit?: number | undefined;
    } = {},
  ) {
    const query = (filter.q ?? '').trim();
    const includeArchived = filter.includeArchived ?? false;
    const limit = filter.limit ?? 500;
    if (query === '') return listAssets(this.#db.reader, { includeArchived, limit });
    const index = await this.#search.current();
    return listAssetsById(this.#db.reader, index.search(query, limit, { includeArchived }));
  }

  async get(id: number) {
    const asset = await assetById(this.#db.reader, id);
    if (!asset) throw notFound(`Asset ${id} does not exist`);
    const [plans, twin] = await Promise.all([plansOfAsset(this.#db.reader, id), this.#documents.current()]);
    const kits = await kitsOfPlans(
      this.#db.reader,
      plans.map((p) => p.id),
    );
    const now = this.#clock.now();
    return {
      ...asset,
      placement: placementView(asset, twin?.facility ?? null),
      plans: plans.map((p) => ({
        ...p,
        kit: kits.get(p.id) ?? [],
        nextDueAt: p.intervalDays === null ? null : p.lastDoneAt + p.intervalDays * 86_400_000,
        meterRemaining:
          p.intervalMeter === null ? null : p.lastDoneMeter + p.intervalMeter - asset.meterValue,
        // An archived plan, or a plan of an archived asset, raises nothing, so nothing is due.
        due:
          p.archivedAt === null &&
          asset.archivedAt === null &&
          duePlans(
            [
              {
                planId: p.id,
                intervalDays: p.intervalDays,
                intervalMeter: p.intervalMeter,
                lastDoneAt: p.lastDoneAt,
                lastDoneMeter: p.lastDoneMeter,
                meterValue: asset.meterValue,
              },
            ],
            now,
          ).length > 0,
      })),
    };
  }

  /** Registers an asset and puts it where `input.placement` says (a spot publishes a twin revision). */
  async create(input: AssetInput, actorId: number): Promise<number> {
    return this.#writer.run((tx) => this.createIn(tx, input, actorId));
  }

  /**
   * `create` inside the caller's write transaction (a CSV import applies every row in one);
   * `actorId` null is the command line.
   */
  async createIn(tx: WriteTx, input: AssetInput, actorId: number | null): Promise<number> {
    await assertTagFree(tx, input.tag, null);
    const now = this.#clock.now();
    const placed = await this.#place(tx, input, null);
    const record = { ...recordOf(input), ...placed.fields };
    const id = await insertAsset(tx, record, now);
    await this.#publish(tx, placed.facility, `Asset ${input.tag} placed`, actorId, now);
    await appendAudit(tx, [audit(actorId, 'asset.create', id, record, now)]);
    tx.emit({ type: 'asset', assetId: id });
    return id;
  }

  /**
   * Changes the register fields and the placement. A meter reading may only go up here too (a new
   * meter unit starts afresh); a higher one raises the work orders it makes due, as recording it would.
   */
  async update(id: number, input: AssetInput, actorId: number): Promise<{ createdWorkOrders: number[] }> {
    return this.#writer.run((tx) => this.updateIn(tx, id, input, actorId));
  }

  /** `update` inside the caller's write transaction. */
  async updateIn(
    tx: WriteTx,
    id: number,
    input: AssetInput,
    actorId: number | null,
  ): Promise<{ createdWorkOrders: number[] }> {
    const existing = await liveAsset(tx, id, 'change it');
    await assertTagFree(tx, input.tag, id);
    const record = recordOf(input);
    if (record.meterUnit !== null && record.meterUnit === existing.meterUnit) {
      if (record.meterValue < existing.meterValue)
        throw invalid(
          `${existing.tag} already reads ${existing.meterValue} ${existing.meterUnit}; a meter cannot go back`,
        );
    }
    const now = this.#clock.now();
    const placed = await this.#place(tx, input, existing);
    await updateAsset(tx, id, { ...record, ...placed.fields });
    await this.#publish(tx, placed.facility, `Asset ${input.tag} placed`, actorId, now);
    await appendAudit(tx, [audit(actorId, 'asset.update', id, { ...record, ...placed.fields }, now)]);
    tx.emit({ type: 'asset', assetId: id });
    const created = record.meterValue > existing.meterValue ? await raiseDueWorkOrders(tx, now, id) : [];
    return { createdWorkOrders: created };
  }

  /**
   * Takes an asset off the register without losing anything: its work orders, plans, movements and
   * audit trail stay readable, but it leaves pickers and voice and its plans raise no more work.
   * Refused while work on it is still open, since that work would be orphaned.
   */
  async archive(id: number, actorId: number): Promise<void> {
    await this.#writer.run((tx) => this.archiveIn(tx, id, actorId));
  }

  /** `archive` inside the caller's write transaction. */
  async archiveIn(tx: WriteTx, id: number, actorId: number | null): Promise<void> {
    const asset = await liveAsset(tx, id, 'archive it again');
    const open = await openWorkOrderIdsOfAsset(tx, id);
    if (open.length > 0) {
      throw conflict(
        `${asset.tag} has ${open.length} open work order${open.length === 1 ? '' : 's'} (${open
          .slice(0, 5)
          .map((w) => `#${w}`)
          .join(
            ', ',
          )}${open.length > 5 ? ', …' : ''}); finish or cancel ${open.length === 1 ? 'it' : 'them'} before archiving`,
      );
    }
    const now = this.#clock.now();
    await setAssetArchived(tx, id, now);
    await appendAudit(tx, [audit(actorId, 'asset.archive', id, { tag: asset.tag }, now)]);
    tx.emit({ type: 'asset', assetId: id });
  }

  /** Puts an archived asset back on the register (the undo of archiving). */
  async restore(id: number, actorId: number): Promise<void> {
    await this.#writer.run((tx) => this.restoreIn(tx, id, actorId));
  }

  /** `restore` inside the caller's write transaction. */
  async restoreIn(tx: WriteTx, id: number, actorId: number | null): Promise<void> {
    const asset = await assetById(tx, id);
    if (!asset) throw notFound(`Asset ${id} does not exist`);
    if (asset.archivedAt === null) throw conflict(`${asset.tag} is not archived`);
    const now = this.#clock.now();
    await setAssetArchived(tx, id, null);
    await appendAudit(tx, [audit(actorId, 'asset.restore', id, { tag: asset.tag }, now)]);
    tx.emit({ type: 'asset', assetId: id });
  }

  /** Records a meter reading (it may only go up) and raises any work orders it makes due. */
  async recordMeter(
    assetId: number,
    value: number,
    actorId: number,
  ): Promise<{ createdWorkOrders: number[] }> {
    const created = await this.#writer.run(async (tx) => {
      const a = await liveAsset(tx, assetId, 'record its meter');
      if (a.meterUnit === null) throw invalid(`${a.tag} has no meter`);
      if (value < a.meterValue) {
        throw invalid(`${a.tag} already reads ${a.meterValue} ${a.meterUnit}; a meter cannot go back`);
      }
      await setAssetMeter(tx, assetId, value);
      const now = this.#clock.now();
      await appendAudit(tx, [audit(actorId, 'asset.meter', assetId, { value }, now)]);
      return raiseDueWorkOrders(tx, now, assetId);
    });
    return { createdWorkOrders: created };
  }

  /** Raises a work order for every plan that is due and has none open. Safe to run any number of times. */
  async runScheduler(): Promise<number[]> {
    return this.#writer.run((tx) => raiseDueWorkOrders(tx, this.#clock.now(), null));
  }

  /** What navigation needs of an asset the twin may not place: its name and its bin or zone. */
  async whereabouts(tag: string): Promise<AssetWhereabouts | null> {
    const asset = await assetByTag(this.#db.reader, tag);
    if (!asset) return null;
    return {
      name: asset.name,
      at:
        asset.locationCode !== null
          ? { kind: 'bin', code: asset.locationCode }
          : asset.zoneId !== null
            ? { kind: 'zone', zoneId: asset.zoneId }
            : null,
    };
  }

  /**
   * The register fields that follow from the placement, and the twin to publish when the asset's
   * spot in it changes (on a spot: put there; anywhere else: taken out of the twin, since one machine
   * cannot be on a spot and in a bin at once). `facility` is null when the twin stays as it is.
   */
  async #place(
    tx: WriteTx,
    input: AssetInput,
    existing: Asset | null,
  ): Promise<{ fields: Pick<AssetRecord, 'locationId' | 'zoneId' | 'x' | 'z'>; facility: Facility | null }> {
    const p: PlacementInput = input.placement;
    const twin = await this.#documents.currentIn(tx);
    const previousTag = existing?.tag ?? input.tag;
    const noTwin = () =>
      invalid('No facility layout has been published yet, so there is no twin to place the asset in');
    switch (p.kind) {
      case 'twin': {
        if (twin === null) throw noTwin();
        const placed = withAssetOnSpot(
          twin.facility,
          { tag: input.tag, name: input.name, type: input.type },
          p,
          previousTag,
        );
        if (!placed.ok) throw invalid(`${input.tag} cannot stand there: ${placed.reason}`);
        const before = placementOfTag(twin.facility, previousTag);
        const after = placementOfTag(placed.facility, input.tag);
        const unchanged = before !== undefined && JSON.stringify(before) === JSON.stringify(after);
        return {
          fields: { locationId: null, zoneId: null, x: p.x, z: p.z },
          facility: unchanged ? null : placed.facility,
        };
      }
      case 'bin': {
        const bin = await locationById(tx, p.locationId);
        if (!bin) throw notFound(`Location ${p.locationId} does not exist`);
        if (bin.kind !== 'bin' || !bin.active)
          throw invalid(`${bin.code} is not a bin in use; choose a bin to keep the asset at`);
        // Twin bins always stand somewhere; only hand-kept places (a van) may not.
        if (bin.x === null || bin.z === null) throw invalid(`${bin.code} has no place in the twin`);
        return {
          fields: { locationId: bin.id, zoneId: null, x: bin.x, z: bin.z },
          facility: twin ? withoutAsset(twin.facility, previousTag) : null,
        };
      }
      case 'zone': {
        if (twin === null) throw noTwin();
        const zone = twin.facility.zones.find((z) => z.id === p.zoneId);
        if (!zone) throw invalid(`The current layout has no zone ${p.zoneId}`);
        return {
          fields: { locationId: null, zoneId: zone.id, x: zone.footprint.x, z: zone.footprint.z },
          facility: withoutAsset(twin.facility, previousTag),
        };
      }
      case 'none':
        return {
          fields: { locationId: null, zoneId: null, x: 0, z: 0 },
          facility: twin ? withoutAsset(twin.facility, previousTag) : null,
        };
    }
  }

  /** The one publish path, as twin.publish takes it: guidance, AR and the 3D view follow the event. */
  async #publish(tx: WriteTx, facility: Facility | null, note: string, actorId: number | null, now: number) {
    if (facility === null) return;
    await writeRevision(tx, { facility, locations: twinLocations(facility), note, actorId, now });
  }
}

function recordOf(input: AssetInput): Omit<AssetRecord, 'locationId' | 'zoneId' | 'x' | 'z'> {
  return {
    tag: input.tag,
    name: input.name,
    aliases: input.aliases,
    type: input.type,
    category: input.category,
    criticality: input.criticality,
    make: input.make,
    model: input.model,
    serial: input.serial,
    installedOn: input.installedOn,
    meterUnit: input.meterUnit,
    // Without a meter there is nothing to read.
    meterValue: input.meterUnit === null ? 0 : input.meterValue,
    status: input.status,
  };
}

function placementView(asset: Asset, facility: Facility | null): PlacementView {
  const spot = facility ? placementOfTag(facility, asset.tag) : undefined;
  if (spot) return { kind: 'twin', ...spotOf(spot) };
  if (asset.locationId !== null)
    return { kind: 'bin', locationId: asset.locationId, code: asset.locationCode ?? '' };
  if (asset.zoneId !== null) {
    const zone = facility?.zones.find((z) => z.id === asset.zoneId);
    return { kind: 'zone', zoneId: asset.zoneId, zoneName: zone ? zone.name || zone.id : null };
  }
  return { kind: 'none' };
}

async function assertTagFree(ex: Executor, tag: string, selfId: number | null): Promise<void> {
  const owner = await assetByTag(ex, tag);
  if (owner && owner.id !== selfId) {
    throw conflict(
      `Tag ${tag} is already used by ${owner.name} (${owner.tag}${owner.archivedAt === null ? '' : ', archived'})`,
    );
  }
}

/** The asset, refused when it is archived: `what` says what would have been done. */
async function liveAsset(ex: Executor, id: number, what: string): Promise<Asset> {
  const asset = await assetById(ex, id);
  if (!asset) throw notFound(`Asset ${id} does not exist`);
  if (asset.archivedAt !== null) throw conflict(`${asset.tag} is archived; restore it to ${what}`);
  return asset;
}

function audit(actorId: number | null, action: string, id: number, data: unknown, now: number) {
  return {
    actorId,
    action,
    entity: 'asset',
    entityId: String(id),
    data: JSON.stringify(data),
    createdAt: now,
  };
}

export async function raiseDueWorkOrders(
  tx: WriteTx,
  now: number,
  assetId: number | null,
): Promise<number[]> {
  const candidates = await plansWithoutOpenWork(tx, assetId);
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const due = duePlans(
    candidates.map((p) => ({
      planId: p.id,
      intervalDays: p.intervalDays,
      intervalMeter: p.intervalMeter,
      lastDoneAt: p.lastDoneAt,
      lastDoneMeter: p.lastDoneMeter,
      meterValue: p.meterValue,
    })),
    now,
  );
  const kits = await kitsOfPlans(
    tx,
    due.map((d) => d.planId),
  );
  const created: number[] = [];
  for (const d of due) {
    const p = byId.get(d.planId);
    if (!p) continue;
    created.push(await raisePlanWorkOrder(tx, p, kits.get(p.id) ?? [], d.dueAt, now));
  }
  return created;
}

/**
 * One plan's work order: its checklist and estimated hours copied (a later change to the plan
 * affects the next one, not this), and its parts kit reserved through the ledger from the bins with
 * the most free stock. What cannot be reserved is written on the work order; it is raised anyway.
 */
async function raisePlanWorkOrder(
  tx: WriteTx,
  p: PlanCandidate,
  kit: readonly { itemId: number; name: string; unit: string; qty: number }[],
  dueAt: number,
  now: number,
): Promise<number> {
  const description = 'Raised by the maintenance schedule.';
  const id = await insertWorkOrder(tx, {
    title: `${p.title} — ${p.tag}`,
    description,
    assetId: p.assetId,
    planId: p.id,
    priority: p.priority,
    dueAt,
    estimatedHours: p.estimatedHours,
    actorId: null,
    now,
  });
  await insertWorkOrderTasks(tx, id, p.checklist);
  if (kit.length === 0) return id;

  // Read inside this transaction, after the plans raised before this one took their parts.
  const free = await freeStockOfItems(
    tx,
    kit.map((k) => k.itemId),
  );
  const allocation = allocateKit(kit, free);
  const outcomes = await postStockOperations(
    tx,
    allocation.map((r) => ({
      op: {
        kind: 'reserve' as const,
        itemId: r.itemId,
        locationId: r.locationId,
        lot: r.lot,
        qty: r.qty,
        refType: 'work_order',
        refId: id,
      },
      actorId: null,
    })),
    now,
  );
  // Stock read in this same transaction is not expected to be refused; if it is, that part is short.
  const reserved = allocation.filter((_, i) => outcomes[i]?.ok === true);
  for (const r of reserved) {
    await insertWorkOrderPart(tx, {
      workOrderId: id,
      itemId: r.itemId,
      locationId: r.locationId,
      lot: r.lot,
      qtyReserved: r.qty,
    });
  }
  const short = kitShortfalls(kit, reserved);
  const reservedLines = reserved.map(
    (r) => `${r.qty} ${kit.find((k) => k.itemId === r.itemId)?.name ?? ''} from ${r.code}`,
  );
  const shortNote = kitShortNote(short);
  if (shortNote !== '') await setWorkOrderDescription(tx, id, `${description}\n${shortNote}.`);
  const note = [reservedLines.length > 0 ? `Kit reserved: ${reservedLines.join('; ')}` : '', shortNote]
    .filter(Boolean)
    .join('. ');
  await insertWorkOrderEvents(tx, [
    {
      workOrderId: id,
      actorId: null,
      kind: 'kit',
      fromStatus: 'open',
      toStatus: 'open',
      note,
      createdAt: now,
    },
  ]);
  await appendAudit(tx, [
    {
      actorId: null,
      action: 'work_order.kit',
      entity: 'work_order',
      entityId: String(id),
      data: JSON.stringify({ planId: p.id, reserved: reservedLines, short }),
      createdAt: now,
    },
  ]);
  return id;
}
