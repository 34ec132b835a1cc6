import { describe, expect, test } from 'vitest';
import { dbFingerprint, ledgerHolds } from '../../tests/support/db-state.ts';
import { DAY_MS, useServices } from '../../tests/support/service-harness.ts';

// The scheduler looks at every plan, so each test starts from an empty database.
describe('maintenance plans (PlanService) and the work orders they raise, below HTTP', () => {
  const t = useServices({ each: true });

  /** A compressor with a due monthly service: 6 oil filters (3 + 5 free in two bins), a gasket none has. */
  async function duePlan() {
    const { factories, clock } = t();
    const filter = await factories.newItem({ name: 'Oil filter' });
    const gasket = await factories.newItem({ name: 'Sump gasket' });
    const small = await factories.newBin({ code: 'K-01-1' });
    const big = await factories.newBin({ code: 'K-02-1' });
    await factories.receive(filter.id, small.id, 3);
    await factories.receive(filter.id, big.id, 5);
    const asset = await factories.newAsset({ tag: 'CMP-4', name: 'Air compressor 4' });
    const plan = await factories.newMaintenancePlan(asset.id, {
      title: 'Monthly service',
      intervalDays: 30,
      lastDoneAt: clock.now() - 31 * DAY_MS,
      checklist: ['Isolate and lock off', 'Change oil and filter', 'Check belt tension'],
      estimatedHours: 2.5,
      kit: [
        { itemId: filter.id, qty: 6 },
        { itemId: gasket.id, qty: 1 },
      ],
    });
    return { filter, gasket, small, big, asset, plan };
  }

  test('a due plan raises its work order with the checklist, the hours and the kit reserved from the fullest bins', async () => {
    const { services } = t();
    const { filter, small, big, asset } = await duePlan();
    const [woId = 0, ...more] = await services.assets.runScheduler();
    expect(more).toEqual([]);

    const wo = await services.workOrders.get(woId);
    expect(wo).toMatchObject({
      title: 'Monthly service — CMP-4',
      assetId: asset.id,
      estimatedHours: 2.5,
      description: 'Raised by the maintenance schedule.\nKit short: 1 of 1 Sump gasket.',
    });
    expect(wo.tasks.map((task) => [task.text, task.doneAt])).toEqual([
      ['Isolate and lock off', null],
      ['Change oil and filter', null],
      ['Check belt tension', null],
    ]);
    // Most free first: all 5 from the big bin, the last one from the small bin.
    expect(wo.parts.map((p) => [p.code, p.qtyReserved])).toEqual([
      [big.code, 5],
      [small.code, 1],
    ]);
    expect(wo.events.at(-1)).toMatchObject({
      kind: 'kit',
      note: `Kit reserved: 5 Oil filter from ${big.code}; 1 Oil filter from ${small.code}. Kit short: 1 of 1 Sump gasket`,
    });
    expect(await services.inventory.stockLevel(filter.id)).toMatchObject({
      onHand: 8,
      reserved: 6,
      available: 2,
    });

    // While it is open, running again raises nothing and reserves nothing more.
    const before = await dbFingerprint(services.db);
    expect(await services.assets.runScheduler()).toEqual([]);
    expect(await dbFingerprint(services.db)).toBe(before);
    expect(await ledgerHolds(services.db)).toBe(true);
  });

  test('ticking tasks is recorded in the history; a change to the plan affects the next work order, not the open one', async () => {
    const { services, factories, clock } = t();
    const { plan, filter } = await duePlan();
    const tech = await factories.newUser('technician', { displayName: 'Sipho Dlamini' });
    const planner = await factories.newUser('planner');
    const [woId = 0] = await services.assets.runScheduler();
    const [first] = (await services.workOrders.get(woId)).tasks;
    await services.workOrders.setTask({ workOrderId: woId, taskId: first?.id ?? 0, done: true }, tech.id);
    const ticked = await services.workOrders.get(woId);
    expect(ticked.tasks[0]).toMatchObject({ doneAt: clock.now(), doneBy: 'Sipho Dlamini' });
    expect(ticked.events.slice(-2).map((e) => [e.kind, e.note, e.actor])).toEqual([
      ['assigned', 'Taken by Sipho Dlamini', 'Sipho Dlamini'],
      ['task', 'Ticked: Isolate and lock off', 'Sipho Dlamini'],
    ]);

    const { id: _id, assetId: _asset, ...input } = plan;
    await services.plans.update(
      plan.id,
      {
        ...input,
        checklist: ['Change oil and filter only'],
        kit: [{ itemId: filter.id, qty: 1 }],
        estimatedHours: 1,
      },
      planner.id,
    );
    expect((await services.workOrders.get(woId)).tasks).toHaveLength(3);
    await services.workOrders.transition(woId, 'in_progress', '', tech.id);
    await services.workOrders.transition(woId, 'done', '', tech.id);
    clock.advance(30 * DAY_MS);
    const [nextId = 0] = await services.assets.runScheduler();
    const next = await services.workOrders.get(nextId);
    expect(next.tasks.map((task) => task.text)).toEqual(['Change oil and filter only']);
    expect(next).toMatchObject({ estimatedHours: 1, description: 'Raised by the maintenance schedule.' });
    expect(next.parts.map((p) => p.qtyReserved)).toEqual([1]);
  });

  test('an archived plan raises no work; a plan needs a meter to fall due by meter, and a past last-done date', async () => {
    const { services, factories, clock } = t();
    const planner = await factories.newUser('planner');
    const { plan, asset } = await duePlan();
    await services.plans.archive(plan.id, planner.id);
    expect(await services.assets.runScheduler()).toEqual([]);
    expect((await services.assets.get(asset.id)).plans).toEqual([
      expect.objectContaining({ id: plan.id, archivedAt: clock.now(), due: false }),
    ]);
    await expect(
      factories.newMaintenancePlan(asset.id, { intervalDays: null, intervalMeter: 500 }),
    ).rejects.toThrow(
      'CMP-4 has no meter, so the plan cannot fall due by meter; give it a calendar interval',
    );
    await expect(
      factories.newMaintenancePlan(asset.id, { lastDoneAt: clock.now() + DAY_MS }),
    ).rejects.toThrow('The last time it was done cannot be in the future');
    const { id: _id, assetId: _asset, ...input } = plan;
    await expect(services.plans.update(plan.id, input, planner.id)).rejects.toThrow(
      'The plan “Monthly service” is archived and can no longer change',
    );
  });
});
