import { describe, expect, test } from 'vitest';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { dbFingerprint, ledgerHolds } from '../support/db-state.ts';
import { rawCall } from '../support/raw-call.ts';
import { cookieOf } from '../support/test-app.ts';

type Issue = { path: string; message: string };

describe.each(BACKENDS)('supply masters over HTTP on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)('everyone reads the masters; only planners change them', async () => {
    const { as } = fx();
    expect((await as.technician.units.list.query()).map((u) => u.code)).toContain('ea');
    expect((await as.technician.categories.list.query()).map((c) => c.name)).toContain('test');
    expect(await as.technician.suppliers.list.query()).toEqual(expect.any(Array));
    expect(await as.technician.locations.listManual.query()).toEqual(expect.any(Array));
    const before = await dbFingerprint(fx().app.services.db);
    await expect(
      as.technician.suppliers.create.mutate({ name: 'Northgate', leadTimeDays: 2, currency: 'EUR' }),
    ).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    await expect(
      as.technician.locations.create.mutate({ code: 'VAN-9', name: 'Van', kind: 'van', capacity: 5 }),
    ).rejects.toMatchObject({
      data: { code: 'FORBIDDEN' },
    });
    expect(await dbFingerprint(fx().app.services.db)).toBe(before);
  });

  test.skipIf(!backend.available)('bad input is a 400 naming each field, and changes nothing', async () => {
    const before = await dbFingerprint(fx().app.services.db);
    const call = (path: string, input: unknown) =>
      rawCall(fx().app.url, 'mutation', path, input, cookieOf(fx().as.planner)) as Promise<{
        status: number;
        body: { error?: { message: string; data?: { issues?: Issue[] } } };
      }>;
    const supplier = await call('suppliers.create', {
      name: 'Northgate Fasteners',
      contacts: [{ name: 'Orders', email: 'orders@' }],
      leadTimeDays: 2.5,
      currency: 'EURO',
    });
    expect(supplier.status).toBe(400);
    expect(supplier.body.error?.data?.issues?.map((i) => i.path)).toEqual([
      'contacts.0.email',
      'leadTimeDays',
      'currency',
    ]);
    expect(supplier.body.error?.message).toContain(
      'currency: Use an ISO 4217 currency code such as EUR, USD or GBP',
    );

    const van = await call('locations.create', {
      code: 'VAN-2',
      name: 'Service van 2',
      kind: 'van',
      capacity: 500,
      position: { floorId: 'F1', x: 1, z: 2 },
    });
    expect(van.status).toBe(400);
    expect(van.body.error?.data?.issues).toEqual([
      { path: 'position', message: 'A van moves around; it has no place in the twin' },
    ]);

    const unit = await call('units.create', { code: 'x'.repeat(17), name: '' });
    expect(unit.body.error?.data?.issues?.map((i) => i.path)).toEqual(['code', 'name']);
    expect(await dbFingerprint(fx().app.services.db)).toBe(before);
  });

  test.skipIf(!backend.available)(
    'a planner sets up a supplier price in boxes and a van; 2 boxes received there are 200 ea',
    async () => {
      const { as, items } = fx();
      const { id: supplierId } = await as.planner.suppliers.create.mutate({
        name: 'Boltline Industrial',
        contacts: [{ name: 'Orders desk', email: 'orders@boltline.example' }],
        leadTimeDays: 3,
        currency: 'EUR',
      });
      const bolt = await as.planner.items.get.query({ id: items.bolt });
      await as.planner.items.update.mutate({
        id: items.bolt,
        item: { ...bolt, packs: [{ unit: 'box', size: 100 }] },
      });
      await as.planner.suppliers.setPrice.mutate({
        supplierId,
        itemId: items.bolt,
        partNumber: 'BL-M8-30',
        priceMinor: 1250,
        pack: { unit: 'box', size: 100 },
      });
      await as.planner.items.setPreferredSupplier.mutate({ itemId: items.bolt, supplierId });
      const { id: vanId } = await as.planner.locations.create.mutate({
        code: 'van-7',
        name: 'Service van 7',
        kind: 'van',
        capacity: 5000,
      });
      expect(await as.technician.items.get.query({ id: items.bolt })).toMatchObject({
        supplier: { id: supplierId, name: 'Boltline Industrial' },
        packs: [{ unit: 'box', size: 100 }],
        prices: [
          {
            supplierId,
            partNumber: 'BL-M8-30',
            priceMinor: 1250,
            currency: 'EUR',
            pack: { unit: 'box', size: 100 },
          },
        ],
      });
      const receipt = await as.technician.stock.receive.mutate({
        itemId: items.bolt,
        locationId: vanId,
        qty: 2,
        pack: { unit: 'box', size: 100 },
        idempotencyKey: 'http-two-boxes-1',
      });
      expect(receipt.stock).toMatchObject([{ code: 'VAN-7', onHand: 200 }]);
      expect(await as.technician.locations.get.query({ code: 'VAN-7' })).toMatchObject({
        kind: 'van',
        name: 'Service van 7',
        contents: [{ itemId: items.bolt, onHand: 200 }],
      });
      expect(await ledgerHolds(fx().app.services.db)).toBe(true);
    },
  );
});
