import { exhaustive } from '../../common/errors.ts';
import type { SiteSettings } from '../../common/site-settings.ts';
import { insertAsset, insertMaintenancePlan } from '../../server/db/assets.repository.ts';
import { allItems, insertItems } from '../../server/db/catalog.repository.ts';
import {
  insertCategories,
  insertItemPacks,
  insertUnits,
} from '../../server/db/catalog-masters.repository.ts';
import { binIdsInOrder, countActiveLocations } from '../../server/db/locations.repository.ts';
import { insertPrices, insertSuppliers } from '../../server/db/suppliers.repository.ts';
import { insertWorkOrderEvents, insertWorkOrderRecord } from '../../server/db/work-orders.repository.ts';
import type { Services } from '../../server/services/services.ts';
import { type LedgerRequest, postStockOperations } from '../../server/services/stock-ledger.service.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { withAssetPlacements } from './asset-placements.ts';
import { generateAssets } from './assets.ts';
import { generateCatalog } from './catalog.ts';
import { generateMovementHistory, type HistoryEvent } from './demand.ts';
import { createRng } from './random.ts';
import { generateWorkOrders } from './work-orders.ts';

/**
 * The documented demo logins (README). Everyone shares one password on a demo install. It is shorter
 * than the password policy allows (docs/accounts.md): only this demo seed bypasses the policy, so the
 * documented logins keep working; a real install creates its users with `npm run user:add`.
 */
export const DEMO_PASSWORD = 'demo1234';
export const DEMO_USERS = [
  { username: 'technician', displayName: 'Thandi Nkosi', role: 'technician' },
  { username: 'planner', displayName: 'Pieter van Wyk', role: 'planner' },
  { username: 'admin', displayName: 'Amara Okafor', role: 'admin' },
  { username: 'sipho', displayName: 'Sipho Dlamini', role: 'technician' },
  { username: 'lerato', displayName: 'Lerato Mokoena', role: 'technician' },
  { username: 'johan', displayName: 'Johan Botha', role: 'technician' },
] as const;

/** How the demo formats money, dates and lengths; the header names it and marks it as demo data. */
export const DEMO_SITE: SiteSettings = {
  siteName: 'Demo warehouse',
  currency: 'EUR',
  locale: 'en-IE',
  timeZone: 'Europe/Dublin',
  units: 'metric',
};

export type SeedOptions = { seed: number; days?: number; log?: (m: string) => void };
export type SeedSummary = {
  locations: number;
  items: number;
  movements: number;
  refused: number;
  assets: number;
  workOrders: number;
  purchaseOrders: number;
  ms: number;
};

const DAY = 86_400_000;

/**
 * Creates the sample facility deterministically from a seed: locations, suppliers, items, 180 days
 * of stock history written through the real ledger (so on-hand equals the ledger sum and the audit
 * chain covers it), assets with maintenance plans, work orders and purchase orders.
 */
export async function seedSampleFacility(services: Services, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const rng = createRng(options.seed);
  const now = services.clock.now();
  const days = options.days ?? 180;
  const { writer } = services;

  const userIds: number[] = [];
  for (const u of DEMO_USERS) {
    userIds.push(
      await services.auth.createUser({ ...u, password: DEMO_PASSWORD, bypassPolicyForDemo: true }),
    );
  }
  const adminId = userIds[2] ?? 1;
  // The login page offers the demo logins, and the header says so, only on a database marked demo.
  await services.site.markDemo(DEMO_SITE, adminId);

  // The sample twin is published like any layout: its bins and docks become the ledger's locations.
  const facility = demoWarehouse();
  await services.twin.publish(facility, 'Sample facility', adminId);
  const catalog = generateCatalog(rng);
  const supplierIds = await writer.run((tx) =>
    insertSuppliers(
      tx,
      catalog.suppliers.map((s) => ({
        name: s.name,
        contacts: [{ name: 'Orders desk', role: 'orders', email: s.email, phone: '' }],
        leadTimeDays: s.leadTimeDays,
        currency: 'EUR',
        notes: '',
      })),
    ),
  );
  // Items name their category and unit; both must exist first.
  await writer.run(async (tx) => {
    await insertCategories(tx, [...new Set(catalog.items.map((i) => i.category))].sort());
    await insertUnits(tx, [...new Set(catalog.items.map((i) => i.unit))].sort());
  });
  // Every item was first stocked at the start of the history.
  await writer.run((tx) =>
    insertItems(
      tx,
      catalog.items.map((i) => ({
        sku: i.sku,
        name: i.name,
        aliases: i.aliases,
        unit: i.unit,
        barcode: i.barcode,
        category: i.category,
        unitCostCents: i.unitCostCents,
        reorderPoint: i.reorderPoint,
        reorderQty: i.reorderQty,
        tracking: i.tracking,
        supplierId: supplierIds[i.supplierIndex] ?? null,
      })),
      now - days * DAY,
    ),
  );
  const itemIds = (await allItems(services.db.reader)).map((i) => i.id);
  // Each item's supplier prices it in the pack it sells; items sold in packs can be received in them.
  await writer.run(async (tx) => {
    const priced = catalog.items.flatMap((item, k) => {
      const itemId = itemIds[k];
      const supplierId = supplierIds[item.supplierIndex];
      if (itemId === undefined || supplierId === undefined) return [];
      return [{ item, itemId, supplierId, pack: seedPack(item.unit, item.packQty) }];
    });
    await insertUnits(tx, [...new Set(priced.map((p) => p.pack.unit))]);
    await insertPrices(
      tx,
      priced.map(({ item, itemId, supplierId, pack }) => ({
        supplierId,
        itemId,
        partNumber: `${item.sku}-S${item.supplierIndex + 1}`,
        priceMinor: item.unitCostCents * pack.size,
        pack,
        minOrderPacks: 1,
        leadTimeDays: null,
      })),
      now - days * DAY,
    );
    await insertItemPacks(
      tx,
      priced.filter((p) => p.pack.size > 1).map((p) => ({ itemId: p.itemId, ...p.pack })),
    );
  });
  const binIds = await binIdsInOrder(services.db.reader);
  const locationCount = await countActiveLocations(services.db.reader);
  log(`  ${locationCount} locations, ${itemIds.length} items`);

  const history = generateMovementHistory({
    rng,
    items: catalog.items.map((i) => ({
      demand: i.demand,
      tracking: i.tracking,
      reorderPoint: i.reorderPoint,
      reorderQty: i.reorderQty,
      leadTimeDays: catalog.suppliers[i.supplierIndex]?.leadTimeDays ?? 7,
    })),
    binCount: binIds.length,
    days,
    endAt: now,
  });
  const requests = history.events.map((e) =>
    historyRequest(e, { itemIds, binIds, actorId: userIds[e.itemIndex % userIds.length] ?? adminId }),
  );
  let movements = 0;
  let refused = 0;
  // Big transactions: the history is one import, and each commit is an fsync.
  for (let i = 0; i < requests.length; i += 4000) {
    const chunk = requests.slice(i, i + 4000);
    const outcomes = await writer.run((tx) => postStockOperations(tx, chunk, now));
    for (const o of outcomes) {
      if (o.ok) movements += o.value.movementIds.length;
      else refused += 1;
    }
  }
  log(`  ${movements} movements over ${days} days (${refused} refused)`);

  const assets = generateAssets(rng, 60, floorBounds(facility));
  // The same layout again, now with the register's machines standing in it, so guidance can find them.
  await services.twin.publish(
    withAssetPlacements(facility, assets),
    'Sample facility with plant assets',
    adminId,
  );
  const assetIds = await writer.run(async (tx) => {
    const ids: number[] = [];
    for (const a of assets) {
      const assetId = await insertAsset(
        tx,
        {
          tag: a.tag,
          name: a.name,
          aliases: a.aliases,
          type: a.type,
          category: a.category,
          criticality: a.criticality,
          make: '',
          model: '',
          serial: '',
          installedOn: null,
          locationId: null,
          zoneId: null,
          x: a.x,
          z: a.z,
          meterUnit: a.meterUnit,
          meterValue: a.meterValue,
          status: 'running',
        },
        now - 3 * 365 * DAY,
      );
      ids.push(assetId);
      for (const p of a.plans) {
        await insertMaintenancePlan(tx, {
          assetId,
          title: p.title,
          intervalDays: p.intervalDays,
          intervalMeter: p.intervalMeter,
          priority: p.priority,
          lastDoneAt: now - p.lastDoneDaysAgo * DAY,
          lastDoneMeter: Math.max(0, a.meterValue - p.lastDoneMeterAgo),
          checklist: [],
          estimatedHours: null,
        });
      }
    }
    return ids;
  });

  const workOrders = generateWorkOrders(rng, {
    assetCount: assetIds.length,
    userCount: userIds.length,
    now,
    assets: assets.map((a) => ({ tag: a.tag, category: a.category })),
  });
  await writer.run(async (tx) => {
    for (const w of workOrders) {
      const woId = await insertWorkOrderRecord(tx, {
        title: w.title,
        description: w.description,
        assetId: w.assetIndex === null ? null : (assetIds[w.assetIndex] ?? null),
        planId: null,
        status: w.status,
        priority: w.priority,
        dueAt: w.dueAt,
        assigneeId: w.assigneeIndex === null ? null : (userIds[w.assigneeIndex] ?? null),
        createdBy: userIds[1] ?? null,
        createdAt: w.createdAt,
        updatedAt: w.events.at(-1)?.at ?? w.createdAt,
        completedAt: w.completedAt,
        estimatedHours: null,
      });
      await insertWorkOrderEvents(
        tx,
        w.events.map((e) => ({
          workOrderId: woId,
          actorId: userIds[1] ?? null,
          kind: e.kind,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          note: e.note,
          createdAt: e.at,
        })),
      );
    }
  });
  // Plans that are due now get their work orders the way they would in production.
  const raised = await services.assets.runScheduler();

  // Reorder suggestions become purchase orders; some have already been partly delivered.
  const low = await services.inventory.lowStock();
  const toOrder = low
    .filter((l) => l.suggestedQty > 0 && l.supplierId !== null)
    .slice(0, 60)
    .map((l) => l.itemId);
  const poIds =
    toOrder.length > 0 ? await services.purchasing.createFromSuggestions(toOrder, userIds[1] ?? adminId) : [];
  const dockCode = facility.docks[0]?.code;
  const dock = dockCode ? await services.inventory.location({ code: dockCode }).catch(() => null) : null;
  for (const [k, poId] of poIds.entries()) {
    if (k % 3 !== 0 || dock === null) continue;
    const po = await services.purchasing.get(poId);
    for (const [j, line] of po.lines.entries()) {
      if (line.tracking !== 'none') continue;
      const qty = j % 2 === 0 ? line.qtyOrdered : Math.max(1, Math.floor(line.qtyOrdered / 2));
      await services.purchasing.receiveLine(
        { lineId: line.id, qty, locationId: dock.id, idempotencyKey: `seed-receipt-${line.id}` },
        userIds[0] ?? adminId,
      );
    }
  }
  await services.inventory.load();
  const summary: SeedSummary = {
    locations: locationCount,
    items: itemIds.length,
    movements,
    refused,
    assets: assetIds.length,
    workOrders: workOrders.length + raised.length,
    purchaseOrders: poIds.length,
    ms: Math.round(performance.now() - started),
  };
  log(
    `  ${summary.assets} assets, ${summary.workOrders} work orders, ${summary.purchaseOrders} purchase orders (${summary.ms} ms)`,
  );
  return summary;
}

/** What a supplier ships `packQty` of the item in: a box of ea, a roll of m, a pack of anything else. */
function seedPack(unit: string, packQty: number): { unit: string; size: number } {
  if (packQty <= 1) return { unit, size: 1 };
  return {
    unit: unit === 'ea' ? 'box' : unit === 'm' ? 'roll' : unit === 'pack' ? 'box' : 'pack',
    size: packQty,
  };
}

/** One simulated history event as the ledger request that records it, stamped at its own time. */
function historyRequest(
  e: HistoryEvent,
  ids: { itemIds: readonly number[]; binIds: readonly number[]; actorId: number },
): LedgerRequest {
  const itemId = ids.itemIds[e.itemIndex] ?? 0;
  const locationId = ids.binIds[e.binIndex] ?? 0;
  const common = { itemId, lot: e.lot };
  const at = e.at;
  switch (e.kind) {
    case 'receive':
      return {
        op: { ...common, kind: 'receive', locationId, qty: e.qty, reason: 'supplier delivery' },
        actorId: ids.actorId,
        at,
      };
    case 'pick':
      return { op: { ...common, kind: 'pick', locationId, qty: e.qty }, actorId: ids.actorId, at };
    case 'count':
      return {
        op: { ...common, kind: 'count', locationId, countedQty: e.qty, reason: 'cycle count' },
        actorId: ids.actorId,
        at,
      };
    case 'transfer':
      return {
        op: {
          ...common,
          kind: 'transfer',
          fromLocationId: locationId,
          toLocationId: ids.binIds[e.toBinIndex ?? -1] ?? 0,
          qty: e.qty,
        },
        actorId: ids.actorId,
        at,
      };
    default:
      return exhaustive(e.kind);
  }
}

function floorBounds(facility: ReturnType<typeof demoWarehouse>) {
  const floor = facility.floors[0];
  return { minX: 0, maxX: floor?.width ?? 0, minZ: 0, maxZ: floor?.depth ?? 0 };
}
