/**
 * Aisle gates: where a rack aisle opens onto a cross-aisle or the open floor. Pure geometry from the
 * document's `aisles` regions, no navmesh.
 *
 * Why: Detour's polygon A* costs a corridor between polygon edge midpoints, and on a tiled warehouse
 * mesh (long thin aisle polygons) that estimate can be tens of metres off, so it sometimes leaves an
 * aisle by the wrong end (29% longer than the shortest walk on the distribution centre). Every walk
 * out of an aisle segment leaves through one of its two ends, so the navigator tries each end of the
 * start's segment and of the goal's segment and keeps the shortest, string-pulled over the joined
 * corridor (the gate points only choose the corridor; the final polyline does not pass through them).
 */
import { type Point2, rotateY } from '../../../twin-models/geometry.ts';
import type { Facility } from '../../../twin-models/schema.ts';
import { MinHeap } from './min-heap.ts';

/** How far beyond a segment's end its gate sits: inside the cross-aisle or the open floor. */
const GATE_OUT_M = 1.0;
/** Pieces of aisle shorter than this between two cross-aisles are not worth a segment. */
const MIN_SEGMENT_M = 0.5;
/** Slack when deciding whether a point stands in an aisle segment (snapped points sit on its edge). */
const INSIDE_TOL_M = 0.05;

/** A stretch of one aisle between two crossings, with the points just beyond each end. */
export type AisleSegment = {
  aisleId: string;
  /** Centre-line frame: a point is c + t·u + s·v. */
  c: Point2;
  u: Point2;
  v: Point2;
  halfWidth: number;
  t0: number;
  t1: number;
  gates: [Point2, Point2];
};

/** Cyrus–Beck: the parameter range of c + t·u, t ∈ [lo, hi], inside the convex quad; null when none. */
function clipLine(
  c: Point2,
  u: Point2,
  lo: number,
  hi: number,
  quad: readonly Point2[],
): [number, number] | null {
  let cx = 0;
  let cz = 0;
  for (const p of quad) {
    cx += p.x / quad.length;
    cz += p.z / quad.length;
  }
  let t0 = lo;
  let t1 = hi;
  for (let i = 0; i < quad.length; i++) {
    const a = quad[i];
    const b = quad[(i + 1) % quad.length];
    if (a === undefined || b === undefined) continue;
    // Inward normal of edge a→b: perpendicular, flipped towards the centroid.
    let nx = -(b.z - a.z);
    let nz = b.x - a.x;
    if (nx * (cx - a.x) + nz * (cz - a.z) < 0) {
      nx = -nx;
      nz = -nz;
    }
    // Inside when n·(c + t·u − a) ≥ 0.
    const num = nx * (c.x - a.x) + nz * (c.z - a.z);
    const den = nx * u.x + nz * u.z;
    if (Math.abs(den) < 1e-12) {
      if (num < 0) return null;
      continue;
    }
    const t = -num / den;
    if (den > 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 >= t1) return null;
  }
  return [t0, t1];
}

function corners(c: Point2, hx: number, hz: number, rotationY: number): Point2[] {
  return [
    [-hx, -hz],
    [hx, -hz],
    [hx, hz],
    [-hx, hz],
  ].map(([lx = 0, lz = 0]) => {
    const r = rotateY(lx, lz, rotationY);
    return { x: c.x + r.x, z: c.z + r.z };
  });
}

/** Every aisle on the floor split at the cross-aisles that cross its centre line. */
export function aisleSegments(facility: Facility, floorId: string): AisleSegment[] {
  const regions = facility.aisles.filter((a) => a.floorId === floorId);
  const crossQuads = regions
    .filter((a) => a.kind === 'cross-aisle')
    .map((a) =>
      corners(
        { x: a.footprint.x, z: a.footprint.z },
        a.footprint.width / 2,
        a.footprint.depth / 2,
        a.footprint.rotationY,
      ),
    );
  const out: AisleSegment[] = [];
  for (const a of regions) {
    if (a.kind !== 'aisle') continue;
    const fp = a.footprint;
    // The long side is the walking direction.
    const alongZ = fp.depth >= fp.width;
    const u = alongZ ? rotateY(0, 1, fp.rotationY) : rotateY(1, 0, fp.rotationY);
    const v = alongZ ? rotateY(1, 0, fp.rotationY) : rotateY(0, 1, fp.rotationY);
    const half = (alongZ ? fp.depth : fp.width) / 2;
    const halfWidth = (alongZ ? fp.width : fp.depth) / 2;
    const c = { x: fp.x, z: fp.z };
    const cuts = crossQuads
      .map((q) => clipLine(c, u, -half, half, q))
      .filter((r): r is [number, number] => r !== null)
      .sort((p, q) => p[0] - q[0]);
    const pieces: [number, number][] = [];
    let at = -half;
    for (const [lo, hi] of cuts) {
      if (lo > at) pieces.push([at, lo]);
      at = Math.max(at, hi);
    }
    if (at < half) pieces.push([at, half]);
    for (const [t0, t1] of pieces) {
      if (t1 - t0 < MIN_SEGMENT_M) continue;
      const at2 = (t: number): Point2 => ({ x: c.x + u.x * t, z: c.z + u.z * t });
      out.push({
        aisleId: a.id,
        c,
        u,
        v,
        halfWidth,
        t0,
        t1,
        gates: [at2(t0 - GATE_OUT_M), at2(t1 + GATE_OUT_M)],
      });
    }
  }
  return out;
}

/** The aisle segment a floor point stands in, or null (open floor, cross-aisle, dock...). */
export function segmentAt(segments: readonly AisleSegment[], p: Point2): AisleSegment | null {
  for (const g of segments) {
    const dx = p.x - g.c.x;
    const dz = p.z - g.c.z;
    const s = dx * g.v.x + dz * g.v.z;
    if (Math.abs(s) > g.halfWidth + INSIDE_TOL_M) continue;
    const t = dx * g.u.x + dz * g.u.z;
    if (t >= g.t0 - INSIDE_TOL_M && t <= g.t1 + INSIDE_TOL_M) return g;
  }
  return null;
}

export type GateEdge = { to: number; w: number };

/**
 * Dijkstra over the gate graph from several sources (each with a starting cost) to several targets
 * (each with a cost to finish): the cheapest gate sequence, or null when no target is reachable.
 */
export function cheapestGateSequence(
  adj: readonly (readonly GateEdge[])[],
  sources: readonly { gate: number; cost: number }[],
  targets: readonly { gate: number; cost: number }[],
): number[] | null {
  const n = adj.length;
  const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(n).fill(-1);
  const finish = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (const t of targets) finish[t.gate] = Math.min(finish[t.gate] ?? Number.POSITIVE_INFINITY, t.cost);
  const heap = new MinHeap();
  for (const s of sources) {
    if (s.cost < (dist[s.gate] ?? 0)) {
      dist[s.gate] = s.cost;
      heap.push(s.cost, s.gate);
    }
  }
  let best = Number.POSITIVE_INFINITY;
  let bestGate = -1;
  for (let top = heap.pop(); top !== null; top = heap.pop()) {
    const [d, i] = top;
    if (d > (dist[i] ?? 0)) continue;
    if (d >= best) break;
    const end = d + (finish[i] ?? Number.POSITIVE_INFINITY);
    if (end < best) {
      best = end;
      bestGate = i;
    }
    for (const e of adj[i] ?? []) {
      const nd = d + e.w;
      if (nd < (dist[e.to] ?? 0)) {
        dist[e.to] = nd;
        prev[e.to] = i;
        heap.push(nd, e.to);
      }
    }
  }
  if (bestGate < 0) return null;
  const out: number[] = [];
  for (let g = bestGate; g >= 0; g = prev[g] ?? -1) out.push(g);
  return out.reverse();
}
