import { describe, expect, test } from 'vitest';
import { applyEdits } from '../../../common/layout/edits.ts';
import { DEFAULT_LAYOUT_RULES } from '../../../common/layout/validate.ts';
import { loadFacility } from '../../../twin-models/load.ts';
import { demoWarehouse } from '../../../twin-models/samples/index.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { buildNavigator } from '../navigation/navmesh.ts';
import { DEFAULT_SIMULATION, type SimulationOptions, simulateWork, type WorkLine } from './simulate.ts';
import { suggestSlotting } from './slotting.ts';
import { buildWalkModel } from './walk-model.ts';

const HALF_PI = Math.PI / 2;

/**
 * One aisle A (x 4.5..6) running along +z with a rack each side, ten 1 m bays from z 2.25, and
 * a dock in line with the aisle's centre line. Standing points and the dock fall on grid cell
 * centres (0.5 m grid), so every walk is a straight line along x = 5.25 and can be added up by hand.
 */
function oneAisle(): Facility {
  const rack = (id: string, face: 'left' | 'right', x: number) => ({
    id,
    floorId: 'F1',
    aisle: 'A',
    face,
    origin: { position: { x, y: 0.1, z: 2.25 }, rotationY: -HALF_PI },
    firstBay: 1,
    bays: 10,
    bayWidth: 1,
    depth: 0.6,
    levels: [{ height: 0.5 }, { height: 0.5 }],
  });
  const loaded = loadFacility({
    version: 2,
    id: 'one-aisle',
    name: 'One aisle',
    floors: [{ id: 'F1', name: 'Floor', width: 10, depth: 20 }],
    aisles: [
      {
        id: 'AISLE-A',
        floorId: 'F1',
        kind: 'aisle',
        letter: 'A',
        footprint: { x: 5.25, z: 7.25, width: 1.5, depth: 10, rotationY: 0 },
      },
    ],
    racks: [rack('R-A-R', 'right', 4.5), rack('R-A-L', 'left', 6)],
    docks: [{ id: 'DOCK-1', floorId: 'F1', code: 'D1', footprint: { x: 5.25, z: 1.25, width: 2, depth: 1 } }],
  });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  return loaded.facility;
}

const FIXED: SimulationOptions = { ...DEFAULT_SIMULATION, pickSeconds: [10, 10], walkers: 2 };

const pick = (at: number, bin: string, order: string, itemId = 1): WorkLine => ({
  at,
  kind: 'pick',
  itemId,
  bin,
  toBin: null,
  qty: 1,
  order,
});

describe('simulation on one aisle', () => {
  const facility = oneAisle();

  test('a pick list walks to the farthest bay and back: exactly 2 x 5.5 m', async () => {
    // A-01-1 is left bay 1 (z 2.75, 1.5 m from the dock); A-10-2 is right bay 5 (z 6.75, 5.5 m).
    const model = buildWalkModel(facility);
    const r = await simulateWork(model, [pick(1000, 'A-01-1', 'o1'), pick(1000, 'A-10-2', 'o1')], [], FIXED);
    expect(r.pickLists).toBe(1);
    expect(r.pickDistanceM).toBe(11);
    expect(r.meanOrderDistanceM).toBe(11);
    // 11 m at 1 m/s plus two lines at 10 s.
    expect(r.meanOrderMinutes).toBe(Math.round(((11 + 20) / 60) * 100) / 100);
    expect(r.unplacedLines).toBe(0);
  });

  test('two walkers sent into the one narrow aisle at once: the second waits for the first', async () => {
    const model = buildWalkModel(facility);
    const options = { ...FIXED, maxLinesPerList: 1 };
    const r = await simulateWork(
      model,
      [pick(1000, 'A-01-1', 'o1'), pick(1000, 'A-01-1', 'o2')],
      [],
      options,
    );
    expect(r.pickLists).toBe(2);
    expect(r.pickDistanceM).toBe(6);
    expect(r.congestionWaits).toBe(1);
    // Both reach bay 1 after 1.5 m; the first picks for 10 s and leaves; the second waited 10 s.
    expect(r.congestionWaitMinutes).toBe(Math.round((10 / 60) * 100) / 100);
  });

  test('an item moved nearer the dock shortens the walk; lines whose bin is gone are counted', async () => {
    const model = buildWalkModel(facility);
    const lines = [pick(1000, 'A-10-1', 'o1', 7)];
    const moved = await simulateWork(
      model,
      lines,
      [{ itemId: 7, fromBin: 'A-10-1', toBin: 'A-02-1' }],
      FIXED,
    );
    expect(moved.pickDistanceM).toBe(3); // right bay 1 is at z 2.75: 1.5 m each way
    const gone = await simulateWork(model, [pick(1000, 'Z-01-1', 'o1')], [], FIXED);
    expect(gone.unplacedLines).toBe(1);
    expect(gone.pickLists).toBe(0);
  });
});

describe('simulation on the demo warehouse', () => {
  const facility = demoWarehouse();
  const model = buildWalkModel(facility);
  const bins = [...model.pointOfBin.keys()];
  // A fixed pseudo-random workload: 600 lines over a day, orders of 1..4 lines.
  const lines: WorkLine[] = [];
  let x = 12345;
  for (let i = 0; i < 600; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    lines.push(
      pick(3_600_000 + i * 60_000, bins[x % bins.length] ?? 'A-01-1', `o${Math.floor(i / 3)}`, (x % 50) + 1),
    );
  }

  test('the same work, layout and seed give the same result; another seed changes the timings only', async () => {
    const a = await simulateWork(model, lines, [], { ...DEFAULT_SIMULATION, seed: 5 });
    const b = await simulateWork(buildWalkModel(facility), lines, [], { ...DEFAULT_SIMULATION, seed: 5 });
    expect(b).toEqual(a);
    const c = await simulateWork(model, lines, [], { ...DEFAULT_SIMULATION, seed: 6 });
    expect(c.pickLines).toBe(a.pickLines);
    expect(c.handlingHours).not.toBe(a.handlingHours);
  });

  test('progress is reported as it goes, and a checkpoint that throws (a cancelled job) stops the run', async () => {
    const seen: number[] = [];
    await simulateWork(model, lines, [], DEFAULT_SIMULATION, (f) => {
      seen.push(f);
    });
    expect(seen.length).toBeGreaterThan(2);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const cancelled = new Error('cancelled');
    await expect(
      simulateWork(model, lines, [], DEFAULT_SIMULATION, () => {
        throw cancelled;
      }),
    ).rejects.toBe(cancelled);
  });

  test('grid walking distances stay within 3% of straight lines where nothing is in the way', () => {
    // Both points on the open staging floor in front of the racks.
    const p = model.pickDepot;
    const q = model.dockDepot;
    const a = model.points[p];
    const b = model.points[q];
    if (a === undefined || b === undefined) throw new Error('no depots');
    const straight = Math.hypot(a.x - b.x, a.z - b.z);
    const walk = model.table.distance(p, q);
    expect(walk).toBeGreaterThanOrEqual(straight * 0.97);
    expect(walk).toBeLessThanOrEqual(straight * 1.03);
  });

  test('walking distances agree with the navmesh routes between the same bins: each within 10%, median within 5%', async () => {
    const nav = await buildNavigator(facility);
    try {
      const ratios: number[] = [];
      for (let k = 0; k < 40; k++) {
        const a = bins[(k * 131) % bins.length] ?? 'A-01-1';
        const b = bins[(k * 197 + 61) % bins.length] ?? 'L-88-5';
        const route = nav.route({ kind: 'bin', code: a }, { kind: 'bin', code: b });
        const pa = model.pointOfBin.get(a);
        const pb = model.pointOfBin.get(b);
        if (!route.ok || pa === undefined || pb === undefined || route.lengthM < 5) continue;
        ratios.push(model.table.distance(pa, pb) / route.lengthM);
      }
      ratios.sort((x, y) => x - y);
      expect(ratios.length).toBeGreaterThan(30);
      for (const r of ratios) {
        expect(r).toBeGreaterThan(0.9);
        expect(r).toBeLessThan(1.1);
      }
      const median = ratios[Math.floor(ratios.length / 2)] ?? 0;
      expect(Math.abs(median - 1)).toBeLessThan(0.05);
    } finally {
      nav.dispose();
    }
  });

  test('the slotting suggestion moves busy bins nearer the bench and the simulation agrees', async () => {
    const slots = lines.map((l) => ({ itemId: l.itemId, bin: l.bin }));
    const derived = [...model.pointOfBin.keys()].map((code) => ({ code, capacity: 100 }));
    const s = suggestSlotting(model, derived, slots, lines, { maxBinMoves: 1000 });
    expect(s.moves.length).toBeGreaterThan(0);
    expect(s.estimatedSaving).toBeGreaterThan(0.2);
    const outcome = applyEdits(
      facility,
      s.moves.map((m) => ({ kind: 'moveItem' as const, ...m })),
      DEFAULT_LAYOUT_RULES,
    );
    expect(outcome.ok).toBe(true);
    const before = await simulateWork(model, lines, [], DEFAULT_SIMULATION);
    const after = await simulateWork(model, lines, outcome.ok ? outcome.itemMoves : [], DEFAULT_SIMULATION);
    expect(after.pickDistanceM).toBeLessThan(before.pickDistanceM * 0.8);
  });
});
