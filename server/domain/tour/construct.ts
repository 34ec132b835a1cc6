/**
 * Starting tours. Greedy edge (shortest candidate edges first, no node of degree three, no early
 * cycle) lands about 15–20% above optimal on Euclidean instances, against ~25% for nearest
 * neighbour, and leaves local search less to do. Nearest neighbour stays for the benchmark's
 * baseline.
 */
import type { NeighbourLists } from './neighbours.ts';
import type { TourProblem } from './optimise-tour.ts';

export function greedyEdgeTour(problem: TourProblem, nb: NeighbourLists): number[] {
  const { n } = problem;
  if (n <= 3) return Array.from({ length: n }, (_, i) => i);
  const m = nb.list.length;
  const edges = new Int32Array(m);
  for (let e = 0; e < m; e++) edges[e] = e;
  const from = new Int32Array(m);
  for (let i = 0; i < n; i++) for (let e = nb.start[i] ?? 0; e < (nb.start[i + 1] ?? 0); e++) from[e] = i;
  edges.sort((a, b) => (nb.cost[a] ?? 0) - (nb.cost[b] ?? 0) || a - b);

  const degree = new Uint8Array(n);
  // Two adjacency slots per node; -1 is free.
  const adj = new Int32Array(2 * n).fill(-1);
  // Union-find over fragments so an edge never closes a cycle early.
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (v: number): number => {
    let r = v;
    while ((parent[r] ?? r) !== r) r = parent[r] ?? r;
    while ((parent[v] ?? v) !== r) {
      const up = parent[v] ?? v;
      parent[v] = r;
      v = up;
    }
    return r;
  };
  const link = (a: number, b: number): void => {
    adj[2 * a + (degree[a] ?? 0)] = b;
    adj[2 * b + (degree[b] ?? 0)] = a;
    degree[a] = (degree[a] ?? 0) + 1;
    degree[b] = (degree[b] ?? 0) + 1;
    parent[find(a)] = find(b);
  };
  let added = 0;
  for (let k = 0; k < m && added < n - 1; k++) {
    const e = edges[k] ?? 0;
    const a = from[e] ?? 0;
    const b = nb.list[e] ?? 0;
    if ((degree[a] ?? 0) >= 2 || (degree[b] ?? 0) >= 2 || find(a) === find(b)) continue;
    link(a, b);
    added++;
  }

  // Chain the fragments: from the end of one, jump to the nearest free end of another.
  const visited = new Uint8Array(n);
  const ends: number[] = [];
  for (let i = 0; i < n; i++) if ((degree[i] ?? 0) < 2) ends.push(i);
  const tour: number[] = [];
  const walk = (from0: number): number => {
    let prev = -1;
    let at = from0;
    for (;;) {
      visited[at] = 1;
      tour.push(at);
      const a0 = adj[2 * at] ?? -1;
      const a1 = adj[2 * at + 1] ?? -1;
      const nextNode =
        a0 !== -1 && a0 !== prev && visited[a0] === 0
          ? a0
          : a1 !== -1 && a1 !== prev && visited[a1] === 0
            ? a1
            : -1;
      if (nextNode === -1) return at;
      prev = at;
      at = nextNode;
    }
  };
  if (ends.length === 0) {
    walk(0);
    return tour;
  }
  let last = walk(ends[0] ?? 0);
  for (;;) {
    let best = -1;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const e of ends) {
      if (visited[e] === 1) continue;
      const c = problem.cost(last, e);
      if (c < bestCost) {
        best = e;
        bestCost = c;
      }
    }
    if (best === -1) break;
    last = walk(best);
  }
  return tour;
}

/** Nearest neighbour from `start`, looking at candidates first and scanning everything only when they are used up. */
export function nearestNeighbourTour(problem: TourProblem, nb: NeighbourLists, start: number): number[] {
  const { n } = problem;
  const used = new Uint8Array(n);
  const tour = [start];
  used[start] = 1;
  let at = start;
  for (let step = 1; step < n; step++) {
    let best = -1;
    for (let e = nb.start[at] ?? 0; e < (nb.start[at + 1] ?? 0); e++) {
      const j = nb.list[e] ?? 0;
      if (used[j] === 0) {
        best = j;
        break;
      }
    }
    if (best === -1) {
      let bestCost = Number.POSITIVE_INFINITY;
      for (let j = 0; j < n; j++) {
        if (used[j] === 1) continue;
        const c = problem.cost(at, j);
        if (best === -1 || c < bestCost) {
          best = j;
          bestCost = c;
        }
      }
    }
    used[best] = 1;
    tour.push(best);
    at = best;
  }
  return tour;
}
