import { describe, expect, test } from 'vitest';
import type { LiveEvent } from '../../common/live-events.ts';
import { dbFingerprint, ledgerHolds } from '../../tests/support/db-state.ts';
import { useServices } from '../../tests/support/service-harness.ts';

describe('work orders below HTTP', () => {
  const t = useServices();

  /** A bin holding `qty` of a fresh item, and a technician to do the work. */
  async function stocked(qty: number) {
    const { newItem, newBin, newUser, receive } = t().factories;
    const item = await newItem({ name: 'V-belt SPZ 1250' });
    const bin = await newBin();
    await receive(item.id, bin.id, qty);
    return { item, bin, tech: await newUser('technician') };
  }

  test('reserved parts are held from other picks, consumed through the ledger, and the rest released when done', async () => {
    const { services, factories } = t();
    const { item, bin, tech } = await stocked(10);
    const wo = await factories.newWorkOrder({
      assigneeId: tech.id,
      parts: [{ itemId: item.id, locationId: bin.id, qty: 4 }],
    });
    const partId = wo.partIds[0] ?? 0;
    expect(await services.inventory.stockLevel(item.id)).toMatchObject({
      onHand: 10,
      reserved: 4,
      available: 6,
    });
    await expect(
      services.ledger.post({
        op: { kind: 'pick', itemId: item.id, locationId: bin.id, qty: 7 },
        actorId: tech.id,
      }),
    ).rejects.toThrow(
      `Bin ${bin.code} holds 10 ea of V-belt SPZ 1250 (4 reserved for work orders); cannot pick 7`,
    );

    await services.workOrders.transition(wo.id, 'in_progress', '', tech.id);
    const used = await services.workOrders.consumePart(
      { workOrderId: wo.id, partId, qty: 3, idempotencyKey: 'wo-consume-1' },
      tech.id,
    );
    expect(used.replayed).toBe(false);
    const [pick] = await services.inventory.movements(item.id, null, 1);
    expect(pick).toMatchObject({ kind: 'pick', qty: -3, refType: 'work_order', refId: wo.id });
    expect(await services.inventory.stockLevel(item.id)).toMatchObject({ onHand: 7, reserved: 1 });

    await services.workOrders.transition(wo.id, 'done', 'Belt replaced', tech.id);
    expect(await services.inventory.stockLevel(item.id)).toMatchObject({
      onHand: 7,
      reserved: 0,
      available: 7,
    });
    const done = await services.workOrders.get(wo.id);
    expect(done).toMatchObject({ status: 'done', completedAt: t().clock.now() });
    expect(done.parts).toEqual([expect.objectContaining({ qtyReserved: 3, qtyConsumed: 3 })]);
    expect(done.events.map((e) => e.kind)).toEqual([
      'created',
      'assigned',
      'part_reserved',
      'status',
      'part_consumed',
      'status',
    ]);
    expect(await ledgerHolds(services.db)).toBe(true);
  });

  test('a consume replayed with the same idempotency key is written once', async () => {
    const { services, factories } = t();
    const { item, bin, tech } = await stocked(5);
    const wo = await factories.newWorkOrder({ parts: [{ itemId: item.id, locationId: bin.id, qty: 2 }] });
    await services.workOrders.transition(wo.id, 'in_progress', '', tech.id);
    const input = { workOrderId: wo.id, partId: wo.partIds[0] ?? 0, qty: 2, idempotencyKey: 'wo-replay-1' };
    const first = await services.workOrders.consumePart(input, tech.id);
    const before = await dbFingerprint(services.db);
    const again = await services.workOrders.consumePart(input, tech.id);
    expect(again).toEqual({ ...first, replayed: true });
    expect(await dbFingerprint(services.db)).toBe(before);
    expect((await services.inventory.stockLevel(item.id)).onHand).toBe(3);
  });

  test('a refused consume writes nothing and tells no screen', async () => {
    const { services, factories } = t();
    const { item, bin, tech } = await stocked(2);
    const wo = await factories.newWorkOrder({ parts: [{ itemId: item.id, locationId: bin.id, qty: 2 }] });
    const partId = wo.partIds[0] ?? 0;
    const heard: LiveEvent[] = [];
    const stop = services.events.listen((e) => heard.push(e));
    try {
      const before = await dbFingerprint(services.db);
      // Not started yet.
      await expect(
        services.workOrders.consumePart(
          { workOrderId: wo.id, partId, qty: 1, idempotencyKey: 'wo-early-1' },
          tech.id,
        ),
      ).rejects.toThrow(`Start work order ${wo.id} before consuming its parts`);
      expect(await dbFingerprint(services.db)).toBe(before);

      await services.workOrders.transition(wo.id, 'in_progress', '', tech.id);
      heard.length = 0;
      const started = await dbFingerprint(services.db);
      // More than the job reserved (and than the bin holds): refused in the job's terms, so the part
      // line and history stay as they were.
      await expect(
        services.workOrders.consumePart(
          { workOrderId: wo.id, partId, qty: 5, idempotencyKey: 'wo-too-many-1' },
          tech.id,
        ),
      ).rejects.toThrow('Only 2 reserved for this job; reserve more before using 5');
      expect(await dbFingerprint(services.db)).toBe(started);
      expect(heard).toEqual([]);
      expect((await services.workOrders.get(wo.id)).parts[0]).toMatchObject({ qtyConsumed: 0 });
      // The refused key was not spent: the same key works for a request that can be served.
      await services.workOrders.consumePart(
        { workOrderId: wo.id, partId, qty: 2, idempotencyKey: 'wo-too-many-1' },
        tech.id,
      );
      expect((await services.inventory.stockLevel(item.id)).onHand).toBe(0);
    } finally {
      stop();
    }
  });

  test('cancelling releases every reservation, and a finished order takes no more parts', async () => {
    const { services, factories } = t();
    const { item, bin, tech } = await stocked(6);
    const wo = await factories.newWorkOrder({
      assigneeId: tech.id,
      parts: [
        { itemId: item.id, locationId: bin.id, qty: 2 },
        { itemId: item.id, locationId: bin.id, qty: 3 },
      ],
    });
    expect((await services.inventory.stockLevel(item.id)).reserved).toBe(5);
    await services.workOrders.transition(wo.id, 'cancelled', 'Duplicate', tech.id);
    expect(await services.inventory.stockLevel(item.id)).toMatchObject({ onHand: 6, reserved: 0 });
    await expect(
      services.workOrders.reservePart(
        { workOrderId: wo.id, itemId: item.id, locationId: bin.id, qty: 1 },
        tech.id,
      ),
    ).rejects.toThrow(`Work order ${wo.id} is cancelled; parts can no longer be reserved`);
    expect((await services.inventory.stockLevel(item.id)).reserved).toBe(0);
  });

  test('technicians change only their own work orders: transition, reserve, consume and release are refused on another’s', async () => {
    const { services, factories } = t();
    const { item, bin } = await stocked(10);
    const sipho = await factories.newUser('technician', { displayName: 'Sipho Dlamini' });
    const other = await factories.newUser('technician');
    const planner = await factories.newUser('planner');
    const wo = await factories.newWorkOrder({
      assigneeId: sipho.id,
      parts: [{ itemId: item.id, locationId: bin.id, qty: 2 }],
    });
    const partId = wo.partIds[0] ?? 0;
    await services.workOrders.transition(wo.id, 'in_progress', '', sipho.id);

    const refusal = 'This work order is assigned to Sipho Dlamini; only they or a planner can change it';
    const before = await dbFingerprint(services.db);
    await expect(services.workOrders.transition(wo.id, 'on_hold', '', other.id)).rejects.toThrow(refusal);
    await expect(
      services.workOrders.reservePart(
        { workOrderId: wo.id, itemId: item.id, locationId: bin.id, qty: 1 },
        other.id,
      ),
    ).rejects.toThrow(refusal);
    await expect(
      services.workOrders.consumePart(
        { workOrderId: wo.id, partId, qty: 1, idempotencyKey: 'not-mine-1' },
        other.id,
      ),
    ).rejects.toMatchObject({ kind: 'forbidden', message: refusal });
    await expect(services.workOrders.releasePart({ workOrderId: wo.id, partId }, other.id)).rejects.toThrow(
      refusal,
    );
    expect(await dbFingerprint(services.db)).toBe(before);

    // The assignee and any planner may.
    await services.workOrders.consumePart(
      { workOrderId: wo.id, partId, qty: 1, idempotencyKey: 'mine-1' },
      sipho.id,
    );
    await services.workOrders.releasePart({ workOrderId: wo.id, partId }, planner.id);
    await services.workOrders.transition(wo.id, 'on_hold', 'Waiting for the shutdown', planner.id);
    expect(await services.workOrders.get(wo.id)).toMatchObject({ status: 'on_hold', assigneeId: sipho.id });
    expect(await services.inventory.stockLevel(item.id)).toMatchObject({ onHand: 9, reserved: 0 });
  });

  test('work is not given to a disabled account; once enabled again it can be', async () => {
    const { services, factories } = t();
    const admin = await factories.newUser('admin');
    const planner = await factories.newUser('planner');
    const leaver = await factories.newUser('technician');
    const wo = await factories.newWorkOrder();
    await services.userAdmin.disable({ ...admin, id: admin.id }, leaver.id);
    await expect(services.workOrders.assign(wo.id, leaver.id, planner.id)).rejects.toThrow(
      `${leaver.displayName}'s account is disabled; assign the work order to someone who can sign in`,
    );
    expect(await services.workOrders.get(wo.id)).toMatchObject({ status: 'open', assigneeId: null });
    await services.userAdmin.enable({ ...admin, id: admin.id }, leaver.id);
    await services.workOrders.assign(wo.id, leaver.id, planner.id);
    expect(await services.workOrders.get(wo.id)).toMatchObject({ status: 'assigned', assigneeId: leaver.id });
  });

  test('a technician takes an unassigned work order by acting on it; then it is theirs alone', async () => {
    const { services, factories } = t();
    const { item, bin, tech } = await stocked(3);
    const other = await factories.newUser('technician');
    const wo = await factories.newWorkOrder();
    await services.workOrders.reservePart(
      { workOrderId: wo.id, itemId: item.id, locationId: bin.id, qty: 1 },
      tech.id,
    );
    const taken = await services.workOrders.get(wo.id);
    expect(taken).toMatchObject({ status: 'assigned', assigneeId: tech.id, assignee: tech.displayName });
    expect(taken.events.map((e) => [e.kind, e.note])).toEqual([
      ['created', ''],
      ['assigned', `Taken by ${tech.displayName}`],
      ['part_reserved', `Reserved 1 from ${bin.code}`],
    ]);
    await expect(services.workOrders.transition(wo.id, 'in_progress', '', other.id)).rejects.toThrow(
      `This work order is assigned to ${tech.displayName}; only they or a planner can change it`,
    );
    // "Take it" on another unassigned one: it becomes theirs, assigned, with one history entry.
    const next = await factories.newWorkOrder();
    await services.workOrders.transition(next.id, 'assigned', '', other.id);
    const second = await services.workOrders.get(next.id);
    expect(second).toMatchObject({ status: 'assigned', assigneeId: other.id });
    expect(second.events.map((e) => e.kind)).toEqual(['created', 'assigned']);
    // A move the status machine refuses takes nothing, and is judged from where the work order was.
    const third = await factories.newWorkOrder();
    await expect(services.workOrders.transition(third.id, 'done', '', other.id)).rejects.toThrow(
      `Work order ${third.id} is open; it can go to assigned, in progress, cancelled, not done`,
    );
    expect(await services.workOrders.get(third.id)).toMatchObject({ status: 'open', assigneeId: null });
  });
});
