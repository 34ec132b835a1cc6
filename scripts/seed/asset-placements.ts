/**
 * Puts the seeded register assets into the twin the seed publishes, so "take me to the generator",
 * AR guidance and the asset page's "Guide me" find them. The committed demo-warehouse sample stays
 * the rack layout only; the register (and so the assets) belongs to the seed, which already gives
 * every asset its floor position (generateAssets: a plant strip east of the racking). This module
 * turns exactly those positions into placements, so the database's x/z and the twin agree.
 */

import { assetPlacementId } from '../../common/masters/asset-placement.ts';
import { footprintCorners, quadsOverlap, rectCorners, walkableFloor } from '../../twin-models/geometry.ts';
import { loadFacility } from '../../twin-models/load.ts';
import type { AssetPlacement, Facility } from '../../twin-models/schema.ts';
import type { GeneratedAsset } from './assets.ts';

/**
 * Footprints are schematic and at most 1.8 m square: the plant grid spaces centres at least 2.8 m
 * apart, so every machine keeps a walkable gap of 1 m or more on each side (the agent needs 0.6 m).
 */
const SIZES: Record<string, { kind: string; w: number; h: number; d: number }> = {
  AHU: { kind: 'air-handling-unit', w: 1.8, h: 1.8, d: 1.2 },
  CH: { kind: 'chiller', w: 1.8, h: 2.0, d: 1.4 },
  B: { kind: 'boiler', w: 1.2, h: 1.8, d: 1.2 },
  P: { kind: 'pump', w: 0.8, h: 0.8, d: 0.6 },
  AC: { kind: 'air-compressor', w: 1.4, h: 1.5, d: 0.9 },
  FLT: { kind: 'forklift', w: 1.2, h: 2.2, d: 1.8 },
  CNV: { kind: 'conveyor-drive', w: 1.0, h: 1.0, d: 0.8 },
  DL: { kind: 'dock-leveller', w: 1.8, h: 0.6, d: 1.8 },
  DD: { kind: 'dock-door', w: 1.8, h: 1.2, d: 0.4 },
  FP: { kind: 'fire-pump', w: 1.6, h: 1.2, d: 0.9 },
  GEN: { kind: 'generator', w: 1.8, h: 1.9, d: 1.2 },
  LFT: { kind: 'goods-lift', w: 1.8, h: 2.4, d: 1.8 },
  CT: { kind: 'cooling-tower', w: 1.8, h: 2.5, d: 1.8 },
  SWP: { kind: 'sweeper', w: 1.0, h: 1.4, d: 1.6 },
  VAN: { kind: 'van', w: 1.8, h: 2.4, d: 1.8 },
};
const FALLBACK = { kind: 'equipment', w: 1.0, h: 1.0, d: 1.0 };

/** Free floor kept between the last machine and the edge of the plant area. */
const EDGE_M = 2;

/**
 * The facility with a plant area added east of the racking (the floor widened to hold it) and one
 * placement per asset, `assetTag` = the register tag. Throws if the result is not a valid layout or
 * a machine would stand on anything else, since that is a bug in the seed, not bad input.
 */
export function withAssetPlacements(
  facility: Facility,
  assets: readonly Pick<GeneratedAsset, 'tag' | 'name' | 'x' | 'z'>[],
): Facility {
  const floor = facility.floors[0];
  if (floor === undefined) throw new Error('withAssetPlacements: the facility has no floor');
  const placements: AssetPlacement[] = assets.map((a) => {
    const size = SIZES[a.tag.slice(0, a.tag.indexOf('-'))] ?? FALLBACK;
    return {
      id: assetPlacementId(a.tag),
      floorId: floor.id,
      assetTag: a.tag,
      kind: size.kind,
      name: a.name,
      pose: { position: { x: a.x, y: floor.elevation, z: a.z }, rotationY: 0 },
      size: { w: size.w, h: size.h, d: size.d },
    };
  });
  const farEdge = Math.max(floor.width, ...placements.map((p) => p.pose.position.x + p.size.w / 2));
  const width = Math.ceil(farEdge + EDGE_M);
  const plantWidth = width - floor.width;
  const next: Facility = {
    ...facility,
    floors: facility.floors.map((f) => (f.id === floor.id ? { ...f, width } : f)),
    zones: [
      ...facility.zones,
      {
        id: 'Z-PLANT',
        floorId: floor.id,
        name: 'Plant area',
        kind: 'plant',
        footprint: {
          x: floor.width + plantWidth / 2,
          z: floor.depth / 2,
          width: plantWidth,
          depth: floor.depth,
          rotationY: 0,
        },
      },
    ],
    assets: [...facility.assets, ...placements],
  };
  const loaded = loadFacility(next);
  if (!loaded.ok)
    throw new Error(`asset placements make an invalid layout:\n  ${loaded.errors.join('\n  ')}`);
  assertFree(loaded.facility, floor.id);
  return loaded.facility;
}

/**
 * Every machine, grown by the agent's width (0.6 m), clear of everything the route planner avoids
 * and of the aisles and docks, which must stay open even though people may walk there.
 */
function assertFree(facility: Facility, floorId: string): void {
  const others = [
    ...walkableFloor(facility, floorId).blocked,
    ...facility.aisles.map((x) => ({ kind: 'aisle', id: x.id, corners: footprintCorners(x.footprint) })),
    ...facility.docks.map((x) => ({ kind: 'dock', id: x.id, corners: footprintCorners(x.footprint) })),
  ];
  for (const a of facility.assets) {
    const p = a.pose.position;
    const withRoom = rectCorners(p.x, p.z, a.size.w + 1.2, a.size.d + 1.2, a.pose.rotationY);
    const hit = others.find(
      (b) => !(b.kind === 'asset' && b.id === a.id) && quadsOverlap(b.corners, withRoom),
    );
    if (hit !== undefined) throw new Error(`asset ${a.assetTag} stands too close to ${hit.kind} ${hit.id}`);
  }
}
