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
export const DEFAULT_NEIGHBOURS = 10;

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
    const knn = kNearestByGrid(x, y, n, kk);
    for (let i = 0; i < n; i++) raw.push(Array.from(knn.subarray(i * kk, i * kk + kk)));
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
    const row = (raw[i] ?? []).map((j) => ({ j, c: problem.cost(i, j) }));
    // Ties by index keep the lists, and so the whole search, deterministic.
    row.sort((a, b) => a.c - b.c || a.j - b.j);
    let at = start[i] ?? 0;
    for (const { j, c } of row) {
      list[at] = j;
      cost[at] = c;
      at++;
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

/**
 * k nearest (Euclidean) for every point from a uniform grid of about two points per cell, searched
 * ring by ring until no unvisited cell can hold anything closer. Returns n·k indices, row-major.
 */
export function kNearestByGrid(x: ArrayLike<number>, y: ArrayLike<number>, n: number, k: number): Int32Array {
  const out = new Int32Array(n * k);
  if (k === 0) return out;
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
  // Degenerate (collinear) sets fall back to cells sized along the long side.
  const cell = Math.max(Math.sqrt((w * h * 2) / n), Math.max(w, h) / n);
  const gx = Math.min(Math.floor(w / cell) + 1, 4 * n);
  const gy = Math.min(Math.floor(h / cell) + 1, 4 * n);
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

  const bestJ = new Int32Array(k);
  const bestD = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? 0;
    const yi = y[i] ?? 0;
    const c = cellOfPoint[i] ?? 0;
    const cx = c % gx;
    const cy = (c - cx) / gx;
    let count = 0;
    const consider = (cellIndex: number): void => {
      for (let s = cellStart[cellIndex] ?? 0, e = cellStart[cellIndex + 1] ?? 0; s < e; s++) {
        const j = items[s] ?? 0;
        if (j === i) continue;
        const dx = (x[j] ?? 0) - xi;
        const dy = (y[j] ?? 0) - yi;
        const d = dx * dx + dy * dy;
        if (count === k && d >= (bestD[k - 1] ?? 0)) continue;
        let at = count < k ? count++ : k - 1;
        while (at > 0 && (bestD[at - 1] ?? 0) > d) {
          bestD[at] = bestD[at - 1] ?? 0;
          bestJ[at] = bestJ[at - 1] ?? 0;
          at--;
        }
        bestD[at] = d;
        bestJ[at] = j;
      }
    };
    const maxRing = Math.max(gx, gy);
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
      const reach = r * cell;
      if (count === k && (bestD[k - 1] ?? 0) <= reach * reach) break;
    }
    out.set(bestJ.subarray(0, k), i * k);
  }
  return out;
}
