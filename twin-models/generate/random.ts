/** Small deterministic helpers shared by the generators; nothing here may touch Math.random. */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  range(min: number, max: number): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly [T, ...T[]]): T;
};

/** mulberry32: tiny, fast and good enough for layouts; the same seed gives the same facility forever. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, maxInclusive) => min + Math.floor(next() * (maxInclusive - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)] ?? items[0],
  };
}

/** Millimetre rounding keeps committed JSON free of 12.600000000000001 and stable across platforms. */
export function mm(v: number): number {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0 in JSON diffs
}

/** A, B, ... Z, AA, AB, ...: the spreadsheet-column scheme people already read without thinking. */
export function aisleLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Printed marker payloads: a seed-derived prefix so markers from two generated sites never collide. */
export function markerPrefix(rng: Rng): string {
  return `TM${Math.floor(rng.next() * 0x10000)
    .toString(16)
    .toUpperCase()
    .padStart(4, '0')}`;
}
