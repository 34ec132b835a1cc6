/**
 * A tour held as an array plus each node's position, so successor, predecessor and "is b between a
 * and c" are O(1). Every move is made of 2-opt reversals, and each reversal flips whichever side of
 * the cycle is shorter (both give the same cycle), so a move costs at most n/2 swaps. Reversals are
 * logged, so a rejected kick or an unfinished chain of moves is undone by replaying them backwards.
 */
export class ArrayTour {
  readonly n: number;
  readonly order: Int32Array;
  readonly pos: Int32Array;
  /** Reversed position ranges (start, end) since the last `commit()`, for `rollback()`. */
  private readonly log: number[] = [];

  constructor(tour: readonly number[]) {
    this.n = tour.length;
    this.order = Int32Array.from(tour);
    this.pos = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) this.pos[tour[i] ?? 0] = i;
  }

  next(v: number): number {
    const p = (this.pos[v] ?? 0) + 1;
    return this.order[p === this.n ? 0 : p] ?? 0;
  }

  prev(v: number): number {
    const p = this.pos[v] ?? 0;
    return this.order[p === 0 ? this.n - 1 : p - 1] ?? 0;
  }

  /** Whether b lies on the forward walk from a to c (inclusive). */
  between(a: number, b: number, c: number): boolean {
    const pa = this.pos[a] ?? 0;
    const pb = this.pos[b] ?? 0;
    const pc = this.pos[c] ?? 0;
    return pa <= pc ? pa <= pb && pb <= pc : pb >= pa || pb <= pc;
  }

  /**
   * Replaces edges (t1,t2) and (t3,t4) by (t1,t3) and (t2,t4). t2 must follow t1 and t4 follow t3 in
   * the same direction (both successors or both predecessors); the array's orientation may flip.
   */
  move2(t1: number, t2: number, t3: number, t4: number): void {
    if (this.next(t1) === t2) this.reversePath(this.pos[t2] ?? 0, this.pos[t3] ?? 0);
    else this.reversePath(this.pos[t1] ?? 0, this.pos[t4] ?? 0);
  }

  /** Reverses the forward walk between positions i and j (inclusive), or its shorter complement. */
  private reversePath(i: number, j: number): void {
    const n = this.n;
    let len = j - i;
    if (len < 0) len += n;
    len += 1;
    if (2 * len > n) {
      const ni = j + 1 === n ? 0 : j + 1;
      j = i === 0 ? n - 1 : i - 1;
      i = ni;
      len = n - len;
    }
    this.log.push(i, j);
    this.swapInward(i, j, len);
  }

  private swapInward(i: number, j: number, len: number): void {
    const { n, order, pos } = this;
    for (let k = len >> 1; k > 0; k--) {
      const a = order[i] ?? 0;
      const b = order[j] ?? 0;
      order[i] = b;
      pos[b] = i;
      order[j] = a;
      pos[a] = j;
      i = i + 1 === n ? 0 : i + 1;
      j = j === 0 ? n - 1 : j - 1;
    }
  }

  /** Forgets the log: the moves made so far are kept for good. */
  commit(): void {
    this.log.length = 0;
  }

  /** A point in the log that `rollback` can return the tour to. */
  checkpoint(): number {
    return this.log.length;
  }

  /** Undoes every move made since `checkpoint` returned `at`: a reversal is its own inverse. */
  rollback(at: number): void {
    const n = this.n;
    for (let k = this.log.length - 2; k >= at; k -= 2) {
      const i = this.log[k] ?? 0;
      const j = this.log[k + 1] ?? 0;
      let len = j - i;
      if (len < 0) len += n;
      this.swapInward(i, j, len + 1);
    }
    this.log.length = at;
  }

  toArray(): number[] {
    return Array.from(this.order);
  }
}
