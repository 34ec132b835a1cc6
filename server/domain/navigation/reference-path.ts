/**
 * Exact any-angle shortest walks for checking the navmesh (bench and tests), not for serving: a
 * visibility graph over the corners of the blocked rectangles grown by the agent radius, searched
 * with Dijkstra. Grown rectangles keep square corners, so the reference is a hair longer than a
 * rounded-corner optimum round each corner (under r·(√2−1) per corner turned).
 */
import type { Bounds2, Point2, WalkableFloor } from '../../../twin-models/geometry.ts';
import { MinHeap } from './min-heap.ts';
import { blockedRects } from './walkable-mesh.ts';

const BUCKET_M = 4;
const EPS = 1e-7;

export type ReferenceRouter = { nodes: number; edges: number; shortest(a: Point2, b: Point2): number };

export function referenceRouter(walk: WalkableFloor, radius: number): ReferenceRouter {
  const o = walk.outline;
  const rects = blockedRects(walk).map((r) => ({
    minX: r.minX - radius,
    maxX: r.maxX + radius,
    minZ: r.minZ - radius,
    maxZ: r.maxZ + radius,
  }));
  const inner: Bounds2 = {
    minX: o.minX + radius,
    maxX: o.maxX - radius,
    minZ: o.minZ + radius,
    maxZ: o.maxZ - radius,
  };
  const cols = Math.max(1, Math.ceil((o.maxX - o.minX) / BUCKET_M));
  const rows = Math.max(1, Math.ceil((o.maxZ - o.minZ) / BUCKET_M));
  const buckets: number[][] = Array.from({ length: cols * rows }, () => []);
  const clampC = (x: number): number => Math.min(cols - 1, Math.max(0, Math.floor((x - o.minX) / BUCKET_M)));
  const clampR = (z: number): number => Math.min(rows - 1, Math.max(0, Math.floor((z - o.minZ) / BUCKET_M)));
  rects.forEach((r, i) => {
    for (let row = clampR(r.minZ); row <= clampR(r.maxZ); row++)
      for (let c = clampC(r.minX); c <= clampC(r.maxX); c++) buckets[row * cols + c]?.push(i);
  });
  const stamp = new Int32Array(rects.length);
  let epoch = 0;

  const strictlyInside = (p: Point2, r: Bounds2): boolean =>
    p.x > r.minX + EPS && p.x < r.maxX - EPS && p.z > r.minZ + EPS && p.z < r.maxZ - EPS;

  /** Liang–Barsky: does the open segment cross the open rectangle? Grazing an edge is allowed. */
  const crosses = (a: Point2, b: Point2, r: Bounds2): boolean => {
    let t0 = 0;
    let t1 = 1;
    const dx = b.x - a.x;
    const dz = b.z - a.z;
    const edges: [number, number][] = [
      [-dx, a.x - (r.minX + EPS)],
      [dx, r.maxX - EPS - a.x],
      [-dz, a.z - (r.minZ + EPS)],
      [dz, r.maxZ - EPS - a.z],
    ];
    for (const [p, q] of edges) {
      if (p === 0) {
        if (q <= 0) return false;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
        if (t0 >= t1) return false;
      }
    }
    return t1 - t0 > 1e-9;
  };

  const visible = (a: Point2, b: Point2): boolean => {
    epoch++;
    const len = Math.hypot(b.x - a.x, b.z - a.z);
    // Stepping at a quarter bucket with a one-bucket neighbourhood covers every bucket the segment touches.
    const n = Math.max(1, Math.ceil(len / (BUCKET_M / 4)));
    for (let k = 0; k <= n; k++) {
      const x = a.x + ((b.x - a.x) * k) / n;
      const z = a.z + ((b.z - a.z) * k) / n;
      const c0 = clampC(x - BUCKET_M / 4);
      const c1 = clampC(x + BUCKET_M / 4);
      const r0 = clampR(z - BUCKET_M / 4);
      const r1 = clampR(z + BUCKET_M / 4);
      for (let row = r0; row <= r1; row++) {
        for (let c = c0; c <= c1; c++) {
          for (const i of buckets[row * cols + c] ?? []) {
            if (stamp[i] === epoch) continue;
            stamp[i] = epoch;
            const r = rects[i];
            if (r !== undefined && crosses(a, b, r)) return false;
          }
        }
      }
    }
    return true;
  };

  const nodes: Point2[] = [];
  for (const r of rects) {
    for (const p of [
      { x: r.minX, z: r.minZ },
      { x: r.maxX, z: r.minZ },
      { x: r.maxX, z: r.maxZ },
      { x: r.minX, z: r.maxZ },
    ]) {
      if (p.x < inner.minX || p.x > inner.maxX || p.z < inner.minZ || p.z > inner.maxZ) continue;
      if (rects.some((q) => strictlyInside(p, q))) continue;
      nodes.push(p);
    }
  }
  const adj: { to: number; w: number }[][] = nodes.map(() => []);
  let edges = 0;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i];
      const b = nodes[j];
      if (a === undefined || b === undefined || !visible(a, b)) continue;
      const w = Math.hypot(b.x - a.x, b.z - a.z);
      adj[i]?.push({ to: j, w });
      adj[j]?.push({ to: i, w });
      edges++;
    }
  }

  /** Navmesh points can sit a few cm inside a grown rectangle (voxel rounding); step them out. */
  const outside = (p: Point2): Point2 => {
    let q = p;
    for (const r of rects) {
      if (!strictlyInside(q, r)) continue;
      const moves = [
        { x: r.minX, z: q.z },
        { x: r.maxX, z: q.z },
        { x: q.x, z: r.minZ },
        { x: q.x, z: r.maxZ },
      ];
      moves.sort((m, n) => Math.hypot(m.x - q.x, m.z - q.z) - Math.hypot(n.x - q.x, n.z - q.z));
      q = moves[0] ?? q;
    }
    return q;
  };

  const shortest = (from: Point2, to: Point2): number => {
    const a = outside(from);
    const b = outside(to);
    if (visible(a, b)) return Math.hypot(b.x - a.x, b.z - a.z);
    const n = nodes.length;
    const dist = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    const toEnd = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    for (let i = 0; i < n; i++) {
      const p = nodes[i];
      if (p === undefined) continue;
      if (visible(a, p)) dist[i] = Math.hypot(p.x - a.x, p.z - a.z);
      if (visible(p, b)) toEnd[i] = Math.hypot(b.x - p.x, b.z - p.z);
    }
    const done = new Uint8Array(n);
    const heap = new MinHeap();
    for (let i = 0; i < n; i++) if (Number.isFinite(dist[i] ?? Number.NaN)) heap.push(dist[i] ?? 0, i);
    let best = Number.POSITIVE_INFINITY;
    for (let top = heap.pop(); top !== null; top = heap.pop()) {
      const [d, i] = top;
      if (done[i] === 1 || d > (dist[i] ?? 0)) continue;
      if (d >= best) break;
      done[i] = 1;
      best = Math.min(best, d + (toEnd[i] ?? Number.POSITIVE_INFINITY));
      for (const e of adj[i] ?? []) {
        const nd = d + e.w;
        if (nd < (dist[e.to] ?? 0)) {
          dist[e.to] = nd;
          heap.push(nd, e.to);
        }
      }
    }
    return best;
  };

  return { nodes: nodes.length, edges, shortest };
}
