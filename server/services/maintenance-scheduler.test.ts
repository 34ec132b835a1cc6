import { describe, expect, test } from 'vitest';
import { DAY_MS, useServices } from '../../tests/support/service-harness.ts';

// The scheduler looks at every plan, so each test starts from an empty database.
describe('the maintenance scheduler (AssetService) below HTTP', () => {
  const t = useServices({ each: true });

  test('a plan that has come due raises one work order; running again raises none', async () => {
    const { services, factories, clock } = t();
    const asset = await factories.newAsset({ tag: 'CMP-01' });
    const lastDoneAt = clock.now() - 31 * DAY_MS;
    await factories.newMaintenancePlan(asset.id, {
      title: 'Monthly inspection',
      intervalDays: 30,
      priority: 'high',
      lastDoneAt,
    });
    const created = await services.assets.runScheduler();
    expect(created).toHaveLength(1);
    expect(await services.workOrders.list({ assetId: asset.id, limit: 10 })).toEqual([
      expect.objectContaining({
        id: created[0],
        title: 'Monthly inspection — CMP-01',
        status: 'open',
        priority: 'high',
        dueAt: lastDoneAt + 30 * DAY_MS,
      }),
    ]);
    expect(await services.assets.runScheduler()).toEqual([]);
    expect(await services.workOrders.list({ assetId: asset.id, limit: 10 })).toHaveLength(1);
  });

  test('a plan raises nothing until the clock reaches its interval', async () => {
    const { services, factories, clock } = t();
    const asset = await factories.newAsset();
    await factories.newMaintenancePlan(asset.id, { intervalDays: 30 });
    expect(await services.assets.runScheduler()).toEqual([]);
    clock.advance(30 * DAY_MS - 1);
    expect(await services.assets.runScheduler()).toEqual([]);
    clock.advance(1);
    expect(await services.assets.runScheduler()).toHaveLength(1);
  });

  test('finishing the raised work order resets the plan, so the next falls due a full interval later', async () => {
    const { services, factories, clock } = t();
    const tech = await factories.newUser('technician');
    const asset = await factories.newAsset();
    await factories.newMaintenancePlan(asset.id, { intervalDays: 30, lastDoneAt: clock.now() - 40 * DAY_MS });
    const [id = 0] = await services.assets.runScheduler();
    await services.workOrders.transition(id, 'in_progress', '', tech.id);
    clock.advance(DAY_MS);
    await services.workOrders.transition(id, 'done', 'Inspected', tech.id);
    const [plan] = (await services.assets.get(asset.id)).plans;
    expect(plan).toMatchObject({ lastDoneAt: clock.now(), due: false, nextDueAt: clock.now() + 30 * DAY_MS });
    clock.advance(29 * DAY_MS);
    expect(await services.assets.runScheduler()).toEqual([]);
    clock.advance(DAY_MS);
    expect(await services.assets.runScheduler()).toHaveLength(1);
  });

  test('a meter reading past the interval raises the work order at once; a meter cannot go back', async () => {
    const { services, factories } = t();
    const tech = await factories.newUser('technician');
    const asset = await factories.newAsset({ tag: 'CMP-02', meterUnit: 'hours', meterValue: 1000 });
    await factories.newMaintenancePlan(asset.id, {
      title: '500 h service',
      intervalDays: null,
      intervalMeter: 500,
    });
    expect(await services.assets.recordMeter(asset.id, 1499, tech.id)).toEqual({ createdWorkOrders: [] });
    const { createdWorkOrders } = await services.assets.recordMeter(asset.id, 1500, tech.id);
    expect(createdWorkOrders).toHaveLength(1);
    await expect(services.assets.recordMeter(asset.id, 1400, tech.id)).rejects.toThrow(
      'CMP-02 already reads 1500 hours; a meter cannot go back',
    );
    expect((await services.assets.get(asset.id)).meterValue).toBe(1500);
    expect(await services.assets.runScheduler()).toEqual([]);
  });

  test('a retired asset raises no work orders', async () => {
    const { services, factories, clock } = t();
    const asset = await factories.newAsset({ status: 'retired' });
    await factories.newMaintenancePlan(asset.id, { intervalDays: 7, lastDoneAt: clock.now() - 70 * DAY_MS });
    expect(await services.assets.runScheduler()).toEqual([]);
  });
});
