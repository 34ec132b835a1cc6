import { describe, expect, test } from 'vitest';
import { demoWarehouse, plantRoom } from '../../twin-models/samples/index.ts';
import { placementOfTag, spotProblems, withAssetOnSpot, withoutAsset } from './asset-placement.ts';

const PUMP = { tag: 'P-101', name: 'Chilled water pump 1', type: 'Centrifugal pump' };
const spot = (x: number, z: number, more: { width?: number; depth?: number; rotationY?: number } = {}) => ({
  floorId: 'F1',
  x,
  z,
  width: more.width ?? 1,
  depth: more.depth ?? 0.8,
  rotationY: more.rotationY ?? 0,
});

describe('putting an asset on a spot of the twin', () => {
  test('a free spot in the staging area takes the asset, keyed by its register tag', () => {
    const placed = withAssetOnSpot(demoWarehouse(), PUMP, spot(6, 9, { rotationY: Math.PI / 2 }));
    if (!placed.ok) throw new Error(placed.reason);
    expect(placementOfTag(placed.facility, 'p-101')).toMatchObject({
      id: 'A-P-101',
      assetTag: 'P-101',
      name: 'Chilled water pump 1',
      kind: 'centrifugal-pump',
      pose: { position: { x: 6, y: 0, z: 9 }, rotationY: Math.PI / 2 },
      size: { w: 1, d: 0.8 },
    });
  });

  test.each([
    ['a rack', demoWarehouse(), spot(2.3, 20), 'It would stand on rack R-A-1-R'],
    ['an aisle', demoWarehouse(), spot(3.35, 30), 'It would block aisle A'],
    ['a fire exit', demoWarehouse(), spot(0.75, 6), 'It would block keep-clear area KC-EXIT-1 (fire exit)'],
    ['a wall', plantRoom(), spot(5, 14), 'It would stand in wall W-1'],
    ['the floor edge', demoWarehouse(), spot(37.3, 30), 'It reaches outside Ground floor'],
  ])('is refused on %s, with the reason', (_what, facility, at, reason) => {
    const placed = withAssetOnSpot(facility, PUMP, at);
    expect(placed.ok).toBe(false);
    if (!placed.ok) expect(placed.reason).toContain(reason);
  });

  test('moving or renaming an asset replaces its placement; another asset is in the way', () => {
    const first = withAssetOnSpot(demoWarehouse(), PUMP, spot(6, 9));
    if (!first.ok) throw new Error(first.reason);
    // Half a metre along: it overlaps where it stood, which is not in its own way.
    const moved = withAssetOnSpot(first.facility, { ...PUMP, tag: 'P-102' }, spot(6.5, 9), 'P-101');
    if (!moved.ok) throw new Error(moved.reason);
    expect(moved.facility.assets.map((a) => a.assetTag)).toEqual(['P-102']);
    const other = withAssetOnSpot(moved.facility, { ...PUMP, tag: 'P-200', name: 'Spare pump' }, spot(7, 9));
    expect(other).toEqual({ ok: false, reason: 'It would overlap Chilled water pump 1 (P-102)' });
    expect(spotProblems(moved.facility, spot(7, 9), ['P-102'])).toEqual([]);
  });

  test('taking an asset out of the twin', () => {
    const placed = withAssetOnSpot(demoWarehouse(), PUMP, spot(6, 9));
    if (!placed.ok) throw new Error(placed.reason);
    expect(withoutAsset(placed.facility, 'P-101')?.assets).toEqual([]);
    expect(withoutAsset(demoWarehouse(), 'P-101')).toBeNull();
  });
});
