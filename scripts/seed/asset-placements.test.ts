import { describe, expect, it } from 'vitest';
import { demoWarehouse } from '../../twin-models/samples/index.ts';
import { withAssetPlacements } from './asset-placements.ts';
import { generateAssets } from './assets.ts';
import { createRng } from './random.ts';

describe('withAssetPlacements', () => {
  const facility = demoWarehouse();
  const bounds = {
    minX: 0,
    maxX: facility.floors[0]?.width ?? 0,
    minZ: 0,
    maxZ: facility.floors[0]?.depth ?? 0,
  };

  it('places every generated asset at its register position in a plant area the floor grows to hold', () => {
    const assets = generateAssets(createRng(7), 60, bounds);
    const placed = withAssetPlacements(facility, assets);
    expect(placed.assets.map((a) => a.assetTag)).toEqual(assets.map((a) => a.tag));
    expect(placed.assets[0]?.pose.position).toMatchObject({ x: assets[0]?.x, z: assets[0]?.z });
    expect(placed.floors[0]?.width).toBeGreaterThan(bounds.maxX);
    expect(placed.zones.find((z) => z.kind === 'plant')?.footprint.x).toBeGreaterThan(bounds.maxX);
    expect(placed.racks).toEqual(facility.racks);
  });

  it('refuses a machine on the racking or too close to another machine', () => {
    const at = (tag: string, x: number, z: number) => ({ tag, name: tag, x, z });
    expect(() => withAssetPlacements(facility, [at('GEN-01', 2.3, 20)])).toThrow(
      /GEN-01 stands too close to rack/,
    );
    expect(() => withAssetPlacements(facility, [at('GEN-01', 45, 20), at('GEN-02', 46.5, 20)])).toThrow(
      /too close to asset/,
    );
  });
});
