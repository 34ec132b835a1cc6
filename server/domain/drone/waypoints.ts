/**
 * Scan waypoints and rack-face segments. A bin is read from its aisle: the point `standOffM` out
 * from the middle of its face, at the middle of its level. Bins are grouped into segments (up to
 * `segmentBays` consecutive bays of one rack face) scanned in a vertical serpentine: up one bay,
 * down the next, which is the shortest way through a face whose levels are closer together than its
 * bays are wide. The route optimiser then orders segments, not bins, so 50,000 bins is a problem of
 * a few hundred nodes.
 */

import { invalid } from '../../../common/errors.ts';
import type { DerivedBin } from '../../../twin-models/geometry.ts';
import { rotateY } from '../../../twin-models/geometry.ts';
import type { Facility, Rack } from '../../../twin-models/schema.ts';
import type { DroneConfig } from './config.ts';
import { type FlightPoint, type FlightSpace, flightDistance, placeOf } from './flight-space.ts';

export type ScanPoint = FlightPoint & {
  code: string;
  rackId: string;
  face: 'left' | 'right';
  /** Bay index within the rack, and bay position along the aisle (firstBay + index). */
  bayIndex: number;
  position: number;
  level: number;
};

export type Segment = {
  /** Scan order when flown forwards; reversed when flown backwards. */
  scans: ScanPoint[];
  /** Flight metres from the first scan to the last (the same either way). */
  internalM: number;
  centre: { x: number; z: number };
};

/** Inverse of geometry's bayNumber: the bay's 0-based index in its rack. */
function bayIndex(rack: Rack, bay: number): number {
  if (rack.numbering === 'sequential') return bay - rack.firstBay;
  const position = rack.face === 'left' ? (bay + 1) / 2 : bay / 2;
  return position - rack.firstBay;
}

export function scanPoints(
  facility: Facility,
  space: FlightSpace,
  bins: readonly DerivedBin[],
  config: DroneConfig,
): ScanPoint[] {
  const racks = new Map(facility.racks.map((r) => [r.id, r]));
  const out: ScanPoint[] = [];
  const offFloor: string[] = [];
  const unreachable: string[] = [];
  for (const b of bins) {
    const rack = racks.get(b.rackId);
    if (rack === undefined) continue;
    if (b.floorId !== space.floorId) {
      offFloor.push(b.code);
      continue;
    }
    // The aisle is on the side of the rack opposite to where it extends (see geometry.ts).
    const towardsAisle = rack.face === 'right' ? -1 : 1;
    const n = rotateY(0, towardsAisle, b.rotationY);
    const reach = b.size.d / 2 + config.standOffM;
    const x = b.position.x + n.x * reach;
    const z = b.position.z + n.z * reach;
    const place = placeOf(space, x, z);
    if (place < 0) {
      unreachable.push(b.code);
      continue;
    }
    const index = bayIndex(rack, b.bay);
    out.push({
      x,
      y: b.position.y,
      z,
      place,
      code: b.code,
      rackId: b.rackId,
      face: rack.face,
      bayIndex: index,
      position: rack.firstBay + index,
      level: b.level,
    });
  }
  if (offFloor.length > 0) {
    throw invalid(
      `The drone's dock is on floor ${space.floorId}; ${offFloor.length} bin(s) are on another floor (${offFloor.slice(0, 5).join(', ')}). Plan one floor at a time.`,
    );
  }
  if (unreachable.length > 0) {
    throw invalid(
      `${unreachable.length} bin(s) cannot be scanned from an aisle with a ${config.standOffM} m stand-off: ${unreachable.slice(0, 10).join(', ')}`,
      { bins: unreachable },
    );
  }
  return out;
}

/** Seconds to fly between two consecutive scans: slowly between neighbours on one face, else transit. */
export function moveSpeed(a: ScanPoint, b: ScanPoint, config: DroneConfig): number {
  const neighbours = a.rackId === b.rackId && Math.abs(a.bayIndex - b.bayIndex) <= 1;
  return neighbours ? config.scanMoveMps : config.speedMps;
}

export function moveSeconds(a: ScanPoint, b: ScanPoint, metres: number, config: DroneConfig): number {
  return metres / moveSpeed(a, b, config);
}

function pathLength(space: FlightSpace, scans: readonly ScanPoint[]): number {
  let m = 0;
  for (let i = 1; i < scans.length; i++) {
    const a = scans[i - 1];
    const b = scans[i];
    if (a && b) m += flightDistance(space, a, b);
  }
  return m;
}

export function segmentsOf(space: FlightSpace, scans: readonly ScanPoint[], segmentBays: number): Segment[] {
  const groups = new Map<string, ScanPoint[]>();
  for (const s of scans) {
    const key = `${s.rackId}#${Math.floor(s.bayIndex / segmentBays)}`;
    const g = groups.get(key);
    if (g) g.push(s);
    else groups.set(key, [s]);
  }
  const out: Segment[] = [];
  for (const group of groups.values()) {
    const bays = [...new Set(group.map((s) => s.bayIndex))].sort((a, b) => a - b);
    const column = new Map(bays.map((b, i) => [b, i]));
    group.sort((a, b) => {
      if (a.bayIndex !== b.bayIndex) return a.bayIndex - b.bayIndex;
      const up = (column.get(a.bayIndex) ?? 0) % 2 === 0;
      return up ? a.level - b.level : b.level - a.level;
    });
    let x = 0;
    let z = 0;
    for (const s of group) {
      x += s.x;
      z += s.z;
    }
    out.push({
      scans: group,
      internalM: pathLength(space, group),
      centre: { x: x / group.length, z: z / group.length },
    });
  }
  return out;
}
