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
