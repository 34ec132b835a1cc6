import { describe, expect, test } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { BACKENDS, useFixture } from '../support/backends.ts';
import type { Api } from '../support/test-app.ts';

type PlanJob = { auditId: number; figures: { bins: number; sorties: number; distanceM: number } };

async function planAndWait(api: Api, input: Parameters<Api['droneAudits']['plan']['mutate']>[0]) {
  const job = await api.droneAudits.plan.mutate(input);
  for (;;) {
    const view = await api.jobs.get.query({ id: job.id });
    if (view.status === 'done') return view.result as PlanJob;
    if (view.status !== 'running') throw new Error(`planning ${view.status}: ${view.error}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The shelf always differs from the ledger and the camera is perfect: every stocked bin is a
// discrepancy, and nothing else is, so the test knows exactly which lines to expect.
const certainDrift = { occlusionRate: 0, missRate: 0, noiseRate: 0, driftRate: 1, strayRate: 0 };

describe.each(BACKENDS)('drone audits on $name', (backend) => {
  const fx = useFixture(backend);

  test.skipIf(!backend.available)(
    'plan an aisle, fly it, approve a discrepancy twice: one count in the ledger',
    async () => {
      const { as, items, bins } = fx();
      await as.planner.twin.publish.mutate({ document: demoWarehouse(), note: 'drone audits' });
      // Technicians may look but not plan.
      await expect(
        as.technician.droneAudits.plan.mutate({ scope: { kind: 'aisle', aisle: 'B' } }),
      ).rejects.toThrow(/planner/i);
      const planned = await planAndWait(as.planner, { scope: { kind: 'aisle', aisle: 'B' } });
      expect(planned.figures.bins).toBe(440);
      const audit = await as.technician.droneAudits.get.query({ id: planned.auditId });
      expect(audit).toMatchObject({ status: 'planned', label: 'Aisle B', results: null, lines: [] });
      expect(audit.sorties.reduce((s, x) => s + x.bins, 0)).toBe(440);
      expect(audit.figures.binsPerHour).toBeGreaterThan(0);

      const track = await as.technician.droneAudits.track.query({ id: planned.auditId });
      expect(new Set(track.scans.map((s) => s.code)).size).toBe(440);
      expect(track.t.length * 3).toBe(track.xyz.length);

      await expect(
        as.technician.droneAudits.simulate.mutate({ id: planned.auditId, seed: 7, sensor: certainDrift }),
      ).rejects.toThrow(/planner/i);
      const flown = await as.planner.droneAudits.simulate.mutate({
        id: planned.auditId,
        seed: 7,
        sensor: certainDrift,
      });
      expect(flown).toMatchObject({ auditId: planned.auditId, bins: 440, discrepancies: 1, occluded: 0 });
      await expect(as.planner.droneAudits.simulate.mutate({ id: planned.auditId, seed: 8 })).rejects.toThrow(
        /already been flown/,
      );

      const after = await as.planner.droneAudits.get.query({ id: planned.auditId });
      expect(after.status).toBe('flown');
      expect(after.results).toMatchObject({ read: 440, occluded: 0 });
      const [line] = after.lines;
      expect(after.lines).toHaveLength(1);
      expect(line).toMatchObject({
        code: 'B-01-1',
        itemId: items.bearing,
        expectedQty: 5,
        review: 'pending',
      });
      if (!line) return;
      expect(line.readQty).not.toBe(5);

      await expect(
        as.technician.droneAudits.review.mutate({
          id: planned.auditId,
          decisions: [{ lineId: line.id, decision: 'approve' }],
        }),
      ).rejects.toThrow(/planner/i);
      // The same approval twice at once and once more later: exactly one count movement.
      const approve = () =>
        as.planner.droneAudits.review.mutate({
          id: planned.auditId,
          decisions: [{ lineId: line.id, decision: 'approve' }],
        });
      const results = await Promise.all([approve(), approve()]);
      const again = await approve();
      expect([...results, again].map((r) => r[0]?.result).sort()).toEqual([
        'already-done',
        'already-done',
        'approved',
      ]);
      const counts = (await as.technician.items.movements.query({ itemId: items.bearing, limit: 50 })).filter(
        (m) => m.kind === 'count' && m.locationId === bins.c,
      );
      expect(counts).toHaveLength(1);
      expect(counts[0]).toMatchObject({
        countedQty: line.readQty,
        refType: 'drone_audit',
        refId: planned.auditId,
      });
      const bin = await as.technician.locations.get.query({ code: 'B-01-1' });
      expect(bin.contents.map((c) => [c.sku, c.onHand])).toEqual(
        line.readQty === 0 ? [] : [['BRG-6204', line.readQty]],
      );
      // Rejecting what was approved is refused; the ledger still adds up.
      await expect(
        as.planner.droneAudits.review.mutate({
          id: planned.auditId,
          decisions: [{ lineId: line.id, decision: 'reject' }],
        }),
      ).rejects.toThrow(/already approved/);
      expect((await as.admin.stock.verifyLedger.query()).ok).toBe(true);
    },
    60_000,
  );

  test.skipIf(!backend.available)(
    'stock that moved after the scan is not counted over; the bin is re-flown as a new audit',
    async () => {
      const { as, items, bins } = fx();
      const planned = await planAndWait(as.planner, { scope: { kind: 'bins', codes: ['A-01-1', 'A-01-2'] } });
      await as.planner.droneAudits.simulate.mutate({ id: planned.auditId, seed: 3, sensor: certainDrift });
      const audit = await as.planner.droneAudits.get.query({ id: planned.auditId });
      const line = audit.lines.find((l) => l.code === 'A-01-1');
      expect(line).toMatchObject({ itemId: items.bolt, expectedQty: 100, review: 'pending' });
      if (!line) return;
      // Someone picks after the flight: the reading no longer describes the shelf.
      await as.technician.stock.pick.mutate({
        itemId: items.bolt,
        locationId: bins.a,
        qty: 2,
        idempotencyKey: 'pick-after-drone-scan',
      });
      const [result] = await as.planner.droneAudits.review.mutate({
        id: planned.auditId,
        decisions: [{ lineId: line.id, decision: 'approve' }],
      });
      expect(result).toMatchObject({ result: 'stale' });
      expect((await as.technician.locations.get.query({ code: 'A-01-1' })).contents[0]?.onHand).toBe(98);
      const stale = await as.planner.droneAudits.get.query({ id: planned.auditId });
      expect(stale.disputed).toEqual(['A-01-1']);

      const job = await as.planner.droneAudits.refly.mutate({ id: planned.auditId });
      let view = await as.planner.jobs.get.query({ id: job.id });
      while (view.status === 'running') {
        await new Promise((r) => setTimeout(r, 20));
        view = await as.planner.jobs.get.query({ id: job.id });
      }
      const child = await as.planner.droneAudits.get.query({ id: (view.result as PlanJob).auditId });
      expect(child).toMatchObject({ parentId: planned.auditId, label: 'Bin A-01-1', status: 'planned' });
      expect(child.figures.bins).toBe(1);
    },
    90_000,
  );

  test.skipIf(!backend.available)(
    'planning can be cancelled, and bad scopes are refused at once',
    async () => {
      const { as } = fx();
      const job = await as.planner.droneAudits.plan.mutate({
        scope: { kind: 'all' },
        config: { optimiseMs: 20_000 },
      });
      await as.planner.jobs.cancel.mutate({ id: job.id });
      let view = await as.planner.jobs.get.query({ id: job.id });
      while (view.status === 'running') {
        await new Promise((r) => setTimeout(r, 20));
        view = await as.planner.jobs.get.query({ id: job.id });
      }
      expect(view.status).toBe('cancelled');
      await expect(
        as.planner.droneAudits.plan.mutate({ scope: { kind: 'bins', codes: ['Z-99-9'] } }),
      ).rejects.toThrow('Unknown bin(s): Z-99-9');
      await expect(
        as.planner.droneAudits.plan.mutate({
          scope: { kind: 'aisle', aisle: 'B' },
          config: { reserveMinutes: 30 },
        }),
      ).rejects.toThrow(/reserve/);
    },
  );
});
