import { describe, expect, test } from 'vitest';
import { dbFingerprint } from '../../tests/support/db-state.ts';
import { DAY_MS, useServices } from '../../tests/support/service-harness.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';

const FREE_SPOT = { kind: 'twin' as const, floorId: 'F1', x: 6, z: 9, width: 1.2, depth: 0.8, rotationY: 0 };

// The scheduler looks at every plan, so each test starts from an empty database.
describe('the asset register (AssetService) below HTTP', () => {
  const t = useServices({ each: true });

  test('a register tag is unique whatever its case, archived assets included', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    const pump = await factories.newAsset({ tag: 'P-101', name: 'Chilled water pump 1' });
    const other = await factories.newAsset({ tag: 'P-102' });
    await expect(factories.newAsset({ tag: 'p-101' })).rejects.toThrow(
      'Tag p-101 is already used by Chilled water pump 1 (P-101)',
    );
    const { id: _id, ...fields } = other;
    await expect(services.assets.update(other.id, { ...fields, tag: 'P-101' }, planner.id)).rejects.toThrow(
      'Tag P-101 is already used by Chilled water pump 1 (P-101)',
    );
    await services.assets.archive(pump.id, planner.id);
    await expect(factories.newAsset({ tag: 'P-101' })).rejects.toThrow(
      'Tag P-101 is already used by Chilled water pump 1 (P-101, archived)',
    );
    // Renaming keeps its own tag (in another case) and refuses to wind a meter back.
    await services.assets.update(other.id, { ...fields, tag: 'p-102', name: 'Condenser pump 2' }, planner.id);
    expect(await services.assets.get(other.id)).toMatchObject({ tag: 'p-102', name: 'Condenser pump 2' });
  });

  test('editing cannot wind a meter back; a higher reading raises the work it makes due', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    const { id, ...fields } = await factories.newAsset({
      tag: 'CMP-1',
      meterUnit: 'hours',
      meterValue: 1000,
    });
    await factories.newMaintenancePlan(id, {
      title: '500 h service',
      intervalDays: null,
      intervalMeter: 500,
    });
    await expect(services.assets.update(id, { ...fields, meterValue: 900 }, planner.id)).rejects.toThrow(
      'CMP-1 already reads 1000 hours; a meter cannot go back',
    );
    const { createdWorkOrders } = await services.assets.update(
      id,
      { ...fields, meterValue: 1500 },
      planner.id,
    );
    expect(createdWorkOrders).toHaveLength(1);
  });

  test('archiving keeps the history readable, stops the plans raising work and leaves pickers and voice; restoring undoes it', async () => {
    const { services, factories, clock } = t();
    const planner = await factories.newUser('planner');
    const tech = await factories.newUser('technician');
    const filter = await factories.newItem({ name: 'Oil filter' });
    const bin = await factories.newBin();
    await factories.receive(filter.id, bin.id, 10);
    const asset = await factories.newAsset({
      tag: 'CMP-9',
      name: 'Old compressor',
      aliases: ['old compressor'],
    });
    await factories.newMaintenancePlan(asset.id, {
      title: 'Oil change',
      intervalDays: 30,
      lastDoneAt: clock.now() - 40 * DAY_MS,
    });
    const [woId = 0] = await services.assets.runScheduler();
    const partId = await services.workOrders.reservePart(
      { workOrderId: woId, itemId: filter.id, locationId: bin.id, qty: 1 },
      tech.id,
    );
    await services.workOrders.transition(woId, 'in_progress', '', tech.id);
    await services.workOrders.consumePart(
      { workOrderId: woId, partId, qty: 1, idempotencyKey: 'archive-history-1' },
      tech.id,
    );
    await services.workOrders.transition(woId, 'done', 'Oil changed', tech.id);

    clock.advance(40 * DAY_MS);
    await services.assets.archive(asset.id, planner.id);
    expect(await services.assets.runScheduler()).toEqual([]);

    const archived = await services.assets.get(asset.id);
    expect(archived).toMatchObject({ tag: 'CMP-9', archivedAt: clock.now() });
    expect(archived.plans).toEqual([expect.objectContaining({ title: 'Oil change', due: false })]);
    expect(await services.workOrders.list({ assetId: asset.id, limit: 10 })).toEqual([
      expect.objectContaining({ id: woId, status: 'done', assetName: 'Old compressor' }),
    ]);
    expect((await services.workOrders.get(woId)).parts).toEqual([
      expect.objectContaining({ qtyReserved: 1, qtyConsumed: 1 }),
    ]);
    expect(await services.inventory.movements(filter.id, null, 5)).toContainEqual(
      expect.objectContaining({ kind: 'pick', qty: -1, refType: 'work_order', refId: woId }),
    );
    const trail = (await services.audit.recent(100)).filter(
      (e) => e.entity === 'asset' && e.entityId === String(asset.id),
    );
    expect(trail.map((e) => e.action)).toEqual(['asset.archive', 'asset.create']);

    // Off the register: not listed, not in the voice vocabulary, no new work raised on it.
    expect((await services.assets.list()).map((a) => a.tag)).not.toContain('CMP-9');
    expect((await services.assets.list({ includeArchived: true })).map((a) => a.tag)).toContain('CMP-9');
    expect((await services.voice.refresh()).assets.map((a) => a.tag)).not.toContain('CMP-9');
    await expect(
      services.workOrders.create({ title: 'Noise', assetId: asset.id, priority: 'low' }, tech.id),
    ).rejects.toThrow('CMP-9 is archived; restore it before raising work on it');

    await services.assets.restore(asset.id, planner.id);
    expect((await services.assets.list()).map((a) => a.tag)).toContain('CMP-9');
    expect(await services.assets.runScheduler()).toHaveLength(1);
  });

  test('archiving is refused, with the reason, while work on the asset is open', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    const asset = await factories.newAsset({ tag: 'AHU-3' });
    const first = await factories.newWorkOrder({ assetId: asset.id });
    const second = await factories.newWorkOrder({ assetId: asset.id });
    const before = await dbFingerprint(services.db);
    await expect(services.assets.archive(asset.id, planner.id)).rejects.toThrow(
      `AHU-3 has 2 open work orders (#${first.id}, #${second.id}); finish or cancel them before archiving`,
    );
    expect(await dbFingerprint(services.db)).toBe(before);
  });

  test('a spot in the twin publishes a revision that guidance routes to; a rack is refused with the reason', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    await services.twin.publish(demoWarehouse(), 'Demo', planner.id);
    const asset = await factories.newAsset({ tag: 'P-7', name: 'Sump pump', placement: FREE_SPOT });
    const current = await services.twin.current();
    expect(current?.note).toBe('Asset P-7 placed');
    expect(current?.facility.assets).toEqual([
      expect.objectContaining({
        id: 'A-P-7',
        assetTag: 'P-7',
        name: 'Sump pump',
        size: expect.objectContaining({ w: 1.2, d: 0.8 }),
      }),
    ]);
    expect((await services.assets.get(asset.id)).placement).toEqual({ ...FREE_SPOT, kind: 'twin' });
    const route = await services.navigation.route({ kind: 'dock', code: 'D1' }, { kind: 'asset', id: 'P-7' });
    expect(route.ok).toBe(true);

    const { id, ...fields } = asset;
    const onRack = { ...FREE_SPOT, x: 2.3, z: 20 };
    const before = await dbFingerprint(services.db);
    await expect(services.assets.update(id, { ...fields, placement: onRack }, planner.id)).rejects.toThrow(
      'P-7 cannot stand there: It would stand on rack R-A-1-R',
    );
    expect(await dbFingerprint(services.db)).toBe(before);
    // Saving it unchanged publishes nothing new.
    await services.assets.update(id, fields, planner.id);
    expect((await services.twin.current())?.revisionId).toBe(current?.revisionId);
  });

  test('an asset kept at a bin or standing in a zone is guided to there, and leaves the twin', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    await services.twin.publish(demoWarehouse(), 'Demo', planner.id);
    const { id, ...fields } = await factories.newAsset({
      tag: 'VAC-1',
      name: 'Spare vacuum pump',
      placement: FREE_SPOT,
    });
    const bin = await services.inventory.location({ code: 'C-04-1' });

    await services.assets.update(
      id,
      { ...fields, placement: { kind: 'bin', locationId: bin.id } },
      planner.id,
    );
    expect((await services.twin.current())?.facility.assets).toEqual([]);
    expect((await services.assets.get(id)).placement).toEqual({
      kind: 'bin',
      locationId: bin.id,
      code: 'C-04-1',
    });
    const toBin = await services.navigation.route(
      { kind: 'dock', code: 'D1' },
      { kind: 'bin', code: 'C-04-1' },
    );
    const toAsset = await services.navigation.route(
      { kind: 'dock', code: 'D1' },
      { kind: 'asset', id: 'VAC-1' },
    );
    if (!toBin.ok || !toAsset.ok) throw new Error('expected routes');
    expect(toAsset.points.at(-1)).toEqual(toBin.points.at(-1));

    await services.assets.update(
      id,
      { ...fields, placement: { kind: 'zone', zoneId: 'Z-STAGING' } },
      planner.id,
    );
    expect((await services.assets.get(id)).placement).toEqual({
      kind: 'zone',
      zoneId: 'Z-STAGING',
      zoneName: 'Docks and staging',
    });
    const toZone = await services.navigation.route(
      { kind: 'dock', code: 'D1' },
      { kind: 'asset', id: 'vac-1' },
    );
    expect(toZone.ok).toBe(true);
    await expect(
      services.assets.update(id, { ...fields, placement: { kind: 'zone', zoneId: 'Z-NOWHERE' } }, planner.id),
    ).rejects.toThrow('The current layout has no zone Z-NOWHERE');
  });
});
