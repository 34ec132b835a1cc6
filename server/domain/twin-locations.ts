import { deriveBins } from '../../twin-models/geometry.ts';
import type { Facility } from '../../twin-models/schema.ts';

/**
 * What a twin document means for the ledger: its bins and docks are the locations stock can be in.
 * Positions are centres in world metres; width/height/depth are rack-local, turned by rotationY.
 */
export type TwinLocation = {
  code: string;
  kind: 'bin' | 'dock';
  aisle: string | null;
  bay: number | null;
  level: number | null;
  rackId: string | null;
  x: number;
  y: number;
  z: number;
  width: number;
  height: number;
  depth: number;
  rotationY: number;
  capacity: number;
};

export function twinLocations(facility: Facility): TwinLocation[] {
  const elevation = new Map(facility.floors.map((f) => [f.id, f.elevation]));
  const bins: TwinLocation[] = deriveBins(facility).map((b) => ({
    code: b.code,
    kind: 'bin',
    aisle: b.aisle,
    bay: b.bay,
    level: b.level,
    rackId: b.rackId,
    x: b.position.x,
    y: b.position.y,
    z: b.position.z,
    width: b.size.w,
    height: b.size.h,
    depth: b.size.d,
    rotationY: b.rotationY,
    capacity: Math.max(1, Math.round(b.capacity)),
  }));
  const docks: TwinLocation[] = facility.docks.map((d) => ({
    code: d.code,
    kind: 'dock',
    aisle: null,
    bay: null,
    level: null,
    rackId: null,
    x: d.footprint.x,
    y: elevation.get(d.floorId) ?? 0,
    z: d.footprint.z,
    width: d.footprint.width,
    height: 0,
    depth: d.footprint.depth,
    rotationY: d.footprint.rotationY,
    capacity: 1_000_000,
  }));
  // Sorted by code so ids, lists and CSV exports read in the order people expect (A-01-1 first).
  return [...docks, ...bins.sort((a, b) => compareCodes(a.code, b.code))];
}

/** Codes compare by aisle, then bay and level as numbers: A-02-1 before A-10-1. */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * Locations a new revision would remove while they still hold or reserve stock: publishing them
 * would strand that stock, so the revision is refused with this list.
 */
export function strandedLocations(
  current: readonly { code: string; held: number }[],
  next: readonly { code: string }[],
): string[] {
  const kept = new Set(next.map((l) => l.code));
  return current
    .filter((l) => l.held > 0 && !kept.has(l.code))
    .map((l) => l.code)
    .sort(compareCodes);
}

/**
 * Where a hand-kept location (a cabinet, a room) stands in the twin: a point on one of the layout's
 * floors, at that floor's elevation. Refused with a reason when the floor does not exist or the
 * point is off it.
 */
export function placeOnFloor(
  facility: Facility,
  point: { floorId: string; x: number; z: number },
): { ok: true; y: number } | { ok: false; reason: string } {
  const floor = facility.floors.find((f) => f.id === point.floorId);
  if (floor === undefined)
    return {
      ok: false,
      reason: `The layout has no floor "${point.floorId}"; it has ${facility.floors.map((f) => f.id).join(', ')}`,
    };
  if (point.x < 0 || point.x > floor.width || point.z < 0 || point.z > floor.depth)
    return {
      ok: false,
      reason: `(${point.x}, ${point.z}) is off ${floor.name}, which spans x 0–${floor.width} m and z 0–${floor.depth} m`,
    };
  return { ok: true, y: floor.elevation };
}

/** Codes of a layout's bins and docks that hand-kept locations already use: the layout may not take them. */
export function codesTakenByManual(
  next: readonly { code: string }[],
  manualCodes: readonly string[],
): string[] {
  const manual = new Set(manualCodes.map((c) => c.toUpperCase()));
  return next
    .filter((l) => manual.has(l.code.toUpperCase()))
    .map((l) => l.code)
    .sort(compareCodes);
}
