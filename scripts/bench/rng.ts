/** Seeded randomness: the same seed gives the same tree and the same year of records on every machine. */
export type Rand = () => number;

/** mulberry32: 32-bit state, fast, good enough to draw synthetic data. */
export function rng(seed: number): Rand {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
export const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** Standard normal by Box–Muller. */
export function normal(rand: Rand): number {
  const u = 1 - rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

/** Draws indexes in proportion to weights: cumulative sums and a binary search. */
export function weighted(weights: readonly number[]): (rand: Rand) => number {
  const cum = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => { total += w; cum[i] = total; });
  return (rand) => {
    const x = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid; else lo = mid + 1;
    }
    return lo;
  };
}
