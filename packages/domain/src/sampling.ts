/**
 * Reproducible spot-check samples (抽查, S3.8/S4.8). A sample must be re-drawable by anyone who
 * holds the seed, so that a county cannot claim the city picked its weak branches on purpose:
 * same seed and same population ⇒ same sample, on any machine, in any input order.
 */

/** 32-bit FNV-1a over the UTF-8 bytes of a string. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** mulberry32: tiny, fast and good enough for choosing which branches to visit; not for secrets. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of floats in [0, 1) determined by a string seed. */
export function seededRandom(seed: string): () => number {
  return mulberry32(fnv1a32(seed));
}

/** Deterministic Fisher–Yates shuffle of a copy. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

export interface SampleCandidate {
  id: string;
  /** Usually the county: the sample is drawn per stratum so every county is checked. */
  stratum: string;
}

export interface DrawSampleInput<T extends SampleCandidate> {
  seed: string;
  items: readonly T[];
  /** How many to draw from each stratum; a smaller stratum is taken whole. */
  perStratum: number;
}

export type Drawn<T> = T & { /** 1-based draw order within the stratum. */ rank: number };

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Stratified sample without replacement. Items are sorted by id before shuffling, so input
 * order does not matter; each stratum draws from its own stream (seed + stratum), so adding
 * or removing one county does not change what is drawn in the others.
 * Result: strata in id order, each in draw order.
 */
export function drawSample<T extends SampleCandidate>(input: DrawSampleInput<T>): Drawn<T>[] {
  const { seed, items, perStratum } = input;
  if (!Number.isSafeInteger(perStratum) || perStratum < 0) throw new RangeError(`perStratum must be a non-negative integer: ${perStratum}`);
  const seen = new Set<string>();
  const strata = new Map<string, T[]>();
  for (const item of items) {
    if (seen.has(item.id)) throw new RangeError(`duplicate item id: ${item.id}`);
    seen.add(item.id);
    const list = strata.get(item.stratum);
    if (list) list.push(item);
    else strata.set(item.stratum, [item]);
  }
  const out: Drawn<T>[] = [];
  for (const stratum of [...strata.keys()].sort(byString)) {
    const population = (strata.get(stratum) ?? []).sort((a, b) => byString(a.id, b.id));
    const shuffled = seededShuffle(population, `${seed}\u0000${stratum}`);
    shuffled.slice(0, perStratum).forEach((item, i) => out.push({ ...item, rank: i + 1 }));
  }
  return out;
}
