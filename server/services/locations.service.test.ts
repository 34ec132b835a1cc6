import { describe, expect, test } from 'vitest';
import { dbFingerprint, ledgerHolds } from '../../tests/support/db-state.ts';
import { useServices } from '../../tests/support/service-harness.ts';
import { generateWarehouse } from '../../twin-models/generate/warehouse.ts';

/** A small layout: one floor 9.5 x 21 m, aisles A and B of 8 bays x 2 levels, dock D1. */
const layout = () =>
  generateWarehouse({ rows: 2, baysPerRow: 4, levels: 2, docks: 1, workstations: 0, crossAisleEvery: 4 }, 1);

describe('cabinets, rooms, vans and other areas below HTTP', () => {
  const t = useServices({ each: true });

  test('a van has no place; a cabinet stands at a point on a floor of the live layout', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    const van = await factories.newManualLocation({ code: 'van-2', name: 'Service van 2' });
    expect(van).toMatchObject({
      code: 'VAN-2',
      kind: 'van',
      name: 'Service van 2',
      x: null,
      z: null,
      active: true,
    });

    const cabinet = {
      code: 'CAB-1',
      name: 'Tool cabinet',
      kind: 'cabinet' as const,
      description: 'By the dock',
      capacity: 40,
    };
    await expect(
      services.locations.create({ ...cabinet, position: { floorId: 'F1', x: 2, z: 1 } }, planner.id),
    ).rejects.toThrow('No facility layout is published yet, so there is no floor to place it on');
    await services.twin.publish(layout(), 'small', planner.id);
    await expect(
      services.locations.create({ ...cabinet, position: { floorId: 'F9', x: 2, z: 1 } }, planner.id),
    ).rejects.toThrow('The layout has no floor "F9"; it has F1');
    await expect(
      services.locations.create({ ...cabinet, position: { floorId: 'F1', x: 30, z: 1 } }, planner.id),
    ).rejects.toThrow('(30, 1) is off Ground floor, which spans x 0–9.5 m and z 0–21 m');
    const id = await services.locations.create(
      { ...cabinet, position: { floorId: 'F1', x: 2, z: 1 } },
      planner.id,
    );
    expect(await services.inventory.location({ id })).toMatchObject({
      code: 'CAB-1',
      kind: 'cabinet',
      floorId: 'F1',
      x: 2,
      y: 0,
      z: 1,
      description: 'By the dock',
    });
    expect((await services.locations.listManual()).map((l) => l.code)).toEqual(['CAB-1', 'VAN-2']);
    const [entry] = await services.audit.recent(1);
    expect(entry).toMatchObject({ action: 'location.create', entity: 'location', entityId: String(id) });
  });

  test('codes are unique across every location, bins included; bins are not edited here', async () => {
    const { services, factories } = t();
    const bin = await factories.newBin({ code: 'A-01-1' });
    const before = await dbFingerprint(services.db);
    await expect(factories.newManualLocation({ code: 'a-01-1' })).rejects.toThrow(
      'The code A-01-1 is already used by bin A-01-1',
    );
    expect(await dbFingerprint(services.db)).toBe(before);
    await expect(
      services.locations.update(
        bin.id,
        { code: 'A-01-1', name: 'Mine now', kind: 'room', description: '', position: null, capacity: 5 },
        1,
      ),
    ).rejects.toThrow('Bin A-01-1 comes from the facility layout; change it there, not here');
    await expect(services.locations.archive(bin.id, 1)).rejects.toThrow('comes from the facility layout');
  });

  test('it is a ledger location: stock goes in and out, and it cannot be archived while it holds or reserves any', async () => {
    const { services, factories } = t();
    const van = await factories.newManualLocation({ code: 'VAN-1' });
    const bin = await factories.newBin();
    const item = await factories.newItem({ name: 'M8 x 30 hex bolt' });
    await factories.receive(item.id, van.id, 40);
    const before = await dbFingerprint(services.db);
    await expect(services.locations.archive(van.id, 1)).rejects.toThrow(
      'Van VAN-1 still holds 40 ea of M8 x 30 hex bolt; move the stock out before archiving it',
    );
    expect(await dbFingerprint(services.db)).toBe(before);

    await services.ledger.post({
      op: { kind: 'transfer', itemId: item.id, fromLocationId: van.id, toLocationId: bin.id, qty: 40 },
      actorId: 1,
    });
    // A work order holding parts there counts too.
    await factories.receive(item.id, van.id, 3);
    await factories.newWorkOrder({ parts: [{ itemId: item.id, locationId: van.id, qty: 3 }] });
    await expect(services.locations.archive(van.id, 1)).rejects.toThrow(
      'Van VAN-1 still holds 3 ea of M8 x 30 hex bolt (3 reserved)',
    );
    expect(await ledgerHolds(services.db)).toBe(true);

    const empty = await factories.newManualLocation({ code: 'ROOM-1', kind: 'room' });
    await services.locations.archive(empty.id, 1);
    expect((await services.locations.listManual()).find((l) => l.code === 'ROOM-1')?.active).toBe(false);
    await expect(factories.receive(item.id, empty.id, 1)).rejects.toThrow(
      'ROOM-1 is retired and cannot take stock',
    );
    await services.locations.restore(empty.id, 1);
    await factories.receive(item.id, empty.id, 1);
  });

  test('publishing a layout never retires or moves hand-kept locations, and may not take their codes', async () => {
    const { services, factories } = t();
    const planner = await factories.newUser('planner');
    await services.twin.publish(layout(), 'first', planner.id);
    const room = await factories.newManualLocation({
      code: 'ROOM-2',
      kind: 'room',
      name: 'Spares room',
      position: { floorId: 'F1', x: 8, z: 20 },
    });
    const van = await factories.newManualLocation({ code: 'VAN-3' });
    const item = await factories.newItem();
    await factories.receive(item.id, van.id, 12);

    // A different layout (fewer bays): bins are retired and re-posed, the room and the van are not.
    await services.twin.publish(
      generateWarehouse(
        { rows: 2, baysPerRow: 2, levels: 1, docks: 1, workstations: 0, crossAisleEvery: 2 },
        2,
      ),
      'smaller',
      planner.id,
    );
    expect(await services.inventory.location({ id: room.id })).toMatchObject({
      code: 'ROOM-2',
      kind: 'room',
      active: true,
      floorId: 'F1',
      x: 8,
      z: 20,
    });
    expect(await services.inventory.location({ id: van.id })).toMatchObject({
      active: true,
      x: null,
      contents: [{ itemId: item.id, onHand: 12 }],
    });
    expect((await services.inventory.location({ code: 'B-08-2' })).active).toBe(false);

    // A layout whose bin would take the room's code is refused, naming it, and changes nothing.
    const clash = layout();
    clash.docks = clash.docks.map((d) => ({ ...d, code: 'ROOM-2' }));
    const before = await dbFingerprint(services.db);
    await expect(services.twin.publish(clash, 'clash', planner.id)).rejects.toThrow(
      "This layout's bins or docks use 1 code(s) of hand-kept locations: ROOM-2. Rename those locations under Setup → Locations first.",
    );
    expect(await dbFingerprint(services.db)).toBe(before);
  });

  test('guidance walks to a placed cabinet and says a van is not placed in the twin', async () => {
    const { services, factories } = t();
    await services.twin.publish(layout(), 'first', (await factories.newUser('planner')).id);
    await factories.newManualLocation({
      code: 'CAB-2',
      kind: 'cabinet',
      name: 'Fuse cabinet',
      position: { floorId: 'F1', x: 1, z: 19 },
    });
    await factories.newManualLocation({ code: 'VAN-4', name: 'Service van 4' });
    const toCabinet = await services.navigation.route(
      { kind: 'dock', code: 'D1' },
      { kind: 'bin', code: 'CAB-2' },
    );
    expect(toCabinet.ok).toBe(true);
    if (toCabinet.ok) {
      const end = toCabinet.points.at(-1);
      expect(Math.hypot((end?.x ?? 0) - 1, (end?.z ?? 0) - 19)).toBeLessThan(1.5);
    }
    expect(
      await services.navigation.route({ kind: 'dock', code: 'D1' }, { kind: 'bin', code: 'VAN-4' }),
    ).toEqual({
      ok: false,
      reason: 'Van VAN-4 (Service van 4) is not placed in the twin, so there is no route to it',
    });
  });
});
