/**
 * Where a drone may fly on one floor, and how far it is between two points.
 *
 * Racks, obstacles and walls are blockers. Below their tops a drone moves along aisles and crosses
 * between them only where the floor is open: cross-aisles and the ends of the aisles. That space is
 * reduced to a small graph: nodes on each aisle's centre line where a cross-aisle crosses it and just
 * past each end, joined wherever the straight line between two nodes touches no blocker (so a node
 * graph of a few hundred nodes describes a 50,000-bin building). All-pairs shortest paths over it
 * are computed once; a point inside an aisle reaches the graph straight from where it is, because an
 * aisle is clear by definition. Vertical moves cost their length; when the ceiling allows it a leg
 * may climb over the racks instead, whichever is shorter.
 */

import { invalid } from '../../../common/errors.ts';
import {
  footprintCorners,
  type Point2,
  pointInQuad,
  type Quad,
  quadBounds,
  rackCorners,
  rotateY,
  type Vec3,
  wallCorners,
} from '../../../twin-models/geometry.ts';
import type { Dock, Facility } from '../../../twin-models/schema.ts';
import type { DroneConfig } from './config.ts';

const EPS = 1e-6;
/** How far past an aisle's end the crossing node sits: clear of the rack ends, inside the open floor. */
const END_MARGIN_M = 1.0;
/** Dock hover height above the floor. */
const DOCK_HEIGHT_M = 1.0;

export type Blocker = {
  id: string;
  quad: Quad;
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
  /** World y of its top. */
  top: number;
};

/** An aisle (or the dock): a region from which every one of its nodes is reachable in a straight line. */
export type Place = { id: string; letter: string | null; quad: Quad | null; nodes: number[] };

export type FlightSpace = {
  floorId: string;
  elevation: number;
  blockers: Blocker[];
  nodes: Point2[];
  /** Shortest horizontal distance between graph nodes, row-major N×N; Infinity when unconnected. */
  dist: Float64Array;
  /** First hop on the shortest path from i to j (−1 when none). */
  next: Int32Array;
  places: Place[];
  /** The home dock: where the first sortie takes off. */
  dockPlace: number;
  dock: { code: string; point: Vec3 };
  /** Every dock on the floor (home included) the drone may land at to charge. */
  docks: { code: string; point: Vec3; place: number }[];
  /** Per graph node: the index in `docks` of the nearest dock, and its horizontal distance. */
  nearestDockOf: Int32Array;
  nearestDockDist: Float64Array;
  /** Altitude of legs over the racks, or null when the ceiling does not allow it. */
  cruiseY: number | null;
};

/** A point the drone visits, with the place (aisle or dock) it is in. */
export type FlightPoint = { x: number; y: number; z: number; place: number };

/** True when the segment a–b crosses the interior of the quad (touching an edge does not count). */
export function segmentCrossesQuad(ax: number, az: number, bx: number, bz: number, q: Quad): boolean {
  const dx = bx - ax;
  const dz = bz - az;
  const len = Math.hypot(dx, dz);
  if (len < EPS) return pointInQuad({ x: ax, z: az }, q);
  const axes: [number, number][] = [[-dz / len, dx / len]];
  for (let i = 0; i < 2; i++) {
    const p0 = q[i];
    const p1 = q[i + 1];
    if (p0 === undefined || p1 === undefined) continue;
    const ex = p1.x - p0.x;
    const ez = p1.z - p0.z;
    const el = Math.hypot(ex, ez);
    if (el > 0) axes.push([-ez / el, ex / el]);
  }
  for (const [nx, nz] of axes) {
    const s0 = ax * nx + az * nz;
    const s1 = bx * nx + bz * nz;
    let qMin = Number.POSITIVE_INFINITY;
    let qMax = Number.NEGATIVE_INFINITY;
    for (const p of q) {
      const v = p.x * nx + p.z * nz;
      if (v < qMin) qMin = v;
      if (v > qMax) qMax = v;
    }
    if (Math.max(s0, s1) <= qMin + EPS || qMax <= Math.min(s0, s1) + EPS) return false;
  }
  return true;
}

function blocker(id: string, quad: Quad, top: number): Blocker {
  const b = quadBounds(quad);
  return { id, quad, ...b, top };
}

/** A horizontal segment that crosses any blocker's footprint (whatever its height). */
function crossesAny(blockers: readonly Blocker[], ax: number, az: number, bx: number, bz: number): boolean {
  const minX = Math.min(ax, bx);
  const maxX = Math.max(ax, bx);
  const minZ = Math.min(az, bz);
  const maxZ = Math.max(az, bz);
  for (const b of blockers) {
    if (b.maxX < minX || b.minX > maxX || b.maxZ < minZ || b.minZ > maxZ) continue;
    if (segmentCrossesQuad(ax, az, bx, bz, b.quad)) return true;
  }
  return false;
}

/**
 * True when the straight 3D leg a–b passes through a blocker: its footprint is crossed while the leg
 * is below the blocker's top. Used to check every leg of a plan, not to plan.
 */
export function legBlocked(space: FlightSpace, a: Vec3, b: Vec3): boolean {
  const low = Math.min(a.y, b.y);
  for (const bl of space.blockers) {
    if (low >= bl.top) continue;
    if (segmentCrossesQuad(a.x, a.z, b.x, b.z, bl.quad)) return true;
  }
  return false;
}

type Line = { x0: number; z0: number; x1: number; z1: number };

function centreLine(
  fp: { x: number; z: number; width: number; depth: number; rotationY: number },
  extend: number,
): Line {
  const alongX = fp.width >= fp.depth;
  const u = alongX ? rotateY(1, 0, fp.rotationY) : rotateY(0, 1, fp.rotationY);
  const half = (alongX ? fp.width : fp.depth) / 2 + extend;
  return { x0: fp.x - u.x * half, z0: fp.z - u.z * half, x1: fp.x + u.x * half, z1: fp.z + u.z * half };
}

function intersect(a: Line, b: Line): Point2 | null {
  const rx = a.x1 - a.x0;
  const rz = a.z1 - a.z0;
  const sx = b.x1 - b.x0;
  const sz = b.z1 - b.z0;
  const den = rx * sz - rz * sx;
  if (Math.abs(den) < EPS) return null;
  const t = ((b.x0 - a.x0) * sz - (b.z0 - a.z0) * sx) / den;
  const u = ((b.x0 - a.x0) * rz - (b.z0 - a.z0) * rx) / den;
  if (t < -EPS || t > 1 + EPS || u < -EPS || u > 1 + EPS) return null;
  return { x: a.x0 + t * rx, z: a.z0 + t * rz };
}

export function dockPoint(facility: Facility, dock: Dock): Vec3 {
  const elevation = facility.floors.find((f) => f.id === dock.floorId)?.elevation ?? 0;
  return { x: dock.footprint.x, y: elevation + DOCK_HEIGHT_M, z: dock.footprint.z };
}

export function buildFlightSpace(facility: Facility, dock: Dock, config: DroneConfig): FlightSpace {
  const floorId = dock.floorId;
  const floor = facility.floors.find((f) => f.id === floorId);
  if (floor === undefined) throw invalid(`Dock ${dock.code} is on an unknown floor`);
  const elevation = floor.elevation;
  const blockers: Blocker[] = [];
  for (const r of facility.racks) {
    if (r.floorId !== floorId) continue;
    const height = r.levels.reduce((s, l) => s + l.height, 0);
    blockers.push(blocker(r.id, rackCorners(r), elevation + r.origin.position.y + height));
  }
  for (const o of facility.obstacles) {
    if (o.floorId === floorId)
      blockers.push(blocker(o.id, footprintCorners(o.footprint), elevation + o.height));
  }
  for (const w of facility.walls) {
    if (w.floorId === floorId) blockers.push(blocker(w.id, wallCorners(w), elevation + w.height));
  }

  const nodes: Point2[] = [];
  const addNode = (p: Point2): number => {
    const found = nodes.findIndex((n) => Math.hypot(n.x - p.x, n.z - p.z) < 0.05);
    if (found >= 0) return found;
    nodes.push(p);
    return nodes.length - 1;
  };
  const insideFloor = (p: Point2) => p.x > 0 && p.x < floor.width && p.z > 0 && p.z < floor.depth;
  const free = (p: Point2) => insideFloor(p) && !blockers.some((b) => pointInQuad(p, b.quad));

  const aisles = facility.aisles.filter((a) => a.floorId === floorId);
  const crossLines = aisles.filter((a) => a.kind === 'cross-aisle').map((a) => centreLine(a.footprint, 0));
  const places: Place[] = [];
  for (const a of aisles) {
    if (a.kind !== 'aisle') continue;
    const line = centreLine(a.footprint, END_MARGIN_M);
    const own = new Set<number>();
    for (const end of [
      { x: line.x0, z: line.z0 },
      { x: line.x1, z: line.z1 },
    ]) {
      if (free(end)) own.add(addNode(end));
    }
    for (const cross of crossLines) {
      const p = intersect(line, cross);
      if (p !== null && free(p)) own.add(addNode(p));
    }
    places.push({ id: a.id, letter: a.letter ?? null, quad: footprintCorners(a.footprint), nodes: [...own] });
  }
  const dockAt = dockPoint(facility, dock);
  const docks: FlightSpace['docks'] = [];
  const landing = config.landAtNearestDock ? facility.docks.filter((d) => d.floorId === floorId) : [dock];
  let dockPlace = -1;
  for (const d of landing) {
    const at = dockPoint(facility, d);
    nodes.push({ x: at.x, z: at.z });
    places.push({ id: d.id, letter: null, quad: null, nodes: [nodes.length - 1] });
    docks.push({ code: d.code, point: at, place: places.length - 1 });
    if (d.id === dock.id) dockPlace = places.length - 1;
  }

  const n = nodes.length;
  const dist = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  const next = new Int32Array(n * n).fill(-1);
  for (let i = 0; i < n; i++) {
    dist[i * n + i] = 0;
    next[i * n + i] = i;
    const a = nodes[i];
    if (a === undefined) continue;
    for (let j = i + 1; j < n; j++) {
      const b = nodes[j];
      if (b === undefined || crossesAny(blockers, a.x, a.z, b.x, b.z)) continue;
      const d = Math.hypot(a.x - b.x, a.z - b.z);
      dist[i * n + j] = d;
      dist[j * n + i] = d;
      next[i * n + j] = j;
      next[j * n + i] = i;
    }
  }
  // Floyd–Warshall: a few hundred nodes, once per plan.
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      const ik = dist[i * n + k] ?? Number.POSITIVE_INFINITY;
      if (ik === Number.POSITIVE_INFINITY) continue;
      for (let j = 0; j < n; j++) {
        const via = ik + (dist[k * n + j] ?? Number.POSITIVE_INFINITY);
        if (via < (dist[i * n + j] ?? Number.POSITIVE_INFINITY)) {
          dist[i * n + j] = via;
          next[i * n + j] = next[i * n + k] ?? -1;
        }
      }
    }
  }

  const nearestDockOf = new Int32Array(n).fill(-1);
  const nearestDockDist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    docks.forEach((d, k) => {
      const node = places[d.place]?.nodes[0] ?? -1;
      const dd = dist[i * n + node] ?? Number.POSITIVE_INFINITY;
      if (node >= 0 && dd < (nearestDockDist[i] ?? Number.POSITIVE_INFINITY)) {
        nearestDockDist[i] = dd;
        nearestDockOf[i] = k;
      }
    });
  }

  let cruiseY: number | null = null;
  if (config.overRacks !== null) {
    const tallest = blockers.reduce((m, b) => Math.max(m, b.top), elevation);
    const altitude = tallest + config.overRacks.clearanceM;
    if (altitude + config.overRacks.clearanceM > elevation + config.overRacks.ceilingM) {
      throw invalid(
        `The ceiling is too low to fly over the racks: it needs at least ${Math.ceil((altitude + config.overRacks.clearanceM - elevation) * 10) / 10} m`,
      );
    }
    cruiseY = altitude;
  }

  return {
    floorId,
    elevation,
    blockers,
    nodes,
    dist,
    next,
    places,
    dockPlace,
    dock: { code: dock.code, point: dockAt },
    docks,
    nearestDockOf,
    nearestDockDist,
    cruiseY,
  };
}

/** The aisle a point lies in, or −1. */
export function placeOf(space: FlightSpace, x: number, z: number): number {
  const p = { x, z };
  for (let i = 0; i < space.places.length; i++) {
    const q = space.places[i]?.quad;
    if (q && pointInQuad(p, q)) return i;
  }
  return -1;
}

export function dockFlightPoint(space: FlightSpace): FlightPoint {
  return { ...space.dock.point, place: space.dockPlace };
}

export type DockStop = FlightPoint & { code: string };

/**
 * The dock with the shortest flight from p (the home dock when landing elsewhere is off). Through
 * the per-node nearest dock, so it costs a look at p's few aisle nodes, not one route per dock.
 */
export function nearestDock(space: FlightSpace, p: FlightPoint): { dock: DockStop; distance: number } {
  const stop = (k: number): DockStop => {
    const d = space.docks[k] ?? { ...space.dock, place: space.dockPlace };
    return { ...d.point, place: d.place, code: d.code };
  };
  const own = space.docks.findIndex((d) => d.place === p.place);
  if (own >= 0) return { dock: stop(own), distance: Math.abs(p.y - (space.docks[own]?.point.y ?? p.y)) };
  let best = Number.POSITIVE_INFINITY;
  let bestDock = 0;
  for (const i of space.places[p.place]?.nodes ?? []) {
    const node = space.nodes[i];
    if (node === undefined) continue;
    const d = dist2(p.x, p.z, node.x, node.z) + (space.nearestDockDist[i] ?? Number.POSITIVE_INFINITY);
    if (d < best) {
      best = d;
      bestDock = space.nearestDockOf[i] ?? 0;
    }
  }
  const dock = stop(bestDock);
  // The exact flight (over the racks may be shorter still), to the dock the corridor graph chose.
  return { dock, distance: flightDistance(space, p, dock) };
}

export function dockByCode(space: FlightSpace, code: string): DockStop {
  const d = space.docks.find((x) => x.code === code) ?? { ...space.dock, place: space.dockPlace };
  return { ...d.point, place: d.place, code: d.code };
}

type Via = { i: number; j: number; horizontal: number };

// Scratch for corridor(): distances from each end to its place's nodes (a place has a handful).
const fromA = new Float64Array(256);
const toB = new Float64Array(256);

const dist2 = (ax: number, az: number, bx: number, bz: number) => Math.sqrt((ax - bx) ** 2 + (az - bz) ** 2);

function corridor(space: FlightSpace, a: FlightPoint, b: FlightPoint): Via | null {
  if (a.place === b.place) return { i: -1, j: -1, horizontal: dist2(a.x, a.z, b.x, b.z) };
  const pa = space.places[a.place];
  const pb = space.places[b.place];
  if (pa === undefined || pb === undefined) return null;
  const n = space.nodes.length;
  // Called millions of times when a large plan is costed: no allocation, one square root per node.
  const na = Math.min(pa.nodes.length, fromA.length);
  const nb = Math.min(pb.nodes.length, toB.length);
  for (let k = 0; k < na; k++) {
    const p = space.nodes[pa.nodes[k] ?? 0];
    fromA[k] = p ? dist2(a.x, a.z, p.x, p.z) : Number.POSITIVE_INFINITY;
  }
  for (let k = 0; k < nb; k++) {
    const p = space.nodes[pb.nodes[k] ?? 0];
    toB[k] = p ? dist2(b.x, b.z, p.x, p.z) : Number.POSITIVE_INFINITY;
  }
  let best = Number.POSITIVE_INFINITY;
  let bi = -1;
  let bj = -1;
  for (let x = 0; x < na; x++) {
    const i = pa.nodes[x] ?? 0;
    const da = fromA[x] ?? 0;
    const row = i * n;
    for (let y = 0; y < nb; y++) {
      const j = pb.nodes[y] ?? 0;
      const d = da + (space.dist[row + j] ?? Number.POSITIVE_INFINITY) + (toB[y] ?? 0);
      if (d < best) {
        best = d;
        bi = i;
        bj = j;
      }
    }
  }
  return bi < 0 ? null : { i: bi, j: bj, horizontal: best };
}

function overLength(space: FlightSpace, a: FlightPoint, b: FlightPoint): number {
  if (space.cruiseY === null) return Number.POSITIVE_INFINITY;
  return Math.hypot(a.x - b.x, a.z - b.z) + (space.cruiseY - a.y) + (space.cruiseY - b.y);
}

/** Length of the shortest allowed flight from a to b (metres, vertical moves included). */
export function flightDistance(space: FlightSpace, a: FlightPoint, b: FlightPoint): number {
  const via = corridor(space, a, b);
  const low = via === null ? Number.POSITIVE_INFINITY : via.horizontal + Math.abs(a.y - b.y);
  return Math.min(low, overLength(space, a, b));
}

/** The legs of that flight as a polyline from a to b (for playback and for checking clearance). */
export function flightPath(space: FlightSpace, a: FlightPoint, b: FlightPoint): Vec3[] {
  const via = corridor(space, a, b);
  const low = via === null ? Number.POSITIVE_INFINITY : via.horizontal + Math.abs(a.y - b.y);
  if (overLength(space, a, b) < low && space.cruiseY !== null) {
    const y = space.cruiseY;
    return [a, { x: a.x, y, z: a.z }, { x: b.x, y, z: b.z }, b].map(({ x, y, z }) => ({ x, y, z }));
  }
  const out: Vec3[] = [{ x: a.x, y: a.y, z: a.z }];
  if (via !== null && via.i >= 0) {
    const n = space.nodes.length;
    let at = via.i;
    for (let guard = 0; guard <= n; guard++) {
      const p = space.nodes[at];
      if (p !== undefined) out.push({ x: p.x, y: a.y, z: p.z });
      if (at === via.j) break;
      at = space.next[at * n + via.j] ?? via.j;
    }
  }
  out.push({ x: b.x, y: a.y, z: b.z }, { x: b.x, y: b.y, z: b.z });
  return out.filter((p, k) => {
    const prev = out[k - 1];
    return (
      prev === undefined || Math.abs(prev.x - p.x) + Math.abs(prev.y - p.y) + Math.abs(prev.z - p.z) > 1e-9
    );
  });
}
