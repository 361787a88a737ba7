import { describe, expect, it } from 'vitest';
import {
  apportion,
  checkHandSplit,
  splitByHand,
  splitByWeight,
  splitEqually,
  splitTarget,
  TargetSplitError,
  type TargetPart,
  type WeightedSubject,
} from './target-split';

const townships = Array.from({ length: 133 }, (_, i) => `t${String(i + 1).padStart(3, '0')}`);
const sum = (parts: TargetPart[]) => parts.reduce((acc, p) => acc + p.amount, 0);
const amountOf = (parts: TargetPart[], id: string) => parts.find((p) => p.subjectId === id)?.amount;

describe('S4.1 5,000 new direct orgs across 133 townships', () => {
  it('S4.1 equal split sums to 5,000 with parts 37 or 38', () => {
    const parts = splitEqually(5000, townships);
    expect(parts).toHaveLength(133);
    expect(sum(parts)).toBe(5000);
    expect(parts.filter((p) => p.amount === 38)).toHaveLength(79);
    expect(parts.filter((p) => p.amount === 37)).toHaveLength(54);
    // All remainders tie, so the extra units go to the smallest ids.
    expect(amountOf(parts, 't001')).toBe(38);
    expect(amountOf(parts, 't079')).toBe(38);
    expect(amountOf(parts, 't080')).toBe(37);
  });

  it('S4.1 S4.4 weighted split with key-area multiplier sums to 5,000', () => {
    const subjects: WeightedSubject[] = townships.map((id, i) => ({ id, weight: 1000 + ((i * 7919) % 5000), key: i % 10 === 0 }));
    const parts = splitByWeight(5000, subjects, 1.5);
    expect(sum(parts)).toBe(5000);
    expect(parts.every((p) => Number.isInteger(p.amount) && p.amount >= 0)).toBe(true);
  });

  it('S4.1 hand split is accepted only when it sums to 5,000', () => {
    const parts = townships.map((id, i) => ({ subjectId: id, amount: i < 79 ? 38 : 37 }));
    expect(sum(splitByHand(5000, parts))).toBe(5000);
    const short = parts.map((p, i) => (i === 0 ? { ...p, amount: 37 } : p));
    expect(() => splitByHand(5000, short)).toThrow(TargetSplitError);
    expect(checkHandSplit(5000, short)).toMatchObject({ ok: false, sum: 4999, difference: 1 });
  });

  it('S4.1 splitTarget dispatches each method and always sums to the whole', () => {
    const weighted = townships.map((id, i) => ({ id, weight: (i % 13) + 1 }));
    const byHand = splitEqually(5000, townships);
    for (const parts of [
      splitTarget(5000, { method: 'equal', subjectIds: townships }),
      splitTarget(5000, { method: 'weight', subjects: weighted }),
      splitTarget(5000, { method: 'weight', subjects: weighted.map((w, i) => ({ ...w, key: i < 20 })), keyMultiplier: 2 }),
      splitTarget(5000, { method: 'hand', parts: byHand }),
    ]) {
      expect(sum(parts)).toBe(5000);
      expect(parts).toHaveLength(133);
    }
  });
});

describe('largest remainder', () => {
  it('gives the extra units to the largest remainders', () => {
    // Quotas 10 × 0.5 = 5, 10 × 0.3 = 3, 10 × 0.2 = 2 are exact; with 11: 5.5, 3.3, 2.2.
    expect(apportion(11, [{ id: 'a', weight: 5 }, { id: 'b', weight: 3 }, { id: 'c', weight: 2 }])).toEqual([
      { subjectId: 'a', amount: 6 },
      { subjectId: 'b', amount: 3 },
      { subjectId: 'c', amount: 2 },
    ]);
    // 7 over 3 equal parts: 2.33 each, one extra unit, to the smallest id.
    expect(splitEqually(7, ['c', 'a', 'b'])).toEqual([
      { subjectId: 'a', amount: 3 },
      { subjectId: 'b', amount: 2 },
      { subjectId: 'c', amount: 2 },
    ]);
  });

  it('is independent of input order', () => {
    const subjects = [
      { id: 'x', weight: 1 },
      { id: 'y', weight: 1 },
      { id: 'z', weight: 1 },
      { id: 'w', weight: 2 },
    ];
    expect(apportion(10, subjects)).toEqual(apportion(10, [...subjects].reverse()));
  });

  it('S4.4 key areas get a higher target', () => {
    const parts = splitByWeight(100, [
      { id: 'seat', weight: 1, key: true },
      { id: 'hill', weight: 1 },
    ], 3);
    expect(parts).toEqual([
      { subjectId: 'hill', amount: 25 },
      { subjectId: 'seat', amount: 75 },
    ]);
    expect(splitByWeight(100, [{ id: 'seat', weight: 1, key: true }, { id: 'hill', weight: 1 }])).toEqual([
      { subjectId: 'hill', amount: 50 },
      { subjectId: 'seat', amount: 50 },
    ]);
  });

  it('float weights tie exactly where they should (0.1 + 0.2 style noise)', () => {
    // Quotas 0.5, 1, 1.5: a and c tie at remainder ½ exactly, so the smaller id gets the unit.
    const parts = apportion(3, [{ id: 'c', weight: 0.3 }, { id: 'b', weight: 0.2 }, { id: 'a', weight: 0.1 }]);
    expect(parts).toEqual([
      { subjectId: 'a', amount: 1 },
      { subjectId: 'b', amount: 1 },
      { subjectId: 'c', amount: 1 },
    ]);
  });

  it('handles zero weights, zero totals and very large totals', () => {
    expect(apportion(5, [{ id: 'a', weight: 0 }, { id: 'b', weight: 1 }])).toEqual([
      { subjectId: 'a', amount: 0 },
      { subjectId: 'b', amount: 5 },
    ]);
    expect(splitEqually(0, ['a', 'b'])).toEqual([
      { subjectId: 'a', amount: 0 },
      { subjectId: 'b', amount: 0 },
    ]);
    expect(splitEqually(0, [])).toEqual([]);
    const big = splitByWeight(Number.MAX_SAFE_INTEGER, [{ id: 'a', weight: 3 }, { id: 'b', weight: 7 }]);
    expect(big.reduce((acc, p) => acc + BigInt(p.amount), 0n)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('rejects invalid input', () => {
    expect(() => splitEqually(10, [])).toThrow(TargetSplitError);
    expect(() => splitEqually(10.5, ['a'])).toThrow(TargetSplitError);
    expect(() => splitEqually(-1, ['a'])).toThrow(TargetSplitError);
    expect(() => splitEqually(10, ['a', 'a'])).toThrow(/duplicate/);
    expect(() => apportion(10, [{ id: 'a', weight: 0 }])).toThrow(/zero/);
    expect(() => apportion(10, [{ id: 'a', weight: -1 }])).toThrow(TargetSplitError);
    expect(() => apportion(10, [{ id: 'a', weight: Number.NaN }])).toThrow(TargetSplitError);
    expect(() => splitByWeight(10, [{ id: 'a', weight: 1 }], 0)).toThrow(TargetSplitError);
  });
});

describe('checkHandSplit', () => {
  it('reports over-assignment, duplicates and non-integers', () => {
    expect(checkHandSplit(10, [{ subjectId: 'a', amount: 6 }, { subjectId: 'b', amount: 6 }])).toMatchObject({
      ok: false,
      sum: 12,
      difference: -2,
    });
    expect(checkHandSplit(10, [{ subjectId: 'a', amount: 5 }, { subjectId: 'a', amount: 5 }]).errors[0]).toMatch(/duplicate/);
    expect(checkHandSplit(10, [{ subjectId: 'a', amount: 9.5 }, { subjectId: 'b', amount: 0.5 }]).ok).toBe(false);
    expect(checkHandSplit(10, [{ subjectId: 'a', amount: -1 }, { subjectId: 'b', amount: 11 }]).ok).toBe(false);
    expect(checkHandSplit(10, [{ subjectId: 'a', amount: 4 }, { subjectId: 'b', amount: 6 }])).toEqual({ ok: true, sum: 10, difference: 0, errors: [] });
  });
  it('splitByHand returns the parts sorted by id', () => {
    expect(splitByHand(3, [{ subjectId: 'b', amount: 1 }, { subjectId: 'a', amount: 2 }])).toEqual([
      { subjectId: 'a', amount: 2 },
      { subjectId: 'b', amount: 1 },
    ]);
  });
});
