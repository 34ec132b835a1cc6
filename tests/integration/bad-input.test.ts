import { beforeAll, describe, expect, test } from 'vitest';
import { appRouter } from '../../server/api/app.router.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { dbFingerprint } from '../support/db-state.ts';
import { rawCall } from '../support/raw-call.ts';
import { cookieOf, type Fixture, PASSWORD } from '../support/test-app.ts';

type Proc = { _def: { type: string } };
const mutations = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>)
  .filter(([, p]) => p._def.type === 'mutation')
  .map(([path]) => path);

const SITE = {
  siteName: 'Depot',
  currency: 'ZAR',
  locale: 'en-ZA',
  timeZone: 'Africa/Johannesburg',
  units: 'metric',
};

// Mutations that take no input at all: there is nothing to get wrong.
const NO_INPUT = new Set(['auth.logout', 'assets.runScheduler', 'account.signOutEverywhere']);

/** For each mutation: inputs that are well-formed JSON but wrong, and the status each must get. */
function badInputs(fx: Fixture, doneWorkOrder: number): Record<string, [unknown, number][]> {
  const { items, bins } = fx;
  const key = 'bad-input-key-01';
  const asset = { tag: 'NEW-1', name: 'New machine', type: 'Pump', category: 'Pumps' };
  const plan = { title: 'Monthly check', intervalDays: 30 };
  return {
    'jobs.cancel': [
      [{ id: 'not-a-uuid' }, 400],
      [{ id: '00000000-0000-4000-8000-000000000000' }, 404],
    ],
    // No layout is published in this fixture, so a well-formed plan is refused as not found.
    'droneAudits.plan': [
      [{ scope: { kind: 'aisle', aisle: '' } }, 400],
      [{ scope: { kind: 'shelf' } }, 400],
      [{ scope: { kind: 'not-counted', days: -1 } }, 400],
      [{ scope: { kind: 'aisle', aisle: 'B' }, config: { speedMps: 0 } }, 400],
      [{ scope: { kind: 'all' } }, 404],
    ],
    'droneAudits.simulate': [
      [{ id: 999_999, seed: 1 }, 404],
      [{ id: 1, seed: -1 }, 400],
      [{ id: 1, seed: 1, sensor: { missRate: 2 } }, 400],
    ],
    'droneAudits.review': [
      [{ id: 999_999, decisions: [{ lineId: 1, decision: 'approve' }] }, 404],
      [{ id: 1, decisions: [] }, 400],
      [{ id: 1, decisions: [{ lineId: 1, decision: 'maybe' }] }, 400],
    ],
    'droneAudits.refly': [[{ id: 999_999 }, 404]],
    // No layout is published in this fixture, so a well-formed new scenario is refused as a conflict.
    'scenarios.create': [
      [{ name: 'ab' }, 400],
      [{ name: 'Layout B', notes: 'x'.repeat(501) }, 400],
      [{ name: 'Layout B' }, 409],
    ],
    'scenarios.update': [
      [{ id: 999_999, name: 'Layout B', edits: [] }, 404],
      [{ id: 1, name: 'Layout B', edits: [{ kind: 'teleportRack', rackId: 'R-1' }] }, 400],
      [{ id: 1, name: 'Layout B', edits: [{ kind: 'moveRack', rackId: 'R-1', x: 'left', z: 1 }] }, 400],
      [{ id: 1, name: 'Layout B', edits: [{ kind: 'setAisleWidth', aisleId: 'A', width: -1 }] }, 400],
      [{ id: 1, name: 'Layout B', edits: [{ kind: 'moveItem', itemId: 0, fromBin: 'A', toBin: 'B' }] }, 400],
    ],
    'scenarios.remove': [[{ id: 999_999 }, 404]],
    'scenarios.simulate': [
      [{ id: 999_999 }, 404],
      [{ id: 1, days: 0 }, 400],
      [{ id: 1, seed: -5 }, 400],
    ],
    'scenarios.suggestSlotting': [
      [{ id: 999_999 }, 404],
      [{ id: 1, maxBinMoves: 0 }, 400],
    ],
    'scenarios.publish': [
      [{ id: 999_999 }, 404],
      [{ id: 'one' }, 400],
    ],
    'auth.login': [
      [{ username: '', password: 'x' }, 400],
      [{ username: 'tech', password: 'wrong' }, 401],
    ],
    'users.create': [
      [{ username: 'x', displayName: 'X', role: 'technician', password: 'long enough password' }, 400],
      [{ username: 'newbie', displayName: 'N', role: 'boss', password: 'long enough password' }, 400],
      [{ username: 'tech', displayName: 'Dup', role: 'technician', password: 'long enough password' }, 409],
      // The password policy: too short, one of the most common, the username itself.
      [{ username: 'newbie', displayName: 'N', role: 'technician', password: 'longenough' }, 400],
      [{ username: 'newbie', displayName: 'N', role: 'technician', password: 'qwerty123456' }, 400],
      [
        { username: 'maintenance.lead', displayName: 'N', role: 'technician', password: 'maintenance.lead' },
        400,
      ],
    ],
    'users.invite': [
      [{ username: 'x', displayName: 'X', role: 'technician' }, 400],
      [{ username: 'newbie', displayName: 'N', role: 'boss' }, 400],
      [{ username: 'tech', displayName: 'Dup', role: 'technician' }, 409],
    ],
    // The caller is the only administrator: it may neither demote nor disable itself.
    'users.update': [
      [{ id: 999_999, displayName: 'Nobody', role: 'technician' }, 404],
      [{ id: fx.users.technician, displayName: '', role: 'technician' }, 400],
      [{ id: fx.users.admin, displayName: 'Ada Admin', role: 'planner' }, 403],
    ],
    'users.disable': [
      [{ id: 999_999 }, 404],
      [{ id: fx.users.admin }, 403],
    ],
    'users.enable': [
      [{ id: 999_999 }, 404],
      [{ id: fx.users.technician }, 409],
    ],
    'users.issueResetLink': [
      [{ id: 999_999 }, 404],
      [{ id: 'one' }, 400],
    ],
    'users.issueInviteLink': [
      [{ id: 999_999 }, 404],
      [{ id: fx.users.technician }, 409],
    ],
    'account.changePassword': [
      [{ currentPassword: PASSWORD, newPassword: 'short' }, 400],
      [{ currentPassword: PASSWORD, newPassword: 'qwerty123456' }, 400],
      [{ currentPassword: 'not my password at all', newPassword: 'a fine new password' }, 400],
    ],
    'account.redeemToken': [
      [{ token: 'x', password: 'a fine new password' }, 400],
      [{ token: 'x'.repeat(43), password: 'a fine new password' }, 404],
    ],
    'items.create': [
      [
        {
          sku: 'FST-M8-030',
          name: 'Duplicate',
          unit: 'ea',
          category: 'x',
          unitCostCents: 1,
          reorderPoint: 0,
          reorderQty: 0,
          tracking: 'none',
        },
        409,
      ],
      [
        {
          sku: 'NEW-1',
          name: 'Negative cost',
          unit: 'ea',
          category: 'x',
          unitCostCents: -5,
          reorderPoint: 0,
          reorderQty: 0,
          tracking: 'none',
        },
        400,
      ],
    ],
    'items.update': [
      [
        {
          id: 999_999,
          item: {
            sku: 'Z',
            name: 'Nothing',
            unit: 'ea',
            category: 'x',
            unitCostCents: 1,
            reorderPoint: 0,
            reorderQty: 0,
            tracking: 'none',
          },
        },
        404,
      ],
      [
        {
          id: items.bolt,
          item: {
            sku: 'BRG-6204',
            name: 'Steals a SKU',
            unit: 'ea',
            category: 'x',
            unitCostCents: 1,
            reorderPoint: 0,
            reorderQty: 0,
            tracking: 'none',
          },
        },
        409,
      ],
    ],
    'items.setPreferredSupplier': [
      [{ itemId: 999_999, supplierId: null }, 404],
      [{ itemId: items.bolt, supplierId: 999_999 }, 404],
      [{ itemId: items.bolt }, 400],
    ],
    'suppliers.create': [
      [{ name: 'N', leadTimeDays: 1, currency: 'EUR' }, 400],
      [{ name: 'Northgate', leadTimeDays: 1, currency: 'EURO' }, 400],
      [{ name: 'Northgate', leadTimeDays: 1, currency: 'EUR', contacts: [{ name: 'Pat' }] }, 400],
    ],
    'suppliers.update': [
      [{ id: 999_999, supplier: { name: 'Northgate', leadTimeDays: 1, currency: 'EUR' } }, 404],
      [{ id: 1, supplier: { name: 'Northgate', leadTimeDays: 400, currency: 'EUR' } }, 400],
    ],
    'suppliers.archive': [[{ id: 999_999 }, 404]],
    'suppliers.restore': [[{ id: 999_999 }, 404]],
    'suppliers.setPrice': [
      [
        {
          supplierId: 999_999,
          itemId: items.bolt,
          partNumber: 'NG-1',
          priceMinor: 10,
          pack: { unit: 'ea', size: 1 },
        },
        404,
      ],
      [
        {
          supplierId: 1,
          itemId: items.bolt,
          partNumber: 'NG-1',
          priceMinor: -1,
          pack: { unit: 'ea', size: 1 },
        },
        400,
      ],
      [
        {
          supplierId: 1,
          itemId: items.bolt,
          partNumber: 'NG-1',
          priceMinor: 10,
          pack: { unit: 'box', size: 0 },
        },
        400,
      ],
    ],
    'suppliers.removePrice': [[{ supplierId: 999_999, itemId: items.bolt }, 404]],
    'categories.create': [
      [{ name: '' }, 400],
      [{ name: 'x'.repeat(65) }, 400],
      [{ name: 'TEST' }, 409],
    ],
    'categories.update': [
      [{ id: 999_999, category: { name: 'Bearings' } }, 404],
      [{ id: 1, category: { name: '' } }, 400],
    ],
    'categories.archive': [[{ id: 999_999 }, 404]],
    'categories.restore': [[{ id: 999_999 }, 404]],
    'units.create': [
      [{ code: 'big box', name: 'Big box' }, 400],
      [{ code: 'EA', name: 'each again' }, 409],
    ],
    'units.update': [
      [{ id: 999_999, unit: { code: 'tin', name: 'tin' } }, 404],
      [{ id: 1, unit: { code: '', name: 'each' } }, 400],
    ],
    'units.archive': [[{ id: 999_999 }, 404]],
    'units.restore': [[{ id: 999_999 }, 404]],
    'locations.create': [
      [{ code: 'VAN-1', name: 'Service van', kind: 'van', capacity: 0 }, 400],
      [
        {
          code: 'VAN-1',
          name: 'Service van',
          kind: 'van',
          capacity: 5,
          position: { floorId: 'F1', x: 1, z: 1 },
        },
        400,
      ],
      [{ code: 'VAN 1', name: 'Service van', kind: 'truck', capacity: 5 }, 400],
      [{ code: 'a-01-1', name: 'Takes a bin code', kind: 'room', capacity: 5 }, 409],
      // No layout is published in this fixture: there is no floor to stand on.
      [
        {
          code: 'CAB-1',
          name: 'Cabinet',
          kind: 'cabinet',
          capacity: 5,
          position: { floorId: 'F1', x: 1, z: 1 },
        },
        400,
      ],
    ],
    'locations.update': [
      [{ id: 999_999, location: { code: 'VAN-1', name: 'Service van', kind: 'van', capacity: 5 } }, 404],
      [{ id: bins.a, location: { code: 'A-01-1', name: 'A bin', kind: 'room', capacity: 5 } }, 409],
    ],
    'locations.archive': [
      [{ id: 999_999 }, 404],
      [{ id: bins.a }, 409],
    ],
    'locations.restore': [[{ id: 999_999 }, 404]],
    'stock.receive': [
      [{ itemId: items.bolt, locationId: bins.a, qty: 0, idempotencyKey: key }, 400],
      // The bolt has no packs, and a pack must hold whole units.
      [
        {
          itemId: items.bolt,
          locationId: bins.a,
          qty: 2,
          pack: { unit: 'box', size: 100 },
          idempotencyKey: key,
        },
        400,
      ],
      [
        {
          itemId: items.bolt,
          locationId: bins.a,
          qty: 2,
          pack: { unit: 'box', size: 0.5 },
          idempotencyKey: key,
        },
        400,
      ],
      [{ itemId: items.bolt, locationId: 999_999, qty: 5, idempotencyKey: key }, 404],
      [{ itemId: items.bolt, locationId: bins.a, qty: 5, idempotencyKey: 'short' }, 400],
    ],
    'stock.pick': [
      [{ itemId: items.bolt, locationId: bins.a, qty: 100_000, idempotencyKey: key }, 409],
      [{ itemId: items.bolt, locationId: bins.a, qty: 1.5, idempotencyKey: key }, 400],
      [{ itemId: 999_999, locationId: bins.a, qty: 1, idempotencyKey: key }, 404],
    ],
    'stock.putAway': [
      [
        { itemId: items.bolt, fromLocationId: bins.a, toLocationId: bins.a, qty: 1, idempotencyKey: key },
        400,
      ],
    ],
    'stock.transfer': [
      [
        { itemId: items.bolt, fromLocationId: bins.c, toLocationId: bins.a, qty: 1, idempotencyKey: key },
        409,
      ],
    ],
    'stock.count': [[{ itemId: items.bolt, locationId: bins.a, countedQty: -1, idempotencyKey: key }, 400]],
    'stock.adjust': [
      [{ itemId: items.bolt, locationId: bins.a, delta: -5, reason: '', idempotencyKey: key }, 400],
      [{ itemId: items.bolt, locationId: bins.a, delta: -100_000, reason: 'lost', idempotencyKey: key }, 409],
    ],
    'purchasing.createFromSuggestions': [[{ itemIds: [999_999] }, 400]],
    'purchasing.cancel': [
      [{ id: 999_999, reason: 'not needed' }, 404],
      [{ id: 1, reason: '' }, 400],
    ],
    'purchasing.receiveLine': [[{ lineId: 999_999, qty: 1, locationId: bins.a, idempotencyKey: key }, 404]],
    'assets.recordMeter': [[{ assetId: 999_999, value: 10 }, 404]],
    'assets.create': [
      [{ ...asset, tag: 'has space' }, 400],
      [{ ...asset, criticality: 'extreme' }, 400],
      [{ ...asset, placement: { kind: 'bin', locationId: 999_999 } }, 404],
      // No layout is published in this fixture, so there is no twin to stand in.
      [
        {
          ...asset,
          placement: { kind: 'twin', floorId: 'F1', x: 1, z: 1, width: 1, depth: 1, rotationY: 0 },
        },
        400,
      ],
    ],
    'assets.update': [
      [{ id: 999_999, asset }, 404],
      [{ id: 1, asset: { ...asset, installedOn: '2024-02-30' } }, 400],
    ],
    'assets.archive': [[{ id: 999_999 }, 404]],
    'assets.restore': [[{ id: 999_999 }, 404]],
    'plans.create': [
      [{ assetId: 999_999, plan }, 404],
      [{ assetId: 1, plan: { ...plan, intervalDays: null } }, 400],
      [{ assetId: 1, plan: { ...plan, kit: [{ itemId: items.bolt, qty: 0 }] } }, 400],
    ],
    'plans.update': [
      [{ id: 999_999, plan }, 404],
      [{ id: 1, plan: { ...plan, checklist: [''] } }, 400],
    ],
    'plans.archive': [[{ id: 999_999 }, 404]],
    'workOrders.setTask': [
      [{ workOrderId: doneWorkOrder, taskId: 999_999, done: true }, 404],
      [{ workOrderId: doneWorkOrder, taskId: 1, done: 'yes' }, 400],
    ],
    'workOrders.create': [
      [{ title: '' }, 400],
      [{ title: 'Fix it', assetId: 999_999 }, 404],
    ],
    'workOrders.assign': [[{ id: 999_999, assigneeId: fx.users.technician }, 404]],
    'workOrders.transition': [
      [{ id: doneWorkOrder, to: 'in_progress' }, 409],
      [{ id: doneWorkOrder, to: 'finished' }, 400],
    ],
    'workOrders.reservePart': [
      [{ workOrderId: doneWorkOrder, itemId: items.bolt, locationId: bins.a, qty: 1 }, 409],
    ],
    'workOrders.consumePart': [
      [{ workOrderId: doneWorkOrder, partId: 999_999, qty: 1, idempotencyKey: key }, 404],
    ],
    'workOrders.releasePart': [[{ workOrderId: doneWorkOrder, partId: 999_999 }, 404]],
    'twin.publish': [
      [{ document: { version: 2 } }, 400],
      [{ document: 'not a layout' }, 400],
    ],
    'io.exportCsv': [[{ kind: 'secrets' }, 400]],
    'site.update': [
      [{ ...SITE, currency: 'XYZ' }, 400],
      [{ ...SITE, locale: 'not a locale' }, 400],
      [{ ...SITE, timeZone: 'Mars/Olympus_Mons' }, 400],
      [{ ...SITE, units: 'cubits' }, 400],
    ],
    // The fixture has users, so even a well-formed setup is refused.
    'site.setup': [
      [{ site: SITE, admin: { username: 'second', displayName: 'Second', password: 'long enough' } }, 409],
      [{ site: { ...SITE, siteName: '' }, admin: { username: 'x y', displayName: '', password: '' } }, 400],
    ],
    'io.importCsv': [
      [{ kind: 'items', csv: 'sku,name\nX,Y\n', dryRun: false }, 400],
      // An existing SKU with other values, without "update existing".
      [
        {
          kind: 'items',
          csv: 'sku,name,unit,category,unit_cost,reorder_point,reorder_qty\nFST-M8-030,Renamed bolt,ea,test,1,10,50\n',
          dryRun: false,
        },
        400,
      ],
      [
        { kind: 'stock', csv: 'sku,location,on_hand\nFST-M8-030,A-01-1,5\nNOPE,A-01-1,3\n', dryRun: false },
        400,
      ],
    ],
    'audit.verifyExport': [
      [{ checkpoints: '' }, 400],
      [{ checkpoints: 'not json\n' }, 400],
      [{ checkpoints: '{"id":1,"auditId":1,"hash":"00","signedAt":0,"keyId":"x","signature":"y"}' }, 400],
      [{ checkpoints: 'x'.repeat(1_000_001) }, 400],
    ],
  };
}

describe.each(BACKENDS)('bad input on $name', (backend) => {
  const fx = useFixture(backend);
  let doneWorkOrder = 0;
  beforeAll(async () => {
    if (!backend.available) return;
    doneWorkOrder = (await fx().as.technician.workOrders.create.mutate({ title: 'Already finished' })).id;
    await fx().as.technician.workOrders.transition.mutate({ id: doneWorkOrder, to: 'in_progress' });
    await fx().as.technician.workOrders.transition.mutate({ id: doneWorkOrder, to: 'done' });
  });

  test.skipIf(!backend.available)('every mutation with input has bad-input cases', () => {
    const covered = Object.keys(badInputs(fx(), doneWorkOrder));
    expect(mutations.filter((m) => !NO_INPUT.has(m) && !covered.includes(m))).toEqual([]);
  });

  test.skipIf(!backend.available).each(mutations.filter((m) => !NO_INPUT.has(m)))(
    '%s refuses bad input with a 4xx and writes nothing',
    async (path) => {
      const cases: [unknown, number][] = [
        ['not-an-object', 400],
        [{}, 400],
        ...(badInputs(fx(), doneWorkOrder)[path] ?? []),
      ];
      for (const [input, status] of cases) {
        const before = await dbFingerprint(fx().app.services.db);
        const r = await rawCall(fx().app.url, 'mutation', path, input, cookieOf(fx().as.admin));
        expect({ input, status: r.status }).toEqual({ input, status });
        expect(r.body.error?.message.length).toBeGreaterThan(5);
        // Never SQL, stack traces or internals in what the user sees.
        expect(r.body.error?.message).not.toMatch(/SQLITE|SELECT |INSERT |at .*\.ts:\d+/);
        expect(r.body.error?.data?.stack).toBeUndefined();
        expect(await dbFingerprint(fx().app.services.db)).toBe(before);
      }
    },
  );
});
