/**
 * 目标分解: dividing an integer target (5,000 new orgs, S4.1) among subordinate subjects so that
 * the parts are whole numbers that add up exactly to the target. Rounding each share on its own
 * would leave the city short or over by a few; the largest-remainder method never does.
 */

export interface TargetPart {
  subjectId: string;
  amount: number;
}

export interface WeightedSubject {
  id: string;
  weight: number;
  /** Key area (S4.4: small towns, county seats, developed townships): weight × keyMultiplier. */
  key?: boolean;
}

export type TargetSplitSpec =
  | { method: 'equal'; subjectIds: readonly string[] }
  | { method: 'weight'; subjects: readonly WeightedSubject[]; keyMultiplier?: number }
  | { method: 'hand'; parts: readonly TargetPart[] };

export class TargetSplitError extends Error {
  override name = 'TargetSplitError';
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertTotal(total: number): void {
  if (!Number.isSafeInteger(total) || total < 0) throw new TargetSplitError(`total must be a non-negative integer: ${total}`);
}

function assertUniqueIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (!id) throw new TargetSplitError('subject id must not be empty');
    if (seen.has(id)) throw new TargetSplitError(`duplicate subject id: ${id}`);
    seen.add(id);
  }
}

/** Fractional weights are scaled to integers at this precision so the arithmetic below is exact. */
const WEIGHT_SCALE = 1_000_000;

function integerWeights(weights: readonly number[]): bigint[] {
  if (weights.every((w) => Number.isSafeInteger(w))) return weights.map((w) => BigInt(w));
  return weights.map((w) => BigInt(Math.round(w * WEIGHT_SCALE)));
}

/**
 * Largest-remainder apportionment. Each subject gets the floor of its exact quota; the units
 * still missing go one each to the largest remainders, ties to the smaller id. The quotas are
 * computed in exact integer arithmetic, so float noise can never decide who gets a unit.
 * Output is sorted by subject id.
 */
export function apportion(total: number, weights: readonly { id: string; weight: number }[]): TargetPart[] {
  assertTotal(total);
  assertUniqueIds(weights.map((w) => w.id));
  for (const w of weights) {
    if (!Number.isFinite(w.weight) || w.weight < 0) throw new TargetSplitError(`weight must be a non-negative number: ${w.id}`);
  }
  const sorted = [...weights].sort((a, b) => compareIds(a.id, b.id));
  if (total === 0) return sorted.map((w) => ({ subjectId: w.id, amount: 0 }));
  if (sorted.length === 0) throw new TargetSplitError('no subjects to split the target among');
  const ints = integerWeights(sorted.map((w) => w.weight));
  const sum = ints.reduce((acc, w) => acc + w, 0n);
  if (sum === 0n) throw new TargetSplitError('weights must not all be zero');

  const big = BigInt(total);
  const rows = sorted.map((w, index) => {
    const numerator = big * (ints[index] ?? 0n);
    return { id: w.id, index, amount: numerator / sum, remainder: numerator % sum };
  });
  let missing = big - rows.reduce((acc, r) => acc + r.amount, 0n);
  const order = [...rows].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  // Fewer units are missing than there are subjects, so one pass suffices.
  for (const row of order) {
    if (missing <= 0n) break;
    row.amount++;
    missing--;
  }
  return rows.map((r) => ({ subjectId: r.id, amount: Number(r.amount) }));
}

export function splitEqually(total: number, subjectIds: readonly string[]): TargetPart[] {
  return apportion(
    total,
    subjectIds.map((id) => ({ id, weight: 1 })),
  );
}

/** Weighted split, with key-area subjects' weights multiplied (S4.4 higher targets for key areas). */
export function splitByWeight(total: number, subjects: readonly WeightedSubject[], keyMultiplier = 1): TargetPart[] {
  if (!Number.isFinite(keyMultiplier) || keyMultiplier <= 0) throw new TargetSplitError('keyMultiplier must be positive');
  return apportion(
    total,
    subjects.map((s) => ({ id: s.id, weight: s.key ? s.weight * keyMultiplier : s.weight })),
  );
}

export interface HandSplitCheck {
  ok: boolean;
  sum: number;
  /** total − sum: positive when units are still unassigned, negative when over-assigned. */
  difference: number;
  errors: string[];
}

/** Checks a split typed by hand; meant for the form, so it reports rather than throws. */
export function checkHandSplit(total: number, parts: readonly TargetPart[]): HandSplitCheck {
  const errors: string[] = [];
  if (!Number.isSafeInteger(total) || total < 0) errors.push(`total must be a non-negative integer: ${total}`);
  const seen = new Set<string>();
  let sum = 0;
  for (const p of parts) {
    if (!p.subjectId) errors.push('subject id must not be empty');
    else if (seen.has(p.subjectId)) errors.push(`duplicate subject id: ${p.subjectId}`);
    seen.add(p.subjectId);
    if (!Number.isSafeInteger(p.amount) || p.amount < 0) errors.push(`amount must be a non-negative integer: ${p.subjectId}`);
    else sum += p.amount;
  }
  if (errors.length === 0 && sum !== total) errors.push(`parts sum to ${sum}, not ${total}`);
  return { ok: errors.length === 0, sum, difference: total - sum, errors };
}

export function splitByHand(total: number, parts: readonly TargetPart[]): TargetPart[] {
  const check = checkHandSplit(total, parts);
  if (!check.ok) throw new TargetSplitError(check.errors.join('; '));
  return [...parts].map((p) => ({ subjectId: p.subjectId, amount: p.amount })).sort((a, b) => compareIds(a.subjectId, b.subjectId));
}

export function splitTarget(total: number, spec: TargetSplitSpec): TargetPart[] {
  switch (spec.method) {
    case 'equal':
      return splitEqually(total, spec.subjectIds);
    case 'weight':
      return splitByWeight(total, spec.subjects, spec.keyMultiplier);
    case 'hand':
      return splitByHand(total, spec.parts);
  }
}
