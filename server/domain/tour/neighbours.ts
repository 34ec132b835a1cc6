/**
 * Candidate neighbour lists: the few nodes each node is likely to be joined to in a good tour. Every
 * improving move starts from one of them, which is what keeps local search near-linear instead of
 * O(n²) per pass. Stored flat (CSR) and sorted by the problem's own cost so a scan can stop at the
 * first candidate that is already too far.
 */
import type { TourProblem } from './optimise-tour.ts';

export type NeighbourLists = {
  /** Node i's candidates are list[start[i] .. start[i + 1]). */
  start: Int32Array;
  list: Int32Array;
  /** cost(i, list[k]) for the same slots, so hot loops do not call the cost function again. */
  cost: Float64Array;
};

/** Ten candidates reach nearly every edge of an optimal Euclidean tour (Johnson & McGeoch). */
const DEFAULT_NEIGHBOURS = 10;
/** With coordinates: the 5 nearest plus the 2 nearest in each quadrant (duplicates dropped). */
const NEAREST_WITH_QUADRANTS = 5;
const PER_QUADRANT = 2;

export function buildNeighbourLists(problem: TourProblem, k = DEFAULT_NEIGHBOURS): NeighbourLists {
  const { n } = problem;
  const kk = Math.max(0, Math.min(k, n - 1));
  const raw: number[][] = [];
  if (problem.neighbours) {
    const given = problem.neighbours;
    for (let i = 0; i < n; i++) {
      raw.push([...new Set(given(i))].filter((j) => j !== i && j >= 0 && j < n && Number.isInteger(j)));
    }
  } else if (problem.coords) {
    const { x, y } = problem.coords;
    for (const row of gridCandidates(x, y, n, Math.min(kk, NEAREST_WITH_QUADRANTS), PER_QUADRANT))
      raw.push(row);
  } else {
    // No geometry: the cost function is all there is. O(n²), so callers with thousands of nodes
    // must pass coords or neighbours (documented on TourProblem).
    for (let i = 0; i < n; i++) raw.push(kNearestByCost(problem, i, kk));
  }
  return pack(problem, raw);
}

function pack(problem: TourProblem, raw: readonly number[][]): NeighbourLists {
  const start = new Int32Array(raw.length + 1);
  let total = 0;
  for (let i = 0; i < raw.length; i++) {
    start[i] = total;
    total += raw[i]?.length ?? 0;
  }
  start[raw.length] = total;
  const list = new Int32Array(total);
  const cost = new Float64Array(total);
  for (let i = 0; i < raw.length; i++) {
    const from = start[i] ?? 0;
    let count = 0;
    // Insertion sort by cost, ties by index, so the lists and so the whole search are deterministic.
    for (const j of raw[i] ?? []) {
      const c = problem.cost(i, j);
      let at = from + count++;
      while (
        at > from &&
        ((cost[at - 1] ?? 0) > c || ((cost[at - 1] ?? 0) === c && (list[at - 1] ?? 0) > j))
      ) {
        cost[at] = cost[at - 1] ?? 0;
        list[at] = list[at - 1] ?? 0;
        at--;
      }
      cost[at] = c;
      list[at] = j;
    }
  }
  return { start, list, cost };
}

function kNearestByCost(problem: TourProblem, i: number, k: number): number[] {
  const best: { j: number; c: number }[] = [];
  for (let j = 0; j < problem.n; j++) {
    if (j === i) continue;
    const c = problem.cost(i, j);
    if (best.length === k && c >= (best[k - 1]?.c ?? 0)) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push({ j, c });
    while (at > 0 && (best[at - 1]?.c ?? 0) > c) {
      best[at] = best[at - 1] ?? { j, c };
      at--;
    }
    best[at] = { j, c };
  }
  return best.map((b) => b.j);
}

/** Inserts (j, d) into the sorted bounded list at js/ds[offset .. offset + cap); returns the new count. */
function insertBounded(
  js: Int32Array,
  ds: Float64Array,
  offset: number,
  count: number,
  cap: number,
  j: number,
  d: number,
): number {
  if (count === cap && d >= (ds[offset + cap - 1] ?? 0)) return count;
  let at = count < cap ? count++ : cap - 1;
  while (at > 0 && (ds[offset + at - 1] ?? 0) > d) {
    ds[offset + at] = ds[offset + at - 1] ?? 0;
    js[offset + at] = js[offset + at - 1] ?? 0;
    at--;
  }
  ds[offset + at] = d;
  js[offset + at] = j;
  return count;
}

/** Quadrant of (dx, dy) around a point, 0..3 counter-clockwise from north-east; -1 for the point itself. */
function quadrant(dx: number, dy: number): number {
  if (dx === 0 && dy === 0) return -1;
  if (dx >= 0 && dy > 0) return 0;
  if (dx < 0 && dy >= 0) return 1;
  if (dx <= 0 && dy < 0) return 2;
  return 3;
}

function countOccupiedCells(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  minX: number,
  minY: number,
  cell: number,
  w: number,
  h: number,
): number {
  const gx = Math.min(Math.floor(w / cell) + 1, 8 * n);
  const gy = Math.min(Math.floor(h / cell) + 1, 8 * n);
  const seen = new Uint8Array(gx * gy);
  let occupied = 0;
  for (let i = 0; i < n; i++) {
    const cx = Math.min(gx - 1, Math.floor(((x[i] ?? 0) - minX) / cell));
    const cy = Math.min(gy - 1, Math.floor(((y[i] ?? 0) - minY) / cell));
    const c = cy * gx + cx;
    if (seen[c] === 0) {
      seen[c] = 1;
      occupied++;
    }
  }
  return Math.max(1, occupied);
}

/** Cells a quadrant search may visit over all points together, so clustered sets stay near-linear. */
const QUADRANT_CELL_BUDGET = 1e7;

/**
 * Candidates for every point from a uniform grid of about two points per cell, searched ring by
 * ring until no unvisited cell can hold anything closer: the k nearest (Euclidean), then, when
 * `perQuadrant` > 0, the nearest few in each quadrant that are not already among them. Quadrant
 * neighbours matter on clustered sets, where the k nearest all lie in the point's own cluster and
 * no candidate edge leads to the next one. Row i is result[i], nearest first.
 */
export function gridCandidates(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  k: number,
  perQuadrant = 0,
): number[][] {
  const rows: number[][] = [];
  if (n === 0) return rows;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    if (xi < minX) minX = xi;
    if (xi > maxX) maxX = xi;
    if (yi < minY) minY = yi;
    if (yi > maxY) maxY = yi;
  }
  const w = Math.max(maxX - minX, 1e-9);
  const h = Math.max(maxY - minY, 1e-9);
  // About two points per cell over the bounding box; degenerate (collinear) sets fall back to cells
  // sized along the long side.
  let cell = Math.max(Math.sqrt((w * h * 2) / n), Math.max(w, h) / n);
  // Clustered sets leave most of the box empty and crowd the rest; refine once so occupied cells
  // again hold a few points, with at most 8n cells in all.
  const occupied = countOccupiedCells(x, y, n, minX, minY, cell, w, h);
  const crowding = n / occupied;
  if (crowding > 4) {
    const finest = Math.sqrt((w * h) / (8 * n));
    cell = Math.max(cell / Math.sqrt(crowding / 2), finest, Math.max(w, h) / (8 * n));
  }
  const gx = Math.min(Math.floor(w / cell) + 1, 8 * n);
  const gy = Math.min(Math.floor(h / cell) + 1, 8 * n);
  const cellOf = (i: number): number => {
    const cx = Math.min(gx - 1, Math.floor(((x[i] ?? 0) - minX) / cell));
    const cy = Math.min(gy - 1, Math.floor(((y[i] ?? 0) - minY) / cell));
    return cy * gx + cx;
  };
  // Counting sort of points into cells.
  const cellStart = new Int32Array(gx * gy + 1);
  const cellOfPoint = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cellOf(i);
    cellOfPoint[i] = c;
    cellStart[c + 1] = (cellStart[c + 1] ?? 0) + 1;
  }
  for (let c = 0; c < gx * gy; c++) cellStart[c + 1] = (cellStart[c + 1] ?? 0) + (cellStart[c] ?? 0);
  const fill = cellStart.slice(0, gx * gy);
  const items = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = cellOfPoint[i] ?? 0;
    const at = fill[c] ?? 0;
    items[at] = i;
    fill[c] = at + 1;
  }

  const q = perQuadrant;
  const cellCap = Math.max(256, Math.floor(QUADRANT_CELL_BUDGET / n));
  const bestJ = new Int32Array(Math.max(k, 1));
  const bestD = new Float64Array(Math.max(k, 1));
  const quadJ = new Int32Array(4 * q);
  const quadD = new Float64Array(4 * q);
  const quadCount = new Int32Array(4);
  const maxRing = Math.max(gx, gy);
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    const c = cellOfPoint[i] ?? 0;
    const cx = c % gx;
    const cy = (c - cx) / gx;
    let count = 0;
    quadCount.fill(0);
    let cellsSeen = 0;
    const consider = (cellIndex: number): void => {
      cellsSeen++;
      for (let s = cellStart[cellIndex] ?? 0, e = cellStart[cellIndex + 1] ?? 0; s < e; s++) {
        const j = items[s] ?? 0;
        if (j === i) continue;
        const dx = (x[j] ?? 0) - xi;
        const dy = (y[j] ?? 0) - yi;
        const d = dx * dx + dy * dy;
        count = insertBounded(bestJ, bestD, 0, count, k, j, d);
        const qi = q > 0 ? quadrant(dx, dy) : -1;
        if (qi >= 0) quadCount[qi] = insertBounded(quadJ, quadD, qi * q, quadCount[qi] ?? 0, q, j, d);
      }
    };
    for (let r = 0; r <= maxRing; r++) {
      for (let dy = -r; dy <= r; dy++) {
        const yy = cy + dy;
        if (yy < 0 || yy >= gy) continue;
        const edge = dy === -r || dy === r;
        for (let dx = -r; dx <= r; dx += edge ? 1 : 2 * r) {
          const xx = cx + dx;
          if (xx >= 0 && xx < gx) consider(yy * gx + xx);
          if (r === 0) break;
        }
      }
      // Anything in ring r + 1 is at least r cells away from this point.
      const reach2 = r * cell * (r * cell);
      const nearestDone = count === k && (k === 0 || (bestD[k - 1] ?? 0) <= reach2);
      if (!nearestDone) continue;
      let quadrantsDone = true;
      for (let t = 0; t < 4 && q > 0; t++) {
        if ((quadCount[t] ?? 0) < q || (quadD[t * q + q - 1] ?? 0) > reach2) quadrantsDone = false;
      }
      // An empty quadrant (a point on the edge of the set) would otherwise scan the whole grid.
      if (quadrantsDone || cellsSeen >= cellCap) break;
    }
    const row = Array.from(bestJ.subarray(0, count));
    for (let t = 0; t < 4; t++) {
      for (let m = 0; m < (quadCount[t] ?? 0); m++) {
        const j = quadJ[t * q + m] ?? 0;
        if (!row.includes(j)) row.push(j);
      }
    }
    rows.push(row);
  }
  return rows;
}
