import { describe, expect, test } from 'vitest';
import { rackCentre } from '../../common/layout/edits.ts';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import { dbFingerprint } from '../support/db-state.ts';
import type { Api } from '../support/test-app.ts';

async function settled(api: Api, id: string) {
  for (;;) {
    const view = await api.jobs.get.query({ id });
    if (view.status !== 'running') return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Everything a scenario must never touch before it is applied: the ledger, stock, locations, work
 * orders and the twin's revisions (the audit log does record the scenario's own changes).
 */
async function liveState(fx: ReturnType<ReturnType<typeof useFixture>>) {
  const rs = await fx.app.services.db.reader.execute(
    `SELECT (SELECT count(*) FROM movements) AS movements,
            (SELECT group_concat(item_id || ':' || location_id || ':' || lot || ':' || on_hand || ':' || reserved) FROM stock) AS stock,
            (SELECT count(*) FROM work_orders) AS work_orders,
            (SELECT count(*) FROM twin_revisions) AS revisions, (SELECT revision_id FROM twin_current) AS current,
            (SELECT group_concat(code || ':' || active || ':' || x || ':' || z) FROM locations) AS locations`,
  );
  return JSON.stringify(rs.rows[0]);
}

describe.each(BACKENDS)('layout scenarios on $name', (backend) => {
  const fx = useFixture(backend);
  const demo = demoWarehouse();
  let scenarioId = 0;

  test.skipIf(!backend.available)(
    'a scenario is stored with author and notes, and editing it never touches the live twin or the ledger',
    async () => {
      const { as, items, bins } = fx();
      await as.planner.twin.publish.mutate({ document: demo, note: 'demo' });
      // Some real work for the simulation to replay: bolts picked from A-01-1.
      for (let i = 0; i < 6; i++) {
        await as.technician.stock.pick.mutate({
          itemId: items.bolt,
          locationId: bins.a,
          qty: 2,
          idempotencyKey: `scenario-pick-bolt-${i}`,
        });
      }
      const before = await liveState(fx());

      const { id } = await as.planner.scenarios.create.mutate({
        name: 'Bolts to the front',
        notes: 'try it',
      });
      scenarioId = id;
      const rack = demo.racks.find((r) => r.id === 'R-L-4-L');
      if (rack === undefined) throw new Error('demo rack missing');
      const c = rackCentre(rack);
      await as.planner.scenarios.update.mutate({
        id,
        name: 'Bolts to the front',
        notes: 'try it',
        edits: [
          { kind: 'moveRack', rackId: 'R-L-4-L', x: c.x, z: c.z - 0.5 },
          { kind: 'moveItem', itemId: items.bolt, fromBin: 'A-01-1', toBin: 'K-01-1' },
        ],
      });
      const got = await as.planner.scenarios.get.query({ id });
      expect(got.author).toBe('Pat Planner');
      expect(got.notes).toBe('try it');
      expect(got.status).toBe('draft');
      expect(got.baseIsCurrent).toBe(true);
      expect(got.edits).toHaveLength(2);
      expect((await as.planner.scenarios.list.query()).map((s) => [s.id, s.editCount])).toEqual([[id, 2]]);
      expect(await liveState(fx())).toBe(before);
    },
  );

  test.skipIf(!backend.available)(
    'an invalid edit is refused with the reason and the scenario keeps its edits',
    async () => {
      const { as } = fx();
      const other = demo.racks.find((r) => r.id === 'R-B-1-R');
      if (other === undefined) throw new Error('demo rack missing');
      const c = rackCentre(other);
      await expect(
        as.planner.scenarios.update.mutate({
          id: scenarioId,
          name: 'Bolts to the front',
          edits: [{ kind: 'moveRack', rackId: 'R-A-1-L', x: c.x, z: c.z }],
        }),
      ).rejects.toThrow(/Edit 1 \(moveRack\) was refused: .*rack R-A-1-L overlaps rack R-B-1-R/);
      await expect(
        as.planner.scenarios.update.mutate({
          id: scenarioId,
          name: 'Bolts to the front',
          edits: [{ kind: 'setAisleWidth', aisleId: 'AISLE-C', width: 0.9 }],
        }),
      ).rejects.toThrow('aisle C would be 0.9 m wide; the minimum is 1.2 m');
      expect((await as.planner.scenarios.get.query({ id: scenarioId })).edits).toHaveLength(2);
    },
  );

  test.skipIf(!backend.available)(
    'simulation runs as a job: base and scenario figures, the same for the same seed, nothing written to the ledger',
    async () => {
      const { as } = fx();
      const before = await dbFingerprint(fx().app.services.db);
      const job = await as.planner.scenarios.simulate.mutate({ id: scenarioId, days: 30, seed: 3 });
      const done = await settled(as.planner, job.id);
      expect(done.status).toBe('done');
      const first = await as.planner.scenarios.get.query({ id: scenarioId });
      const sim = first.simulation;
      if (sim === null) throw new Error('no simulation stored');
      expect(sim.base.pickLines).toBe(6);
      expect(sim.scenario.pickLines).toBe(6);
      // Bolts in K-01-1 are nearer the packing benches than in A-01-1.
      expect(sim.scenario.pickDistanceM).toBeLessThan(sim.base.pickDistanceM);
      expect(sim.comparison.find((r) => r.key === 'pickDistanceM')?.change).toBeLessThan(0);
      expect(sim.base.orderDistanceHistogram.reduce((a, b) => a + b, 0)).toBe(sim.base.orders);
      const again = await settled(
        as.planner,
        (await as.planner.scenarios.simulate.mutate({ id: scenarioId, days: 30, seed: 3 })).id,
      );
      expect(again.status).toBe('done');
      const second = (await as.planner.scenarios.get.query({ id: scenarioId })).simulation;
      expect({ ...second, createdAt: 0 }).toEqual({ ...sim, createdAt: 0 });
      // Results are stored for the page; the ledger and the twin are untouched.
      expect(await dbFingerprint(fx().app.services.db)).toBe(before);
    },
  );

  test.skipIf(!backend.available)(
    'a slotting job appends item moves that bring the picked bolts nearer the benches',
    async () => {
      const { as, items } = fx();
      const before = await liveState(fx());
      const { id } = await as.planner.scenarios.create.mutate({ name: 'Slotting only' });
      const job = await as.planner.scenarios.suggestSlotting.mutate({ id, days: 30, maxBinMoves: 10 });
      const done = await settled(as.planner, job.id);
      expect(done.status).toBe('done');
      expect(done.result).toMatchObject({ binMoves: 1, itemMoves: 1 });
      const edits = (await as.planner.scenarios.get.query({ id })).edits;
      expect(edits).toHaveLength(1);
      const move = edits[0];
      if (move?.kind !== 'moveItem') throw new Error('expected an item move');
      expect(move).toMatchObject({ itemId: items.bolt, fromBin: 'A-01-1' });
      const sim = await settled(
        as.planner,
        (await as.planner.scenarios.simulate.mutate({ id, days: 30 })).id,
      );
      expect(sim.status).toBe('done');
      const result = (await as.planner.scenarios.get.query({ id })).simulation;
      expect(result?.saving).toBeGreaterThan(0.2);
      expect(await liveState(fx())).toBe(before);
      await as.planner.scenarios.remove.mutate({ id });
    },
  );

  test.skipIf(!backend.available)(
    'publishing a scenario that would strand stock is refused and leaves nothing half-written',
    async () => {
      const { as } = fx();
      const { id } = await as.planner.scenarios.create.mutate({ name: 'Drop rack A-1-L' });
      await as.planner.scenarios.update.mutate({
        id,
        name: 'Drop rack A-1-L',
        edits: [{ kind: 'removeRack', rackId: 'R-A-1-L' }],
      });
      const before = await liveState(fx());
      await expect(as.planner.scenarios.publish.mutate({ id })).rejects.toThrow(
        /would remove 1 bin\(s\) that still hold or reserve stock with no move planned for all of it: A-01-1/,
      );
      // The refusal came after the revision and locations were written inside the transaction.
      expect(await liveState(fx())).toBe(before);
      expect((await as.planner.scenarios.get.query({ id })).status).toBe('draft');
      await as.planner.scenarios.remove.mutate({ id });
    },
  );

  test.skipIf(!backend.available)(
    'publishing creates the revision and a relocation work order listing the transfers, in one go',
    async () => {
      const { as, items, bins } = fx();
      const { id } = await as.planner.scenarios.create.mutate({ name: 'Drop rack A-1-L, bolts moved' });
      await as.planner.scenarios.update.mutate({
        id,
        name: 'Drop rack A-1-L, bolts moved',
        edits: [
          { kind: 'moveItem', itemId: items.bolt, fromBin: 'A-01-1', toBin: 'K-01-1' },
          { kind: 'removeRack', rackId: 'R-A-1-L' },
        ],
      });
      const { revisionId, workOrderId, transfers } = await as.planner.scenarios.publish.mutate({ id });
      expect(transfers).toBe(1);
      expect((await as.technician.twin.current.query()).revisionId).toBe(revisionId);
      const applied = await as.planner.scenarios.get.query({ id });
      expect(applied.status).toBe('applied');
      expect(applied.workOrderId).toBe(workOrderId);
      expect(applied.transfers).toEqual([
        {
          itemId: items.bolt,
          sku: 'FST-M8-030',
          name: 'M8 x 30 hex bolt',
          lot: '',
          qty: 88,
          from: 'A-01-1',
          to: 'K-01-1',
        },
      ]);
      const wo = await as.technician.workOrders.get.query({ id: workOrderId });
      expect(wo.title).toBe('Relocation for layout scenario "Drop rack A-1-L, bolts moved"');
      expect(wo.description).toContain('FST-M8-030: 88 from A-01-1 → K-01-1');
      expect(wo.description).toContain('remove rack R-A-1-L');
      // The stock waits for the people doing the work order: still in the retired bin, and movable.
      const a = await as.technician.locations.get.query({ code: 'A-01-1' });
      expect(a.active).toBe(false);
      expect(a.contents.map((x) => x.onHand)).toEqual([88]);
      const k = await as.technician.locations.get.query({ code: 'K-01-1' });
      await as.technician.stock.transfer.mutate({
        itemId: items.bolt,
        fromLocationId: bins.a,
        toLocationId: k.id,
        qty: 88,
        idempotencyKey: 'relocate-bolts',
      });
      await expect(as.planner.scenarios.publish.mutate({ id })).rejects.toThrow('has already been applied');
      // The first scenario was made on the previous revision, so it can no longer be published.
      await expect(as.planner.scenarios.publish.mutate({ id: scenarioId })).rejects.toThrow(
        /The live layout has changed since this scenario was started/,
      );
    },
  );

  test.skipIf(!backend.available)('technicians cannot open scenarios', async () => {
    await expect(fx().as.technician.scenarios.list.query()).rejects.toThrow(/needs planner or admin/);
  });
});
