/**
 * A binary min-heap of (key, value) number pairs for Dijkstra over small graphs: parallel number
 * arrays, so pushing and popping allocate nothing beyond the arrays' growth.
 */
export class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  push(k: number, v: number): void {
    const keys = this.keys;
    const vals = this.vals;
    let i = keys.length;
    keys.push(k);
    vals.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p] ?? 0;
      if (pk <= k) break;
      keys[i] = pk;
      vals[i] = vals[p] ?? 0;
      i = p;
    }
    keys[i] = k;
    vals[i] = v;
  }
  pop(): [number, number] | null {
    const keys = this.keys;
    const vals = this.vals;
    if (keys.length === 0) return null;
    const top: [number, number] = [keys[0] ?? 0, vals[0] ?? 0];
    const lk = keys.pop() ?? 0;
    const lv = vals.pop() ?? 0;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (keys[r] ?? 0) < (keys[l] ?? 0) ? r : l;
        if ((keys[c] ?? 0) >= lk) break;
        keys[i] = keys[c] ?? 0;
        vals[i] = vals[c] ?? 0;
        i = c;
      }
      keys[i] = lk;
      vals[i] = lv;
    }
    return top;
  }
}
