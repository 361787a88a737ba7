import { describe, expect, it } from 'vitest';
import { assignStars, type StarBand } from './star-rating';

const BANDS: StarBand[] = [
  { stars: 5, minScore: 90, maxShare: 0.2 },
  { stars: 4, minScore: 80, maxShare: 0.6 },
  { stars: 3, minScore: 60 },
  { stars: 2, minScore: 40 },
];
const entries = (scores: number[]) => scores.map((score, i) => ({ key: `b${i}`, score }));

describe('对标定级 star rating with quotas', () => {
  it('scores decide the band when quotas have room', () => {
    expect(assignStars(entries([95, 85, 85, 70, 50, 30, 81, 82, 83, 84]), BANDS).map((r) => r.stars)).toEqual([5, 4, 4, 3, 2, 1, 4, 4, 4, 4]);
  });

  it('at most 20% five-star: the lowest of the high scorers fall to four stars and say why', () => {
    const r = assignStars(entries([99, 98, 97, 96, 60, 60, 60, 60, 60, 60]), BANDS);
    expect(r.map((x) => x.stars)).toEqual([5, 5, 4, 4, 3, 3, 3, 3, 3, 3]);
    expect(r[2]).toMatchObject({ earned: 5, reason: '5 星名额已满（同分者同级）' });
  });

  it('a tie at the edge of a quota falls together, never split by chance', () => {
    const r = assignStars(entries([99, 95, 95, 60, 60, 60, 60, 60, 60, 60]), BANDS);
    expect(r.map((x) => x.stars)).toEqual([5, 4, 4, 3, 3, 3, 3, 3, 3, 3]);
  });

  it('a full four-star band pushes on to three stars', () => {
    const r = assignStars(entries([85, 85, 85, 85, 85, 85, 84, 10, 10, 10]), BANDS);
    expect(r.slice(0, 7).map((x) => x.stars)).toEqual([4, 4, 4, 4, 4, 4, 3]);
  });

  it('S0.3 a branch failing a mandatory item stays at or below the cap whatever its score', () => {
    const r = assignStars([{ key: 'a', score: 99, failsMandatory: true }, { key: 'b', score: 70 }], BANDS, 3);
    expect(r[0]).toMatchObject({ stars: 3, earned: 5, reason: '必备条件未达到' });
  });
});
