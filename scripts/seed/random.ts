/**
 * Seeded pseudo-random numbers for the sample-data generators.
 *
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator) passes PractRand and BigCrush, has a
 * 128-bit state with a guaranteed minimum period of 2^32 (expected ~2^127), and needs only 32-bit
 * integer operations, so it is fast in JS and reproducible on every engine. Seed data needs
 * repeatability and no visible patterns, not cryptographic strength. The seed is spread over the
 * state with splitmix32 so that neighbouring seeds (1, 2, 3...) give unrelated streams.
 */

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [minIncl, maxIncl]. */
  int(minIncl: number, maxIncl: number): number;
  pick<T>(arr: readonly T[]): T;
  chance(p: number): boolean;
  normal(mean: number, sd: number): number;
  poisson(lambda: number): number;
};

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  // Fractional or huge seeds still map to a 32-bit value deterministically.
  const mix = splitmix32((Math.floor(Math.abs(seed)) % 0x100000000) ^ (seed < 0 ? 0x5bd1e995 : 0));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm-up: the first outputs of a freshly seeded sfc32 are weakly mixed.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 0x100000000;

  // Box-Muller yields two deviates per call; keeping the spare halves the cost.
  let spare: number | null = null;
  const standardNormal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = next();
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };

  return {
    next,
    int(minIncl, maxIncl) {
      const lo = Math.ceil(minIncl);
      const hi = Math.floor(maxIncl);
      if (hi < lo) throw new RangeError(`int(${minIncl}, ${maxIncl}): empty range`);
      return lo + Math.floor(next() * (hi - lo + 1));
    },
    pick<T>(arr: readonly T[]): T {
      if (arr.length === 0) throw new RangeError('pick() from an empty array');
      return arr[Math.floor(next() * arr.length)] as T;
    },
    chance(p) {
      return next() < p;
    },
    normal(mean, sd) {
      return mean + sd * standardNormal();
    },
    poisson(lambda) {
      if (!(lambda > 0)) return 0;
      // Knuth's product method is exact but costs ~lambda draws; past 30 the normal
      // approximation is indistinguishable for seed data and O(1).
      if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * standardNormal()));
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
  };
}

/** Fisher-Yates shuffle into a new array. */
export function shuffled<T>(rng: Rng, arr: readonly T[]): T[] {
  const out = arr.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}
