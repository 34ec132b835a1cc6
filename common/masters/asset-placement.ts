/**
 * Putting a register asset on a spot of the twin: the placement the twin document gets, and why a
 * spot is refused, in words a planner can act on. The 3D picker runs this as the pointer moves; the
 * asset service runs it again before it publishes the revision, so both refuse the same spots.
 */
import {
  assetCorners,
  footprintCorners,
  type Quad,
  quadBounds,
  quadInsideBounds,
  quadsOverlap,
  rackCorners,
  rectCorners,
  wallCorners,
} from '../../twin-models/geometry.ts';
import { loadFacility } from '../../twin-models/load.ts';
import type { AssetPlacement, Facility } from '../../twin-models/schema.ts';
import type { TwinSpot } from './asset.ts';

/** Placements made here are this tall: the twin draws a box, and guidance only needs the footprint. */
export const ASSET_HEIGHT_M = 1.5;

/** The placement id an asset's tag gets, so a placement can be found again from the register. */
export function assetPlacementId(tag: string): string {
  return `A-${tag}`;
}

const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The asset's placement in this twin (matched by register tag, as people type it in any case). */
export function placementOfTag(facility: Facility, tag: string): AssetPlacement | undefined {
  return facility.assets.find((a) => sameTag(a.assetTag, tag));
}

const fmt = (v: number) => String(Math.round(v * 100) / 100);

/**
 * What the spot would stand on or block, nearest concern first; empty when the asset fits. The
 * asset's own placement (`ownTags`: its tag now and before a rename) is not in its way.
 */
export function spotProblems(facility: Facility, spot: TwinSpot, ownTags: readonly string[]): string[] {
  const floor = facility.floors.find((f) => f.id === spot.floorId);
  if (floor === undefined) return [`There is no floor ${spot.floorId} in the current layout`];
  const q = rectCorners(spot.x, spot.z, spot.width, spot.depth, spot.rotationY);
  const problems: string[] = [];
  if (!quadInsideBounds(q, { minX: 0, maxX: floor.width, minZ: 0, maxZ: floor.depth })) {
    const b = quadBounds(q);
    problems.push(
      `It reaches outside ${floor.name || floor.id} (x ${fmt(b.minX)}..${fmt(b.maxX)}, z ${fmt(b.minZ)}..${fmt(b.maxZ)}; the floor is ${fmt(floor.width)} × ${fmt(floor.depth)} m)`,
    );
  }
  const on = <T extends { floorId: string }>(items: readonly T[]) =>
    items.filter((i) => i.floorId === spot.floorId);
  const hits = (other: Quad) => quadsOverlap(q, other);
  for (const r of on(facility.racks))
    if (hits(rackCorners(r))) problems.push(`It would stand on rack ${r.id}`);
  for (const w of on(facility.walls))
    if (hits(wallCorners(w))) problems.push(`It would stand in wall ${w.id}`);
  for (const o of on(facility.obstacles))
    if (hits(footprintCorners(o.footprint))) problems.push(`It would stand on ${o.kind} ${o.id}`);
  for (const w of on(facility.workstations))
    if (hits(footprintCorners(w.footprint))) problems.push(`It would stand on ${w.name || w.id}`);
  for (const d of on(facility.docks))
    if (hits(footprintCorners(d.footprint))) problems.push(`It would block dock ${d.code}`);
  // Aisles must stay open for people and trucks, even though nothing is built in them.
  for (const a of on(facility.aisles))
    if (hits(footprintCorners(a.footprint)))
      problems.push(
        `It would block ${a.kind === 'aisle' && a.letter !== undefined ? `aisle ${a.letter}` : `cross-aisle ${a.id}`}`,
      );
  for (const k of on(facility.keepClear))
    if (hits(footprintCorners(k.footprint)))
      problems.push(`It would block keep-clear area ${k.id} (${k.reason.replace('-', ' ')})`);
  for (const a of on(facility.assets)) {
    if (ownTags.some((t) => sameTag(t, a.assetTag))) continue;
    if (hits(assetCorners(a))) problems.push(`It would overlap ${a.name || a.assetTag} (${a.assetTag})`);
  }
  return problems;
}

export type PlacedAsset = { tag: string; name: string; type: string };

export type PlacementOutcome = { ok: true; facility: Facility } | { ok: false; reason: string };

/**
 * The facility with the asset standing on `spot` (any placement it had, under its current or its
 * previous tag, is replaced), or the reason it cannot stand there.
 */
export function withAssetOnSpot(
  facility: Facility,
  asset: PlacedAsset,
  spot: TwinSpot,
  previousTag: string = asset.tag,
): PlacementOutcome {
  const own = [asset.tag, previousTag];
  const problems = spotProblems(facility, spot, own);
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  const previous = placementOfTag(facility, previousTag) ?? placementOfTag(facility, asset.tag);
  const placement: AssetPlacement = {
    id: assetPlacementId(asset.tag),
    floorId: spot.floorId,
    assetTag: asset.tag,
    kind: kindOf(asset.type),
    name: asset.name,
    pose: { position: { x: spot.x, y: 0, z: spot.z }, rotationY: spot.rotationY },
    size: { w: spot.width, h: previous?.size.h ?? ASSET_HEIGHT_M, d: spot.depth },
  };
  const next: Facility = {
    ...facility,
    assets: [...facility.assets.filter((a) => !own.some((t) => sameTag(t, a.assetTag))), placement],
  };
  const loaded = loadFacility(next);
  if (!loaded.ok) return { ok: false, reason: `The layout would not be valid: ${loaded.errors.join('; ')}` };
  return { ok: true, facility: loaded.facility };
}

/** The facility without the asset's placement, or null when it had none (nothing to publish). */
export function withoutAsset(facility: Facility, tag: string): Facility | null {
  const kept = facility.assets.filter((a) => !sameTag(a.assetTag, tag));
  return kept.length === facility.assets.length ? null : { ...facility, assets: kept };
}

/** The spot a placement stands on, as the asset form edits it. */
export function spotOf(p: AssetPlacement): TwinSpot {
  return {
    floorId: p.floorId,
    x: p.pose.position.x,
    z: p.pose.position.z,
    width: p.size.w,
    depth: p.size.d,
    rotationY: p.pose.rotationY,
  };
}

/** "Centrifugal pump" -> "centrifugal-pump": the placement's kind, for legends and exports. */
function kindOf(type: string): string {
  const slug = type
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'equipment';
}
