/**
 * Geometry derived from a Facility document: bins, footprints, the walkable floor and a navmesh input.
 *
 * Conventions (metres, Y up, three.js handedness): a rotation θ about +Y maps local (x, z) to
 * (x·cosθ + z·sinθ, −x·sinθ + z·cosθ). Floor coordinates run x ∈ [0, width], z ∈ [0, depth]; world
 * y adds the floor's elevation.
 *
 * A rack's local frame: the origin is the aisle-side corner at the start of its first bay, local +X
 * runs along the bays (the direction a picker walks to see bay numbers rise), and the rack extends
 * away from the aisle on the picker's left (local −Z) or right (local +Z) according to `face`.
 */
import type { AssetPlacement, Facility, Footprint, Rack, Wall } from './schema.ts';

export type Point2 = { x: number; z: number };
export type Vec3 = { x: number; y: number; z: number };
/** Corners of a (possibly rotated) rectangle in floor coordinates, in winding order. */
export type Quad = readonly [Point2, Point2, Point2, Point2];
export type Bounds2 = { minX: number; maxX: number; minZ: number; maxZ: number };

export type DerivedBin = {
  code: string;
  rackId: string;
  floorId: string;
  aisle: string;
  bay: number;
  level: number;
  /** Centre of the bin in world coordinates (floor elevation included). */
  position: Vec3;
  /** Rack-local extents: w along the bays, h vertical, d rack depth; turn by rotationY to place. */
  size: { w: number; h: number; d: number };
  rotationY: number;
  /** Litres: the rack's binCapacity, else the nominal volume, so capacities compare across racks. */
  capacity: number;
};

// Tolerance for comparisons of coordinates that went through sin/cos (cos(−π/2) is 6e-17, not 0).
const EPS = 1e-6;

export function rotateY(x: number, z: number, rotationY: number): Point2 {
  const c = Math.cos(rotationY);
  const s = Math.sin(rotationY);
  return { x: x * c + z * s, z: -x * s + z * c };
}

/** Corners of a rectangle centred at (cx, cz) with width along its local X and depth along local Z. */
export function rectCorners(cx: number, cz: number, width: number, depth: number, rotationY: number): Quad {
  const hw = width / 2;
  const hd = depth / 2;
  const at = (lx: number, lz: number): Point2 => {
    const r = rotateY(lx, lz, rotationY);
    return { x: cx + r.x, z: cz + r.z };
  };
  return [at(-hw, -hd), at(hw, -hd), at(hw, hd), at(-hw, hd)];
}

export function footprintCorners(fp: Footprint): Quad {
  return rectCorners(fp.x, fp.z, fp.width, fp.depth, fp.rotationY);
}

export function assetCorners(asset: AssetPlacement): Quad {
  const p = asset.pose.position;
  return rectCorners(p.x, p.z, asset.size.w, asset.size.d, asset.pose.rotationY);
}

export function wallCorners(wall: Wall): Quad {
  const dx = wall.to.x - wall.from.x;
  const dz = wall.to.z - wall.from.z;
  const length = Math.hypot(dx, dz);
  // The rotation that turns local +X onto the wall's direction under the three.js convention above.
  const rotationY = Math.atan2(-dz, dx);
  return rectCorners(
    (wall.from.x + wall.to.x) / 2,
    (wall.from.z + wall.to.z) / 2,
    length,
    wall.thickness,
    rotationY,
  );
}

export function rackLength(rack: Rack): number {
  return rack.bays * rack.bayWidth;
}

/** +1 when the rack extends towards local +Z (picker's right), −1 towards local −Z (picker's left). */
function faceSide(rack: Rack): number {
  return rack.face === 'right' ? 1 : -1;
}

function rackLocalToFloor(rack: Rack, lx: number, lz: number): Point2 {
  const r = rotateY(lx, lz, rack.origin.rotationY);
  return { x: rack.origin.position.x + r.x, z: rack.origin.position.z + r.z };
}

export function rackCorners(rack: Rack): Quad {
  const length = rackLength(rack);
  const back = faceSide(rack) * rack.depth;
  return [
    rackLocalToFloor(rack, 0, 0),
    rackLocalToFloor(rack, length, 0),
    rackLocalToFloor(rack, length, back),
    rackLocalToFloor(rack, 0, back),
  ];
}

export function quadBounds(q: Quad): Bounds2 {
  let minX = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let minZ = Number.POSITIVE_INFINITY;
  let maxZ = Number.NEGATIVE_INFINITY;
  for (const p of q) {
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.z < minZ) minZ = p.z;
    if (p.z > maxZ) maxZ = p.z;
  }
  return { minX, maxX, minZ, maxZ };
}

/** True when the rectangle's edges run along the axes, so its bounds are the rectangle itself. */
export function isAxisAligned(q: Quad): boolean {
  const [a, b] = q;
  return Math.abs(a.x - b.x) < 1e-9 || Math.abs(a.z - b.z) < 1e-9;
}

function project(q: Quad, ax: number, az: number): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of q) {
    const v = p.x * ax + p.z * az;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}

/**
 * Separating-axis test for two convex quads. Only interiors count: racks standing edge to edge, or a
 * keep-clear area drawn up to a rack's face, do not overlap.
 */
export function quadsOverlap(a: Quad, b: Quad): boolean {
  for (const q of [a, b]) {
    for (let i = 0; i < 4; i++) {
      const p0 = q[i];
      const p1 = q[(i + 1) % 4];
      if (p0 === undefined || p1 === undefined) continue;
      const ex = p1.x - p0.x;
      const ez = p1.z - p0.z;
      const len = Math.hypot(ex, ez);
      if (len === 0) continue;
      const ax = -ez / len;
      const az = ex / len;
      const [aMin, aMax] = project(a, ax, az);
      const [bMin, bMax] = project(b, ax, az);
      if (aMax <= bMin + EPS || bMax <= aMin + EPS) return false;
    }
  }
  return true;
}

/** Strictly inside a convex quad (points on an edge are outside). */
export function pointInQuad(p: Point2, q: Quad): boolean {
  let sign = 0;
  for (let i = 0; i < 4; i++) {
    const a = q[i];
    const b = q[(i + 1) % 4];
    if (a === undefined || b === undefined) continue;
    const cross = (b.x - a.x) * (p.z - a.z) - (b.z - a.z) * (p.x - a.x);
    if (Math.abs(cross) <= EPS) return false;
    const s = cross > 0 ? 1 : -1;
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

export function quadInsideBounds(q: Quad, b: Bounds2): boolean {
  return q.every(
    (p) => p.x >= b.minX - EPS && p.x <= b.maxX + EPS && p.z >= b.minZ - EPS && p.z <= b.maxZ + EPS,
  );
}

// ---- bins ---------------------------------------------------------------------------------------

/**
 * Bay number of the rack's bay at `index` (0-based). With odd-even numbering, the usual store-room
 * convention, bays facing each other across an aisle share a position: left face odd, right face even,
 * so `<AISLE>-<BAY>-<LEVEL>` stays unique without a face letter.
 */
export function bayNumber(rack: Rack, index: number): number {
  const position = rack.firstBay + index;
  if (rack.numbering === 'sequential') return position;
  return rack.face === 'left' ? 2 * position - 1 : 2 * position;
}

/** Bays pad to two digits (more when the number needs it) so codes sort sensibly in a list. */
export function binCode(aisle: string, bay: number, level: number): string {
  return `${aisle}-${String(bay).padStart(2, '0')}-${level}`;
}

/** Codes only, in the same order as rackBins, for checks that must not build 50,000 objects twice. */
export function rackBinCodes(rack: Rack): string[] {
  const out: string[] = [];
  for (let b = 0; b < rack.bays; b++) {
    const bay = bayNumber(rack, b);
    for (let l = 0; l < rack.levels.length; l++) out.push(binCode(rack.aisle, bay, l + 1));
  }
  return out;
}

export function rackBins(rack: Rack, floorElevation = 0): DerivedBin[] {
  const out: DerivedBin[] = [];
  const side = faceSide(rack);
  const baseY = floorElevation + rack.origin.position.y;
  for (let b = 0; b < rack.bays; b++) {
    const bay = bayNumber(rack, b);
    const centre = rackLocalToFloor(rack, (b + 0.5) * rack.bayWidth, (side * rack.depth) / 2);
    let bottom = 0;
    rack.levels.forEach((lvl, l) => {
      const size = { w: rack.bayWidth, h: lvl.height, d: rack.depth };
      out.push({
        code: binCode(rack.aisle, bay, l + 1),
        rackId: rack.id,
        floorId: rack.floorId,
        aisle: rack.aisle,
        bay,
        level: l + 1,
        position: { x: centre.x, y: baseY + bottom + lvl.height / 2, z: centre.z },
        size,
        rotationY: rack.origin.rotationY,
        capacity: rack.binCapacity ?? Math.round(size.w * size.h * size.d * 1000),
      });
      bottom += lvl.height;
    });
  }
  return out;
}

/** Every bin of the facility, racks in document order, bays then levels: same document, same list. */
export function deriveBins(facility: Facility): DerivedBin[] {
  const elevation = new Map(facility.floors.map((f) => [f.id, f.elevation]));
  const out: DerivedBin[] = [];
  for (const rack of facility.racks) {
    for (const bin of rackBins(rack, elevation.get(rack.floorId) ?? 0)) out.push(bin);
  }
  return out;
}

// ---- walkable floor -----------------------------------------------------------------------------

export type BlockedKind = 'rack' | 'obstacle' | 'wall' | 'keep-clear' | 'asset' | 'workstation';
export type BlockedArea = { kind: BlockedKind; id: string; corners: Quad };

export type WalkableFloor = {
  floorId: string;
  elevation: number;
  /** The floor outline; the walkable area is this minus every blocked area. */
  outline: Bounds2;
  blocked: BlockedArea[];
};

export type WalkableOptions = {
  /**
   * Default true: trolleys, robots and put-away must never stop in a fire-exit approach or in front
   * of a panel. An evacuation planner would pass false, since those areas are exactly where people go.
   */
  blockKeepClear?: boolean;
};

export function walkableFloor(
  facility: Facility,
  floorId: string,
  options: WalkableOptions = {},
): WalkableFloor {
  const floor = facility.floors.find((f) => f.id === floorId);
  if (floor === undefined) throw new Error(`unknown floor "${floorId}"`);
  const on = <T extends { floorId: string }>(items: readonly T[]): T[] =>
    items.filter((i) => i.floorId === floorId);
  const blocked: BlockedArea[] = [];
  for (const r of on(facility.racks)) blocked.push({ kind: 'rack', id: r.id, corners: rackCorners(r) });
  for (const o of on(facility.obstacles))
    blocked.push({ kind: 'obstacle', id: o.id, corners: footprintCorners(o.footprint) });
  for (const w of on(facility.walls)) blocked.push({ kind: 'wall', id: w.id, corners: wallCorners(w) });
  for (const a of on(facility.assets)) blocked.push({ kind: 'asset', id: a.id, corners: assetCorners(a) });
  for (const w of on(facility.workstations)) {
    blocked.push({ kind: 'workstation', id: w.id, corners: footprintCorners(w.footprint) });
  }
  if (options.blockKeepClear ?? true) {
    for (const k of on(facility.keepClear)) {
      blocked.push({ kind: 'keep-clear', id: k.id, corners: footprintCorners(k.footprint) });
    }
  }
  return {
    floorId,
    elevation: floor.elevation,
    outline: { minX: 0, maxX: floor.width, minZ: 0, maxZ: floor.depth },
    blocked,
  };
}

export type FloorMesh = {
  /** x, y, z per vertex; y is the floor elevation. */
  positions: Float32Array;
  /** Three vertex indices per triangle, counter-clockwise seen from above (normals +Y). */
  indices: Uint32Array;
  cellSize: number;
  columns: number;
  rows: number;
  freeCells: number;
};

export type FloorMeshOptions = WalkableOptions & { cellSize?: number };

/**
 * Triangles covering the walkable floor, as navmesh input (e.g. for recast).
 *
 * Deliberately simple: the floor is cut into square cells of `cellSize` (default 0.25 m) and each
 * cell that touches no blocked area becomes two triangles. Conservative by construction, so no
 * triangle reaches into a rack, obstacle or keep-clear area; the price is up to one cell of lost
 * floor along every blocked edge and along the far walls when the size is not a multiple of the cell.
 * Good enough for routing; a navmesh builder re-voxelises anyway.
 */
export function floorTriangles(
  facility: Facility,
  floorId: string,
  options: FloorMeshOptions = {},
): FloorMesh {
  const cell = options.cellSize ?? 0.25;
  if (!(cell > 0)) throw new Error('cellSize must be > 0');
  const walk = walkableFloor(facility, floorId, options);
  const columns = Math.floor((walk.outline.maxX - walk.outline.minX) / cell + EPS);
  const rows = Math.floor((walk.outline.maxZ - walk.outline.minZ) / cell + EPS);
  const blocked = new Uint8Array(columns * rows);

  for (const area of walk.blocked) {
    const b = quadBounds(area.corners);
    const c0 = Math.max(0, Math.floor((b.minX + EPS) / cell));
    const c1 = Math.min(columns - 1, Math.ceil((b.maxX - EPS) / cell) - 1);
    const r0 = Math.max(0, Math.floor((b.minZ + EPS) / cell));
    const r1 = Math.min(rows - 1, Math.ceil((b.maxZ - EPS) / cell) - 1);
    const aligned = isAxisAligned(area.corners);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        // Axis-aligned areas (almost all of them) block their whole bounding range; only rotated
        // ones pay for an exact cell test.
        if (
          aligned ||
          quadsOverlap(rectCorners((c + 0.5) * cell, (r + 0.5) * cell, cell, cell, 0), area.corners)
        ) {
          blocked[r * columns + c] = 1;
        }
      }
    }
  }

  const stride = columns + 1;
  const vertexOf = new Int32Array(stride * (rows + 1)).fill(-1);
  let vertexCount = 0;
  let freeCells = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (blocked[r * columns + c] === 1) continue;
      freeCells++;
      for (const v of [r * stride + c, r * stride + c + 1, (r + 1) * stride + c, (r + 1) * stride + c + 1]) {
        if (vertexOf[v] === -1) vertexOf[v] = vertexCount++;
      }
    }
  }

  const positions = new Float32Array(vertexCount * 3);
  for (let v = 0; v < vertexOf.length; v++) {
    const i = vertexOf[v] ?? -1;
    if (i < 0) continue;
    positions[i * 3] = walk.outline.minX + (v % stride) * cell;
    positions[i * 3 + 1] = walk.elevation;
    positions[i * 3 + 2] = walk.outline.minZ + Math.floor(v / stride) * cell;
  }

  const indices = new Uint32Array(freeCells * 6);
  let t = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      if (blocked[r * columns + c] === 1) continue;
      const a = vertexOf[r * stride + c] ?? 0; // (x0, z0)
      const b = vertexOf[r * stride + c + 1] ?? 0; // (x1, z0)
      const d = vertexOf[(r + 1) * stride + c] ?? 0; // (x0, z1)
      const e = vertexOf[(r + 1) * stride + c + 1] ?? 0; // (x1, z1)
      indices.set([a, d, b, b, d, e], t);
      t += 6;
    }
  }
  return { positions, indices, cellSize: cell, columns, rows, freeCells };
}
