/**
 * Where a person stands to reach something: a point on the floor (floor coordinates) plus what they
 * then look at, so the last instruction can say "on your left". Pure: no navmesh here; the navigator
 * snaps the candidates onto its mesh and keeps the first that lands close by.
 */
import { footprintCorners, type Point2, pointInQuad, rotateY } from '../../../twin-models/geometry.ts';
import type { Facility, Rack } from '../../../twin-models/schema.ts';

/**
 * What the register knows of an asset that does not stand on a spot of the twin: its name, and the
 * bin it is kept at or the twin zone it is in.
 */
export type AssetWhereabouts = {
  name: string;
  at: { kind: 'bin'; code: string } | { kind: 'zone'; zoneId: string } | null;
};

export type Target =
  | { kind: 'bin'; code: string }
  /** `id`: a placement id or register tag; `known`: what the register adds, if anything. */
  | { kind: 'asset'; id: string; known?: AssetWhereabouts | undefined }
  | { kind: 'marker'; code: string }
  /** `label` names what stands there (a cabinet placed at a point); a bare point is its coordinates. */
  | { kind: 'point'; x: number; z: number; label?: string };

export type AccessPoint = {
  floorId: string | null;
  /** Preferred standing points, best first; all on the floor, not yet checked against the navmesh. */
  candidates: [Point2, ...Point2[]];
  /** The thing itself, for "on your left/right"; null for a bare point. */
  look: Point2 | null;
  label: string;
  level: number | null;
};

export type AccessResult = { ok: true; access: AccessPoint } | { ok: false; reason: string };

/** Room to stand beside a machine or marker without touching it, beyond the agent radius. */
const STAND_OFF = 0.6;
/** Used when a rack has no aisle footprint to centre on. */
const DEFAULT_AISLE_STAND_OFF = 0.75;
const BIN_CODE = /^([A-Z]{1,3})-(\d{2,})-(\d+)$/;

const racksByAisle = new WeakMap<Facility, Map<string, Rack[]>>();

function racksOf(facility: Facility, aisle: string): Rack[] {
  let index = racksByAisle.get(facility);
  if (index === undefined) {
    index = new Map();
    for (const r of facility.racks) {
      const list = index.get(r.aisle);
      if (list === undefined) index.set(r.aisle, [r]);
      else list.push(r);
    }
    racksByAisle.set(facility, index);
  }
  return index.get(aisle) ?? [];
}

/** Bay index within the rack for a printed bay number, or -1; inverse of geometry.ts bayNumber. */
function bayIndex(rack: Rack, bay: number): number {
  let position: number;
  if (rack.numbering === 'sequential') position = bay;
  else if (rack.face === 'left') position = bay % 2 === 1 ? (bay + 1) / 2 : -1;
  else position = bay % 2 === 0 ? bay / 2 : -1;
  const index = position - rack.firstBay;
  return index >= 0 && index < rack.bays ? index : -1;
}

function rackPoint(rack: Rack, lx: number, lz: number): Point2 {
  const r = rotateY(lx, lz, rack.origin.rotationY);
  return { x: rack.origin.position.x + r.x, z: rack.origin.position.z + r.z };
}

/**
 * Half the aisle's width measured straight out from the face, so the picker stands on the aisle's
 * centre line (clear of trolleys on both sides) rather than against the shelf.
 */
function aisleStandOff(facility: Facility, rack: Rack, face: Point2, out: Point2): number {
  const step = 0.05;
  for (const a of facility.aisles) {
    if (a.kind !== 'aisle' || a.letter !== rack.aisle || a.floorId !== rack.floorId) continue;
    const q = footprintCorners(a.footprint);
    if (!pointInQuad({ x: face.x + out.x * step, z: face.z + out.z * step }, q)) continue;
    let d = step;
    while (d < 20 && pointInQuad({ x: face.x + out.x * (d + step), z: face.z + out.z * (d + step) }, q))
      d += step;
    return d / 2;
  }
  return DEFAULT_AISLE_STAND_OFF;
}

function binAccess(facility: Facility, code: string): AccessResult {
  const m = BIN_CODE.exec(code);
  if (m === null) return { ok: false, reason: `"${code}" is not a bin code (AISLE-BAY-LEVEL)` };
  const [, aisle = '', bayText = '', levelText = ''] = m;
  const bay = Number(bayText);
  const level = Number(levelText);
  for (const rack of racksOf(facility, aisle)) {
    const index = bayIndex(rack, bay);
    if (index < 0) continue;
    if (level < 1 || level > rack.levels.length)
      return { ok: false, reason: `bin ${code}: rack ${rack.id} has ${rack.levels.length} levels` };
    const side = rack.face === 'right' ? 1 : -1;
    const along = (index + 0.5) * rack.bayWidth;
    const face = rackPoint(rack, along, 0);
    const centre = rackPoint(rack, along, (side * rack.depth) / 2);
    // The aisle lies opposite to the way the rack extends from its face.
    const o = rotateY(0, -side, rack.origin.rotationY);
    const d = aisleStandOff(facility, rack, face, o);
    return {
      ok: true,
      access: {
        floorId: rack.floorId,
        candidates: [{ x: face.x + o.x * d, z: face.z + o.z * d }],
        look: centre,
        label: `Bin ${code}`,
        level,
      },
    };
  }
  return { ok: false, reason: `no bin ${code}` };
}

/**
 * An asset on a spot of the twin is reached beside its footprint; one kept at a bin, at that bin; one
 * in a zone, at a walkable point of the zone (its centre first).
 */
function assetAccess(facility: Facility, id: string, known: AssetWhereabouts | undefined): AccessResult {
  const lower = id.toLowerCase();
  const a = facility.assets.find((x) => x.id === id || x.assetTag.toLowerCase() === lower);
  if (a === undefined) {
    if (known?.at?.kind === 'bin') {
      const bin = binAccess(facility, known.at.code);
      return bin.ok
        ? { ok: true, access: { ...bin.access, label: `${known.name} (bin ${known.at.code})` } }
        : bin;
    }
    if (known?.at?.kind === 'zone') return zoneAccess(facility, known.at.zoneId, known.name);
    return { ok: false, reason: known ? `${known.name} has no place in the layout` : `no asset ${id}` };
  }
  const p = a.pose.position;
  const hw = a.size.w / 2 + STAND_OFF;
  const hd = a.size.d / 2 + STAND_OFF;
  // Front (local +Z, where the generator puts the marker and the controls) first, then back, sides.
  const sides: [number, number][] = [
    [0, hd],
    [0, -hd],
    [hw, 0],
    [-hw, 0],
  ];
  const pts = sides.map(([lx, lz]) => {
    const r = rotateY(lx, lz, a.pose.rotationY);
    return { x: p.x + r.x, z: p.z + r.z };
  });
  const [first, ...rest] = pts;
  if (first === undefined) return { ok: false, reason: 'unreachable' };
  return {
    ok: true,
    access: {
      floorId: a.floorId,
      candidates: [first, ...rest],
      look: { x: p.x, z: p.z },
      label: a.name || a.assetTag,
      level: null,
    },
  };
}

function zoneAccess(facility: Facility, zoneId: string, label: string): AccessResult {
  const zone = facility.zones.find((z) => z.id === zoneId);
  if (zone === undefined)
    return { ok: false, reason: `${label} is in zone ${zoneId}, which the layout no longer has` };
  const fp = zone.footprint;
  // The centre, then halfway out towards each side: a zone full of racks may have its centre on one.
  const offsets: [number, number][] = [
    [0, 0],
    [0, fp.depth / 4],
    [0, -fp.depth / 4],
    [fp.width / 4, 0],
    [-fp.width / 4, 0],
  ];
  const [first, ...rest] = offsets.map(([lx, lz]) => {
    const r = rotateY(lx, lz, fp.rotationY);
    return { x: fp.x + r.x, z: fp.z + r.z };
  });
  if (first === undefined) return { ok: false, reason: 'unreachable' };
  return {
    ok: true,
    access: {
      floorId: zone.floorId,
      candidates: [first, ...rest],
      look: null,
      label: `${label} (${zone.name || zone.id})`,
      level: null,
    },
  };
}

function markerAccess(facility: Facility, code: string): AccessResult {
  const mk = facility.markers.find((x) => x.code === code || x.id === code);
  if (mk === undefined) return { ok: false, reason: `no marker ${code}` };
  const p = mk.pose.position;
  // Stand in front of the printed face (local +Z) at scanning distance, else just beside it.
  const front = rotateY(0, 1, mk.pose.rotationY);
  const near = STAND_OFF + 0.4;
  return {
    ok: true,
    access: {
      floorId: mk.floorId,
      candidates: [
        { x: p.x + front.x * near, z: p.z + front.z * near },
        { x: p.x + front.x * 2 * near, z: p.z + front.z * 2 * near },
      ],
      look: { x: p.x, z: p.z },
      label: `Marker ${mk.code}`,
      level: null,
    },
  };
}

export function accessPoint(facility: Facility, target: Target): AccessResult {
  switch (target.kind) {
    case 'bin':
      return binAccess(facility, target.code);
    case 'asset':
      return assetAccess(facility, target.id, target.known);
    case 'marker':
      return markerAccess(facility, target.code);
    case 'point':
      if (!Number.isFinite(target.x) || !Number.isFinite(target.z))
        return { ok: false, reason: 'point coordinates must be finite' };
      return {
        ok: true,
        access: {
          floorId: null,
          candidates: [{ x: target.x, z: target.z }],
          look: null,
          label: target.label ?? `(${target.x.toFixed(1)}, ${target.z.toFixed(1)})`,
          level: null,
        },
      };
  }
}
