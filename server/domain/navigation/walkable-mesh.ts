/**
 * Compact navmesh input: the floor rectangle minus the blocked rectangles, cut along every blocked
 * edge into a non-uniform grid, so a 50,000-bin floor becomes a few thousand triangles instead of the
 * million cells of a uniform 0.25 m grid. Recast re-voxelises whatever it is fed, so fewer, larger
 * triangles only save rasterisation time; the walkable shape is the same.
 */
import {
  type Bounds2,
  isAxisAligned,
  quadBounds,
  type WalkableFloor,
} from '../../../twin-models/geometry.ts';

export type WalkableMesh = { positions: Float32Array; indices: Uint32Array; triangles: number };

/**
 * Gap left between each walkable quad and its neighbours. Recast rasterises conservatively (a triangle
 * marks every voxel column it touches), so a 0.15 m partition that does not cover a whole voxel would
 * vanish. Blocked rectangles are therefore grown to whole voxels and walkable quads pulled back by
 * this much, leaving their voxels empty; between two walkable quads both neighbours' voxels stay set.
 */
const INSET = 0.01;

/**
 * Rotated areas are replaced by their bounds: conservative (never walkable where something stands),
 * and every generated layout so far turns things by multiples of 90°, which stay exact. With `cell`,
 * edges are pushed outwards onto the voxel grid (origin at the floor's 0, 0).
 */
export function blockedRects(walk: WalkableFloor, cell = 0): Bounds2[] {
  const o = walk.outline;
  const out: Bounds2[] = [];
  for (const area of walk.blocked) {
    const b = quadBounds(area.corners);
    // Rounding noise from sin/cos would otherwise add hair-thin grid lines.
    const r = snap(isAxisAligned(area.corners) ? roundBounds(b) : b, cell);
    const clipped = {
      minX: Math.max(o.minX, r.minX),
      maxX: Math.min(o.maxX, r.maxX),
      minZ: Math.max(o.minZ, r.minZ),
      maxZ: Math.min(o.maxZ, r.maxZ),
    };
    if (clipped.maxX > clipped.minX && clipped.maxZ > clipped.minZ) out.push(clipped);
  }
  return out;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

function roundBounds(b: Bounds2): Bounds2 {
  return { minX: round6(b.minX), maxX: round6(b.maxX), minZ: round6(b.minZ), maxZ: round6(b.maxZ) };
}

function snap(b: Bounds2, cell: number): Bounds2 {
  if (cell <= 0) return b;
  const lo = (v: number): number => round6(Math.floor(v / cell + 1e-6) * cell);
  const hi = (v: number): number => round6(Math.ceil(v / cell - 1e-6) * cell);
  return { minX: lo(b.minX), maxX: hi(b.maxX), minZ: lo(b.minZ), maxZ: hi(b.maxZ) };
}

function cuts(lo: number, hi: number, values: Iterable<number>): number[] {
  const set = new Set<number>([lo, hi]);
  for (const v of values) if (v > lo && v < hi) set.add(v);
  return [...set].sort((a, b) => a - b);
}

export function walkableMesh(walk: WalkableFloor, cell: number): WalkableMesh {
  const o = walk.outline;
  const rects = blockedRects(walk, cell);
  const xs = cuts(
    o.minX,
    o.maxX,
    rects.flatMap((r) => [r.minX, r.maxX]),
  );
  const zs = cuts(
    o.minZ,
    o.maxZ,
    rects.flatMap((r) => [r.minZ, r.maxZ]),
  );
  const cols = xs.length - 1;
  const rows = zs.length - 1;
  const blocked = new Uint8Array(cols * rows);
  const colOf = new Map(xs.map((x, i) => [x, i]));
  const rowOf = new Map(zs.map((z, i) => [z, i]));
  for (const r of rects) {
    // Every rect edge is a cut, so the lookups are exact.
    const c0 = colOf.get(r.minX) ?? 0;
    const c1 = colOf.get(r.maxX) ?? cols;
    const r0 = rowOf.get(r.minZ) ?? 0;
    const r1 = rowOf.get(r.maxZ) ?? rows;
    for (let row = r0; row < r1; row++) blocked.fill(1, row * cols + c0, row * cols + c1);
  }

  // Runs of free cells along a row become one quad: fewer triangles, same coverage.
  const quads: number[] = [];
  for (let row = 0; row < rows; row++) {
    let c = 0;
    while (c < cols) {
      if (blocked[row * cols + c] === 1) {
        c++;
        continue;
      }
      const start = c;
      while (c < cols && blocked[row * cols + c] === 0) c++;
      quads.push(xs[start] ?? 0, xs[c] ?? 0, zs[row] ?? 0, zs[row + 1] ?? 0);
    }
  }

  const n = quads.length / 4;
  const positions = new Float32Array(n * 12);
  const indices = new Uint32Array(n * 6);
  const y = walk.elevation;
  for (let q = 0; q < n; q++) {
    const x0 = (quads[q * 4] ?? 0) + INSET;
    const x1 = (quads[q * 4 + 1] ?? 0) - INSET;
    const z0 = (quads[q * 4 + 2] ?? 0) + INSET;
    const z1 = (quads[q * 4 + 3] ?? 0) - INSET;
    positions.set([x0, y, z0, x1, y, z0, x0, y, z1, x1, y, z1], q * 12);
    const v = q * 4;
    // Counter-clockwise seen from above, as recast expects for an upward-facing floor.
    indices.set([v, v + 2, v + 1, v + 1, v + 2, v + 3], q * 6);
  }
  return { positions, indices, triangles: n * 2 };
}
