/**
 * Exact tours for small problems by Held–Karp dynamic programming, O(2ⁿ·n²): a pick list of a
 * dozen stops is solved optimally in well under a millisecond, so heuristics are only used where
 * they are needed.
 */
import type { TourProblem } from './optimise-tour.ts';

/** 2¹¹·12² ≈ 300k steps; beyond this the heuristic is faster and almost always optimal anyway. */
export const EXACT_MAX_NODES = 12;

/** Optimal closed tour starting at node 0. */
export function exactTour(problem: TourProblem): number[] {
  const { n } = problem;
  if (n <= 3) return Array.from({ length: n }, (_, i) => i);
  const m = n - 1; // nodes 1..n-1 are bits 0..m-1
  const full = (1 << m) - 1;
  const dp = new Float64Array((full + 1) * m).fill(Number.POSITIVE_INFINITY);
  const from = new Int8Array((full + 1) * m).fill(-1);
  const c = (i: number, j: number): number => problem.cost(i, j);
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i * n + j] = i === j ? 0 : c(i, j);
  for (let j = 0; j < m; j++) dp[(1 << j) * m + j] = d[j + 1] ?? 0;
  for (let mask = 1; mask <= full; mask++) {
    for (let j = 0; j < m; j++) {
      if ((mask & (1 << j)) === 0) continue;
      const here = dp[mask * m + j] ?? Number.POSITIVE_INFINITY;
      if (here === Number.POSITIVE_INFINITY) continue;
      for (let k = 0; k < m; k++) {
        if ((mask & (1 << k)) !== 0) continue;
        const next = mask | (1 << k);
        const v = here + (d[(j + 1) * n + k + 1] ?? 0);
        if (v < (dp[next * m + k] ?? Number.POSITIVE_INFINITY)) {
          dp[next * m + k] = v;
          from[next * m + k] = j;
        }
      }
    }
  }
  let bestEnd = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    const v = (dp[full * m + j] ?? Number.POSITIVE_INFINITY) + (d[(j + 1) * n] ?? 0);
    if (v < best) {
      best = v;
      bestEnd = j;
    }
  }
  const reversed: number[] = [];
  let mask = full;
  let at = bestEnd;
  while (at !== -1) {
    reversed.push(at + 1);
    const prev = from[mask * m + at] ?? -1;
    mask &= ~(1 << at);
    at = prev;
  }
  return [0, ...reversed.reverse()];
}
