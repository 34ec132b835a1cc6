// Test data made the way the product makes it: each factory calls the real service (or, for
// locations, the catalog repository inside the writer, as a layout publish or a CSV import does), so
// a seeded record has its audit entry, its live event and every rule a user's record would have. A
// test names only the fields it cares about; the rest are sensible and unique per factory set.
import type { z } from 'zod';
import { type AssetInput, AssetInputSchema } from '../../common/masters/asset.ts';
import { ManualLocationInput } from '../../common/masters/location.ts';
import { type PlanInput, PlanInputSchema } from '../../common/masters/maintenance-plan.ts';
import { SupplierInput, SupplierPriceInput } from '../../common/masters/supplier.ts';
import type { Role } from '../../common/roles.ts';
import type { Priority } from '../../common/work-order-status.ts';
import { appendAudit } from '../../server/db/audit.repository.ts';
import {
  type Item,
  type ItemInput,
  type Location,
  type LocationUpsert,
  upsertLocation,
} from '../../server/db/catalog.repository.ts';
import type { ItemChange } from '../../server/services/inventory.service.ts';
import type { Services } from '../../server/services/services.ts';
import type { LedgerResult } from '../../server/services/stock-ledger.service.ts';

/** Every factory-made user's password unless a test picks its own. */
export const PASSWORD = 'correct horse battery';

/** Who did it: factories act as one admin unless told otherwise. */
type By = { actorId?: number | undefined };

export type FactoryUser = { id: number; username: string; displayName: string; role: Role; password: string };

export type PartSpec = { itemId: number; locationId: number; qty: number; lot?: string };

export type Factories = ReturnType<typeof createFactories>;

/** Factories over one set of services; unique defaults come from a counter, so runs are repeatable. */
export function createFactories(services: Services) {
  let counter = 0;
  const next = () => {
    counter += 1;
    return counter;
  };
  // A promise, so factories called together still make one default admin.
  let defaultActor: Promise<number> | null = null;
  const actor = (by: By): Promise<number> => {
    if (by.actorId !== undefined) return Promise.resolve(by.actorId);
    defaultActor ??= newUser('admin').then((u) => u.id);
    return defaultActor;
  };

  async function newUser(
    role: Role = 'technician',
    overrides: Partial<Omit<FactoryUser, 'id' | 'role'>> = {},
  ): Promise<FactoryUser> {
    const n = next();
    const user = {
      username: `user${n}`,
      displayName: `Test User ${n}`,
      password: PASSWORD,
      ...overrides,
      role,
    };
    const id = await services.auth.createUser(user);
    return { id, ...user };
  }

  /**
   * Items must name an active category and unit; a test that names one it has not made gets it made,
   * as a planner would add it under Setup first.
   */
  async function ensureMasters(category: string, unit: string, by: By): Promise<void> {
    const actorId = await actor(by);
    const [categories, units] = await Promise.all([services.masters.categories(), services.masters.units()]);
    if (!categories.some((c) => c.name.toLowerCase() === category.toLowerCase()))
      await services.masters.createCategory({ name: category }, actorId);
    if (!units.some((u) => u.code.toLowerCase() === unit.toLowerCase()))
      await services.masters.createUnit({ code: unit, name: unit }, actorId);
  }

  async function newItem(overrides: Partial<ItemChange> & By = {}): Promise<Item> {
    const n = next();
    const { actorId, packs, ...fields } = overrides;
    const input: ItemInput = {
      sku: `TST-${n}`,
      name: `Test item ${n}`,
      aliases: [],
      unit: 'ea',
      barcode: null,
      category: 'test',
      unitCostCents: 100,
      reorderPoint: 10,
      reorderQty: 50,
      tracking: 'none',
      supplierId: null,
      ...fields,
    };
    await ensureMasters(input.category, input.unit, { actorId });
    for (const pack of packs ?? []) await ensureMasters(input.category, pack.unit, { actorId });
    const id = await services.inventory.createItem({ ...input, packs }, await actor({ actorId }));
    return { id, ...input };
  }

  /**
   * A location outside any layout, written like a CSV import of locations: upserted by code in one
   * writer transaction with its audit entry and the event that refreshes vocabularies and screens.
   */
  async function newLocation(input: LocationUpsert, by: By): Promise<Location> {
    const actorId = await actor(by);
    await services.writer.run(async (tx) => {
      await upsertLocation(tx, input);
      await appendAudit(tx, [
        {
          actorId,
          action: 'import.locations',
          entity: 'import',
          entityId: 'locations',
          data: JSON.stringify({ rows: 1 }),
          createdAt: services.clock.now(),
        },
      ]);
      tx.emit({ type: 'import', kind: 'locations' });
    });
    const { contents: _, ...location } = await services.inventory.location({ code: input.code });
    return location;
  }

  /** A bin; a code like `B-03-2` also gives its aisle, bay and level unless they are set. */
  function newBin(overrides: Partial<LocationUpsert> & By = {}): Promise<Location> {
    const n = next();
    const { actorId, ...fields } = overrides;
    const code = fields.code ?? `T-${String(n).padStart(2, '0')}-1`;
    const parts = /^([A-Z]+)-(\d+)-(\d+)$/i.exec(code);
    return newLocation(
      {
        code,
        kind: 'bin',
        aisle: parts?.[1]?.toUpperCase() ?? null,
        bay: parts ? Number(parts[2]) : null,
        level: parts ? Number(parts[3]) : null,
        x: n,
        y: 0,
        z: 1,
        width: 1,
        height: 0.5,
        depth: 0.6,
        capacity: 1000,
        active: true,
        ...fields,
      },
      { actorId },
    );
  }

  function newDock(overrides: Partial<LocationUpsert> & By = {}): Promise<Location> {
    const n = next();
    const { actorId, ...fields } = overrides;
    return newLocation(
      {
        code: `DOCK-T${n}`,
        kind: 'dock',
        aisle: null,
        bay: null,
        level: null,
        x: 0,
        y: 0,
        z: 0,
        width: 4,
        height: 0,
        depth: 4,
        capacity: 100_000,
        active: true,
        ...fields,
      },
      { actorId },
    );
  }

  /** A ledger receipt, as a person receiving at a bin would post it. */
  async function receive(
    itemId: number,
    locationId: number,
    qty: number,
    options: { lot?: string; idempotencyKey?: string } & By = {},
  ): Promise<LedgerResult> {
    return services.ledger.post({
      op: { kind: 'receive', itemId, locationId, qty, lot: options.lot },
      actorId: await actor(options),
      idempotencyKey: options.idempotencyKey,
    });
  }

  async function newSupplier(overrides: Partial<SupplierInput> & By = {}) {
    const n = next();
    const { actorId, ...fields } = overrides;
    const input: z.input<typeof SupplierInput> = {
      name: `Supplier ${n}`,
      contacts: [{ name: `Contact ${n}`, role: 'orders', email: `orders${n}@example.test`, phone: '' }],
      leadTimeDays: 7,
      currency: 'EUR',
      notes: '',
      ...fields,
    };
    // Through the shared schema, as the setup screen, the API and a CSV row are.
    const parsed = SupplierInput.parse(input);
    return { id: await services.suppliers.create(parsed, await actor({ actorId })), ...parsed };
  }

  /** A supplier's price for an item: per pack (loose, 1 of the item's unit, unless `pack` says). */
  async function newPrice(
    supplierId: number,
    itemId: number,
    overrides: Partial<Omit<SupplierPriceInput, 'supplierId' | 'itemId'>> & By = {},
  ) {
    const n = next();
    const { actorId, ...fields } = overrides;
    const item = await services.inventory.item(itemId);
    const input: z.input<typeof SupplierPriceInput> = {
      supplierId,
      itemId,
      partNumber: `PN-${n}`,
      priceMinor: 100,
      pack: { unit: item.unit, size: 1 },
      minOrderPacks: 1,
      leadTimeDays: null,
      ...fields,
    };
    await ensureMasters(item.category, input.pack.unit, { actorId });
    const parsed = SupplierPriceInput.parse(input);
    await services.suppliers.setPrice(parsed, await actor({ actorId }));
    return parsed;
  }

  /** A cabinet, room, van or other area, kept by hand like the setup screen keeps one. */
  async function newManualLocation(overrides: Partial<ManualLocationInput> & By = {}): Promise<Location> {
    const n = next();
    const { actorId, ...fields } = overrides;
    const input: z.input<typeof ManualLocationInput> = {
      code: `VAN-${n}`,
      name: `Service van ${n}`,
      kind: 'van',
      description: '',
      position: null,
      capacity: 1000,
      ...fields,
    };
    const id = await services.locations.create(ManualLocationInput.parse(input), await actor({ actorId }));
    const { contents: _, ...location } = await services.inventory.location({ id });
    return location;
  }

  /** A running asset with no meter and no placement, through the asset service (the form's rules). */
  async function newAsset(overrides: Partial<AssetInput> & By = {}) {
    const n = next();
    const { actorId, ...fields } = overrides;
    const input = AssetInputSchema.parse({
      tag: `AST-${n}`,
      name: `Test asset ${n}`,
      type: 'Test machine',
      category: 'test',
      ...fields,
    });
    return { id: await services.assets.create(input, await actor({ actorId })), ...input };
  }

  /** A plan last done now, every 30 days, unless the test says otherwise. */
  async function newMaintenancePlan(assetId: number, overrides: Partial<PlanInput> & By = {}) {
    const n = next();
    const { actorId, ...fields } = overrides;
    const input = PlanInputSchema.parse({ title: `Plan ${n}`, intervalDays: 30, ...fields });
    return { id: await services.plans.create(assetId, input, await actor({ actorId })), assetId, ...input };
  }

  /** A work order, assigned when `assigneeId` is given, with `parts` reserved against their bins. */
  async function newWorkOrder(
    overrides: {
      title?: string;
      description?: string;
      priority?: Priority;
      assetId?: number;
      dueAt?: number;
      assigneeId?: number;
      parts?: readonly PartSpec[];
    } & By = {},
  ): Promise<{ id: number; partIds: number[] }> {
    const n = next();
    const { actorId: by, assigneeId, parts = [], ...fields } = overrides;
    const actorId = await actor({ actorId: by });
    const id = await services.workOrders.create(
      { title: `Work order ${n}`, priority: 'medium', ...fields },
      actorId,
    );
    if (assigneeId !== undefined) await services.workOrders.assign(id, assigneeId, actorId);
    const partIds: number[] = [];
    for (const part of parts) {
      partIds.push(await services.workOrders.reservePart({ workOrderId: id, ...part }, actorId));
    }
    return { id, partIds };
  }

  /**
   * An open purchase order from one supplier, raised the way a planner raises one: each line is a
   * new item of that supplier that has fallen to its reorder point, ordered from the suggestions.
   */
  async function newPurchaseOrder(
    overrides: {
      supplierId?: number;
      lines?: readonly { qty: number; item?: Partial<ItemInput> }[];
    } & By = {},
  ) {
    const { actorId: by, lines = [{ qty: 10 }] } = overrides;
    const actorId = await actor({ actorId: by });
    const supplierId = overrides.supplierId ?? (await newSupplier({ actorId })).id;
    const items: number[] = [];
    for (const line of lines) {
      // Nothing in stock against a reorder point of 0 suggests exactly one reorder quantity.
      const item = await newItem({
        ...line.item,
        supplierId,
        reorderPoint: 0,
        reorderQty: line.qty,
        actorId,
      });
      items.push(item.id);
    }
    const [id, ...more] = await services.purchasing.createFromSuggestions(items, actorId);
    if (id === undefined || more.length > 0)
      throw new Error(`expected one purchase order, got ${more.length + 1}`);
    return services.purchasing.get(id);
  }

  return {
    /** Makes later factory calls act as this user (the fixture's admin, for instance). */
    actAs(userId: number) {
      defaultActor = Promise.resolve(userId);
    },
    newUser,
    newItem,
    newBin,
    newDock,
    receive,
    newSupplier,
    newPrice,
    newManualLocation,
    newAsset,
    newMaintenancePlan,
    newWorkOrder,
    newPurchaseOrder,
  };
}
