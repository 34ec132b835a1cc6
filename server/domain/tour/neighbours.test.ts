import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { buildNeighbourLists, gridCandidates } from './neighbours.ts';
import type { TourProblem } from './optimise-tour.ts';
import { randomEuclidean } from './test-support.ts';

/** The k smallest distances from i by looking at everything. */
function bruteKth(x: ArrayLike<number>, y: ArrayLike<number>, i: number, k: number): number[] {
  const d: number[] = [];
  for (let j = 0; j < x.length; j++) {
    if (j !== i) d.push(Math.hypot((x[j] ?? 0) - (x[i] ?? 0), (y[j] ?? 0) - (y[i] ?? 0)));
  }
  return d.sort((a, b) => a - b).slice(0, k);
}

function distancesOf(x: ArrayLike<number>, y: ArrayLike<number>, i: number, js: ArrayLike<number>): number[] {
  return Array.from(js, (j) => Math.hypot((x[j] ?? 0) - (x[i] ?? 0), (y[j] ?? 0) - (y[i] ?? 0))).sort(
    (a, b) => a - b,
  );
}

describe('candidate neighbour lists', () => {
  it('grid k-nearest matches brute force on uniform, clustered and lined-up points', () => {
    const rng = mulberry32(4);
    const uniform = Array.from({ length: 700 }, () => [rng.range(0, 100), rng.range(0, 100)] as const);
    // Tight clusters far apart, with exact duplicates, stress the ring search's stopping rule.
    const clustered = Array.from({ length: 600 }, (_, i) => {
      const c = i % 4;
      return [c * 1000 + Math.floor(rng.range(0, 5)), c * 37 + Math.floor(rng.range(0, 5))] as const;
    });
    const line = Array.from({ length: 200 }, (_, i) => [i * 0.5, 7] as const);
    for (const pts of [uniform, clustered, line]) {
      const x = pts.map((p) => p[0]);
      const y = pts.map((p) => p[1]);
      for (const k of [1, 5, 10]) {
        const rows = gridCandidates(x, y, pts.length, k);
        for (let i = 0; i < pts.length; i++) {
          const row = rows[i] ?? [];
          expect(row).toHaveLength(k);
          expect(row.includes(i)).toBe(false);
          expect(new Set(row).size).toBe(k);
          // Compared by distance: ties may pick either of two equally near points.
          expect(distancesOf(x, y, i, row)).toEqual(bruteKth(x, y, i, k));
        }
      }
    }
  });

  it('adds the nearest points in each quadrant, reaching into the next cluster', () => {
    const rng = mulberry32(8);
    // Five tight clusters far apart: the 4 nearest never leave a cluster, quadrant neighbours do.
    const pts = Array.from({ length: 250 }, (_, i) => {
      const c = i % 5;
      return [c * 500 + rng.range(0, 10), (c % 2) * 300 + rng.range(0, 10)] as const;
    });
    const x = pts.map((p) => p[0]);
    const y = pts.map((p) => p[1]);
    const rows = gridCandidates(x, y, pts.length, 4, 2);
    let crossing = 0;
    for (let i = 0; i < pts.length; i++) {
      const row = rows[i] ?? [];
      expect(distancesOf(x, y, i, row.slice(0, 4))).toEqual(bruteKth(x, y, i, 4));
      for (let quad = 0; quad < 4; quad++) {
        const inQuad = (j: number) => {
          const dx = (x[j] ?? 0) - (x[i] ?? 0);
          const dy = (y[j] ?? 0) - (y[i] ?? 0);
          const qq = dx >= 0 && dy > 0 ? 0 : dx < 0 && dy >= 0 ? 1 : dx <= 0 && dy < 0 ? 2 : 3;
          return (dx !== 0 || dy !== 0) && qq === quad;
        };
        const want = pts
          .map((_, j) => j)
          .filter((j) => j !== i && inQuad(j))
          .map((j) => Math.hypot((x[j] ?? 0) - (x[i] ?? 0), (y[j] ?? 0) - (y[i] ?? 0)))
          .sort((a, b) => a - b)
          .slice(0, 2);
        const got = distancesOf(x, y, i, row.filter(inQuad)).slice(0, 2);
        expect(got).toEqual(want);
      }
      if (row.some((j) => j % 5 !== i % 5)) crossing++;
    }
    // Points on a cluster's rim have an empty quadrant inside it and reach the neighbour cluster.
    expect(crossing).toBeGreaterThan(50);
    expect(gridCandidates(x, y, pts.length, 4).every((row, i) => row.every((j) => j % 5 === i % 5))).toBe(
      true,
    );
  });

  it('without coordinates, takes the k cheapest by the cost function, sorted by cost', () => {
    const problem = randomEuclidean(60, 2, false);
    const nb = buildNeighbourLists(problem, 6);
    for (let i = 0; i < 60; i++) {
      const from = nb.start[i] ?? 0;
      const row = Array.from(nb.list.subarray(from, nb.start[i + 1]));
      const costs = row.map((j) => problem.cost(i, j));
      const all = Array.from({ length: 60 }, (_, j) => j)
        .filter((j) => j !== i)
        .map((j) => problem.cost(i, j))
        .sort((a, b) => a - b);
      expect(costs).toEqual(all.slice(0, 6));
      expect(Array.from(nb.cost.subarray(from, from + 6))).toEqual(costs);
    }
  });

  it('uses the caller’s neighbours when given, dropping self, duplicates and out-of-range nodes', () => {
    const problem: TourProblem = {
      n: 5,
      cost: (i, j) => Math.abs(i - j),
      neighbours: (i) => [i, 4, 4, 9, -1, (i + 1) % 5],
    };
    const nb = buildNeighbourLists(problem);
    expect(Array.from(nb.list.subarray(nb.start[3], nb.start[4]))).toEqual([4]);
    expect(Array.from(nb.list.subarray(nb.start[0], nb.start[1]))).toEqual([1, 4]);
  });
});
