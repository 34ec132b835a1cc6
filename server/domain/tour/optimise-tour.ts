/**
 * Orders stops into a short closed tour. One optimiser for drone sorties, multi-stop pick routes,
 * the layout simulation's pick lists and the TSPLIB evaluation CLI.
 *
 * The problem is given as a symmetric cost function so callers can use Euclidean distance, walking
 * distance over the navmesh, or obstacle-aware flight distance. Large problems must also give
 * candidate neighbours (or coordinates to derive them from), because nothing here may look at all
 * n² pairs when n is in the thousands.
 *
 * Up to 12 nodes the tour is exact (Held–Karp). Beyond that: k-nearest candidate lists, a greedy
 * edge start, 2-opt + Or-opt local search, then iterated local search with local double-bridge kicks
 * until the budget, the iteration cap or the abort signal ends it. docs/routing-optimiser.md.
 */

import { invalid } from '../../../common/errors.ts';
import { mulberry32 } from '../../../twin-models/generate/random.ts';
import { greedyEdgeTour } from './construct.ts';
import { EXACT_MAX_NODES, exactTour } from './exact.ts';
import { iteratedLocalSearch } from './iterated-local-search.ts';
import { buildNeighbourLists } from './neighbours.ts';

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
  /**
   * Wall-clock budget in ms, counted from the call (so building the candidate lists and the starting
   * tour is inside it); the search stops at the first check after it runs out.
   */
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
  /**
   * Cap on perturbation rounds (kicks). With a cap that binds before the budget, the same seed gives
   * the same tour on any machine; 0 stops after the first local search.
   */
  maxIterations?: number;
};

export type TourResult = {
  /** Closed tour as a permutation of 0..n-1, starting at `startAt`. */
  tour: number[];
  length: number;
  /** Length of the starting tour (given or built), for reporting the improvement. */
  initialLength: number;
  /** Perturbation rounds run (0 for exact or tiny problems). */
  iterations?: number;
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

function checkPermutation(tour: readonly number[], n: number): void {
  if (tour.length !== n) throw invalid(`The starting tour has ${tour.length} nodes, expected ${n}`);
  const seen = new Uint8Array(n);
  for (const v of tour) {
    if (!Number.isInteger(v) || v < 0 || v >= n || seen[v] === 1) {
      throw invalid(`The starting tour is not a permutation of 0..${n - 1} (node ${v})`);
    }
    seen[v] = 1;
  }
}

/** A search must be able to end: a bad budget would otherwise spin forever. */
function checkLimits(options: TourOptions): void {
  const { timeBudgetMs, maxIterations } = options;
  if (Number.isNaN(timeBudgetMs) || timeBudgetMs < 0)
    throw invalid(`timeBudgetMs must be ≥ 0, got ${timeBudgetMs}`);
  if (maxIterations !== undefined && (Number.isNaN(maxIterations) || maxIterations < 0)) {
    throw invalid(`maxIterations must be ≥ 0, got ${maxIterations}`);
  }
  const capped = maxIterations !== undefined && Number.isFinite(maxIterations);
  if (!Number.isFinite(timeBudgetMs) && !capped && options.signal === undefined) {
    throw invalid('An unlimited time budget needs maxIterations or an abort signal');
  }
}

export function optimiseTour(problem: TourProblem, options: TourOptions): TourResult {
  const now = options.now ?? (() => performance.now());
  const deadline = now() + options.timeBudgetMs;
  const { n } = problem;
  const startAt = options.startAt ?? 0;
  if (n === 0) return { tour: [], length: 0, initialLength: 0, iterations: 0 };
  if (!Number.isInteger(startAt) || startAt < 0 || startAt >= n) {
    throw invalid(`startAt ${startAt} is not a node of this ${n}-node problem`);
  }
  if (options.initial) checkPermutation(options.initial, n);
  checkLimits(options);

  if (n <= EXACT_MAX_NODES) {
    const exact = exactTour(problem);
    const given = options.initial ? [...options.initial] : exact;
    const initialLength = tourLength(problem, given);
    const exactLength = tourLength(problem, exact);
    const tour = exactLength <= initialLength ? exact : given;
    return {
      tour: rotateToStart(tour, startAt),
      length: Math.min(exactLength, initialLength),
      initialLength,
      iterations: 0,
    };
  }

  const nb = buildNeighbourLists(problem);
  const start = options.initial ? [...options.initial] : greedyEdgeTour(problem, nb);
  const initialLength = tourLength(problem, start);
  const signal = options.signal;
  const stop = (): boolean => signal?.aborted === true || now() >= deadline;
  // Gains below this are float noise relative to a typical edge.
  const eps = 1e-9 * Math.max(1, initialLength / n);
  const { tour, kicks } = iteratedLocalSearch(
    problem.cost,
    nb,
    start,
    mulberry32(options.seed ?? 1),
    { stop, maxKicks: options.maxIterations ?? Number.POSITIVE_INFINITY },
    { twoOptOnly: false, eps },
  );
  const length = tourLength(problem, tour);
  // Every accepted step shortens or keeps the tour; the check guards against float drift only.
  const best = length <= initialLength ? tour : start;
  return {
    tour: rotateToStart(best, startAt),
    length: Math.min(length, initialLength),
    initialLength,
    iterations: kicks,
  };
}
