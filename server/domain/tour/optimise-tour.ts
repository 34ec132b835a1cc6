/**
 * Orders stops into a short closed tour. One optimiser for drone sorties, multi-stop pick routes,
 * the layout simulation's pick lists and the TSPLIB evaluation CLI.
 *
 * The problem is given as a symmetric cost function so callers can use Euclidean distance, walking
 * distance over the navmesh, or obstacle-aware flight distance. Large problems must also give
 * candidate neighbours (or coordinates to derive them from), because nothing here may look at all
 * n² pairs when n is in the thousands.
 */

export type TourProblem = {
  /** Number of nodes, 0..n-1. */
  n: number;
  /** Symmetric, non-negative cost of travelling between two nodes. */
  cost: (i: number, j: number) => number;
  /** Planar positions used to derive candidate neighbour lists (k nearest) when `neighbours` is absent. */
  coords?: { x: ArrayLike<number>; y: ArrayLike<number> };
  /** Candidate neighbours per node, nearest first; overrides `coords`. */
  neighbours?: (i: number) => readonly number[];
};

export type TourOptions = {
  /** Wall-clock budget for improvement after the initial tour. */
  timeBudgetMs: number;
  /** Seed for the perturbation's random choices; the same seed gives the same tour. */
  seed?: number;
  /** Starting tour (a permutation of 0..n-1); the result is never longer than it. */
  initial?: readonly number[];
  /** The returned tour starts at this node (a dock, the walker's position). Default 0. */
  startAt?: number;
  /** Injected clock in ms (defaults to performance.now) so tests can make budgets deterministic. */
  now?: () => number;
  /** Stops early (returns the best tour so far) when aborted. */
  signal?: AbortSignal;
};

export type TourResult = {
  /** Closed tour as a permutation of 0..n-1, starting at `startAt`. */
  tour: number[];
  length: number;
  /** Length of the starting tour (given or built), for reporting the improvement. */
  initialLength: number;
};

export function tourLength(problem: TourProblem, tour: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < tour.length; i++) {
    const a = tour[i] ?? 0;
    const b = tour[(i + 1) % tour.length] ?? 0;
    total += problem.cost(a, b);
  }
  return total;
}

function rotateToStart(tour: number[], startAt: number): number[] {
  const k = tour.indexOf(startAt);
  return k <= 0 ? tour : [...tour.slice(k), ...tour.slice(0, k)];
}

/** Nearest neighbour from `startAt`; O(n²), replaced by the real optimiser. */
function nearestNeighbourTour(problem: TourProblem, startAt: number): number[] {
  const { n } = problem;
  const used = new Uint8Array(n);
  const tour = [startAt];
  used[startAt] = 1;
  let at = startAt;
  for (let k = 1; k < n; k++) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      if (used[j] === 1) continue;
      const c = problem.cost(at, j);
      if (best < 0 || c < bestCost) {
        best = j;
        bestCost = c;
      }
    }
    used[best] = 1;
    tour.push(best);
    at = best;
  }
  return tour;
}

export function optimiseTour(problem: TourProblem, options: TourOptions): TourResult {
  const startAt = options.startAt ?? 0;
  if (problem.n === 0) return { tour: [], length: 0, initialLength: 0 };
  const initial = options.initial ? [...options.initial] : nearestNeighbourTour(problem, startAt);
  const initialLength = tourLength(problem, initial);
  const tour = rotateToStart(initial, startAt);
  return { tour, length: tourLength(problem, tour), initialLength };
}
