import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDistributionCentre } from '../../../twin-models/generate/distribution-centre.ts';
import { walkableFloor } from '../../../twin-models/geometry.ts';
import { aisleSegments, segmentAt } from './gates.ts';
import { AGENT_RADIUS_M, buildNavigator, type Navigator } from './navmesh.ts';
import { type ReferenceRouter, referenceRouter } from './reference-path.ts';

/**
 * Route length against the exact shortest walk on the 50,400-bin distribution centre. Each pair was
 * more than 3% long when Detour's own polygon A* chose the corridor (its edge-midpoint costs mislead
 * it on long thin aisle polygons), so these pin the gate-graph corridor choice and the clearance.
 */
const FORMERLY_LONG: [from: string, to: string, was: string][] = [
  // Walked back to the cross-aisle at z≈72 (167.8 m) instead of on to z≈128 (130.1 m).
  ['C-73-3', 'T-61-5', '+29%'],
  ['E-105-2', 'AF-58-2', '+18%'],
  ['T-100-3', 'K-96-4', '+17%'],
  // Same aisle, one cross-aisle apart: stepped over into the next aisle and back.
  ['E-162-5', 'E-115-2', '+4.3%'],
  // Two cross-aisles apart: the middle aisle lets the walk cut across both cross-aisles.
  ['V-161-4', 'T-92-1', '+3.3%'],
  // Along the back cross-aisle through the 0.8 m gap between a column and a fire-exit keep-clear area.
  ['S-177-1', 'F-185-6', '+4.0%'],
];

describe('route length on the distribution centre', () => {
  const dc = generateDistributionCentre({}, 1);
  let nav: Navigator;
  let ref: ReferenceRouter;
  beforeAll(async () => {
    nav = await buildNavigator(dc);
    ref = referenceRouter(walkableFloor(dc, nav.floorId), AGENT_RADIUS_M);
  }, 60_000);
  afterAll(() => nav.dispose());

  it.each(FORMERLY_LONG)('%s -> %s (was %s) is within 3%% of the shortest walk', (from, to) => {
    const a = nav.resolve({ kind: 'bin', code: from });
    const b = nav.resolve({ kind: 'bin', code: to });
    if (!a.ok || !b.ok) throw new Error('unresolved bin');
    const r = nav.routeBetween(a.point, b.point);
    if (!r.ok) throw new Error(r.reason);
    const best = ref.shortest(a.point, b.point);
    expect(r.lengthM / best - 1).toBeLessThanOrEqual(0.03);
    expect(r.lengthM).toBeGreaterThanOrEqual(best * 0.99);
  });

  it('splits every aisle at the four cross-aisles into segments with a gate at each end', () => {
    const segments = aisleSegments(dc, 'F1');
    expect(segments).toHaveLength(36 * 5);
    const s = segmentAt(segments, { x: 16.1, z: 116.6 });
    expect(s?.aisleId).toBe('AISLE-C');
    expect(s?.gates.map((g) => Math.round(g.z))).toEqual([71, 127]);
    expect(segmentAt(segments, { x: 16.1, z: 128 })).toBeNull();
  });
});
