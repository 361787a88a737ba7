import { describe, expect, it } from 'vitest';
import { drawSample, fnv1a32, mulberry32, seededRandom, seededShuffle } from './sampling';

const counties = ['county-a', 'county-b', 'county-c'];
const branches = counties.flatMap((county, c) =>
  Array.from({ length: 20 + c * 5 }, (_, i) => ({ id: `${county}/branch-${String(i).padStart(2, '0')}`, stratum: county })),
);

describe('PRNG', () => {
  it('FNV-1a matches the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('hashes UTF-8, so Chinese seeds are stable', () => {
    expect(fnv1a32('梅州')).toBe(fnv1a32('梅州'));
    expect(fnv1a32('梅州')).not.toBe(fnv1a32('湛江'));
  });
  it('mulberry32 is deterministic and stays in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
  it('pins the first outputs so a sample can be re-drawn years later', () => {
    const r = seededRandom('2019-spot-check');
    const first = [r(), r(), r()];
    const again = seededRandom('2019-spot-check');
    expect([again(), again(), again()]).toEqual(first);
    expect(mulberry32(1)()).toBeCloseTo(0.6270739405881613, 12);
  });
  it('seededShuffle is a permutation and does not mutate its input', () => {
    const input = ['a', 'b', 'c', 'd', 'e'];
    const out = seededShuffle(input, 's');
    expect([...out].sort()).toEqual(input);
    expect(input).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(seededShuffle(input, 's')).toEqual(out);
  });
});

describe('S3.8 S4.8 drawSample', () => {
  it('same seed ⇒ same sample', () => {
    const one = drawSample({ seed: '2019-05', items: branches, perStratum: 3 });
    const two = drawSample({ seed: '2019-05', items: branches, perStratum: 3 });
    expect(two).toEqual(one);
  });

  it('is independent of input order', () => {
    const shuffled = seededShuffle(branches, 'any');
    expect(drawSample({ seed: '2019-05', items: shuffled, perStratum: 3 })).toEqual(
      drawSample({ seed: '2019-05', items: branches, perStratum: 3 }),
    );
  });

  it('different seeds give different samples', () => {
    const ids = (seed: string) => drawSample({ seed, items: branches, perStratum: 3 }).map((d) => d.id);
    expect(ids('2019-05')).not.toEqual(ids('2019-06'));
  });

  it('draws perStratum from every county, ordered by county then draw rank', () => {
    const sample = drawSample({ seed: 'x', items: branches, perStratum: 4 });
    expect(sample).toHaveLength(12);
    for (const county of counties) {
      const mine = sample.filter((s) => s.stratum === county);
      expect(mine.map((s) => s.rank)).toEqual([1, 2, 3, 4]);
      expect(mine.every((s) => s.id.startsWith(county))).toBe(true);
      expect(new Set(mine.map((s) => s.id)).size).toBe(4);
    }
    expect(sample.map((s) => s.stratum)).toEqual([...sample.map((s) => s.stratum)].sort());
  });

  it('takes a small county whole', () => {
    const items = [...branches, { id: 'tiny/1', stratum: 'tiny' }];
    const sample = drawSample({ seed: 'x', items, perStratum: 5 });
    expect(sample.filter((s) => s.stratum === 'tiny').map((s) => s.id)).toEqual(['tiny/1']);
  });

  it('adding a county does not change what the other counties draw', () => {
    const before = drawSample({ seed: 'x', items: branches, perStratum: 3 });
    const extra = Array.from({ length: 9 }, (_, i) => ({ id: `county-d/${i}`, stratum: 'county-d' }));
    const after = drawSample({ seed: 'x', items: [...branches, ...extra], perStratum: 3 });
    expect(after.filter((s) => s.stratum !== 'county-d')).toEqual(before);
  });

  it('every branch can be drawn (no dead positions)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      for (const d of drawSample({ seed: `s${i}`, items: branches, perStratum: 2 })) seen.add(d.id);
    }
    expect(seen.size).toBe(branches.length);
  });

  it('keeps extra fields of the items', () => {
    const [first] = drawSample({ seed: 'x', items: [{ id: '1', stratum: 'a', name: '一支部' }], perStratum: 1 });
    expect(first).toEqual({ id: '1', stratum: 'a', name: '一支部', rank: 1 });
  });

  it('rejects duplicate ids and bad sizes; perStratum 0 draws nothing', () => {
    expect(() => drawSample({ seed: 'x', items: [...branches, branches[0]!], perStratum: 1 })).toThrow(/duplicate/);
    expect(() => drawSample({ seed: 'x', items: branches, perStratum: -1 })).toThrow(RangeError);
    expect(() => drawSample({ seed: 'x', items: branches, perStratum: 1.5 })).toThrow(RangeError);
    expect(drawSample({ seed: 'x', items: branches, perStratum: 0 })).toEqual([]);
  });
});
