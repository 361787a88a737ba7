/** Timing: warm-up runs first (caches, plans, JIT), then the median of the measured runs. */
import { performance } from 'node:perf_hooks';

export interface Timing { median: number; min: number; max: number; runs: number }

/** What one measurement may take: a query of seconds is run fewer times (never fewer than 3). */
const BUDGET_MS = 30_000;
const fewerWhenSlow = (runs: number, oneRunMs: number, budgetMs: number) => Math.min(runs, Math.max(3, Math.floor(budgetMs / Math.max(oneRunMs, 1))));

export async function timeIt(fn: () => Promise<unknown>, runs: number, warmup: number, budgetMs = BUDGET_MS): Promise<Timing> {
  let slowest = 0;
  for (let i = 0; i < warmup; i++) {
    const t = performance.now();
    await fn();
    slowest = Math.max(slowest, performance.now() - t);
  }
  if (warmup > 0) runs = fewerWhenSlow(runs, slowest, budgetMs);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return summarize(samples, runs);
}

/**
 * Several ways to the same answer, timed in turns (A B C, B C A, …) so that a burst of load from other
 * processes on the machine falls on all of them alike rather than on whichever ran during it.
 */
export async function timeInTurns<K extends string>(fns: Record<K, () => Promise<unknown>>, runs: number, warmup: number, budgetMs = BUDGET_MS): Promise<Record<K, Timing>> {
  const names = Object.keys(fns) as K[];
  let slowest = 0;
  for (const n of names) {
    for (let i = 0; i < Math.max(1, warmup); i++) {
      const t = performance.now();
      await fns[n]();
      slowest = Math.max(slowest, performance.now() - t);
    }
  }
  runs = fewerWhenSlow(runs, slowest * names.length, budgetMs);
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < runs; i++) {
    for (let j = 0; j < names.length; j++) {
      const n = names[(i + j) % names.length]!;
      const t = performance.now();
      await fns[n]();
      samples[n].push(performance.now() - t);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n], runs)])) as Record<K, Timing>;
}

function summarize(samples: number[], runs: number): Timing {
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const median = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  return { median, min: samples[0]!, max: samples[samples.length - 1]!, runs };
}
