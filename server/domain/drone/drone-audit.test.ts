import { describe, expect, test } from 'vitest';
import { generateWarehouse } from '../../../twin-models/generate/warehouse.ts';
import { deriveBins, rackCorners } from '../../../twin-models/geometry.ts';
import { demoWarehouse } from '../../../twin-models/samples/index.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { baselinePlan, planAudit, prepareAudit, replan, type StoredPlan } from './audit-plan.ts';
import { type DroneConfig, resolveConfig, usableSeconds } from './config.ts';
import { segmentCrossesQuad } from './flight-space.ts';
import { countKey, decide, disputedBins } from './reconcile.ts';
import type { AuditScope } from './scope.ts';
import { DEFAULT_SENSOR, simulateReadings } from './sensor.ts';
import { buildTrack, type Track } from './track.ts';

const demo = demoWarehouse();
const noCounts = { lastCountedAt: () => null, now: 0 };
// A fixed budget and a fake clock would make the optimiser's effort machine-independent; a small real
// budget keeps these tests quick and the assertions hold for any tour it returns.
const quick = (over: Partial<DroneConfig> = {}) => resolveConfig({ optimiseMs: 40, ...over });

async function planned(facility: Facility, scope: AuditScope, config: DroneConfig) {
  const plan = await planAudit(facility, scope, config, noCounts);
  const { space, sorties } = replan(facility, plan, config);
  return { plan, space, sorties, track: buildTrack(space, sorties, config) };
}

/** Per sortie: seconds from take-off to landing, read off the flown track. */
function sortieSeconds(track: Track): number[] {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  track.sortie.forEach((k, i) => {
    const t = track.t[i] ?? 0;
    if (!first.has(k)) first.set(k, t);
    last.set(k, t);
  });
  return [...first.keys()].map((k) => (last.get(k) ?? 0) - (first.get(k) ?? 0));
}

/** Legs of the track that cut through a rack below its top, checked against the twin's own racks. */
function legsThroughRacks(facility: Facility, track: Track): string[] {
  const elevation = facility.floors[0]?.elevation ?? 0;
  const racks = facility.racks.map((r) => ({
    id: r.id,
    quad: rackCorners(r),
    top: elevation + r.origin.position.y + r.levels.reduce((s, l) => s + l.height, 0),
  }));
  const bad: string[] = [];
  for (let i = 1; i < track.sortie.length; i++) {
    if (track.sortie[i] !== track.sortie[i - 1]) continue; // charging at the dock, not a flight
    const [ax, ay, az] = track.xyz.slice((i - 1) * 3, i * 3) as [number, number, number];
    const [bx, by, bz] = track.xyz.slice(i * 3, i * 3 + 3) as [number, number, number];
    for (const r of racks) {
      if (Math.min(ay, by) < r.top && segmentCrossesQuad(ax, az, bx, bz, r.quad)) bad.push(`${r.id} @${i}`);
    }
  }
  return bad;
}

function scannedOnce(plan: StoredPlan, expected: readonly string[]) {
  const flown = plan.sorties.flatMap((s) => s.bins);
  expect(new Set(flown).size).toBe(flown.length);
  expect([...flown].sort()).toEqual([...expected].sort());
}

describe('planning a drone audit', () => {
  test('an aisle: every bin of it scanned exactly once, within the battery, never through a rack', async () => {
    const config = quick();
    const { plan, track } = await planned(demo, { kind: 'aisle', aisle: 'B' }, config);
    const aisleB = deriveBins(demo)
      .filter((b) => b.aisle === 'B')
      .map((b) => b.code);
    expect(aisleB).toHaveLength(440);
    scannedOnce(plan, aisleB);
    expect(track.scans.map((s) => s.code)).toEqual(plan.sorties.flatMap((s) => s.bins));
    for (const s of sortieSeconds(track)) expect(s).toBeLessThanOrEqual(usableSeconds(config) + 1e-6);
    expect(legsThroughRacks(demo, track)).toEqual([]);
    // Figures agree with the flown track.
    expect(track.durationS).toBeCloseTo(plan.figures.durationS, 3);
    expect(plan.figures.bins).toBe(440);
    expect(plan.figures.binsPerHour).toBeCloseTo(440 / (plan.figures.durationS / 3600), 6);
  });

  test('the whole demo warehouse on a small battery: many sorties, none over the limit, none through a rack', async () => {
    const config = quick({ batteryMinutes: 8, reserveMinutes: 2, chargeMinutes: 5 });
    const { plan, track } = await planned(demo, { kind: 'all' }, config);
    scannedOnce(
      plan,
      deriveBins(demo).map((b) => b.code),
    );
    expect(plan.sorties.length).toBeGreaterThan(20);
    const seconds = sortieSeconds(track);
    expect(seconds).toHaveLength(plan.sorties.length);
    for (const s of seconds) expect(s).toBeLessThanOrEqual(6 * 60 + 1e-6);
    expect(legsThroughRacks(demo, track)).toEqual([]);
  });

  test('landing at the nearest dock: each sortie takes off where the last one landed, within the battery', async () => {
    const config = quick({ batteryMinutes: 8, reserveMinutes: 2, landAtNearestDock: true });
    const { plan, space, track } = await planned(demo, { kind: 'all' }, config);
    const home = await planned(demo, { kind: 'all' }, quick({ batteryMinutes: 8, reserveMinutes: 2 }));
    expect(new Set(plan.sorties.map((s) => s.toDock)).size).toBeGreaterThan(1);
    plan.sorties.forEach((s, k) => {
      expect(s.fromDock).toBe(k === 0 ? plan.dockCode : plan.sorties[k - 1]?.toDock);
    });
    const last = plan.sorties.at(-1);
    const lastDock = space.docks.find((d) => d.code === last?.toDock);
    expect(track.xyz.slice(-3)).toEqual([lastDock?.point.x, lastDock?.point.y, lastDock?.point.z]);
    for (const s of sortieSeconds(track)) expect(s).toBeLessThanOrEqual(6 * 60 + 1e-6);
    expect(legsThroughRacks(demo, track)).toEqual([]);
    expect(plan.figures.distanceM).toBeLessThan(home.plan.figures.distanceM);
  });

  test('crossing between aisles goes round the racks: a far bin costs more than the straight line', async () => {
    const config = quick();
    const { space, sorties } = await planned(demo, { kind: 'bins', codes: ['A-01-1', 'L-88-5'] }, config);
    const track = buildTrack(space, sorties, config);
    expect(legsThroughRacks(demo, track)).toEqual([]);
    // Only turns at cross-aisles and aisle ends: more vertices than a straight hop.
    expect(track.xyz.length / 3).toBeGreaterThan(8);
  });

  test('flying over the racks is used only when the ceiling allows it, and then clears them', async () => {
    await expect(
      planAudit(
        demo,
        { kind: 'aisle', aisle: 'C' },
        quick({ overRacks: { ceilingM: 2, clearanceM: 0.5 } }),
        noCounts,
      ),
    ).rejects.toThrow(/ceiling is too low/);
    // Without cross-aisles, crossing mid-aisle means flying to an aisle end and back: going over is shorter.
    const long = generateWarehouse(
      { id: 'long', rows: 4, baysPerRow: 40, levels: 3, crossAisleEvery: 0, docks: 2 },
      3,
    );
    const codes = ['A-39-1', 'C-39-2', 'D-40-1'];
    const over = await planned(
      long,
      { kind: 'bins', codes },
      quick({ overRacks: { ceilingM: 12, clearanceM: 0.5 } }),
    );
    const corridor = await planned(long, { kind: 'bins', codes }, quick());
    expect(over.plan.figures.distanceM).toBeLessThan(corridor.plan.figures.distanceM);
    expect(Math.max(...over.track.xyz.filter((_, i) => i % 3 === 1))).toBeGreaterThan(8);
    expect(legsThroughRacks(long, over.track)).toEqual([]);
    expect(legsThroughRacks(long, corridor.track)).toEqual([]);
  });

  test('the plan is never worse than its starting order, and beats the serpentine baseline', async () => {
    const config = quick();
    for (const scope of [
      { kind: 'all' },
      { kind: 'aisle', aisle: 'D' },
      { kind: 'zone', zoneId: 'Z-STORAGE' },
    ] as const) {
      const plan = await planAudit(demo, scope, config, noCounts);
      expect(plan.figures.flightS).toBeLessThanOrEqual(plan.startingOrder.flightS);
      expect(plan.optimiser.length).toBeLessThanOrEqual(plan.optimiser.initialLength + 1e-9);
      const baseline = baselinePlan(prepareAudit(demo, scope, config, noCounts), config);
      expect(baseline.figures.bins).toBe(plan.figures.bins);
      expect(plan.figures.flightS).toBeLessThan(baseline.figures.flightS);
    }
  });

  test('long aisles are flown in U-shaped bands: out along one face, back along the other', async () => {
    const long = generateWarehouse(
      { id: 'long-aisles', rows: 4, baysPerRow: 80, levels: 6, crossAisleEvery: 20, docks: 2 },
      5,
    );
    const config = quick({ batteryMinutes: 12, reserveMinutes: 2 });
    const { plan, track } = await planned(long, { kind: 'all' }, config);
    expect(plan.method).toBe('aisle-bands');
    scannedOnce(
      plan,
      deriveBins(long).map((b) => b.code),
    );
    for (const s of sortieSeconds(track)) expect(s).toBeLessThanOrEqual(usableSeconds(config) + 1e-6);
    expect(legsThroughRacks(long, track)).toEqual([]);
    // Most sorties read both faces of one aisle (the split may still move a cut between bands).
    const rackOf = new Map(deriveBins(long).map((b) => [b.code, b.rackId]));
    const twoFaced = plan.sorties.filter((s) => {
      const faces = new Set(s.bins.map((c) => rackOf.get(c)?.slice(-1)));
      return faces.has('L') && faces.has('R');
    });
    expect(twoFaced.length).toBeGreaterThan(plan.sorties.length * 0.8);
    const baseline = baselinePlan(prepareAudit(long, { kind: 'all' }, config, noCounts), config);
    expect(plan.figures.flightS).toBeLessThan(baseline.figures.flightS * 0.9);
  });

  test('scopes: unknown bins, an empty selection and bins out of battery reach are refused with reasons', async () => {
    await expect(
      planAudit(demo, { kind: 'bins', codes: ['A-01-1', 'Q-99-9'] }, quick(), noCounts),
    ).rejects.toThrow('Unknown bin(s): Q-99-9');
    await expect(planAudit(demo, { kind: 'aisle', aisle: 'ZZ' }, quick(), noCounts)).rejects.toThrow(
      'There is no aisle ZZ',
    );
    await expect(
      planAudit(
        demo,
        { kind: 'aisle', aisle: 'L' },
        quick({ batteryMinutes: 1.2, reserveMinutes: 1 }),
        noCounts,
      ),
    ).rejects.toThrow(/too far from a dock for one battery/);
    // "Not counted in 30 days": bins counted yesterday are left out, never-counted ones are in.
    const now = 100 * 86_400_000;
    const recent = new Set(['A-01-1', 'A-01-2']);
    const prepared = prepareAudit(demo, { kind: 'not-counted', days: 30 }, quick(), {
      lastCountedAt: (code) => (recent.has(code) ? now - 86_400_000 : null),
      now,
    });
    expect(prepared.scans).toHaveLength(5280 - 2);
  });

  test('a generated warehouse with a different shape plans without crossing racks', async () => {
    const f = generateWarehouse(
      { id: 'w2', rows: 5, baysPerRow: 30, levels: 4, crossAisleEvery: 8, docks: 2 },
      7,
    );
    const config = quick();
    const { plan, track } = await planned(f, { kind: 'all' }, config);
    scannedOnce(
      plan,
      deriveBins(f).map((b) => b.code),
    );
    expect(legsThroughRacks(f, track)).toEqual([]);
  });
});

describe('flying it in simulation', () => {
  test('the same seed reads the same; another seed reads differently', async () => {
    const config = quick();
    const { track } = await planned(demo, { kind: 'all' }, config);
    const stock = (code: string) =>
      code.endsWith('-1') ? [{ itemId: 1, lot: '', qty: 20 + (code.length % 7) }] : [];
    const sensor = { ...DEFAULT_SENSOR, occlusionRate: 0.05 };
    const a = simulateReadings(track.scans, stock, [2, 3], sensor, 42);
    const b = simulateReadings(track.scans, stock, [2, 3], sensor, 42);
    const c = simulateReadings(track.scans, stock, [2, 3], sensor, 43);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toHaveLength(5280);
    const outcomes = new Set(a.flatMap((r) => r.lines.map((l) => l.outcome)));
    expect(outcomes).toEqual(new Set(['found', 'miscount', 'missing', 'unexpected']));
    expect(a.some((r) => r.status === 'occluded' && r.lines.length === 0)).toBe(true);
    for (const r of a) for (const l of r.lines) expect(l.confidence).toBeGreaterThan(0);
  });

  test('a perfect sensor on an unchanged shelf finds exactly what the ledger says', async () => {
    const { track } = await planned(demo, { kind: 'aisle', aisle: 'A' }, quick());
    const perfect = { occlusionRate: 0, missRate: 0, noiseRate: 0, driftRate: 0, strayRate: 0 };
    const read = simulateReadings(track.scans, () => [{ itemId: 7, lot: 'L1', qty: 5 }], [], perfect, 1);
    expect(read.every((r) => r.lines.length === 1 && r.lines[0]?.outcome === 'found')).toBe(true);
  });
});

describe('reconciliation rules', () => {
  test('decisions: approve posts once, opposite decisions are refused, stale stock is not counted', () => {
    expect(decide('pending', 'approve', false, 'x')).toBe('post-count');
    expect(decide('pending', 'approve', true, 'x')).toBe('mark-stale');
    expect(decide('pending', 'reject', true, 'x')).toBe('mark-rejected');
    expect(decide('approved', 'approve', false, 'x')).toBe('already-done');
    expect(decide('rejected', 'reject', false, 'x')).toBe('already-done');
    expect(() => decide('approved', 'reject', false, 'A-01-1 BOLT')).toThrow(
      'A-01-1 BOLT was already approved',
    );
    expect(() => decide('rejected', 'approve', false, 'x')).toThrow(/re-fly/);
    expect(() => decide('stale', 'approve', false, 'x')).toThrow(/moved after the scan/);
    expect(() => decide('none', 'approve', false, 'x')).toThrow(/matched the ledger/);
  });

  test('count keys are stable per (audit, bin, item, lot) and safe for any lot', () => {
    expect(countKey(3, 10, 7, '')).toBe('drone-audit:3:10:7:-');
    expect(countKey(3, 10, 7, 'LOT 1/a')).toBe(countKey(3, 10, 7, 'LOT 1/a'));
    expect(countKey(3, 10, 7, 'LOT 1/a')).not.toBe(countKey(3, 10, 7, 'LOT1a'));
    expect(countKey(3, 10, 7, 'LOT 1/a')).toMatch(/^[A-Za-z0-9._:-]+$/);
  });

  test('re-fly covers rejected, stale and unreadable bins', () => {
    expect(
      disputedBins(
        [
          { code: 'B-02-1', review: 'rejected' },
          { code: 'B-03-1', review: 'approved' },
          { code: 'B-04-1', review: 'stale' },
          { code: 'B-05-1', review: 'pending' },
        ],
        ['C-01-1'],
      ),
    ).toEqual(['B-02-1', 'B-04-1', 'C-01-1']);
  });
});
