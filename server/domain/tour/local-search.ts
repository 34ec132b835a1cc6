/**
 * 2-opt, Or-opt and short Lin–Kernighan-style chains, driven by a queue of "dirty" nodes (don't-look
 * bits): a node is looked at again only when one of its tour edges changed, so after a local kick
 * only a handful of nodes are re-examined. Moves start from candidate neighbours and the first
 * improving one is made.
 *
 * 2-opt removes two edges and reconnects the other way; Or-opt moves a run of one to three nodes
 * elsewhere, possibly reversed, which 2-opt alone cannot do without passing through a worse tour;
 * a chain strings up to five 2-opt flips together when only their sum gains.
 */
import type { ArrayTour } from './array-tour.ts';
import type { NeighbourLists } from './neighbours.ts';

export type LocalSearchOptions = {
  /** Plain 2-opt only, without Or-opt and chains: the benchmark's textbook baseline. */
  twoOptOnly: boolean;
  /** Smallest gain worth a move, so float noise cannot make it cycle. */
  eps: number;
};

const MAX_SEGMENT = 3;
/** Flips per Lin–Kernighan-style chain; deeper chains cost more than they find within our budgets. */
const MAX_CHAIN = 5;

export class LocalSearch {
  private readonly queue: Int32Array;
  private readonly queued: Uint8Array;
  private readonly chainNodes = new Int32Array(3 * MAX_CHAIN);
  private head = 0;
  private size = 0;

  constructor(
    private readonly cost: (i: number, j: number) => number,
    private readonly nb: NeighbourLists,
    private readonly tour: ArrayTour,
    private readonly options: LocalSearchOptions,
  ) {
    this.queue = new Int32Array(tour.n);
    this.queued = new Uint8Array(tour.n);
  }

  push(v: number): void {
    if (this.queued[v] === 1) return;
    this.queued[v] = 1;
    const n = this.tour.n;
    let at = this.head + this.size;
    if (at >= n) at -= n;
    this.queue[at] = v;
    this.size++;
  }

  pushAll(order: ArrayLike<number>): void {
    for (let i = 0; i < order.length; i++) this.push(order[i] ?? 0);
  }

  /** Forgets queued nodes (after a rejected kick is undone, they are back at a local optimum). */
  clear(): void {
    while (this.size > 0) {
      this.queued[this.queue[this.head] ?? 0] = 0;
      this.head = this.head + 1 === this.tour.n ? 0 : this.head + 1;
      this.size--;
    }
  }

  /**
   * Improves until no queued node has a move or `stop()` says so; returns the total gain.
   * `twoOptOnly` overrides the option for this run (a cheap first descent).
   */
  run(stop: () => boolean, twoOptOnly = this.options.twoOptOnly): number {
    let gain = 0;
    let sinceCheck = 0;
    while (this.size > 0) {
      if (++sinceCheck === 128) {
        sinceCheck = 0;
        if (stop()) break;
      }
      const v = this.queue[this.head] ?? 0;
      this.head = this.head + 1 === this.tour.n ? 0 : this.head + 1;
      this.size--;
      this.queued[v] = 0;
      let g = this.twoOpt(v);
      if (g === 0 && !twoOptOnly) g = this.orOpt(v);
      if (g === 0 && !twoOptOnly) g = this.chain(v);
      if (g > 0) {
        gain += g;
        this.push(v);
      }
    }
    return gain;
  }

  private twoOpt(a: number): number {
    const { tour, nb, cost } = this;
    const eps = this.options.eps;
    for (let dir = 0; dir < 2; dir++) {
      const b = dir === 0 ? tour.next(a) : tour.prev(a);
      const dab = cost(a, b);
      for (let e = nb.start[a] ?? 0, end = nb.start[a + 1] ?? 0; e < end; e++) {
        const c = nb.list[e] ?? 0;
        const g1 = dab - (nb.cost[e] ?? 0);
        if (g1 <= eps) break;
        const d = dir === 0 ? tour.next(c) : tour.prev(c);
        if (c === b || d === a) continue;
        const gain = g1 + cost(c, d) - cost(b, d);
        if (gain > eps) {
          tour.move2(a, b, c, d);
          this.push(b);
          this.push(c);
          this.push(d);
          return gain;
        }
      }
    }
    return 0;
  }

  /**
   * Lin–Kernighan-style chain of 2-opt flips with t1 fixed: remove (t1,t2), join t2 to a candidate
   * t3, remove (t3,t4) and close (t4,t1); then treat (t1,t4) as the next edge to remove. Each step
   * takes the candidate that leaves the most gain and the chain continues while the running gain
   * stays positive, so it finds 3- to 5-opt improvements that single moves cannot; the best closed
   * prefix is kept and the rest rolled back.
   */
  private chain(t1: number): number {
    const { tour, nb, cost } = this;
    const eps = this.options.eps;
    const touched = this.chainNodes;
    for (let side = 0; side < 2; side++) {
      let t2 = side === 0 ? tour.next(t1) : tour.prev(t1);
      let g = cost(t1, t2);
      const start = tour.checkpoint();
      let best = eps;
      let bestAt = -1;
      let touchedCount = 0;
      let bestTouched = 0;
      for (let depth = 0; depth < MAX_CHAIN; depth++) {
        // t4 sits on the same side of t3 as t1 does of t2, which keeps the flip a valid 2-opt.
        const t1IsPrev = tour.prev(t2) === t1;
        let t3 = -1;
        let t4 = -1;
        let bestG = Number.NEGATIVE_INFINITY;
        for (let e = nb.start[t2] ?? 0, end = nb.start[t2 + 1] ?? 0; e < end; e++) {
          const c = nb.list[e] ?? 0;
          const g1 = g - (nb.cost[e] ?? 0);
          if (g1 <= eps) break;
          if (c === t1 || c === tour.next(t2) || c === tour.prev(t2)) continue;
          const d = t1IsPrev ? tour.prev(c) : tour.next(c);
          const g2 = g1 + cost(c, d);
          if (g2 > bestG) {
            bestG = g2;
            t3 = c;
            t4 = d;
          }
        }
        if (t3 < 0) break;
        tour.move2(t2, t1, t3, t4); // adds (t2,t3) and (t1,t4)
        if (touchedCount + 3 <= touched.length) {
          touched[touchedCount++] = t2;
          touched[touchedCount++] = t3;
          touched[touchedCount++] = t4;
        }
        g = bestG;
        const closed = g - cost(t4, t1);
        if (closed > best) {
          best = closed;
          bestAt = tour.checkpoint();
          bestTouched = touchedCount;
        }
        t2 = t4;
      }
      if (bestAt < 0) {
        tour.rollback(start);
        continue;
      }
      tour.rollback(bestAt);
      for (let k = 0; k < bestTouched; k++) this.push(touched[k] ?? 0);
      return best;
    }
    return 0;
  }

  /** Moves the run starting or ending at v (1..3 nodes) next to a candidate neighbour of one of its ends. */
  private orOpt(v: number): number {
    const { tour, nb, cost } = this;
    const eps = this.options.eps;
    const n = tour.n;
    if (n < MAX_SEGMENT + 5) return 0;
    for (let len = 1; len <= MAX_SEGMENT; len++) {
      for (let side = 0; side < (len === 1 ? 1 : 2); side++) {
        // The run is f..l in the array's forward direction.
        let f = v;
        let l = v;
        for (let s = 1; s < len; s++) {
          if (side === 0) l = tour.next(l);
          else f = tour.prev(f);
        }
        const p = tour.prev(f);
        const x = tour.next(l);
        const removeGain = cost(p, f) + cost(l, x) - cost(p, x);
        if (removeGain <= eps) continue;
        for (let endIdx = 0; endIdx < 2; endIdx++) {
          const s = endIdx === 0 ? f : l;
          for (let e = nb.start[s] ?? 0, end = nb.start[s + 1] ?? 0; e < end; e++) {
            if ((nb.cost[e] ?? 0) >= removeGain) break;
            const c = nb.list[e] ?? 0;
            if (tour.between(f, c, l)) continue;
            for (let which = 0; which < 2; which++) {
              // Candidate edge (u, w) in forward direction, with c at one end.
              const u = which === 0 ? c : tour.prev(c);
              const w = which === 0 ? tour.next(c) : c;
              if (u === x || w === p || tour.between(f, u, l) || tour.between(f, w, l)) continue;
              const duw = cost(u, w);
              const keep = cost(u, f) + cost(l, w) - duw;
              const flip = cost(u, l) + cost(f, w) - duw;
              const reversed = flip < keep;
              const gain = removeGain - (reversed ? flip : keep);
              if (gain > eps) {
                this.moveRun(p, f, l, x, u, w, reversed);
                this.push(p);
                this.push(x);
                this.push(f);
                this.push(l);
                this.push(u);
                this.push(w);
                return gain;
              }
            }
          }
        }
      }
    }
    return 0;
  }

  /**
   * p f..l x ... u w  →  p x ... u f..l w (or u l..f w when reversed), as two or three reversals;
   * each hands the next one its edges in a consistent direction whatever the array orientation.
   */
  private moveRun(p: number, f: number, l: number, x: number, u: number, w: number, reversed: boolean): void {
    const { tour } = this;
    tour.move2(p, f, u, w); // p u ... x l..f w
    tour.move2(p, u, x, l); // p x ... u l..f w
    if (!reversed) tour.move2(u, l, f, w); // u f..l w
  }
}
